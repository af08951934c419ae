"""annotations.refs: where annotations are and whom they name, for views deciding whether a
change concerns them."""

from __future__ import annotations

from briefing.core import Library, Span
from briefing.core.sample import SampleLoaded, load_sample


def test_refs_give_the_article_and_every_actor_named(library: Library) -> None:
    sample: SampleLoaded = load_sample(library)
    article_id = sample.article_id
    c1 = library.claims.get(sample.claims["c1"])  # by US Treasury, about SenseTime, Uighurs
    china = library.actors.resolve("China").id
    mention = library.mentions.add(article_id, china, Span(0, 9))
    highlight = library.annotations.add(article_id, "highlight", Span(10, 20))
    library.claims.delete(sample.claims["c6"])

    refs = library.annotations.refs([c1.id, mention.id, highlight.id, sample.claims["c6"]])

    assert set(refs) == {c1.id, mention.id, highlight.id}  # a deleted one is left out
    assert refs[c1.id].article_id == article_id and refs[c1.id].kind == "claim"
    assert refs[c1.id].actor_ids == {c1.speaker.id, *(a.id for a in c1.about)}
    assert refs[mention.id].actor_ids == {china} and refs[mention.id].kind == "mention"
    assert refs[highlight.id].actor_ids == frozenset()
    assert library.annotations.refs([]) == {}


def test_refs_answer_for_more_ids_than_one_statement_takes(library: Library) -> None:
    sample = load_sample(library)
    ids = [a.id for a in library.annotations.for_article(sample.article_id)]
    asked = ids + list(range(10_000, 11_200))  # past the 500 ids of one statement
    assert set(library.annotations.refs(asked)) == set(ids)

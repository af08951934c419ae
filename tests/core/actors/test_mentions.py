"""Mentions and suggested mentions: found, accepted, rejected for good."""

from __future__ import annotations

import pytest

from briefing.core import InvalidInput, Library, NotFound
from briefing.core.annotations.service import Span


@pytest.fixture
def actors(library: Library) -> None:
    library.actors.add("SenseTime", kind="organisation")
    library.actors.add("United States", kind="state", aliases=["US", "Washington"])
    library.actors.add("China", kind="state", aliases=["Beijing"])


def test_suggestions_follow_names_aliases_and_case_rules(
    library: Library, sample_article: int, actors
) -> None:
    report = library.mentions.suggest(sample_article)
    suggestions = library.mentions.pending(article_id=sample_article)
    assert (report.articles, report.new, report.pending) == (1, len(suggestions), len(suggestions))
    text = library.articles.get(sample_article).text
    assert suggestions
    for s in suggestions:
        assert text[s.start : s.end] == s.text
    by_actor = {}
    for s in suggestions:
        by_actor.setdefault(s.actor.name, []).append(s.text)
    assert set(by_actor["SenseTime"]) == {"SenseTime"}  # "SenseTime's" gives "SenseTime"
    assert "Beijing" in by_actor["China"] and "China" in by_actor["China"]
    assert set(by_actor["United States"]) <= {"US", "United States", "Washington"}
    assert "us" not in by_actor["United States"]


def test_article_bound_aliases_only_hold_in_their_article(
    library: Library, sample_article: int, actors
) -> None:
    (other,) = library.imports.texts([("o", "Other\n\nThe company said nothing at all.")])
    library.actors.add_alias("SenseTime", "the company", article_id=sample_article)
    library.mentions.suggest()
    assert any(s.text == "the company" for s in library.mentions.pending(article_id=sample_article))
    assert library.mentions.pending(article_id=other.id) == []


def test_accept_and_reject(library: Library, sample_article: int, actors) -> None:
    library.mentions.suggest(sample_article)
    first, second, *_ = library.mentions.pending(article_id=sample_article)
    (mention,) = library.mentions.accept([first.id])
    assert (mention.actor, mention.start, mention.end) == (first.actor, first.start, first.end)
    assert library.mentions.reject([second.id]) == 1
    assert library.mentions.suggest(sample_article).new == 0
    again = library.mentions.pending(article_id=sample_article)
    assert first.id not in {s.id for s in again}  # accepted: tagged now
    assert second.id not in {s.id for s in again}  # rejected: never again
    assert (second.start, second.actor) not in {(s.start, s.actor) for s in again}
    with pytest.raises(InvalidInput):
        library.mentions.accept([second.id])
    with pytest.raises(NotFound):
        library.mentions.reject([99999])


def test_a_span_already_tagged_is_not_suggested(
    library: Library, sample_article: int, actors
) -> None:
    mention = library.mentions.add(sample_article, "China", Span(quote="China", occurrence=1))
    library.mentions.suggest(sample_article)
    pending = library.mentions.pending(article_id=sample_article)
    starts = {s.start for s in pending if s.actor.name == "China"}
    assert mention.start not in starts


def test_mentions_per_actor_across_articles(library: Library, sample_article: int, actors) -> None:
    (other,) = library.imports.texts([("o", "Other\n\nBeijing responded on Monday.")])
    library.mentions.add(sample_article, "China", Span(quote="China", occurrence=1))
    library.mentions.add(other.id, "Beijing", Span(quote="Beijing"))
    assert [m.article_id for m in library.mentions.list(actor="China")] == [
        sample_article,
        other.id,
    ]


def test_tagging_the_suggested_words_by_hand_answers_the_suggestion(
    library: Library, sample_article: int, actors
) -> None:
    library.mentions.suggest(sample_article)
    suggested = next(
        s for s in library.mentions.pending(article_id=sample_article) if s.actor.name == "China"
    )
    before = library.mentions.count_pending(article_id=sample_article)
    library.mentions.add(sample_article, "China", Span(suggested.start, suggested.end))
    assert suggested.id not in {s.id for s in library.mentions.pending(article_id=sample_article)}
    assert library.mentions.count_pending(article_id=sample_article) == before - 1

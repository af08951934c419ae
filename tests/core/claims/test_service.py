"""Claims: anchoring by quote, attribution, grades, sources, links, and bad input."""

from __future__ import annotations

import pytest

from briefing.core import InvalidInput, Library, NotFound
from briefing.core.annotations.service import Span
from briefing.core.claims.service import UNSET

QUOTE = "more than one million have been incarcerated in prison camps"


@pytest.fixture
def actors(library: Library) -> None:
    library.actors.add("UN experts and researchers", kind="group")
    library.actors.add("Uighurs", kind="group", aliases=["Uighur"])
    library.actors.add("SenseTime", kind="organisation")


def _count(library: Library, table: str) -> int:
    return library.connection().execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_claim_from_a_quote(library: Library, sample_article: int, actors) -> None:
    source = library.sources.add("AFP story", article_id=sample_article, grade="b")
    claim = library.claims.add(
        sample_article,
        Span(quote=QUOTE),
        speaker="UN experts and researchers",
        about=["Uighur"],
        status="corroborated",
        grade="2",
        note="An estimate.",
        sources=[(source.id, "supports")],
        tags=["Xinjiang"],
    )
    assert claim.quote == QUOTE and claim.prefix.endswith("researchers estimate ")
    assert claim.speaker.name == "UN experts and researchers"
    assert [a.name for a in claim.about] == ["Uighurs"]
    assert (claim.status, claim.grade, claim.note, claim.tags) == (
        "corroborated",
        2,
        "An estimate.",
        ("Xinjiang",),
    )
    assert [(s.title, s.relation, s.grade) for s in claim.sources] == [
        ("AFP story", "supports", "B")
    ]


def test_an_ambiguous_quote_asks_for_help(library: Library, sample_article: int) -> None:
    with pytest.raises(InvalidInput, match="--prefix|--occurrence"):
        library.claims.add(sample_article, Span(quote="SenseTime"))
    second = library.claims.add(sample_article, Span(quote="SenseTime", occurrence=2))
    first = library.claims.add(sample_article, Span(quote="SenseTime", prefix="start-up "))
    assert first.start < second.start


@pytest.mark.parametrize(
    ("span", "options", "error"),
    [
        (Span(quote="not in this article at all"), {}, InvalidInput),
        (Span(start=10, end=10), {}, InvalidInput),
        (Span(start=10, end=99999), {}, InvalidInput),
        (Span(quote=QUOTE), {"speaker": "Nobody Known"}, NotFound),
        (Span(quote=QUOTE), {"grade": 7}, InvalidInput),
        (Span(quote=QUOTE), {"grade": "high"}, InvalidInput),
        (Span(quote=QUOTE), {"status": "rumoured"}, InvalidInput),
        (Span(quote=QUOTE), {"sources": [999]}, NotFound),
    ],
)
def test_bad_claims_change_nothing(
    library: Library, sample_article: int, actors, span, options, error
) -> None:
    before = _count(library, "annotations")
    with pytest.raises(error):
        library.claims.add(sample_article, span, **options)
    assert _count(library, "annotations") == before
    assert _count(library, "claims") == 0


def test_an_unknown_article(library: Library) -> None:
    with pytest.raises(NotFound):
        library.claims.add(42, Span(quote="x"))


def test_edit_and_clear(library: Library, sample_article: int, actors) -> None:
    claim = library.claims.add(sample_article, Span(quote=QUOTE), speaker="SenseTime", grade=3)
    edited = library.claims.edit(
        claim.id,
        speaker="UN experts and researchers",
        about=["Uighurs"],
        status="disputed",
        add_tags=["camps"],
    )
    assert (edited.speaker.name, edited.status, edited.grade, edited.tags) == (
        "UN experts and researchers",
        "disputed",
        3,
        ("camps",),
    )
    cleared = library.claims.edit(
        claim.id, speaker=None, grade=None, about=[], remove_tags=["camps"]
    )
    assert (cleared.speaker, cleared.grade, cleared.about, cleared.tags) == (None, None, (), ())
    with pytest.raises(InvalidInput):
        library.claims.edit(claim.id, grade=0)
    assert library.claims.edit(claim.id, note=UNSET) == cleared


def test_links_across_articles(library: Library, sample_article: int) -> None:
    (other,) = library.imports.texts([("o", "Other story\n\nThe camps hold a million people.")])
    a = library.claims.add(sample_article, Span(quote=QUOTE))
    b = library.claims.add(other.id, Span(quote="The camps hold a million people"))
    library.claims.link(b.id, a.id, "repeats")
    assert [(x.claim_id, x.relation, x.outgoing) for x in library.claims.get(a.id).links] == [
        (b.id, "repeats", False)
    ]
    with pytest.raises(InvalidInput):
        library.claims.link(a.id, a.id, "supports")
    with pytest.raises(InvalidInput):
        library.claims.link(a.id, b.id, "agrees")


def test_list_filters(library: Library, sample_article: int, actors) -> None:
    library.tags.tag_article(sample_article, ["xinjiang"])
    c = library.claims.add(
        sample_article,
        Span(quote=QUOTE),
        speaker="UN experts and researchers",
        about=["Uighurs"],
        status="corroborated",
    )
    library.claims.add(
        sample_article,
        Span(quote="caught in the middle of geopolitical tension"),
        speaker="SenseTime",
    )
    assert [x.id for x in library.claims.list(actor="Uighur")] == [c.id]
    assert [x.id for x in library.claims.list(status="corroborated")] == [c.id]
    assert len(library.claims.list(tag="Xinjiang")) == 2  # via the article's tag
    assert library.claims.list(article_id=999) == []


def test_deleting_an_article_takes_its_claims(
    library: Library, sample_article: int, actors
) -> None:
    library.claims.add(sample_article, Span(quote=QUOTE), speaker="SenseTime", about=["Uighurs"])
    assert library.articles.deletion_preview(sample_article).annotations == 1
    library.articles.delete([sample_article])
    assert library.claims.list() == []
    assert _count(library, "claim_about") == 0

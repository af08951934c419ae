"""An actor's page read in one go: aliases, mentions, claims made and about, suggestions."""

from __future__ import annotations

import pytest

from briefing.core import Library, NotFound
from briefing.core.actors.page import words_after, words_before
from briefing.core.anchoring.selectors import Selector
from briefing.core.annotations.service import Span
from briefing.core.sample import SampleLoaded, load_sample

TITLE = "SenseTime postpones IPO after US blacklisting"


@pytest.fixture
def sample(library: Library) -> SampleLoaded:
    loaded = load_sample(library)
    library.mentions.suggest()
    return loaded


def test_sensetime_page(library: Library, sample: SampleLoaded) -> None:
    sensetime = library.actors.resolve("SenseTime").id
    page = library.actors.page(sensetime)
    assert page.actor.name == "SenseTime" and page.actor.kind == "organisation"
    assert [(a.alias.text, a.article_title) for a in page.aliases] == [
        ("the company", TITLE),
        ("the firm", TITLE),
    ]
    (mention,) = page.mentions.rows
    assert (mention.text, mention.article_title, mention.article_date) == (
        "SenseTime",
        TITLE,
        "2021-12-14",
    )
    assert mention.before == "HONG KONG, Dec 14 ― Chinese artificial intelligence start-up"
    assert mention.after.startswith("said yesterday it was postponing a US$767 million")
    assert page.mention_articles == 1
    assert {c.id for c in page.claims_made.rows} == {sample.claims["c2"], sample.claims["c6"]}
    assert {c.id for c in page.claims_about.rows} == {sample.claims["c1"], sample.claims["c5"]}
    c1 = next(c for c in page.claims_about.rows if c.id == sample.claims["c1"])
    assert (c1.speaker.name, c1.status, c1.grade) == ("US Treasury", "disputed", 3)
    assert [a.name for a in c1.about] == ["SenseTime", "Uighurs"]
    assert page.suggestions.total == 11 == len(page.suggestions.rows)
    texts = {s.text for s in page.suggestions.rows}
    assert texts == {"SenseTime", "the company", "the firm"}
    firm = next(s for s in page.suggestions.rows if s.text == "the firm")
    assert firm.after == "said."  # the paragraph ends there


def test_treasury_claims_are_told_apart(library: Library, sample: SampleLoaded) -> None:
    page = library.actors.page(library.actors.resolve("US Treasury").id)
    assert [c.id for c in page.claims_made.rows] == [sample.claims["c1"]]
    assert [c.id for c in page.claims_about.rows] == [sample.claims["c2"]]
    assert page.claims_about.rows[0].speaker.name == "SenseTime"
    assert [a.alias.text for a in page.aliases] == ["The US Treasury"]
    assert page.aliases[0].article_title is None


def test_lists_are_capped_with_their_totals(library: Library, sample: SampleLoaded) -> None:
    sensetime = library.actors.resolve("SenseTime").id
    page = library.actors.page(sensetime, limit=3)
    assert len(page.suggestions.rows) == 3 and page.suggestions.total == 11
    assert page.suggestions.more == 8
    assert len(page.claims_made.rows) == 2 and page.claims_made.more == 0
    assert len(library.mentions.pending_ids(sensetime)) == 11


def test_pending_counts_follow_the_reader(library: Library, sample: SampleLoaded) -> None:
    china = library.actors.resolve("China").id
    counts = library.mentions.pending_counts()
    assert counts[china] == 8
    library.mentions.reject(library.mentions.pending_ids(china)[:3])
    assert library.mentions.pending_counts()[china] == 5
    library.mentions.accept(library.mentions.pending_ids(china))
    assert china not in library.mentions.pending_counts()
    assert library.actors.page(china).mentions.total == 5


def test_orphaned_mention_keeps_its_last_words(library: Library, sample_article: int) -> None:
    actor = library.actors.add("SenseTime", kind="organisation")
    library.mentions.add(sample_article, actor.id, Span(quote="SenseTime", occurrence=2))
    orphan = library.mentions.add(
        sample_article,
        actor.id,
        Span(placed=Selector(0, 15, "SenseTime Group", "shares of ", " fell"), orphaned=True),
    )
    page = library.actors.page(actor.id)
    assert page.mentions.total == 2
    last = page.mentions.rows[-1]
    assert (last.id, last.orphaned, last.before, last.after) == (
        orphan.id,
        True,
        "shares of",
        "fell",
    )


def test_newest_articles_come_first(library: Library, sample_article: int) -> None:
    older = library.imports.texts([("old.txt", b"SenseTime was founded in 2014 in Hong Kong.")])
    library.articles.edit(older[0].id, date="2014-10")
    library.articles.edit(sample_article, date="2021-12-14")
    actor = library.actors.add("SenseTime", kind="organisation")
    library.mentions.suggest()
    page = library.actors.page(actor.id)
    articles = [s.article_id for s in page.suggestions.rows]
    assert articles[0] == sample_article and articles[-1] == older[0].id
    assert page.suggestions.rows[-1].before == "" and page.suggestions.rows[-1].after == (
        "was founded in 2014 in Hong Kong."
    )


def test_unknown_actor(library: Library) -> None:
    with pytest.raises(NotFound):
        library.actors.page(99)


def test_context_is_cut_at_whole_words() -> None:
    cut = ("ter " + "the ban was announced on Friday " * 3)[:70]
    assert words_before(cut).startswith("the ban was")
    assert words_before("said on Friday that") == "said on Friday that"  # the text's start
    assert words_before("First paragraph.\n\nSecond  one,") == "Second one,"
    assert words_after("said. \n\nNext paragraph") == "said."
    assert words_after(("a" * 40) + " and more words than fit in seventy charac") == (
        "a" * 40 + " and more words than fit in seventy"
    )

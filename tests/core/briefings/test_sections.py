"""Sections as things of their own: made empty, moved, taken out with their items and put
back under the same ids (what New Section, Alt+Up/Down and Delete Section with undo rest on)."""

from __future__ import annotations

import pytest

from briefing.core import Changes, Kind, Library, Span
from briefing.core.errors import InvalidInput, NotFound
from briefing.core.sample import SampleLoaded, load_sample


@pytest.fixture
def sample(library: Library) -> SampleLoaded:
    return load_sample(library)


@pytest.fixture
def briefing_id(library: Library, sample: SampleLoaded) -> int:
    c = sample.claims
    b = library.briefings.new("SenseTime IPO")
    library.briefings.add_claims(b, [c["c1"], c["c5"]], section="The designation")
    library.briefings.add_claims(b, [c["c2"]], section="SenseTime's response")
    library.briefings.add_note(b, "A note.", section="SenseTime's response")
    return b


def _headings(library: Library, briefing_id: int) -> list[str]:
    sections = library.briefings.get(briefing_id).sections
    assert [s.position for s in sections] == list(range(1, len(sections) + 1))
    return [s.heading for s in sections]


def test_a_new_section_is_empty_and_goes_last_or_where_asked(
    library: Library, briefing_id: int
) -> None:
    last = library.briefings.add_section(briefing_id, "  Outlook  ")
    first = library.briefings.add_section(briefing_id, "Background", at=1)
    assert _headings(library, briefing_id) == [
        "Background",
        "The designation",
        "SenseTime's response",
        "Outlook",
    ]
    sections = {s.id: s for s in library.briefings.get(briefing_id).sections}
    assert sections[last].items == () and sections[first].items == ()
    # Items can be added to it by name, as to any section.
    library.briefings.add_note(briefing_id, "Context.", section="background")
    assert library.briefings.get(briefing_id).sections[0].items[0].text == "Context."


def test_bad_new_sections_are_refused_and_change_nothing(
    library: Library, briefing_id: int
) -> None:
    before = library.briefings.get(briefing_id)
    for heading, at in (("", None), ("   ", None), ("the DESIGNATION", None), ("New", 9)):
        with pytest.raises(InvalidInput):
            library.briefings.add_section(briefing_id, heading, at=at)
    with pytest.raises(NotFound):
        library.briefings.add_section(42, "Outlook")
    assert library.briefings.get(briefing_id) == before


def test_moving_a_section_takes_its_items_along(library: Library, briefing_id: int) -> None:
    response = library.briefings.get(briefing_id).sections[1]
    changes = library.briefings.move_section(briefing_id, response.id, 1)
    assert isinstance(changes, Changes) and briefing_id in changes.ids(Kind.BRIEFING)
    moved = library.briefings.get(briefing_id).sections
    assert [s.heading for s in moved] == ["SenseTime's response", "The designation"]
    assert moved[0].items == response.items
    with pytest.raises(InvalidInput):
        library.briefings.move_section(briefing_id, response.id, 3)
    with pytest.raises(NotFound):
        library.briefings.move_section(briefing_id, 999, 1)


def test_a_removed_section_comes_back_whole_under_its_ids(
    library: Library, briefing_id: int, sample: SampleLoaded
) -> None:
    before = library.briefings.get(briefing_id)
    designation = before.sections[0]
    removed = library.briefings.remove_section(briefing_id, designation.id)
    assert removed == designation
    after = library.briefings.get(briefing_id)
    assert _headings(library, briefing_id) == ["SenseTime's response"]
    assert library.claims.get(sample.claims["c1"]).id == sample.claims["c1"]  # claims stay
    assert after.item(designation.items[0].id) is None

    library.briefings.restore_section(briefing_id, removed)
    assert library.briefings.get(briefing_id).sections == before.sections


def test_a_section_is_not_put_back_over_one_of_the_same_name(
    library: Library, briefing_id: int
) -> None:
    designation = library.briefings.get(briefing_id).sections[0]
    removed = library.briefings.remove_section(briefing_id, designation.id)
    library.briefings.add_section(briefing_id, "The Designation")
    during = library.briefings.get(briefing_id)
    with pytest.raises(InvalidInput):
        library.briefings.restore_section(briefing_id, removed)
    assert library.briefings.get(briefing_id) == during


def test_a_quote_with_its_citation(library: Library, sample: SampleLoaded) -> None:
    library.articles.edit(
        sample.article_id,
        title="SenseTime postpones IPO after US blacklisting",
        outlet="The Star",
        date="2021-12-14",
    )
    claim = library.claims.get(sample.claims["c2"])
    text = library.annotations.quote_with_citation(claim.id)
    assert text == (
        "“The accusations are unfounded and reflect a fundamental misperception of our "
        "Company” — SenseTime, in “SenseTime postpones IPO after US blacklisting”, "
        "The Star (AFP), 14 December 2021"
    )
    highlight = library.annotations.add(sample.article_id, "highlight", Span(0, 9))
    assert library.annotations.quote_with_citation(highlight.id) == (
        "“HONG KONG” — “SenseTime postpones IPO after US blacklisting”, The Star (AFP), "
        "14 December 2021"
    )
    with pytest.raises(NotFound):
        library.annotations.quote_with_citation(9999)

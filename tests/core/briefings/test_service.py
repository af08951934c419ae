"""The briefing service: sections and items, positions, snapshots, one transaction a change."""

from __future__ import annotations

import pytest

from briefing.core import Library
from briefing.core.articles.update import replace_text
from briefing.core.errors import InvalidInput, NotFound
from briefing.core.sample import SampleLoaded, load_sample


@pytest.fixture
def sample(library: Library) -> SampleLoaded:
    return load_sample(library)


def _layout(library: Library, briefing_id: int) -> list[tuple[str, list[str]]]:
    """Sections and their items as short strings: 'c<claim id>', 'note:<text>', '#<text>'."""
    out = []
    for section in library.briefings.get(briefing_id).sections:
        items = []
        for item in section.items:
            if item.kind == "claim":
                items.append(f"c{item.claim_id}")
            else:
                items.append(("note:" if item.kind == "note" else "#") + item.text)
        assert [i.position for i in section.items] == list(range(1, len(items) + 1))
        out.append((section.heading, items))
    return out


def test_new_briefing_is_empty_and_listed(library: Library) -> None:
    briefing_id = library.briefings.new(
        "  SenseTime   IPO ", bluf="Bottom line.", author="A. Analyst", date="2021-12-15"
    )
    briefing = library.briefings.get(briefing_id)
    assert (briefing.title, briefing.author, briefing.bluf) == (
        "SenseTime IPO",
        "A. Analyst",
        "Bottom line.",
    )
    assert briefing.date.iso() == "2021-12-15"
    assert briefing.sections == () and briefing.items == ()
    (summary,) = library.briefings.list()
    assert (summary.id, summary.claims, summary.sections) == (briefing_id, 0, 0)
    assert library.briefings.get(library.briefings.new("Today")).date is not None


def test_bad_input_is_refused(library: Library, sample: SampleLoaded) -> None:
    with pytest.raises(InvalidInput):
        library.briefings.new("   ")
    with pytest.raises(InvalidInput):
        library.briefings.new("T", date="the fifteenth")
    with pytest.raises(NotFound):
        library.briefings.get(42)
    with pytest.raises(NotFound):
        library.briefings.add_claims(42, [sample.claims["c1"]])
    with pytest.raises(NotFound):
        library.briefings.add_note(42, "note")


def test_sections_are_created_when_new_and_appended_last(
    library: Library, sample: SampleLoaded
) -> None:
    c = sample.claims
    b = library.briefings.new("B")
    library.briefings.add_claims(b, [c["c1"], c["c5"]], section="The designation")
    library.briefings.add_claims(b, [c["c2"]], section="SenseTime's response")
    library.briefings.add_claims(b, [c["c3"]], section="the   DESIGNATION")  # same section
    library.briefings.add_note(b, "A note.")  # no section named: the last one
    library.briefings.add_heading(b, "Countermeasures", section="Beijing's reaction")
    assert _layout(library, b) == [
        ("The designation", [f"c{c['c1']}", f"c{c['c5']}", f"c{c['c3']}"]),
        ("SenseTime's response", [f"c{c['c2']}", "note:A note."]),
        ("Beijing's reaction", ["#Countermeasures"]),
    ]
    first = library.briefings.new("Untitled first")
    library.briefings.add_note(first, "x")
    assert _layout(library, first) == [("", ["note:x"])]


def test_a_claim_stands_once_per_briefing_but_in_many_briefings(
    library: Library, sample: SampleLoaded
) -> None:
    c1, c2 = sample.claims["c1"], sample.claims["c2"]
    one, two = library.briefings.new("One"), library.briefings.new("Two")
    library.briefings.add_claims(one, [c1])
    library.briefings.add_claims(two, [c1])
    with pytest.raises(InvalidInput, match="already in briefing"):
        library.briefings.add_claims(one, [c2, c1])  # checked first: c2 is not added either
    with pytest.raises(NotFound, match="no claim with id 999"):
        library.briefings.add_claims(one, [c2, 999])
    assert _layout(library, one) == [("", [f"c{c1}"])]
    assert (
        library.briefings.add_claims(one, [c2, c2]) and len(library.briefings.get(one).items) == 2
    )


def test_move_within_and_across_sections(library: Library, sample: SampleLoaded) -> None:
    c = sample.claims
    b = library.briefings.new("B")
    first, second, third = library.briefings.add_claims(b, [c["c1"], c["c2"], c["c3"]], section="A")
    note = library.briefings.add_note(b, "n", section="B")
    moved = library.briefings.move(b, third, 1)
    assert moved.position == 1
    assert _layout(library, b)[0] == ("A", [f"c{c['c3']}", f"c{c['c1']}", f"c{c['c2']}"])
    library.briefings.move(b, first, 2, section="b")
    assert _layout(library, b) == [
        ("A", [f"c{c['c3']}", f"c{c['c2']}"]),
        ("B", ["note:n", f"c{c['c1']}"]),
    ]
    library.briefings.move(b, note, 1, section="C")  # a new section, last
    assert _layout(library, b)[1:] == [("B", [f"c{c['c1']}"]), ("C", ["note:n"])]
    before = _layout(library, b)
    with pytest.raises(InvalidInput, match="outside 1 to 2"):
        library.briefings.move(b, second, 3)
    with pytest.raises(NotFound):
        library.briefings.move(b, 999, 1)
    assert _layout(library, b) == before


def test_remove_keeps_the_claim_and_renumbers(library: Library, sample: SampleLoaded) -> None:
    c = sample.claims
    b = library.briefings.new("B")
    ids = library.briefings.add_claims(b, [c["c1"], c["c2"], c["c3"]])
    other = library.briefings.new("Other")
    with pytest.raises(NotFound):
        library.briefings.remove(other, ids[0])  # an item of another briefing
    removed = library.briefings.remove(b, ids[1])
    assert (removed.claim_id, removed.position) == (c["c2"], 2)
    assert _layout(library, b) == [("", [f"c{c['c1']}", f"c{c['c3']}"])]
    assert library.claims.get(c["c2"]).id == c["c2"]


def test_snapshots_outlive_the_claim_and_follow_its_edits(
    library: Library, sample: SampleLoaded
) -> None:
    c1 = sample.claims["c1"]
    b = library.briefings.new("B")
    (item_id,) = library.briefings.add_claims(b, [c1])
    library.claims.edit(c1, speaker="United States")
    library.briefings.add_note(b, "any change refreshes the snapshots")
    library.claims.delete(c1)
    item = library.briefings.get(b).item(item_id)
    assert item.gone and item.claim_id is None
    assert item.snapshot.quote.startswith("SenseTime's facial recognition programmes")
    assert item.snapshot.speaker.name == "United States"
    assert item.snapshot.article.title == "SenseTime postpones IPO after US blacklisting"
    assert {s.grade for s in item.snapshot.sources} == {"A", "B"}


def test_deleting_the_article_keeps_the_quote(library: Library, sample: SampleLoaded) -> None:
    b = library.briefings.new("B")
    library.briefings.add_claims(b, list(sample.claims.values()))
    library.articles.delete([sample.article_id])
    items = library.briefings.get(b).items
    assert len(items) == 6 and all(i.gone for i in items)
    assert {i.snapshot.speaker.name for i in items} >= {"US Treasury", "SenseTime", "Wang Wenbin"}


def test_orphaned_claims_keep_their_last_quote(library: Library, sample: SampleLoaded) -> None:
    b = library.briefings.new("B")
    library.briefings.add_claims(b, [sample.claims["c3"]])
    replace_text(library, sample.article_id, "A text that no longer says any of it.")
    assert library.claims.get(sample.claims["c3"]).orphaned
    library.briefings.refresh_snapshots(b)
    (item,) = library.briefings.get(b).items
    assert item.snapshot.orphaned and "incarcerated" in item.snapshot.quote


def test_edit_rename_and_delete(library: Library, sample: SampleLoaded) -> None:
    b = library.briefings.new("B", author="X")
    library.briefings.add_note(b, "n", section="Old")
    edited = library.briefings.edit(b, title="New title", bluf="BLUF", date=None)
    assert (edited.title, edited.bluf, edited.author, edited.date) == (
        "New title",
        "BLUF",
        "X",
        None,
    )
    library.briefings.rename_section(b, "old", "Renamed")
    assert _layout(library, b) == [("Renamed", ["note:n"])]
    (item,) = library.briefings.get(b).items
    assert library.briefings.edit_text(b, item.id, " changed ").text == "changed"
    with pytest.raises(InvalidInput):
        library.briefings.add_note(b, "   ")
    library.briefings.delete(b)
    assert library.briefings.list() == []
    assert library.connection().execute("SELECT count(*) FROM briefing_items").fetchone() == (0,)


def test_a_deleted_claim_leaves_what_it_said_last(library: Library, sample: SampleLoaded) -> None:
    """The snapshot is taken again just before the claim goes, so an edit the briefing never
    heard of (a new speaker) is what the briefing keeps."""
    claim = sample.claims["c1"]
    b = library.briefings.new("Weekly")
    library.briefings.add_claims(b, [claim])
    library.claims.edit(claim, speaker="United States")
    library.claims.delete(claim)
    (item,) = library.briefings.get(b).items
    assert item.gone and item.snapshot is not None
    assert item.snapshot.speaker is not None and item.snapshot.speaker.name == "United States"


def test_editing_the_bottom_line_writes_only_the_briefing(
    library: Library, sample: SampleLoaded
) -> None:
    """Typed and committed every second or two: one row written, however many claims the
    briefing quotes (it used to re-snapshot every one of them)."""
    b = library.briefings.new("Weekly")
    library.briefings.add_claims(b, list(sample.claims.values()))
    library.claims.edit(sample.claims["c2"], speaker="United States")  # a stale snapshot
    statements: list[str] = []
    conn = library.connection()
    conn.set_trace_callback(statements.append)
    library.briefings.edit(b, bluf="The designation forced the delay.")
    conn.set_trace_callback(None)
    updates = [s.split()[1] for s in statements if s.lstrip().upper().startswith("UPDATE")]
    # Its trigger's journal rows aside, which trace cannot see, and the one statement that
    # signs the commit's records with the user's name (core/provenance.py).
    assert set(updates) == {"briefings", "journal"}
    assert sum(s.lstrip().startswith("UPDATE journal SET changed_by") for s in statements) == 1
    assert library.briefings.get(b).bluf == "The designation forced the delay."

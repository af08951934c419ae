"""Putting back what was removed, under the same ids: what the app's undo rests on."""

from __future__ import annotations

import pytest

from briefing.core import Library
from briefing.core.errors import InvalidInput, NotFound
from briefing.core.sample import SampleLoaded, load_sample


@pytest.fixture
def sample(library: Library) -> SampleLoaded:
    return load_sample(library)


@pytest.fixture
def briefing_id(library: Library, sample: SampleLoaded) -> int:
    c = sample.claims
    b = library.briefings.new("SenseTime IPO", bluf="Bottom line.", date="2021-12-15")
    library.briefings.add_claims(b, [c["c1"], c["c5"], c["c3"]], section="The designation")
    library.briefings.add_claims(b, [c["c2"]], section="SenseTime's response")
    library.briefings.add_note(b, "Analyst note: *remains committed*.")
    return b


def test_a_removed_item_comes_back_with_its_id_and_position(
    library: Library, briefing_id: int
) -> None:
    before = library.briefings.get(briefing_id)
    middle = before.sections[0].items[1]
    removed = library.briefings.remove(briefing_id, middle.id)
    assert library.briefings.get(briefing_id).item(middle.id) is None

    restored = library.briefings.restore(briefing_id, removed)

    assert restored == middle
    assert library.briefings.get(briefing_id).sections == before.sections


def test_a_note_comes_back_with_its_text(library: Library, briefing_id: int) -> None:
    note = next(i for i in library.briefings.get(briefing_id).items if i.kind == "note")
    removed = library.briefings.remove(briefing_id, note.id)
    assert library.briefings.restore(briefing_id, removed) == note


def test_restoring_into_a_shorter_section_puts_the_item_last(
    library: Library, briefing_id: int
) -> None:
    first, second, third = library.briefings.get(briefing_id).sections[0].items
    gone_third = library.briefings.remove(briefing_id, third.id)
    library.briefings.remove(briefing_id, second.id)
    restored = library.briefings.restore(briefing_id, gone_third)
    assert restored.position == 2
    items = library.briefings.get(briefing_id).sections[0].items
    assert [i.id for i in items] == [first.id, third.id]


def test_a_claim_deleted_meanwhile_comes_back_as_its_snapshot(
    library: Library, briefing_id: int, sample: SampleLoaded
) -> None:
    item = next(
        i for i in library.briefings.get(briefing_id).items if i.claim_id == sample.claims["c5"]
    )
    removed = library.briefings.remove(briefing_id, item.id)
    library.claims.delete(sample.claims["c5"])
    restored = library.briefings.restore(briefing_id, removed)
    assert restored.gone and restored.snapshot == item.snapshot


def test_restore_is_refused_when_it_cannot_be_exact(
    library: Library, briefing_id: int, sample: SampleLoaded
) -> None:
    item = library.briefings.get(briefing_id).sections[0].items[0]
    with pytest.raises(InvalidInput):  # still there: its id is taken
        library.briefings.restore(briefing_id, item)
    removed = library.briefings.remove(briefing_id, item.id)
    library.briefings.add_claims(briefing_id, [removed.claim_id])  # the claim is back
    with pytest.raises(InvalidInput):
        library.briefings.restore(briefing_id, removed)
    other = library.briefings.new("Another")
    with pytest.raises(NotFound):  # its section belongs to another briefing
        library.briefings.restore(other, removed)


def test_a_deleted_briefing_comes_back_whole(library: Library, briefing_id: int) -> None:
    other = library.briefings.new("Older")
    before = library.briefings.get(briefing_id)
    listed = library.briefings.list()
    gone = library.briefings.delete(briefing_id)
    assert [b.id for b in library.briefings.list()] == [other]

    library.briefings.restore_briefing(gone)

    assert library.briefings.get(briefing_id) == before
    assert library.briefings.list() == listed
    with pytest.raises(InvalidInput):
        library.briefings.restore_briefing(gone)

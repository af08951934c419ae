"""The briefing tree's model (checked by Qt's model tester), the list of briefings, and
where a drop puts items."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from briefing.core import Library, drop_placements, placements_of
from briefing.core.sample import SampleLoaded, load_sample
from briefing.ui.workspace.list_model import BriefingListModel, IdRole
from briefing.ui.workspace.mime import CLAIMS_MIME, ITEMS_MIME, claims_mime_data, ids_in
from briefing.ui.workspace.tree_model import BriefingTreeModel, Role


@pytest.fixture
def sample(library: Library) -> SampleLoaded:
    return load_sample(library)


@pytest.fixture
def briefing_id(library: Library, sample: SampleLoaded) -> int:
    c = sample.claims
    b = library.briefings.new("SenseTime IPO and US sanctions", date="2021-12-15")
    library.briefings.add_claims(b, [c["c1"], c["c5"], c["c3"]], section="The designation")
    library.briefings.add_claims(b, [c["c2"], c["c6"]], section="SenseTime's response")
    library.briefings.add_note(b, "Analyst note: *committed*.")
    library.briefings.add_heading(b, "Countermeasures", section="Beijing's reaction")
    library.briefings.add_claims(b, [c["c4"]], section="Beijing's reaction")
    return b


def _order(library: Library, briefing_id: int) -> list[list[int]]:
    return [[i.id for i in s.items] for s in library.briefings.get(briefing_id).sections]


def test_the_tree_model_passes_the_model_tester(
    qtmodeltester, qapp, library: Library, briefing_id: int
) -> None:
    model = BriefingTreeModel()
    qtmodeltester.check(model)
    model.set_briefing(library.briefings.get(briefing_id))
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.rowCount(model.index(1, 0)) == 3


def test_rows_show_quote_and_speaker_notes_and_headings(
    qapp, library: Library, briefing_id: int
) -> None:
    model = BriefingTreeModel()
    model.set_briefing(library.briefings.get(briefing_id))
    designation, response, reaction = (model.index(n, 0) for n in range(3))
    assert designation.data() == "The designation  (3 items)"
    first = model.index(0, 0, designation)
    assert first.data().startswith("“SenseTime's facial recognition programmes")
    assert first.data().endswith("” — US Treasury")
    note = model.index(2, 0, response)
    assert (note.data(Role.Kind), note.data()) == ("note", "Analyst note: *committed*.")
    assert model.index(0, 0, reaction).data() == "Countermeasures"
    assert not model.flags(first) & Qt.ItemFlag.ItemIsEditable  # claims: edited in the reader
    assert model.flags(first) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(designation) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.index(5, 0, designation) == QModelIndex() and model.data(QModelIndex()) is None


def test_mime_data_carries_item_ids_in_reading_order(
    qapp, library: Library, briefing_id: int
) -> None:
    model = BriefingTreeModel()
    briefing = library.briefings.get(briefing_id)
    model.set_briefing(briefing)
    last, first = briefing.items[4].id, briefing.items[0].id
    data = model.mimeData(
        [model.index_of_item(last), model.index(0, 0), model.index_of_item(first)]
    )
    assert ids_in(data, ITEMS_MIME) == [first, last]
    assert ids_in(claims_mime_data([3, 4]), CLAIMS_MIME) == [3, 4]
    assert ids_in(claims_mime_data([3]), ITEMS_MIME) == []


def test_drops_at_every_kind_of_place(qapp, library: Library, briefing_id: int) -> None:
    model = BriefingTreeModel()
    briefing = library.briefings.get(briefing_id)
    model.set_briefing(briefing)
    dropped: list[tuple[list[int], int, int]] = []
    model.items_dropped.connect(lambda ids, section, row: dropped.append((ids, section, row)))
    data = model.mimeData([model.index(0, 0, model.index(0, 0))])
    s1, s2, s3 = (s.id for s in briefing.sections)
    move = Qt.DropAction.MoveAction
    assert model.dropMimeData(data, move, 1, 0, model.index(1, 0)) is False  # the view keeps rows
    model.dropMimeData(data, move, -1, 0, model.index(2, 0))  # on a section: its end
    model.dropMimeData(data, move, 2, 0, QModelIndex())  # above section 3: end of section 2
    model.dropMimeData(data, move, 0, 0, QModelIndex())  # above the first: its start
    model.dropMimeData(data, move, -1, 0, QModelIndex())  # the empty viewport: the very end
    assert [d[1:] for d in dropped] == [(s2, 1), (s3, -1), (s2, -1), (s1, 0), (s3, -1)]
    assert all(d[0] == [briefing.items[0].id] for d in dropped)


def test_drop_placements_and_place_them(library: Library, briefing_id: int) -> None:
    briefing = library.briefings.get(briefing_id)
    (a, b, c), (d, e, note), (heading, f) = _order(library, briefing_id)
    s1, s2, _s3 = briefing.sections
    assert drop_placements(briefing, [a], s1.id, 0) == []  # where it is already
    assert drop_placements(briefing, [a], s1.id, 1) == []  # just below itself: no move
    # Several items, some from the target section itself, to its end.
    after = drop_placements(briefing, [a, c], s1.id, -1)
    assert after == [(a, s1.heading, 2), (c, s1.heading, 3)]
    before = placements_of(briefing, [a, c])
    library.briefings.move_items(briefing_id, after)
    assert _order(library, briefing_id)[0] == [b, a, c]
    library.briefings.move_items(briefing_id, before)
    assert _order(library, briefing_id)[0] == [a, b, c]
    # Across sections: c and d to the top of section 1, then back.
    briefing = library.briefings.get(briefing_id)
    after = drop_placements(briefing, [c, d], s1.id, 0)
    before = placements_of(briefing, [c, d])
    library.briefings.move_items(briefing_id, after)
    assert _order(library, briefing_id)[:2] == [[c, d, a, b], [e, note]]
    library.briefings.move_items(briefing_id, before)
    assert _order(library, briefing_id) == [[a, b, c], [d, e, note], [heading, f]]


def test_the_list_model(qtmodeltester, qapp, library: Library, briefing_id: int) -> None:
    older = library.briefings.new("Older", author="B. Analyst")
    model = BriefingListModel(library)
    model.refresh()
    qtmodeltester.check(model)
    assert [model.index(n, 0).data(IdRole) for n in range(2)] == [older, briefing_id]
    assert model.index(1, 0).data() == (
        "SenseTime IPO and US sanctions\n6 claims · 15 December 2021"
    )
    titles: list[tuple[int, str]] = []
    model.title_edited.connect(lambda i, t: titles.append((i, t)))
    assert model.setData(model.index(0, 0), "Newer title")
    assert titles == [(older, "Newer title")]

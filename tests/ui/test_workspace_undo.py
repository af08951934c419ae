"""Undo covers briefing edits: the library says so after each undo and redo, removed items
come back with their ids, and a whole BLUF edit is one undo step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextCursor

from briefing.core import Library, NotFound
from briefing.core.sample import SampleLoaded, load_sample
from briefing.ui.workspace import edits, open_workspace
from briefing.ui.workspace.text_dialog import TextItemDialog
from briefing.ui.workspace.window import WorkspaceWindow
from tests.ui.test_workspace_helpers import (
    BLUF,
    DESIGNATION,
    section_index,
    shortcut,
    workspace_on,
)


@pytest.fixture
def sample(library: Library) -> SampleLoaded:
    return load_sample(library)


@pytest.fixture
def briefing_id(library: Library, sample: SampleLoaded) -> int:
    c = sample.claims
    b = library.briefings.new("SenseTime IPO and US sanctions", bluf="Old bottom line.")
    library.briefings.add_claims(b, [c["c1"], c["c5"], c["c3"]], section=DESIGNATION)
    library.briefings.add_note(b, "A note.")
    return b


@pytest.fixture
def window(qtbot, library: Library, briefing_id: int, tmp_path: Path):
    yield from workspace_on(qtbot, library, tmp_path)


def test_the_workspace_opens_on_the_latest_briefing_with_undo_and_redo(
    window: WorkspaceWindow, briefing_id: int
) -> None:
    assert window.briefing_id == briefing_id
    assert window.fields.title.text() == "SenseTime IPO and US sanctions"
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.export_action.shortcut() == QKeySequence("Ctrl+E")
    assert not window.undo_action.isEnabled()


def test_removing_an_item_with_delete_and_undoing_it_brings_back_the_same_id(
    qtbot, window: WorkspaceWindow, library: Library, briefing_id: int
) -> None:
    before = library.briefings.get(briefing_id)
    middle = before.sections[0].items[1]
    window.select_items([middle.id])
    shortcut(qtbot, window, Qt.Key.Key_Delete)
    assert library.briefings.get(briefing_id).item(middle.id) is None
    assert window.undo_action.text() == "&Undo Remove item"

    window.undo_action.trigger()
    assert library.briefings.get(briefing_id).sections == before.sections
    assert window.tree_model.index_of_item(middle.id).isValid()
    window.redo_action.trigger()
    assert library.briefings.get(briefing_id).item(middle.id) is None
    window.undo_action.trigger()
    assert library.briefings.get(briefing_id).item(middle.id) == middle


def test_undo_of_added_claims_a_move_and_a_note_edit(
    qtbot, window: WorkspaceWindow, library: Library, briefing_id: int, sample: SampleLoaded
) -> None:
    start = library.briefings.get(briefing_id)
    ids = edits.add_claims(window, [sample.claims["c4"]], "Beijing's reaction")
    assert library.briefings.get(briefing_id).item(ids[0]).claim_id == sample.claims["c4"]
    # Drag the new claim to the top of the first section.
    model = window.tree_model
    data = model.mimeData([model.index_of_item(ids[0])])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, section_index(window, DESIGNATION))
    qtbot.waitUntil(lambda: window.undo_action.text() == "&Undo Move item")
    assert library.briefings.get(briefing_id).sections[0].items[0].id == ids[0]
    note = next(i for i in start.items if i.kind == "note")
    assert edits.edit_text(window, note.id, "A *better* note.")

    window.undo_action.trigger()  # the note edit
    assert library.briefings.get(briefing_id).item(note.id).text == "A note."
    window.undo_action.trigger()  # the move
    moved = library.briefings.get(briefing_id)
    assert [s.heading for s in moved.sections][-1] == "Beijing's reaction"
    assert moved.sections[-1].items[0].id == ids[0]
    window.undo_action.trigger()  # the addition
    with pytest.raises(StopIteration):
        next(i for i in library.briefings.get(briefing_id).items if i.id == ids[0])
    window.redo_action.trigger()
    assert library.briefings.get(briefing_id).item(ids[0]).claim_id == sample.claims["c4"]


def test_a_bluf_edit_is_one_undo_step_however_often_it_was_committed(
    qtbot, window: WorkspaceWindow, library: Library, briefing_id: int
) -> None:
    window.fields.bluf.setFocus()
    window.fields.bluf.selectAll()
    half = len(BLUF) // 2
    qtbot.keyClicks(window.fields.bluf, BLUF[:half])
    window.fields.commit()  # as the pause timer does mid-edit
    assert library.briefings.get(briefing_id).bluf == BLUF[:half].strip()
    qtbot.keyClicks(window.fields.bluf, BLUF[half:])
    window.tree.setFocus()  # leaving the field ends the edit
    qtbot.waitUntil(lambda: library.briefings.get(briefing_id).bluf == BLUF)
    assert window.stack.count() == 1 and window.undo_action.text() == "&Undo Edit bottom line"

    window.undo_action.trigger()
    assert library.briefings.get(briefing_id).bluf == "Old bottom line."
    assert window.fields.bluf.toPlainText() == "Old bottom line."
    window.redo_action.trigger()
    assert window.fields.bluf.toPlainText() == BLUF


def test_a_refused_date_is_reported_and_not_kept(
    qtbot, window: WorkspaceWindow, library: Library, briefing_id: int
) -> None:
    stored = library.briefings.get(briefing_id).date
    window.fields.date.setFocus()
    window.fields.date.selectAll()
    qtbot.keyClicks(window.fields.date, "the fifteenth")
    window.fields.commit()
    assert library.briefings.get(briefing_id).date == stored
    assert window.fields.date.text() == stored.iso()
    assert "date" in window.statusBar().currentMessage()
    assert window.stack.count() == 0


def test_new_and_deleted_briefings_undo(
    qtbot, window: WorkspaceWindow, library: Library, briefing_id: int
) -> None:
    window.new_action.trigger()
    new_id = window.briefing_id
    assert new_id != briefing_id and library.briefings.get(new_id).title == "Untitled briefing"
    window.select_briefing(briefing_id)
    before = library.briefings.get(briefing_id)
    window.delete_briefing_action.trigger()
    with pytest.raises(NotFound):
        library.briefings.get(briefing_id)
    assert window.briefing_id is None and window.tree_model.rowCount() == 0
    window.undo_action.trigger()
    assert library.briefings.get(briefing_id) == before
    window.undo_action.trigger()
    with pytest.raises(NotFound):
        library.briefings.get(new_id)


def test_the_docked_workspace_keeps_its_own_history_for_the_main_windows_undo(
    qtbot, make_window, library: Library, briefing_id: int
) -> None:
    main = make_window(library)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    workspace = open_workspace(main)
    assert open_workspace(main) is workspace and workspace.isVisible()
    assert not workspace.isWindow()  # docked in main
    assert workspace.stack is main.workspace_undo_stack and workspace.stack is not main.undo_stack
    item = library.briefings.get(briefing_id).items[0]
    workspace.select_items([item.id])
    assert edits.remove_items(workspace)
    # The focus is in it: the main window's Undo acts on the workspace's history.
    qtbot.waitUntil(lambda: main.undo_action.text() == "&Undo Remove item (Workspace)")
    assert main.undo_stack.count() == 0
    main.undo_action.trigger()
    assert library.briefings.get(briefing_id).items[0] == item
    assert workspace.tree_model.index_of_item(item.id).isValid()
    workspace.fields.bluf.setFocus()
    workspace.fields.bluf.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(workspace.fields.bluf, " More.")
    main.close()  # typing not yet committed is kept
    assert library.briefings.get(briefing_id).bluf == "Old bottom line. More."
    assert main.settings.value("workspace/panes") is not None
    assert main.settings.value("workspace/open", False, bool)


def test_sections_and_sub_headings_are_edited_in_place_and_undone(
    qtbot, window: WorkspaceWindow, library: Library, briefing_id: int
) -> None:
    section = section_index(window, DESIGNATION)
    assert window.tree_model.setData(section, "The US designation")
    qtbot.waitUntil(lambda: library.briefings.get(briefing_id).sections[0].heading != DESIGNATION)
    assert library.briefings.get(briefing_id).sections[0].heading == "The US designation"
    window.tree.setCurrentIndex(section_index(window, "The US designation"))
    window.add_heading_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, TextItemDialog) and dialog.section_name() == "The US designation"
    dialog.editor.setPlainText("Countermeasures")
    dialog.accept()
    (heading,) = [i for i in library.briefings.get(briefing_id).items if i.kind == "heading"]
    index = window.tree_model.index_of_item(heading.id)
    assert window.tree_model.flags(index) & Qt.ItemFlag.ItemIsEditable
    window.tree_model.setData(index, "Beijing's countermeasures")
    qtbot.waitUntil(lambda: window.undo_action.text() == "&Undo Edit sub-heading")
    assert library.briefings.get(briefing_id).item(heading.id).text == "Beijing's countermeasures"

    window.undo_action.trigger()
    assert library.briefings.get(briefing_id).item(heading.id).text == "Countermeasures"
    window.undo_action.trigger()  # the sub-heading goes
    window.undo_action.trigger()  # the section's old name comes back
    assert library.briefings.get(briefing_id).sections[0].heading == DESIGNATION
    assert [i.kind for i in library.briefings.get(briefing_id).items].count("heading") == 0

"""A briefing's structure from the keyboard: New Section, Rename Section, Delete Section,
Alt+Up/Down on items and sections, Move to Section…, the tree's context menu (from the
mouse and the Menu key), every step undone; and drags the tree refuses, saying why."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QContextMenuEvent, QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMenu

from briefing.core import Library
from briefing.core.sample import SampleLoaded, load_sample
from briefing.ui.workspace.mime import ITEMS_MIME, mime_data
from briefing.ui.workspace.window import WorkspaceWindow
from tests.ui.test_workspace_helpers import (
    DESIGNATION,
    RESPONSE,
    layout,
    section_index,
    shortcut,
    workspace_on,
)

ALT = Qt.KeyboardModifier.AltModifier
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | ALT


@pytest.fixture
def sample(library: Library) -> SampleLoaded:
    return load_sample(library)


@pytest.fixture
def briefing_id(library: Library, sample: SampleLoaded) -> int:
    c = sample.claims
    b = library.briefings.new("SenseTime IPO and US sanctions")
    library.briefings.add_claims(b, [c["c1"], c["c5"], c["c3"]], section=DESIGNATION)
    library.briefings.add_claims(b, [c["c2"]], section=RESPONSE)
    library.briefings.add_note(b, "A note.", section=RESPONSE)
    return b


@pytest.fixture
def window(qtbot, library: Library, briefing_id: int, tmp_path: Path):
    yield from workspace_on(qtbot, library, tmp_path)


def _c(sample: SampleLoaded, *keys: str) -> list[str]:
    return [f"c{sample.claims[k]}" for k in keys]


def _item_id(window: WorkspaceWindow, section: int, row: int) -> int:
    return window.briefing.sections[section].items[row].id


def test_new_section_is_made_after_the_current_one_named_in_place_and_undone(
    qtbot, window: WorkspaceWindow, library: Library, briefing_id: int
) -> None:
    window.tree.setCurrentIndex(section_index(window, DESIGNATION))
    shortcut(qtbot, window, Qt.Key.Key_N, CTRL_ALT)
    assert [s for s, _ in layout(window)] == [DESIGNATION, "New section", RESPONSE]
    # The heading is open for typing at once.
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "New section"
    editor.selectAll()
    qtbot.keyClicks(editor, "Beijing's reaction")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [s for s, _ in layout(window)][1] == "Beijing's reaction")
    assert window.undo_action.text() == "&Undo Rename section"
    window.tree.setFocus()
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert [s.heading for s in library.briefings.get(briefing_id).sections] == [
        DESIGNATION,
        RESPONSE,
    ]
    window.redo_action.trigger()
    assert [s for s, _ in layout(window)] == [DESIGNATION, "New section", RESPONSE]


def test_rename_section_from_an_item_row_and_delete_section_with_undo(
    qtbot, window: WorkspaceWindow, library: Library, briefing_id: int, sample: SampleLoaded
) -> None:
    before = library.briefings.get(briefing_id)
    window.select_items([_item_id(window, 1, 1)])  # the note in the second section
    window.rename_section_action.trigger()
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == RESPONSE
    qtbot.keyClick(editor, Qt.Key.Key_Escape)

    window.select_items([_item_id(window, 0, 2)])
    window.delete_section_action.trigger()
    assert layout(window) == [(RESPONSE, [*_c(sample, "c2"), "note"])]
    assert "Undo brings it back" in window.statusBar().currentMessage()
    assert library.claims.get(sample.claims["c1"])  # the claims stay in the library
    window.tree.setFocus()
    window.undo_action.trigger()
    assert library.briefings.get(briefing_id).sections == before.sections


def test_alt_up_and_down_move_items_within_and_across_sections(
    qtbot, window: WorkspaceWindow, library: Library, briefing_id: int, sample: SampleLoaded
) -> None:
    moved = _item_id(window, 0, 1)  # c5, the middle of the first section
    window.select_items([moved])
    shortcut(qtbot, window, Qt.Key.Key_Up, ALT)
    assert layout(window)[0] == (DESIGNATION, _c(sample, "c5", "c1", "c3"))
    shortcut(qtbot, window, Qt.Key.Key_Up, ALT)  # at the very top: nothing moves
    assert "Already at the top" in window.statusBar().currentMessage()
    for _ in range(3):  # down past c1 and c3, then into the next section, at its top
        shortcut(qtbot, window, Qt.Key.Key_Down, ALT)
    assert layout(window) == [
        (DESIGNATION, _c(sample, "c1", "c3")),
        (RESPONSE, [*_c(sample, "c5", "c2"), "note"]),
    ]
    assert [i.id for i in window.selected_items()] == [moved]  # it stays selected
    # Two items at once, up out of their section: to the end of the one above.
    window.select_items([moved, _item_id(window, 1, 1)])
    shortcut(qtbot, window, Qt.Key.Key_Up, ALT)
    assert layout(window) == [
        (DESIGNATION, _c(sample, "c1", "c3", "c5", "c2")),
        (RESPONSE, ["note"]),
    ]
    for _ in range(5):  # one step per move that moved
        window.undo_action.trigger()
    assert library.briefings.get(briefing_id).sections[0].items[1].id == moved
    assert layout(window)[0] == (DESIGNATION, _c(sample, "c1", "c5", "c3"))


def test_alt_up_and_down_move_a_section_with_its_items(
    qtbot, window: WorkspaceWindow, library: Library, briefing_id: int, sample: SampleLoaded
) -> None:
    window.tree.setCurrentIndex(section_index(window, RESPONSE))
    shortcut(qtbot, window, Qt.Key.Key_Up, ALT)
    assert layout(window) == [
        (RESPONSE, [*_c(sample, "c2"), "note"]),
        (DESIGNATION, _c(sample, "c1", "c5", "c3")),
    ]
    assert window.tree_model.section_at(window.tree.currentIndex()).heading == RESPONSE
    shortcut(qtbot, window, Qt.Key.Key_Down, ALT)
    assert [s for s, _ in layout(window)] == [DESIGNATION, RESPONSE]
    window.undo_action.trigger()
    assert [s.heading for s in library.briefings.get(briefing_id).sections] == [
        RESPONSE,
        DESIGNATION,
    ]


def test_move_to_section_from_the_menu_and_to_a_new_section(
    qtbot, window: WorkspaceWindow, library: Library, briefing_id: int, sample: SampleLoaded
) -> None:
    window.select_items([_item_id(window, 0, 0), _item_id(window, 0, 2)])  # c1 and c3
    window.tree.setFocus()
    window.move_to_section_action.trigger()
    menu = window.menu
    assert isinstance(menu, QMenu) and menu.isVisible()
    entries = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert entries == [f"{RESPONSE}  (2)", "&New Section…"]  # not the one they are in
    menu.actions()[0].trigger()
    menu.close()
    assert layout(window) == [
        (DESIGNATION, _c(sample, "c5")),
        (RESPONSE, [*_c(sample, "c2"), "note", *_c(sample, "c1", "c3")]),
    ]

    # New Section…: named, made last, and the items in it; one undo step for both.
    window.select_items([_item_id(window, 1, 0)])  # c2
    window.move_to_section_action.trigger()
    next(a for a in window.menu.actions() if a.text() == "&New Section…").trigger()
    dialog = window.dialog
    assert isinstance(dialog, QInputDialog) and dialog.textValue() == "New section"
    dialog.setTextValue("Countermeasures")
    dialog.accept()
    assert layout(window)[-1] == ("Countermeasures", _c(sample, "c2"))
    assert window.stack.undoText() == "Move to new section"
    window.tree.setFocus()
    window.undo_action.trigger()
    assert [s.heading for s in library.briefings.get(briefing_id).sections] == [
        DESIGNATION,
        RESPONSE,
    ]
    assert layout(window)[1] == (RESPONSE, [*_c(sample, "c2"), "note", *_c(sample, "c1", "c3")])


def _context_menu(qtbot, window: WorkspaceWindow, *, keyboard: bool, row: QPoint) -> QMenu:
    viewport = window.tree.viewport()
    reason = QContextMenuEvent.Reason.Keyboard if keyboard else QContextMenuEvent.Reason.Mouse
    event = QContextMenuEvent(reason, row, viewport.mapToGlobal(row))
    QApplication.sendEvent(viewport, event)
    menu = window.menu
    assert isinstance(menu, QMenu)
    qtbot.waitUntil(menu.isVisible)
    return menu


def _texts(menu: QMenu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_the_trees_context_menu_for_items_and_sections(
    qtbot, window: WorkspaceWindow, library: Library, briefing_id: int, sample: SampleLoaded
) -> None:
    note = window.tree_model.index_of_item(_item_id(window, 1, 1))
    where = window.tree.visualRect(note).center()
    menu = _context_menu(qtbot, window, keyboard=False, row=where)
    assert window.tree_model.item_at(window.tree.currentIndex()).kind == "note"  # right-clicked
    assert _texts(menu) == [
        "Edit Item",
        "Move Up",
        "Move Down",
        "Move to Section",
        "Remove Item",
        "New Section",
        "Add Claims…",
        "Add Note…",
        "Add Sub-heading…",
    ]
    move = next(a.menu() for a in menu.actions() if a.menu() is not None)
    assert _texts(move) == [f"{DESIGNATION}  (3)", "New Section…"]
    next(a for a in move.actions() if a.text().startswith(DESIGNATION)).trigger()
    menu.close()
    assert layout(window)[0] == (DESIGNATION, [*_c(sample, "c1", "c5", "c3"), "note"])

    # From the keyboard (the Menu key) on a section row: the section's commands.
    window.tree.setCurrentIndex(section_index(window, RESPONSE))
    menu = _context_menu(qtbot, window, keyboard=True, row=QPoint(0, 0))
    assert _texts(menu)[:4] == ["Rename Section", "Move Up", "Move Down", "Delete Section"]
    next(a for a in menu.actions() if a.text() == "Move &Up").trigger()
    menu.close()
    assert [s for s, _ in layout(window)] == [RESPONSE, DESIGNATION]


def test_keys_and_menus_of_the_structure_commands(window: WorkspaceWindow) -> None:
    assert window.new_section_action.shortcut().toString() == "Ctrl+Alt+N"
    assert window.move_up_action.shortcut().toString() == "Alt+Up"
    assert window.move_down_action.shortcut().toString() == "Alt+Down"
    # Alt+Up in a text field is the field's: these keys belong to the tree alone.
    assert window.move_up_action in window.tree.actions()
    assert window.move_up_action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut
    briefing_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Briefing")
    for action in (
        window.new_section_action,
        window.rename_section_action,
        window.delete_section_action,
        window.move_up_action,
        window.move_down_action,
        window.move_to_section_action,
    ):
        assert action in briefing_menu.actions() and action.toolTip()


def _refused(window: WorkspaceWindow, data: QMimeData) -> str:
    """Drag `data` over the tree's first row as a drag from elsewhere would (it enters,
    then moves): "" when it may be dropped, else what the status bar says."""
    viewport = window.tree.viewport()
    where = window.tree.visualRect(window.tree_model.index(0, 0)).center()
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    window.statusBar().clearMessage()
    enter = QDragEnterEvent(
        where, actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(viewport, enter)
    if enter.isAccepted():
        move = QDragMoveEvent(
            where, actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(viewport, move)
        QApplication.sendEvent(viewport, QDragLeaveEvent())
        if move.isAccepted():
            return ""
    return window.statusBar().currentMessage()


def test_a_drag_that_is_not_a_claim_is_refused_with_the_reason(
    window: WorkspaceWindow, library: Library, briefing_id: int, tmp_path: Path
) -> None:
    before = library.briefings.get(briefing_id)
    text = QMimeData()
    text.setText("some words from another program")
    assert "mark it as a claim first" in _refused(window, text)
    files = QMimeData()
    files.setUrls([QUrl.fromLocalFile(str(tmp_path / "article.txt"))])
    assert "Files go into the library" in _refused(window, files)
    other_briefing = mime_data(ITEMS_MIME, [9999])
    assert "another briefing" in _refused(window, other_briefing)
    nothing = QMimeData()
    nothing.setData("application/x-something", b"1")
    assert "Only claims can be dropped here" in _refused(window, nothing)
    assert library.briefings.get(briefing_id) == before
    # A claim is taken, and nothing is said.
    claims = mime_data("application/x-briefing-claim-ids", [before.items[0].claim_id])
    assert _refused(window, claims) == ""

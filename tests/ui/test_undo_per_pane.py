"""Undo is per pane of work and never hijacked: Ctrl+Z in a text field undoes that field's
typing, and the reader side and the workspace (docked or floating) each undo their own
edits; Edit ▸ Undo says which it will act on. Driven by keys in the active window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QWidget

from briefing.core import Library
from briefing.core.sample import SampleLoaded, load_sample
from briefing.ui.main_window import MainWindow
from briefing.ui.workspace import edits, open_workspace
from briefing.ui.workspace.dock import WorkspaceDock, set_floating
from briefing.ui.workspace.window import WorkspaceWindow
from tests.ui.helpers import select

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def _main(qtbot, make_window, library: Library) -> tuple[MainWindow, SampleLoaded, int]:
    sample = load_sample(library)
    briefing_id = library.briefings.new("Designation", bluf="Old bottom line.")
    library.briefings.add_claims(briefing_id, [sample.claims["c1"], sample.claims["c5"]])
    window = make_window(library)
    window.resize(1920, 1000)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.open_article(sample.article_id, select=True)
    return window, sample, briefing_id


def _focus(qtbot, widget: QWidget) -> None:
    widget.window().activateWindow()
    qtbot.waitUntil(widget.window().isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def _undo_key(qtbot, widget: QWidget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Z, CTRL)


def _workspace(window: MainWindow) -> WorkspaceWindow:
    workspace = open_workspace(window, focus=False)
    workspace.select_items([])
    return workspace


def test_ctrl_z_in_the_bottom_line_undoes_its_typing_and_nothing_else(
    qtbot, make_window, library: Library
) -> None:
    window, _sample, briefing_id = _main(qtbot, make_window, library)
    workspace = _workspace(window)
    item = library.briefings.get(briefing_id).items[0]
    workspace.select_items([item.id])
    _focus(qtbot, workspace.tree)
    edits.remove_items(workspace)  # the workspace's last step: "Remove item"
    bluf = workspace.fields.bluf
    _focus(qtbot, bluf)
    bluf.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(bluf, " Sanctions bite.")
    # Edit ▸ Undo says what Ctrl+Z will do here: the typing, not "Remove item".
    qtbot.waitUntil(lambda: window.undo_action.text() == "&Undo Typing")
    assert window.undo_action.isEnabled()

    _undo_key(qtbot, bluf)
    assert bluf.toPlainText() == "Old bottom line."
    assert library.briefings.get(briefing_id).item(item.id) is None  # not undone
    assert workspace.stack.count() == 1 and window.undo_stack.count() == 0

    # Out of the field, the same key undoes the workspace's own last edit.
    _focus(qtbot, workspace.tree)
    qtbot.waitUntil(lambda: window.undo_action.text() == "&Undo Remove item (Workspace)")
    _undo_key(qtbot, workspace.tree)
    assert library.briefings.get(briefing_id).item(item.id) == item


def test_each_pane_undoes_its_own_edits_whichever_came_last(
    qtbot, make_window, library: Library
) -> None:
    window, _sample, briefing_id = _main(qtbot, make_window, library)
    workspace = _workspace(window)
    article_id = window.reader.article_id

    def highlights() -> list[tuple[int | None, int | None]]:
        found = library.annotations.for_article(article_id, kind="highlight")
        return [(h.start, h.end) for h in found]

    before = highlights()
    _focus(qtbot, window.reader.page)
    start, end = select(window, "Hong Kong stock exchange")
    qtbot.keyClick(window.reader.page, Qt.Key.Key_H, CTRL)  # a highlight, in the reader
    assert (start, end) in highlights() and (start, end) not in before

    # Then a step in the workspace: the newest edit of all.
    item = library.briefings.get(briefing_id).items[1]
    _focus(qtbot, workspace.tree)
    workspace.select_items([item.id])
    qtbot.keyClick(workspace.tree, Qt.Key.Key_Delete)
    assert library.briefings.get(briefing_id).item(item.id) is None
    # The reader's edit is not in the workspace's history...
    assert [workspace.stack.text(i) for i in range(workspace.stack.count())] == ["Remove item"]
    assert [window.undo_stack.text(i) for i in range(window.undo_stack.count())] == ["Highlight"]

    # ...and Ctrl+Z in the reader undoes the highlight, leaving the workspace's edit alone.
    _focus(qtbot, window.reader.page)
    qtbot.waitUntil(lambda: window.undo_action.text() == "&Undo Highlight (Reader)")
    _undo_key(qtbot, window.reader.page)
    assert highlights() == before
    assert library.briefings.get(briefing_id).item(item.id) is None
    assert window.redo_action.text() == "&Redo Highlight (Reader)"


def test_the_floating_workspace_undoes_its_own_edits(qtbot, make_window, library: Library) -> None:
    window, _sample, briefing_id = _main(qtbot, make_window, library)
    _focus(qtbot, window.reader.page)
    select(window, "Hong Kong stock exchange")
    qtbot.keyClick(window.reader.page, Qt.Key.Key_H, CTRL)
    workspace = _workspace(window)
    set_floating(window, True)
    dock = window.findChild(WorkspaceDock)
    assert dock is not None and dock.isFloating()
    item = library.briefings.get(briefing_id).items[0]
    _focus(qtbot, workspace.tree)
    workspace.select_items([item.id])
    qtbot.keyClick(workspace.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.undo_action.text() == "&Undo Remove item (Workspace)")
    _undo_key(qtbot, workspace.tree)
    assert library.briefings.get(briefing_id).item(item.id) == item
    assert window.undo_stack.count() == 1  # the highlight is still there to undo


def test_a_claim_added_from_the_reader_is_undone_in_the_reader(
    qtbot, make_window, library: Library
) -> None:
    window, sample, briefing_id = _main(qtbot, make_window, library)
    claim = library.claims.get(sample.claims["c2"])
    _focus(qtbot, window.reader.page)
    window.reader.select_span(claim.start + 2, claim.start + 2)
    qtbot.keyClick(window.reader.page, Qt.Key.Key_B, CTRL_SHIFT)
    qtbot.waitUntil(
        lambda: claim.id in [i.claim_id for i in library.briefings.get(briefing_id).items]
    )
    workspace = window.findChild(WorkspaceDock).workspace
    assert workspace.stack.count() == 0  # not the workspace's edit: the reader did it
    _focus(qtbot, window.reader.page)
    qtbot.waitUntil(lambda: window.undo_action.text() == "&Undo Add claim (Reader)")
    _undo_key(qtbot, window.reader.page)
    assert claim.id not in [i.claim_id for i in library.briefings.get(briefing_id).items]


def test_ctrl_z_in_the_search_field_is_the_fields_own(qtbot, make_window, library: Library) -> None:
    window, _sample, _briefing_id = _main(qtbot, make_window, library)
    _focus(qtbot, window.reader.page)
    select(window, "Hong Kong stock exchange")
    qtbot.keyClick(window.reader.page, Qt.Key.Key_H, CTRL)
    field = window.search_page.field
    _focus(qtbot, field)
    qtbot.keyClicks(field, "sanctions")
    qtbot.waitUntil(lambda: window.undo_action.text() == "&Undo Typing")
    window.undo_action.trigger()  # Edit ▸ Undo, as the menu says: the typing
    assert field.text() == ""
    assert window.undo_stack.count() == 1 and window.undo_stack.canUndo()  # the highlight

"""The workspace docked in the main window: beside the reader, claims dragged in without
moving windows, detached into a window of its own and back, remembered across runs, and
its keys answering where the focus is, never ambiguously."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDockWidget

from briefing.core import Library
from briefing.core.sample import SampleLoaded, load_sample
from briefing.ui.claims_table.window import ClaimsWindow
from briefing.ui.dialogs.note import NoteDialog
from briefing.ui.main_window import MainWindow
from briefing.ui.widgets.reader_measure import MIN_MEASURE_CHARS
from briefing.ui.workspace import open_workspace
from briefing.ui.workspace.dock import WorkspaceDock
from briefing.ui.workspace.mime import CLAIMS_MIME, ids_in
from briefing.ui.workspace.text_dialog import TextItemDialog
from briefing.ui.workspace.window import WorkspaceWindow
from tests.ui.helpers import actions_in_menus
from tests.ui.test_search_helpers import answered, search
from tests.ui.test_workspace_helpers import layout, section_index

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def _main(qtbot, make_window, library: Library) -> tuple[MainWindow, SampleLoaded]:
    sample = load_sample(library)
    window = make_window(library)
    window.resize(1920, 1000)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.open_article(sample.article_id, select=True)
    return window, sample


def _dock(window: MainWindow) -> WorkspaceDock:
    dock = window.findChild(WorkspaceDock)
    assert dock is not None
    return dock


def test_ctrl_b_docks_the_workspace_beside_a_readable_article(
    qtbot, make_window, library: Library
) -> None:
    window, _sample = _main(qtbot, make_window, library)
    qtbot.keyClick(window.reader.page, Qt.Key.Key_B, CTRL)
    dock = _dock(window)
    workspace = dock.workspace
    assert dock.isVisible() and not dock.isFloating() and not workspace.isWindow()
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert (
        dock.geometry().left() >= window.reader.mapTo(window, window.reader.rect().topRight()).x()
    )
    assert window.reader.measure() >= MIN_MEASURE_CHARS
    assert window.workspace_action.isChecked() and workspace.tree.hasFocus()
    # Its commands are in the main window's menus, its own menu bar out of sight.
    assert not workspace.menuBar().isVisible()
    assert {workspace.new_action, workspace.add_note_action} <= actions_in_menus(window)
    # Narrower: the main window's side panes and the workspace's fold, the reader reads on.
    for width in (1366, 1100, 1024):
        window.resize(width, 700)
        assert window.reader.measure() >= MIN_MEASURE_CHARS, width
        assert workspace.panes.is_shown("editor"), width
    qtbot.keyClick(workspace.tree, Qt.Key.Key_B, CTRL)  # and away again
    assert not dock.isVisible() and not window.workspace_action.isChecked()


def test_a_claim_drags_from_the_reader_into_a_section(qtbot, make_window, library: Library) -> None:
    window, sample = _main(qtbot, make_window, library)
    briefing_id = library.briefings.new("Drag")
    library.briefings.add_note(briefing_id, "first", section="Findings")
    workspace = open_workspace(window)
    workspace.select_briefing(briefing_id)
    claim = library.claims.get(sample.claims["c2"])
    # A few words inside the claim are selected, as a reader would before dragging them.
    window.reader.select_span(claim.start + 4, claim.start + 20)
    data = window.reader.page.createMimeDataFromSelection()
    assert ids_in(data, CLAIMS_MIME) == [claim.id]
    assert data.text() == claim.quote[4:20]
    target = section_index(workspace, "Findings")
    assert workspace.tree_model.canDropMimeData(data, Qt.DropAction.CopyAction, -1, 0, target)
    workspace.tree_model.dropMimeData(data, Qt.DropAction.CopyAction, -1, 0, target)
    qtbot.waitUntil(lambda: layout(workspace) == [("Findings", ["note", f"c{claim.id}"])])
    # Text with no claim in it is only text: nothing for a briefing.
    window.reader.select_span(0, 10)
    plain = window.reader.page.createMimeDataFromSelection()
    assert ids_in(plain, CLAIMS_MIME) == [] and plain.text()
    assert not workspace.tree_model.canDropMimeData(plain, Qt.DropAction.CopyAction, -1, 0, target)


def test_a_claim_drags_from_the_search_results_into_the_docked_workspace(
    qtbot, make_window, library: Library
) -> None:
    window, sample = _main(qtbot, make_window, library)
    briefing_id = library.briefings.new("From search")
    workspace = open_workspace(window, focus=False)
    workspace.select_briefing(briefing_id)
    page = search(qtbot, window, "unfounded")
    qtbot.waitUntil(lambda: answered(page) and page.model.rowCount() > 0)
    row = next(r for r, hit in enumerate(page.model.hits) if hit.kind == "claim")
    assert page.isVisible() and workspace.isVisible()  # both in sight, one window
    data = page.model.mimeData([page.model.index(row, 0)])
    workspace.tree_model.dropMimeData(data, Qt.DropAction.CopyAction, -1, 0, QModelIndex())
    claim_id = page.model.hits[row].id
    qtbot.waitUntil(
        lambda: [i.claim_id for i in library.briefings.get(briefing_id).items] == [claim_id]
    )


def test_detached_into_a_window_of_its_own_and_back(qtbot, make_window, library: Library) -> None:
    window, _sample = _main(qtbot, make_window, library)
    workspace = open_workspace(window)
    dock = _dock(window)
    window.float_workspace_action.trigger()
    assert dock.isFloating() and dock.isWindow() and workspace.isVisible()
    assert window.float_workspace_action.isChecked()
    assert window.reader.measure() >= MIN_MEASURE_CHARS  # the reader has the room back
    workspace.new_action.trigger()  # it works as before, in its own window
    qtbot.waitUntil(lambda: len(library.briefings.list()) == 1)
    window.float_workspace_action.trigger()
    assert (
        not dock.isFloating() and window.dockWidgetArea(dock) != Qt.DockWidgetArea.NoDockWidgetArea
    )


def test_the_workspace_comes_back_where_it_was(
    qtbot, make_window, library: Library, settings_path: Path
) -> None:
    window, _sample = _main(qtbot, make_window, library)
    workspace = open_workspace(window)
    workspace.new_action.trigger()
    qtbot.waitUntil(lambda: workspace.briefing is not None)
    workspace.fields.bluf.setFocus()
    qtbot.keyClicks(workspace.fields.bluf, "Typed, not yet committed.")
    _dock(window).setFloating(True)
    window.close()
    (briefing,) = library.briefings.list()
    assert library.briefings.get(briefing.id).bluf == "Typed, not yet committed."

    again = make_window(library)
    again.show()
    qtbot.waitUntil(lambda: again.findChild(WorkspaceDock) is not None, timeout=3000)
    dock = _dock(again)
    qtbot.waitUntil(dock.isVisible)
    assert dock.isFloating() and again.workspace_action.isChecked()
    dock.close()
    again.close()

    third = make_window(library)
    third.show()
    qtbot.wait(50)  # closed last time: it stays closed (and is not even made)
    assert third.findChild(WorkspaceDock) is None
    assert not third.workspace_action.isChecked()


def test_each_key_answers_where_the_focus_is(qtbot, make_window, library: Library) -> None:
    window, sample = _main(qtbot, make_window, library)
    workspace = open_workspace(window)
    workspace.new_action.trigger()
    qtbot.waitUntil(lambda: workspace.briefing is not None)
    claim = library.claims.get(sample.claims["c1"])

    # Ctrl+Shift+N in the reader: a note on the selected text.
    window.reader.select_span(claim.start, claim.end)
    window.reader.page.setFocus()
    qtbot.keyClick(window.reader.page, Qt.Key.Key_N, CTRL_SHIFT)
    assert isinstance(window.dialog, NoteDialog)
    window.dialog.reject()
    # In the workspace: a note in the briefing.
    workspace.tree.setFocus()
    qtbot.keyClick(workspace.tree, Qt.Key.Key_N, CTRL_SHIFT)
    assert isinstance(workspace.dialog, TextItemDialog)
    workspace.dialog.reject()
    # Ctrl+Shift+C in the workspace: Copy as Markdown; on the reader's side: the claims table.
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(workspace.tree, Qt.Key.Key_C, CTRL_SHIFT)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text().startswith("# "))
    assert window.findChild(ClaimsWindow) is None
    # Ctrl+E in the annotation panel edits the claim; in the workspace it exports.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    item = window.panel.items("Claims")[0]
    window.panel.tree.setCurrentItem(item)
    window.panel.tree.setFocus()
    qtbot.keyClick(window.panel.tree, Qt.Key.Key_E, CTRL)
    assert type(window.dialog).__name__ == "ClaimEditor"
    window.dialog.reject()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.reader.page.setFocus()
    qtbot.keyClick(window.reader.page, Qt.Key.Key_C, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.findChild(ClaimsWindow) is not None)
    window.findChild(ClaimsWindow).close()


def test_no_key_has_two_owners_in_one_place(qtbot, make_window, library: Library) -> None:
    """The same key may name two commands only where the focus decides between them: each
    answers inside its own widget, and neither widget is inside the other."""
    window, _sample = _main(qtbot, make_window, library)
    open_workspace(window)
    owners: dict[str, list] = {}
    for action in window.findChildren(type(window.workspace_action)):
        for key in action.shortcuts():
            owners.setdefault(key.toString(), []).append(action)
    scoped = (Qt.ShortcutContext.WidgetShortcut, Qt.ShortcutContext.WidgetWithChildrenShortcut)
    for key, actions in owners.items():
        if len(actions) == 1:
            continue
        places = []
        for action in actions:
            assert action.shortcutContext() in scoped, (key, action.text())
            widgets = [
                w
                for w in action.associatedObjects()
                if not type(w).__name__.startswith(("QMenu", "QToolBar", "QToolButton"))
                and w.__class__.__name__ not in ("QMenuBar",)
            ]
            places.extend(widgets)
        for n, place in enumerate(places):
            for other in places[n + 1 :]:
                assert not (place.isAncestorOf(other) or other.isAncestorOf(place)), key


def test_closing_the_dock_commits_the_typing_and_saves_its_panes(
    qtbot, make_window, library: Library
) -> None:
    window, _sample = _main(qtbot, make_window, library)
    workspace = open_workspace(window)
    workspace.new_action.trigger()
    qtbot.waitUntil(lambda: workspace.briefing is not None)
    workspace.fields.bluf.setFocus()
    qtbot.keyClicks(workspace.fields.bluf, "Closing keeps this.")
    assert isinstance(workspace.parentWidget(), QDockWidget)
    workspace.close_action.trigger()
    assert not _dock(window).isVisible()
    (briefing,) = library.briefings.list()
    assert library.briefings.get(briefing.id).bluf == "Closing keeps this."
    assert window.settings.value("workspace/panes")
    assert QApplication.focusWidget() is not workspace.fields.bluf
    assert isinstance(workspace, WorkspaceWindow)

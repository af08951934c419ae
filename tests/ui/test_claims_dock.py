"""The claims table docked in the main window, as the workspace is: below the reader, a
claim dragged from it into a section of the docked workspace without a window to move,
detached into a window of its own and back, remembered across runs, its keys answering
where the focus is (never ambiguously), and its own undo history."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QUndoCommand,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from briefing.core import Library
from briefing.core.sample import SampleLoaded, load_sample
from briefing.ui.claims_table import open_claims
from briefing.ui.claims_table.dock import ClaimsDock
from briefing.ui.claims_table.view import FOLD_ORDER
from briefing.ui.claims_table.window import ClaimsWindow
from briefing.ui.main_window import MainWindow
from briefing.ui.widgets.reader_measure import MIN_MEASURE_CHARS
from briefing.ui.workspace import open_workspace
from briefing.ui.workspace.dock import WorkspaceDock
from briefing.ui.workspace.mime import CLAIMS_MIME, ids_in
from tests.ui.helpers import actions_in_menus
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


def _dock(window: MainWindow) -> ClaimsDock:
    dock = window.findChild(ClaimsDock)
    assert dock is not None
    return dock


def _loaded(qtbot, table: ClaimsWindow) -> ClaimsWindow:
    qtbot.waitUntil(lambda: table.model.loaded and not table.loading)
    return table


def test_ctrl_shift_c_docks_the_table_below_a_readable_article(
    qtbot, make_window, library: Library
) -> None:
    window, _sample = _main(qtbot, make_window, library)
    assert window.findChild(ClaimsDock) is None  # nothing made before it is wanted
    window.reader.page.setFocus()
    qtbot.keyClick(window.reader.page, Qt.Key.Key_C, CTRL_SHIFT)
    dock = _dock(window)
    table = _loaded(qtbot, dock.table)
    assert dock.isVisible() and not dock.isFloating() and not table.isWindow()
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    reader_bottom = window.reader.mapTo(window, window.reader.rect().bottomLeft()).y()
    assert dock.mapTo(window, QPoint(0, 0)).y() >= reader_bottom  # below it, not beside
    assert window.claims_action.isChecked() and table.bar.search.hasFocus()
    assert table.model.rowCount() == 6
    # Its commands are in the main window's menus, its own menu bar out of sight.
    assert not table.menuBar().isVisible()
    assert {table.open_action, table.add_action, table.find_action} <= actions_in_menus(window)
    assert window.float_claims_action.isEnabled()
    # Smaller windows: the reader reads on, and the quote keeps room as columns fold.
    for width, height in ((1366, 768), (1024, 640)):
        window.resize(width, height)
        qtbot.waitUntil(lambda w=width: window.width() == w)
        assert window.reader.measure() >= MIN_MEASURE_CHARS, width
    header = table.view.horizontalHeader()
    chars = table.view.columnWidth(0) / table.view.fontMetrics().averageCharWidth()
    assert chars >= 30 or table.view.folded_columns() == list(FOLD_ORDER), chars
    window.resize(1920, 1000)
    qtbot.waitUntil(lambda: not table.view.folded_columns())  # back as it widens
    assert all(header.sectionSize(c) > 0 for c in FOLD_ORDER)
    # Folded when it was saved, the columns come back at their widths next time, folded
    # again only as the room then asks.
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: bool(table.view.folded_columns()))
    widths = {c: header.sectionSize(c) for c in FOLD_ORDER if not header.isSectionHidden(c)}
    table.save_settings()
    again = ClaimsWindow(window, hosted=True)
    again.resize(1900, 400)
    assert again.view.folded_columns() == []
    assert all(again.view.horizontalHeader().sectionSize(c) == w for c, w in widths.items())
    again.deleteLater()
    # With the workspace docked too, the window still fits a 1024x640 screen: the table
    # goes beside the reader as a tab of the workspace (no room below for both), its
    # choosers under its search box rather than holding the window wider.
    open_workspace(window, focus=False)
    qtbot.wait(50)
    assert window.width() == 1024 and window.reader.measure() >= MIN_MEASURE_CHARS
    assert window.findChild(WorkspaceDock) in window.tabifiedDockWidgets(dock)
    assert table.bar.two_rows and table.isVisible()
    window.resize(1920, 1000)
    # Ctrl+Shift+C in the table closes it again.
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_C, CTRL_SHIFT)
    assert not dock.isVisible() and not window.claims_action.isChecked()


def _drag_onto(tree: QWidget, data, where: QPoint) -> QDropEvent:
    """What a drag from another widget does to the tree's viewport: enter, move, drop."""
    viewport = tree.viewport()
    action = Qt.DropAction.CopyAction
    buttons, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(viewport, QDragEnterEvent(where, action, data, buttons, none))
    move = QDragMoveEvent(where, action, data, buttons, none)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    drop = QDropEvent(where, action, data, buttons, none)
    QApplication.sendEvent(viewport, drop)
    return drop


def test_a_claim_drags_from_the_docked_table_into_a_section_of_the_docked_workspace(
    qtbot, make_window, library: Library
) -> None:
    window, sample = _main(qtbot, make_window, library)
    briefing_id = library.briefings.new("From the table")
    library.briefings.add_note(briefing_id, "first", section="Findings")
    library.briefings.add_note(briefing_id, "second", section="Reactions")
    workspace = open_workspace(window, focus=False)
    workspace.select_briefing(briefing_id)
    table = _loaded(qtbot, open_claims(window))
    # Both docked in the one window, both in sight: nothing to move.
    assert not table.isWindow() and not workspace.isWindow()
    assert table.isVisible() and workspace.tree.isVisible()
    claim_id = sample.claims["c3"]
    table.view.select_ids([claim_id])
    data = table.model.mimeData(table.view.selectedIndexes())
    assert ids_in(data, CLAIMS_MIME) == [claim_id]
    target = section_index(workspace, "Reactions")
    where = workspace.tree.visualRect(target).center()
    _drag_onto(workspace.tree, data, where)  # (the edit, not the view, moves the rows)
    qtbot.waitUntil(
        lambda: (
            layout(workspace) == [("Findings", ["note"]), ("Reactions", ["note", f"c{claim_id}"])]
        )
    )
    # Undone in the workspace, where it landed (a drop is the workspace's edit).
    workspace.tree.setFocus()
    qtbot.waitUntil(lambda: "(Workspace)" in window.undo_action.text())
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: layout(workspace) == [("Findings", ["note"]), ("Reactions", ["note"])])


def test_detached_into_a_window_of_its_own_and_back(qtbot, make_window, library: Library) -> None:
    window, _sample = _main(qtbot, make_window, library)
    table = _loaded(qtbot, open_claims(window))
    dock = _dock(window)
    window.float_claims_action.trigger()
    assert dock.isFloating() and dock.isWindow() and table.isVisible()
    assert window.float_claims_action.isChecked()
    assert table.statusBar().isVisible()  # a window of its own: a status line of its own
    table.view.select_ids([table.model.rows[0].id])
    table.copy_action.trigger()
    assert "Copied quote" in table.statusBar().currentMessage()
    window.float_claims_action.trigger()
    assert not dock.isFloating()
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert not table.statusBar().isVisible()  # docked: the main window's, right below


def test_the_table_comes_back_where_it_was(
    qtbot, make_window, library: Library, settings_path: Path
) -> None:
    window, _sample = _main(qtbot, make_window, library)
    open_claims(window)
    dock = _dock(window)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)  # moved by the reader
    window.close()

    again = make_window(library)
    again.show()
    qtbot.waitUntil(lambda: again.findChild(ClaimsDock) is not None, timeout=3000)
    dock = _dock(again)
    qtbot.waitUntil(dock.isVisible)
    assert again.dockWidgetArea(dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert again.claims_action.isChecked()
    _loaded(qtbot, dock.table)
    dock.setFloating(True)
    again.close()

    third = make_window(library)
    third.show()
    qtbot.waitUntil(lambda: third.findChild(ClaimsDock) is not None, timeout=3000)
    dock = _dock(third)
    qtbot.waitUntil(dock.isVisible)
    assert dock.isFloating() and third.float_claims_action.isChecked()
    dock.close()
    third.close()

    fourth = make_window(library)
    fourth.show()
    qtbot.wait(50)  # closed last time: it stays closed (and is not even made)
    assert fourth.findChild(ClaimsDock) is None
    assert not fourth.claims_action.isChecked()


def test_undo_in_each_pane_undoes_that_panes_edits(qtbot, make_window, library: Library) -> None:
    window, sample = _main(qtbot, make_window, library)
    briefing_id = library.briefings.new("Undo here")
    workspace = open_workspace(window, focus=False)
    workspace.select_briefing(briefing_id)
    table = _loaded(qtbot, open_claims(window))

    def in_briefing() -> list[int]:
        return [i.claim_id for i in library.briefings.get(briefing_id).items if i.claim_id]

    # An edit in the table: Ctrl+Shift+B adds its selection (the table's history).
    table.view.select_ids([sample.claims["c1"]])
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_B, CTRL_SHIFT)
    qtbot.waitUntil(lambda: in_briefing() == [sample.claims["c1"]])
    assert table.stack.count() == 1 and workspace.stack.count() == 0
    assert window.undo_stack.count() == 0
    # An edit in the workspace: a new section (the workspace's history).
    workspace.tree.setFocus()
    workspace.new_section_action.trigger()
    qtbot.waitUntil(lambda: workspace.stack.count() == 1)

    def headings() -> list[str]:
        return [s.heading for s in library.briefings.get(briefing_id).sections if s.heading]

    assert headings() == ["New section"]
    # Typing in the table's search box: Ctrl+Z there undoes the typing, nothing else.
    table.bar.search.setFocus()
    qtbot.keyClicks(table.bar.search, "Uigh")
    qtbot.waitUntil(lambda: window.undo_action.text() == "&Undo Typing")
    qtbot.keyClick(table.bar.search, Qt.Key.Key_Z, CTRL)
    assert table.bar.search.text() == ""
    assert in_briefing() == [sample.claims["c1"]] and table.stack.count() == 1
    # Ctrl+Z in the table: the table's Add to Briefing, not the workspace's section.
    table.view.setFocus()
    qtbot.waitUntil(lambda: window.undo_action.text() == "&Undo Add claim (Claims table)")
    qtbot.keyClick(table.view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: in_briefing() == [])
    assert headings() == ["New section"]
    # Ctrl+Z in the workspace: its section.
    if workspace.dialog is not None:  # (the new section's heading, ready to type)
        workspace.dialog.close()
    workspace.tree.setFocus()
    qtbot.waitUntil(lambda: "(Workspace)" in window.undo_action.text())
    qtbot.keyClick(workspace.tree, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: headings() == [])
    assert table.stack.index() == 0 and table.stack.canRedo()


def _keyed_actions(window: MainWindow) -> dict[str, list[QAction]]:
    owners: dict[str, list[QAction]] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            owners.setdefault(key.toString(), []).append(action)
    return owners


def test_no_key_has_two_owners_in_one_place_with_both_docks_open(
    qtbot, make_window, library: Library
) -> None:
    """The same key may name two commands only where the focus decides between them: each
    answers inside its own widget, and neither widget is inside the other."""
    window, _sample = _main(qtbot, make_window, library)
    open_workspace(window)
    open_claims(window)
    scoped = (Qt.ShortcutContext.WidgetShortcut, Qt.ShortcutContext.WidgetWithChildrenShortcut)
    for key, actions in _keyed_actions(window).items():
        if len(actions) == 1:
            continue
        places = []
        for action in actions:
            assert action.shortcutContext() in scoped, (key, action.text())
            places.extend(
                w
                for w in action.associatedObjects()
                if isinstance(w, QWidget)
                and not type(w).__name__.startswith(("QMenu", "QToolBar", "QToolButton"))
            )
        for n, place in enumerate(places):
            for other in places[n + 1 :]:
                assert not (place.isAncestorOf(other) or other.isAncestorOf(place)), (
                    key,
                    place,
                    other,
                )


# What each key does in the reader, the docked workspace and the docked claims table: the
# name of the action that answers (main: the main window's), or None where it means nothing.
KEYS = {
    "Ctrl+Shift+C": ("main.claims_action", "workspace.copy_action", "main.claims_action"),
    "Ctrl+F": ("main.find_action", None, "table.find_action"),
    "Ctrl+Shift+B": ("main.add_to_briefing_action", None, "table.add_action"),
    "Ctrl+Shift+L": ("main.library_toggle",) * 3,
    "Ctrl+Z": ("main.undo_action",) * 3,
    "Ctrl+K": ("main.search_action",) * 3,
    "Close": (  # the platform's Close key (Ctrl+W, or Ctrl+F4)
        None,
        "workspace.close_action",
        "table.close_action",
    ),
}


@pytest.mark.parametrize("name", list(KEYS))
def test_each_key_fires_once_wherever_it_is_pressed(
    qtbot, make_window, library: Library, qtlog, name: str
) -> None:
    """Pressed in the reader, the docked workspace and the docked claims table, a key runs
    exactly the one command it means there, once: never none where it means something (Qt
    says "Ambiguous shortcut overload" and runs neither), never two."""
    expected = KEYS[name]
    window, sample = _main(qtbot, make_window, library)
    briefing_id = library.briefings.new("Keys")
    workspace = open_workspace(window, focus=False)
    workspace.select_briefing(briefing_id)
    table = _loaded(qtbot, open_claims(window, focus=False))
    owners = {"main": window, "workspace": workspace, "table": table}
    for stack in (window.undo_stack, workspace.stack, table.stack):  # something to undo
        for _ in range(3):
            stack.push(QUndoCommand("Nothing"))
    fired: list[QAction] = []
    for action in window.findChildren(QAction):
        if action.shortcuts():
            action.triggered.connect(lambda _c=False, a=action: fired.append(a))
    places = (window.reader.page, workspace.tree, table.view)
    for place, wanted in zip(places, expected, strict=True):
        # Something to act on everywhere: a claim at the reader's cursor, a row selected.
        if not table.isVisible():
            open_claims(window, focus=False)
        if not workspace.isVisible():
            open_workspace(window, focus=False)
        table.view.select_ids([sample.claims["c1"]])
        claim = library.claims.get(sample.claims["c2"])
        window.reader.select_span(claim.start, claim.start)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        place.setFocus()
        qtbot.waitUntil(place.hasFocus)
        fired.clear()
        keys = QKeySequence(QKeySequence.StandardKey.Close if name == "Close" else name)
        QTest.keySequence(place, keys)
        if wanted is None:
            assert fired == [], (name, place, [a.text() for a in fired])
        else:
            owner, attribute = wanted.split(".")
            assert fired == [getattr(owners[owner], attribute)], (name, place, fired)
        for popup in QApplication.topLevelWidgets():
            if popup.isVisible() and popup.windowType() == Qt.WindowType.Popup:
                popup.close()
    assert [r.message for r in qtlog.records if "Ambiguous" in r.message] == []


def test_ctrl_shift_c_means_one_thing_in_each_place_and_the_list_says_so(
    qtbot, make_window, library: Library
) -> None:
    from briefing.ui.actions import help_menu

    window, _sample = _main(qtbot, make_window, library)
    briefing_id = library.briefings.new("Copied")
    workspace = open_workspace(window)
    workspace.select_briefing(briefing_id)
    # In the workspace: the briefing as Markdown, the table stays closed.
    QGuiApplication.clipboard().clear()
    workspace.tree.setFocus()
    qtbot.keyClick(workspace.tree, Qt.Key.Key_C, CTRL_SHIFT)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text().startswith("# Copied"))
    assert window.findChild(ClaimsDock) is None
    # In the library list: the claims table.
    window.library_pane.view.setFocus()
    qtbot.keyClick(window.library_pane.view, Qt.Key.Key_C, CTRL_SHIFT)
    assert _dock(window).isVisible()
    # Help ▸ Keyboard Shortcuts lists both under the key, each saying where it answers.
    dialog = help_menu.show_shortcuts(window)
    rows = [row for row in dialog.rows() if row[1] == "Ctrl+Shift+C"]
    assert {(command, menu) for command, _keys, menu in rows} >= {
        ("Claims", "View"),
        ("Copy as Markdown", "Briefing"),
    }
    tips = {
        dialog.table.topLevelItem(g).child(c).text(0): dialog.table.topLevelItem(g).child(c).text(2)
        for g in range(dialog.table.topLevelItemCount())
        for c in range(dialog.table.topLevelItem(g).childCount())
        if dialog.table.topLevelItem(g).child(c).text(1) == "Ctrl+Shift+C"
    }
    assert "in the workspace" in tips["Claims"].lower()
    assert "in the workspace" in tips["Copy as Markdown"].lower()
    dialog.close()


@pytest.mark.parametrize("first", ["claims", "workspace"])
def test_the_briefing_menu_comes_before_the_claims_menu_whichever_opens_first(
    qtbot, make_window, library: Library, first: str
) -> None:
    window, _sample = _main(qtbot, make_window, library)
    openers = [lambda: open_claims(window), lambda: open_workspace(window)]
    for open_one in openers if first == "claims" else openers[::-1]:
        open_one()
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-3:] == ["&Briefing", "&Claims", "&Help"], titles


def test_its_own_window_from_a_closed_table(qtbot, make_window, library: Library) -> None:
    # A first-time user found Claims in Its Own Window greyed until the table had been
    # opened once (the workspace's was not): both now open straight into a window.
    window, _sample = _main(qtbot, make_window, library)
    assert window.float_claims_action.isEnabled() and window.float_workspace_action.isEnabled()
    window.float_claims_action.trigger()
    dock = _dock(window)
    qtbot.waitUntil(dock.isVisible)
    assert dock.isFloating() and dock.isWindow() and window.float_claims_action.isChecked()
    dock.close()
    qtbot.waitUntil(lambda: not dock.isVisible())
    # Closed, it is not "in its own window": the command is on offer, unchecked.
    assert window.float_claims_action.isEnabled() and not window.float_claims_action.isChecked()
    window.float_claims_action.trigger()
    qtbot.waitUntil(dock.isVisible)
    assert dock.isFloating() and window.float_claims_action.isChecked()
    window.float_workspace_action.trigger()
    workspace_dock = window.findChild(WorkspaceDock)
    assert workspace_dock is not None
    qtbot.waitUntil(workspace_dock.isVisible)
    assert workspace_dock.isFloating() and window.float_workspace_action.isChecked()

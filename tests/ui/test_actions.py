"""The polish audit, as tests: every command in a menu with a tip and a unique shortcut,
the Help menu, and the window worked from the keyboard alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
    QWidgetAction,
)

import briefing
from briefing.core import Library
from briefing.ui.actions import annotate, articles
from briefing.ui.actions.help_menu import show_about, show_shortcuts
from briefing.ui.dialogs.shortcuts import ShortcutsDialog, keys_of, plain
from briefing.ui.main_window import MainWindow
from tests.ui.helpers import actions_in_menus, sample_window, select

INPUTS = (QLineEdit, QComboBox, QAbstractItemView, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


def _commands(window: MainWindow) -> list[QAction]:
    """Every command of the window: its QActions, less Qt's own (a menu's title action, a
    line edit's clear button, the toolbar's hide/show toggle, the holder of a widget put in
    the toolbar)."""
    toggle = window.toolbar.toggleViewAction()
    return [
        action
        for action in window.findChildren(QAction)
        if action.menu() is None
        and not action.isSeparator()
        and not action.objectName().startswith("_q_")
        and action is not toggle
        and not isinstance(action, QWidgetAction)
    ]


def test_every_action_has_text_a_tip_a_menu_and_a_unique_shortcut(
    make_window, library: Library
) -> None:
    window = make_window(library)
    commands = _commands(window)
    assert len(commands) >= 25  # the walk found the window's and the panel's actions
    in_menus = actions_in_menus(window)
    owners: dict[str, str] = {}
    for action in commands:
        name = plain(action.text())
        assert name, action
        assert action.statusTip() and action.toolTip() != name, f"{name}: no tip"
        assert action in in_menus, f"{name} is in no menu"
        for key in action.shortcuts():
            text = key.toString()
            assert text not in owners, f"{text} is both {owners[text]} and {name}"
            owners[text] = name
    for wanted in ("Import Files", "Find in Article", "Undo", "Redo", "Quit"):
        assert any(owner.startswith(wanted) for owner in owners.values()), wanted


def test_standard_keys_where_qt_has_them(make_window, library: Library) -> None:
    window = make_window(library)
    standard = QKeySequence.StandardKey
    for action, key in (
        (window.import_files_action, standard.Open),
        (window.find_action, standard.Find),
        (window.find_next_action, standard.FindNext),
        (window.undo_action, standard.Undo),
        (window.redo_action, standard.Redo),
        (window.quit_action, standard.Quit),
        (window.shortcuts_action, standard.HelpContents),
    ):
        # Where the platform binds nothing (Quit on Windows and offscreen), ours: Ctrl+Q.
        expected = QKeySequence.keyBindings(key) or [QKeySequence("Ctrl+Q")]
        assert action.shortcuts() == expected, plain(action.text())


def test_the_shortcuts_dialog_is_generated_from_the_menus(
    qtbot, make_window, library: Library
) -> None:
    window = make_window(library)
    dialog = show_shortcuts(window)
    assert isinstance(dialog, ShortcutsDialog) and window.dialog is dialog
    rows = dialog.rows()
    keyed = {a for a in actions_in_menus(window) if not a.isSeparator() and a.menu() is None}
    assert len(rows) == len(keyed)
    shown = {(command, keys) for command, keys, _menu in rows}
    assert ("Mark as Claim", keys_of(window.claim_action)) in shown
    assert ("Undo", keys_of(window.undo_action)) in shown
    assert ("Delete", keys_of(window.panel.delete_action)) in shown
    assert {menu for *_rest, menu in rows} == {"File", "Edit", "View", "Annotate", "Help"}
    dialog.reject()


def test_about_names_the_version_and_the_library(make_window, library: Library) -> None:
    window = make_window(library)
    box = show_about(window)
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert briefing.__version__ in box.text()
    assert str(library.path) in box.text()
    box.reject()


def test_focus_shortcuts_reach_each_pane(qtbot, make_window, library: Library) -> None:
    window, _article = sample_window(qtbot, make_window, library)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    targets = [
        (Qt.Key.Key_1, window.library_pane.view),
        (Qt.Key.Key_2, window.reader.page),
        (Qt.Key.Key_3, window.panel.tree),
        (Qt.Key.Key_L, window.library_pane.filter),
    ]
    for key, widget in targets:
        qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is widget, widget


def test_tab_goes_library_reader_panel(qtbot, make_window, library: Library) -> None:
    window, _article = sample_window(qtbot, make_window, library)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    pane = window.library_pane
    pane.filter.setFocus()
    order = []
    for _ in range(6):
        order.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert order == [
        pane.filter,
        pane.tag_filter,
        pane.actor_filter,
        pane.view,
        window.reader.page,
        window.panel.tree,
    ]


def _unnamed(root: QWidget) -> list[str]:
    """Focusable inputs and buttons under `root` that a screen reader could not name.

    Qt's own parts are named by Qt and skipped: a line edit's clear button, the toolbar's
    overflow button (objectName qt_…), and the popup lists of combo boxes and completers.
    """
    found = []
    for widget in root.findChildren(QWidget):
        if (
            widget.focusPolicy() == Qt.FocusPolicy.NoFocus
            or widget.objectName().startswith("qt_")
            or widget.window().windowType() == Qt.WindowType.Popup
        ):
            continue
        if isinstance(widget, INPUTS):
            named = widget.accessibleName()
        elif isinstance(widget, QAbstractButton):
            named = widget.accessibleName() or widget.text()  # a button is read by its text
        else:
            continue
        if not named:
            found.append(f"{type(root).__name__}: {type(widget).__name__} {widget.toolTip()!r}")
    return found


def test_every_input_has_an_accessible_name(qtbot, make_window, library: Library) -> None:
    window, _article = sample_window(qtbot, make_window, library)
    window.reader.start_find()  # the find bar's inputs too
    assert _unnamed(window) == []
    select(window, "SenseTime")
    claim = library.claims.list()[0]
    for open_dialog in (
        lambda: annotate.mark_claim(window),
        lambda: annotate.edit_claim(window, claim.id),
        lambda: annotate.tag_actor(window),
        lambda: articles.paste_article(window, "Some text"),
        lambda: articles.edit_article_details(window),
        lambda: show_shortcuts(window),
    ):
        dialog = open_dialog()
        assert dialog is not None
        assert _unnamed(dialog) == []
        dialog.reject()


def test_the_view_menu_opens_the_briefing_workspace(qtbot, make_window, library: Library) -> None:
    from briefing.ui.workspace.window import WorkspaceWindow

    window, _ = sample_window(qtbot, make_window, library)
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert window.workspace_action in view.actions()
    window.workspace_action.trigger()
    workspaces = [w for w in window.findChildren(WorkspaceWindow) if w.isVisible()]
    assert len(workspaces) == 1
    window.workspace_action.trigger()  # the same window again, not a second one
    assert len(window.findChildren(WorkspaceWindow)) == 1


def test_every_action_and_button_has_an_accessible_name(
    qtbot, make_window, library: Library
) -> None:
    """A screen reader names a menu item or a button by its action's text: every command of
    the main window, the docked workspace, the claims table and the actor pages has one,
    and every button (icon-only ones too, and the folded panes' strips) is named."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QToolButton

    from briefing.ui.panes.strip import PaneStrip
    from briefing.ui.workspace import open_workspace

    window, _article = sample_window(qtbot, make_window, library)
    open_workspace(window)
    window.claims_action.trigger()
    window.actors_action.trigger()
    window.resize(700, 700)  # folded panes show their strips
    windows = [window, *(w for w in window.findChildren(QWidget) if w.isWindow())]
    for root in windows:
        for action in root.findChildren(QAction):
            if action.isSeparator() or action.objectName().startswith("_q_"):
                continue
            if isinstance(action, QWidgetAction) or action.menu() is not None:
                continue  # a widget's holder; a drop-down's own (its button is named)
            assert plain(action.text()), (type(root).__name__, action.toolTip())
        buttons = [
            b for b in root.findChildren(QAbstractButton) if isinstance(b, (QToolButton, PaneStrip))
        ]
        for button in buttons:
            if button.objectName().startswith("qt_") or isinstance(button.parent(), QLineEdit):
                continue  # Qt's own: a dock's buttons, a line edit's clear button
            accessible = QAccessible.queryAccessibleInterface(button)
            name = accessible.text(QAccessible.Text.Name) if accessible else ""
            assert name, (type(root).__name__, button.toolTip())
    assert _unnamed(window) == []  # the docked workspace's inputs included

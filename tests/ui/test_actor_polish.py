"""The actors window as the rest of the app is held to: opened from View ▸ Actors, every
command in a menu with a tip and a unique shortcut, every input named for a screen reader."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QWidget,
)

from briefing.core import Library
from briefing.ui.actors.window import ActorsWindow
from tests.ui.helpers import actions_in_menus, sample_window
from tests.ui.test_actor_helpers import actors_on_sample

INPUTS = (QLineEdit, QComboBox, QAbstractItemView)


def unnamed(root: QWidget) -> list[str]:
    """Focusable inputs and buttons a screen reader could not name (Qt's own parts aside)."""
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
            named = widget.accessibleName() or widget.text()
        else:
            continue
        if not named:
            found.append(f"{type(widget).__name__} {widget.toolTip()!r}")
    return found


def test_view_actors_opens_one_window(qtbot, make_window, library: Library) -> None:
    main, _article = sample_window(qtbot, make_window, library)
    view = next(a.menu() for a in main.menuBar().actions() if a.text() == "&View")
    assert main.actors_action in view.actions()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    qtbot.keyClick(
        main, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    windows = [w for w in main.findChildren(ActorsWindow) if w.isVisible()]
    assert len(windows) == 1
    assert windows[0].page_view.name.text() == "China"  # the first actor of the list
    main.actors_action.trigger()  # the same window again, not a second one
    assert len(main.findChildren(ActorsWindow)) == 1


def test_every_action_has_text_a_tip_a_menu_and_a_unique_shortcut(
    qtbot, make_window, library: Library
) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library, "SenseTime")
    commands = [
        a
        for a in window.findChildren(QAction)
        if a.menu() is None and not a.isSeparator() and not a.objectName().startswith("_q_")
    ]
    assert len(commands) >= 13
    menus = actions_in_menus(window)
    owners: dict[str, str] = {}
    for action in commands:
        name = action.text().replace("&", "")
        assert name
        assert action.statusTip() and action.toolTip() != name, f"{name}: no tip"
        assert action in menus, f"{name} is in no menu"
        for key in action.shortcuts():
            # Delete means Remove Alias in the alias list, Reject in the suggestions: each
            # holds only in its own list (a widget shortcut), so they never meet.
            if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
                continue
            text = key.toString()
            assert text not in owners, f"{text} is both {owners[text]} and {name}"
            owners[text] = name


def test_every_input_has_an_accessible_name(qtbot, make_window, library: Library) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library, "SenseTime")
    assert unnamed(window) == []
    for action in (window.add_alias_action, window.merge_action):
        action.trigger()
        dialog = window.dialog
        assert dialog is not None and dialog.isVisible()
        assert unnamed(dialog) == []
        dialog.reject()

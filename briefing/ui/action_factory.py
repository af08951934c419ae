"""Making a window's commands: one QAction per command, with a tooltip and status tip, its
shortcut and icon, owned by the window (so its key works anywhere in it) or by one widget.

Every window (main, workspace, claims, actors) builds its menus from these, and the
shortcut audit in the tests relies on each having a tip: one factory keeps them alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from briefing.ui.icons import icon

# One key, a standard key (every binding the platform has), a standard key with our own for
# platforms that bind none (Quit on Windows), or several keys.
Keys = (
    QKeySequence
    | QKeySequence.StandardKey
    | tuple[QKeySequence.StandardKey, str]
    | str
    | Sequence[QKeySequence | str]
    | None
)


def make_action(
    window: QWidget,
    text: str,
    tip: str,
    slot: Callable[[], object],
    keys: Keys = None,
    name: str = "",
    widget: QWidget | None = None,
) -> QAction:
    """A command of `window`; with `widget`, its key works only where that widget has focus
    (Delete in a list must not delete while typing in a field)."""
    action = QAction(text, window)
    action.setToolTip(tip)
    action.setStatusTip(tip)
    if isinstance(keys, tuple):
        standard, fallback = keys
        action.setShortcuts(QKeySequence.keyBindings(standard) or [QKeySequence(fallback)])
    elif isinstance(keys, QKeySequence.StandardKey):
        action.setShortcuts(keys)
    elif isinstance(keys, list):
        action.setShortcuts([QKeySequence(key) for key in keys])
    elif keys is not None:
        action.setShortcut(QKeySequence(keys))
    if name:
        action.setIcon(icon(name))
    action.triggered.connect(lambda _checked=False: slot())
    if widget is not None:
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        widget.addAction(action)
    else:
        window.addAction(action)
    return action

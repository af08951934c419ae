"""Ctrl+K from the app's other windows (workspace, claims, actors): the library search is
"always at hand", so the key brings the main window forward with its search field ready,
rather than each window growing a search of its own."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


def add_search_library(window: QMainWindow, menu: QMenu) -> QAction | None:
    """Give `window` (a child window of the main window) the main window's Ctrl+K, in
    `menu`; None for a window standing alone, which has no library search to go to."""
    from briefing.ui.main_window import MainWindow  # loaded already when one exists

    main_window = window.parent()
    if not isinstance(main_window, MainWindow):
        return None
    action = QAction("Search &Library…", window)
    tip = "Search the whole library from the main window's search field"
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.setShortcut(QKeySequence(main_window.search_action.shortcut()))
    action.triggered.connect(lambda: _search_in(main_window))
    window.addAction(action)
    menu.addSeparator()
    menu.addAction(action)
    return action


def _search_in(main_window: QMainWindow) -> None:
    main_window.show()
    main_window.raise_()
    main_window.activateWindow()
    main_window.search_action.trigger()

"""The claims table docked in the main window, as the workspace is (workspace/dock.py): a
claim drags from the table into a section of the docked workspace without a window to move.

A dock for the same reasons as the workspace's, and one that behaves alike: View ▸ Claims
(Ctrl+Shift+C) shows it with the focus in its search box, or closes it; View ▸ Claims in Its
Own Window detaches it (so do its float button and a double-click on its title) and docks
it back; the main window's saveState() remembers where, how big and whether floating, and
`claims/open` whether it was open (main_panes.py). Nothing is made or read until it is
first shown.

Its place the first time is the bottom edge, below the reader and the annotation panel: a
table of eight columns wants width, which the reader cannot spare beside it, while the
reader's measure does not depend on its height. The workspace, at the right edge, keeps the
window's full height beside it (the bottom-right corner is the right edge's), so a claim
drags up and across into a section in sight.

The table inside is the same ClaimsWindow (`hosted`): its commands are in the main window's
Claims menu and answer where the focus is inside it; Undo and Redo are the main window's
(acting on the table's own history while the focus is in here, ui/undo/router.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDockWidget, QMenu

from briefing.ui import dock_room
from briefing.ui.claims_table.window import ClaimsWindow

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow

OBJECT_NAME = "claimsDock"
HEIGHT_SHARE = 0.4  # of the main window's height, for a dock opened the first time
ROWS_AT_LEAST = 3  # rows of claims in sight below the filter bar, however short the window


class ClaimsDock(QDockWidget):
    """The dock holding the claims table (`table`)."""

    def __init__(self, main: MainWindow) -> None:
        super().__init__("Claims", main)
        self.setObjectName(OBJECT_NAME)
        self.setAccessibleName("Claims table")
        self.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea
            | Qt.DockWidgetArea.LeftDockWidgetArea
            | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.table = ClaimsWindow(main, hosted=True)
        self.table.menuBar().hide()
        # Docked, it speaks in the main window's status line, right below it; floating, in
        # one of its own.
        self.table.statusBar().hide()
        self.topLevelChanged.connect(lambda floating: self.table.statusBar().setVisible(floating))
        self.setWidget(self.table)
        self.table.close_action.triggered.disconnect()
        self.table.close_action.triggered.connect(self.close)
        self.visibilityChanged.connect(self._on_visibility_changed)

    def _on_visibility_changed(self, visible: bool) -> None:
        if not visible and not self.isVisible():  # closed, not merely behind another tab
            self.table.save_settings()


def claims_dock(main: MainWindow) -> ClaimsDock:
    """The main window's claims dock, made (hidden) on first use: its place as last
    remembered, else the bottom edge."""
    dock = main.findChild(ClaimsDock)
    if dock is not None:
        return dock
    dock = ClaimsDock(main)
    dock.hide()
    if not main.restoreDockWidget(dock):
        main.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    _add_menu(main, dock)
    dock.addAction(main.claims_action)  # Ctrl+Shift+C in the table closes it again
    dock.visibilityChanged.connect(lambda _visible: _sync(main, dock))
    dock.topLevelChanged.connect(lambda _floating: _sync(main, dock))
    dock.topLevelChanged.connect(lambda floating: floating or dock_room.share(main, dock))
    return dock


def show_dock(main: MainWindow, dock: ClaimsDock) -> None:
    """Show the dock: the first time at about 40% of the window's height (the main window's
    layout sizes a new dock by its content's size hint); after that as it was left."""
    row = dock.table.view.verticalHeader().defaultSectionSize()
    height = max(int(main.height() * HEIGHT_SHARE), dock.table.minimumSizeHint().height())
    dock.table.preferred_size = QSize(main.width() // 2, max(height, row * ROWS_AT_LEAST))
    dock_room.place(main, dock)
    dock.show()
    dock.raise_()
    dock_room.share(main, dock)
    _sync(main, dock)


def _add_menu(main: MainWindow, dock: ClaimsDock) -> None:
    """The table's commands in the main window's Claims menu (before Help, after the
    workspace's Briefing menu when it is there)."""
    table = dock.table
    menu = QMenu("&Claims", main)
    menu.setObjectName("claimsMenu")
    menu.setToolTipsVisible(True)
    menu.addActions([table.open_action, table.add_action, table.copy_action])
    menu.addSeparator()
    menu.addActions([table.find_action, table.clear_action])
    menu.addSeparator()
    menu.addActions([main.claims_action, main.float_claims_action])
    help_menu = main.menuBar().actions()[-1]
    main.menuBar().insertMenu(help_menu, menu)
    main.claims_menu = menu


def _sync(main: MainWindow, dock: ClaimsDock) -> None:
    """The View menu's check marks follow the dock, however it was moved or closed."""
    for action, on in (
        (main.claims_action, dock.isVisible()),
        # Checked only while it shows as a window: from a closed dock the command opens
        # it in a window of its own, whatever it was when it was closed.
        (main.float_claims_action, dock.isVisible() and dock.isFloating()),
    ):
        blocked = action.blockSignals(True)
        action.setChecked(on)
        action.blockSignals(blocked)


def open_dock(main: MainWindow, *, focus: bool = True) -> ClaimsDock:
    """Show the dock where it was last (docked, or floating as its own window); with
    `focus`, the keyboard goes to its search box."""
    dock = claims_dock(main)
    show_dock(main, dock)
    if focus:
        dock.table.focus_search()
        if dock.isFloating():
            dock.activateWindow()
    return dock


def set_floating(main: MainWindow, floating: bool) -> None:
    dock = claims_dock(main)
    show_dock(main, dock)
    dock.setFloating(floating)
    if floating:
        dock.activateWindow()


def toggle(main: MainWindow, shown: bool) -> None:
    """View ▸ Claims: show it (with the focus in its search box) or close it."""
    if shown:
        open_dock(main)
    else:
        claims_dock(main).close()

"""The briefing workspace docked in the main window, beside the reader: a claim drags from
the reader, the annotation panel or the search results into a section without a window to
move, and so does the claims table, docked below them (claims_table/dock.py).

A dock rather than a splitter pane or a tab. A tab would hide the reader while the
workspace shows, and a drag wants both in sight. A pane would be one more fixed place in a
row that already folds panes for the reader's sake. A QDockWidget is beside the reader by
default (the right edge) and can be dragged to the left or the bottom, or float as a window
of its own (double-click its title, its float button, or View ▸ Workspace in Its Own Window)
on a second screen; the main window's saveState() remembers where and how big, and whether
it was open, at no cost of our own. The reader still comes first: the main window's panes
fold around it as the dock takes room (main_panes.py), and the workspace's own panes fold
around its editor in a narrow dock.

The workspace inside is the same WorkspaceWindow (`hosted`): its commands are in the main
window's Briefing menu and answer where the focus is inside it; Undo, Redo and Ctrl+K are
the main window's (one search; Undo acts on the workspace's own history while the focus is
in here, ui/undo/router.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMenu

from briefing.ui import dock_room
from briefing.ui.workspace.window import WorkspaceWindow

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow

OBJECT_NAME = "workspaceDock"


class WorkspaceDock(QDockWidget):
    """The dock holding the workspace (`workspace`)."""

    def __init__(self, main: MainWindow) -> None:
        super().__init__("Briefing Workspace", main)
        self.setObjectName(OBJECT_NAME)
        self.setAccessibleName("Briefing workspace")
        self.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea
            | Qt.DockWidgetArea.RightDockWidgetArea
            | Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.workspace = WorkspaceWindow(
            main.library,
            main.runner,
            main.workspace_undo_stack,
            main.settings,
            main,
            hosted=True,
        )
        self.workspace.menuBar().hide()
        self.workspace.show_claim = lambda item: (
            main.show_annotation(item.snapshot.article.id, item.claim_id)
            if item.claim_id is not None and item.snapshot is not None
            else False
        )
        self.setWidget(self.workspace)
        self.workspace.close_action.triggered.disconnect()
        self.workspace.close_action.triggered.connect(self.close)
        self.visibilityChanged.connect(self._on_visibility_changed)

    def _on_visibility_changed(self, visible: bool) -> None:
        if not visible and not self.isVisible():  # closed, not merely behind another tab
            self.workspace.put_away()


def workspace_dock(main: MainWindow) -> WorkspaceDock:
    """The main window's dock, made (hidden) on first use: its place as last remembered."""
    dock = main.findChild(WorkspaceDock)
    if dock is not None:
        return dock
    dock = WorkspaceDock(main)
    dock.hide()
    if not main.restoreDockWidget(dock):
        main.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    _add_menu(main, dock)
    dock.visibilityChanged.connect(lambda _visible: _sync(main, dock))
    dock.topLevelChanged.connect(lambda _floating: _sync(main, dock))
    dock.topLevelChanged.connect(lambda floating: floating or dock_room.share(main, dock))
    return dock


def show_dock(main: MainWindow, dock: WorkspaceDock) -> None:
    """Show the dock: placed the first time beside the reader, where and as the reader
    left it after that, and no wider than leaves the reader its measure with the
    annotation panel beside it (dock_room.py)."""
    dock.workspace.preferred_width = dock_room.side_width(main, dock)
    dock_room.place(main, dock)
    dock.show()
    dock.raise_()
    dock_room.share(main, dock)
    _sync(main, dock)


def _add_menu(main: MainWindow, dock: WorkspaceDock) -> None:
    """The workspace's commands in the main window's Briefing menu (before Help)."""
    workspace = dock.workspace
    menu = QMenu("&Briefing", main)
    leave_out = {workspace.undo_action, workspace.redo_action, workspace.close_action}
    for top in workspace.menuBar().actions():
        actions = [a for a in top.menu().actions() if a not in leave_out]
        while actions and actions[-1].isSeparator():
            actions.pop()
        if menu.actions():
            menu.addSeparator()
        menu.addActions(actions)
    menu.addSeparator()
    menu.addActions([main.workspace_action, main.float_workspace_action])
    claims_menu = getattr(main, "claims_menu", None)  # Briefing comes before Claims
    before = claims_menu.menuAction() if claims_menu else main.menuBar().actions()[-1]
    main.menuBar().insertMenu(before, menu)
    main.briefing_menu = menu


def _sync(main: MainWindow, dock: WorkspaceDock) -> None:
    """The View menu's check marks follow the dock, however it was moved or closed."""
    for action, on in (
        (main.workspace_action, dock.isVisible()),
        # Checked only while it shows as a window: from a closed dock the command opens
        # it in a window of its own, whatever it was when it was closed.
        (main.float_workspace_action, dock.isVisible() and dock.isFloating()),
    ):
        blocked = action.blockSignals(True)
        action.setChecked(on)
        action.blockSignals(blocked)


def set_floating(main: MainWindow, floating: bool) -> None:
    dock = workspace_dock(main)
    show_dock(main, dock)
    dock.setFloating(floating)
    if floating:
        dock.activateWindow()


def toggle(main: MainWindow, shown: bool) -> None:
    """View ▸ Briefing Workspace: show it (with the focus in it) or close it."""
    dock = workspace_dock(main)
    if shown:
        show_dock(main, dock)
        dock.workspace.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if dock.isFloating():
            dock.activateWindow()
    else:
        dock.close()

"""The briefing workspace: a window of its own for building briefings (issue 7).

    from briefing.ui.workspace import open_workspace
    open_workspace(main_window)   # shows it (or raises the one already open) and returns it

The window shares the main window's library, op runner and undo stack, so one Edit ▸ Undo
history covers annotations and briefings alike, and every change reaches both windows through
`runner.library_changed`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow
    from briefing.ui.workspace.window import WorkspaceWindow


def open_workspace(parent_window: MainWindow) -> WorkspaceWindow:
    """Show the workspace of `parent_window`'s library, made on first use and kept after.

    It is a child of the main window with the Qt.Window flag: a separate top-level window
    that closes and goes away with the main window (whose close stops the runner first).
    """
    from briefing.ui.workspace.window import WorkspaceWindow

    window = parent_window.findChild(WorkspaceWindow)
    if window is None:
        window = WorkspaceWindow(
            parent_window.library,
            parent_window.runner,
            parent_window.undo_stack,
            parent_window.settings,
            parent=parent_window,
        )
    window.show()
    window.raise_()
    window.activateWindow()
    return window

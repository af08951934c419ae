"""The briefing workspace: briefings built from claims, with a live preview (issue 7), docked
in the main window beside the reader (issue 13; dock.py).

    from briefing.ui.workspace import open_workspace
    open_workspace(main_window)   # shows it (made on first use) and returns it

The workspace shares the main window's library and op runner, so every change reaches both
through `runner.library_changed`; it keeps its own undo history, which the main window's
Edit ▸ Undo acts on while the focus is in the workspace (ui/undo/router.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow
    from briefing.ui.workspace.window import WorkspaceWindow


def open_workspace(main_window: MainWindow, *, focus: bool = True) -> WorkspaceWindow:
    """Show the workspace docked in `main_window` (where it was last: docked, or floating as
    its own window); with `focus`, the keyboard goes to it. Its WorkspaceWindow."""
    from briefing.ui.workspace.dock import show_dock, workspace_dock

    dock = workspace_dock(main_window)
    show_dock(main_window, dock)
    if focus:
        dock.workspace.tree.setFocus()
        if dock.isFloating():
            dock.activateWindow()
    return dock.workspace

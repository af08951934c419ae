"""File ▸ Team: join a team library, see its conflicts, leave it (Sync Now is TeamSync's)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.core import Library
from briefing.ui import errors
from briefing.ui.dialogs.team import ConflictsDialog, JoinDialog, confirm_leave
from briefing.ui.ops import CoreOp

if TYPE_CHECKING:
    from briefing.core import Progress
    from briefing.ui.main_window import MainWindow


def join(window: MainWindow) -> None:
    link = window.library.team.link()
    if link is not None:
        errors.show_status(window, f"This library is in the team library {link.team!r} already")
        return
    dialog = JoinDialog(window.team_sync, window)
    window.dialog = dialog
    dialog.open()


def show_conflicts(window: MainWindow) -> None:
    dialog = ConflictsDialog(window.library, window.runner, window)
    window.dialog = dialog
    dialog.open()


def leave(window: MainWindow) -> None:
    if window.library.team.link() is None:
        errors.show_status(window, "This library is in no team library")
        return
    if not confirm_leave(window):
        return

    def run(library: Library, _progress: Progress) -> str:
        return library.team.leave().team

    op = CoreOp(window.runner, run, window)
    op.success(lambda team: _left(window, team)).run()


def _left(window: MainWindow, team: str) -> None:
    window.team_sync.refresh()
    errors.show_status(window, f"Left the team library {team!r}; this library keeps everything")

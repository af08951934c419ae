"""Adding claims to a briefing from outside the workspace: the reader's shortcut, the
claims table's button, a search result's menu.

The claims go to the briefing open in the workspace, into the section picked there (else
the briefing's default section), as one undoable step. The workspace is opened so the reader
sees where they went; with no briefing yet, one is made for them rather than
refusing, since "add this to my briefing" is the whole point of the gesture.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from briefing.ui import errors

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow


def add_to_briefing(main_window: MainWindow, claim_ids: Sequence[int]) -> list[int]:
    """Add the claims (those not in it already) to the workspace's open briefing.

    Returns the new items' ids; [] when there was nothing to add. What happened is said in
    the status bar of the window the reader is working in, and of the workspace.
    """
    from briefing.ui.workspace import edits, open_workspace

    active = QApplication.activeWindow() or main_window
    if not claim_ids:
        errors.show_status(active, "Select a claim to add to a briefing")
        return []
    # Shown so the reader sees where the claims went, but the window they work in keeps
    # the focus: adding claim after claim from the reader must not mean clicking back.
    workspace = open_workspace(main_window, focus=False)
    if active is not workspace:
        active.raise_()
        active.activateWindow()

    def say(message: str) -> None:
        for window in {main_window, active, workspace}:
            errors.show_status(window, message)

    if workspace.briefing is None:
        edits.new_briefing(workspace)
    briefing = workspace.briefing
    if briefing is None:  # making one failed; its error is already shown
        return []
    present = {item.claim_id for item in briefing.items}
    wanted = [claim_id for claim_id in dict.fromkeys(claim_ids) if claim_id not in present]
    if not wanted:
        say(f"Already in “{briefing.title}”")
        return []
    section = workspace.current_section()
    ids = edits.add_claims(workspace, wanted, section.heading if section else None)
    if ids:
        what = "claim" if len(ids) == 1 else f"{len(ids)} claims"
        skipped = len(set(claim_ids)) - len(ids)
        say(
            f"Added {what} to “{briefing.title}”"
            + (f" ({skipped} already there)" if skipped else "")
        )
    return ids

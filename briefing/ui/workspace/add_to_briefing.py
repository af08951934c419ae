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

    Returns the new items' ids; [] when there was nothing to add, with a status line saying
    why in the window the reader is looking at.
    """
    from briefing.ui.workspace import edits, open_workspace

    if not claim_ids:
        errors.show_status(main_window, "Select a claim to add to a briefing")
        return []
    # Shown so the reader sees where the claims went, but the window they work in keeps
    # the focus: adding claim after claim from the reader must not mean clicking back.
    active = QApplication.activeWindow()
    workspace = open_workspace(main_window)
    if active is not None and active is not workspace:
        active.raise_()
        active.activateWindow()
    if workspace.briefing is None:
        edits.new_briefing(workspace)
    briefing = workspace.briefing
    if briefing is None:  # making one failed; its error is already shown
        return []
    present = {item.claim_id for item in briefing.items}
    wanted = [claim_id for claim_id in dict.fromkeys(claim_ids) if claim_id not in present]
    if not wanted:
        message = f"Already in “{briefing.title}”"
        errors.show_status(main_window, message)
        errors.show_status(workspace, message)
        return []
    section = workspace.current_section()
    ids = edits.add_claims(workspace, wanted, section.heading if section else None)
    if ids:
        count = len(ids)
        what = "claim" if count == 1 else f"{count} claims"
        message = f"Added {what} to “{briefing.title}”"
        skipped = len(set(claim_ids)) - count
        if skipped:
            message += f" ({skipped} already there)"
        errors.show_status(main_window, message)
    return ids

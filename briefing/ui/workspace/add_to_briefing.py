"""Adding claims to a briefing from outside the workspace: the reader's shortcut and its
marks' menu, the annotation panel, the claims table's button, a search result's menu.

The claims go to the briefing open in the workspace, into the section the reader picks: a
menu of its sections pops up where the reader is working (the one picked last for that
briefing is active, so Enter takes it again; section_menu.py), and New Section… makes one.
A briefing without named sections yet has nothing to ask. The mark's own menu offers the sections
as a submenu, so there the choice comes with the request (`section`).

It is one undoable step in the history of the pane it was done in (`undo`: the reader's,
the claims table's), since that is where the reader will reach for Undo. The workspace is
shown so the reader sees where the claims went; with no briefing yet, one is made for them
rather than refusing, since "add this to my briefing" is the whole point of the gesture.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDockWidget, QTextEdit, QWidget

from briefing.core import Briefing, BriefingError
from briefing.ui import errors
from briefing.ui.workspace.section_menu import (
    NEW_SECTION,
    ask_section_name,
    last_section,
    remember,
    section_menu,
)
from briefing.ui.workspace.tree_model import UNTITLED

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow
    from briefing.ui.undo.context import UndoContext

ASK = None  # no section given: ask, when the briefing has any


def target_briefing(main_window: MainWindow) -> Briefing | None:
    """The briefing Add to Briefing would add to: the one open in the workspace, else the
    one the workspace would open (the latest changed), without making the workspace.

    Asked at every rest of the pointer on a claim (its card names its menu's entries): the
    dock is found by its name, so the workspace's modules are not imported for a card (the
    first card waited 70-190 ms for them)."""
    dock = main_window.findChild(QDockWidget, "workspaceDock")  # workspace/dock.py's name
    try:
        if dock is not None:
            # Read afresh: the workspace redraws after a change a moment later, and a menu
            # opened meanwhile must not offer to add a claim that is in it already.
            briefing_id = dock.workspace.briefing_id  # type: ignore[attr-defined]
            return None if briefing_id is None else main_window.library.briefings.get(briefing_id)
        briefings = main_window.library.briefings.list()
        return main_window.library.briefings.get(briefings[0].id) if briefings else None
    except BriefingError:
        return None


def add_to_briefing(
    main_window: MainWindow,
    claim_ids: Sequence[int],
    undo: UndoContext | None = None,
    *,
    section: int | None = ASK,
    where: QPoint | None = None,
) -> list[int]:
    """Add the claims (those not in it already) to the workspace's open briefing, into
    `section` (an id, or NEW_SECTION to ask for a name); ASK pops up the sections at `where`
    (else where the focus is) and adds once one is picked.

    Returns the new items' ids; [] when nothing was added (yet). What happened is said in
    the status bar of the window the reader is working in (and of the dock, when it has
    one), and of the workspace.
    """
    from briefing.ui.workspace import edits, open_workspace

    active = QApplication.activeWindow() or main_window
    if not claim_ids:
        errors.show_status(active, "Select a claim to add to a briefing")
        return []
    # Shown so the reader sees where the claims went, but the window they work in keeps
    # the focus: adding claim after claim from the reader must not mean clicking back.
    focus = QApplication.focusWidget()
    workspace = open_workspace(main_window, focus=False)
    if active is not workspace:
        active.raise_()
        active.activateWindow()
    if focus is not None and focus.window() is active:
        focus.setFocus()

    def say(message: str) -> None:
        # A docked pane with a status line of its own (the claims table) hears it there too.
        where = [main_window, active, workspace] + ([focus] if focus is not None else [])
        for widget in dict.fromkeys(where):
            errors.show_status(widget, message)

    if workspace.briefing is None:
        edits.new_briefing(workspace)
        if focus is not None and focus.window() is active:
            focus.setFocus()  # naming the new briefing can wait: the reader was busy here
    briefing = workspace.briefing
    if briefing is None:  # making one failed; its error is already shown
        return []
    present = {item.claim_id for item in briefing.items}
    wanted = [claim_id for claim_id in dict.fromkeys(claim_ids) if claim_id not in present]
    if not wanted:
        say(f"Already in “{briefing.title}”")
        return []

    def add(heading: str | None, section_id: int | None = None) -> list[int]:
        current = workspace.briefing
        if current is None or current.id != briefing.id:
            return []
        ids = edits.add_claims(workspace, wanted, heading, undo=undo)
        if ids:
            if section_id is not None:
                remember(workspace.settings, current, section_id)
            elif heading is not None and workspace.briefing is not None:
                made = next((s for s in workspace.briefing.sections if s.heading == heading), None)
                if made is not None:
                    remember(workspace.settings, workspace.briefing, made.id)
            what = "claim" if len(ids) == 1 else f"{len(ids)} claims"
            skipped = len(set(claim_ids)) - len(ids)
            into = f" ▸ {heading or UNTITLED}" if heading is not None or section_id else ""
            say(
                f"Added {what} to “{current.title}”{into}"
                + (f" ({skipped} already there)" if skipped else "")
            )
        return ids

    def chosen(section_id: int) -> list[int]:
        if section_id == NEW_SECTION:
            workspace_name = edits.unused_heading(workspace)
            dialog = ask_section_name(
                active, "Add to New Section", lambda name: add(name), workspace_name
            )
            workspace.dialog = dialog
            return []
        found = next((s for s in briefing.sections if s.id == section_id), None)
        if found is None:
            say("That section is no longer in the briefing")
            return []
        return add(found.heading, found.id)

    if section is not None:
        return chosen(section)
    if not any(s.heading for s in briefing.sections):
        return add(None)  # no named section (none, or one untitled): nothing to ask
    menu = section_menu(
        active,
        "Add to Section",
        briefing,
        chosen,
        last=last_section(workspace.settings, briefing),
    )
    workspace.menu = menu
    menu.aboutToHide.connect(menu.deleteLater)
    menu.popup(where if where is not None else _where(focus))
    return []


def _where(focus: QWidget | None) -> QPoint:
    """Where to ask: under the text cursor or the current row of the focused widget."""
    if isinstance(focus, QTextEdit):
        rect = focus.cursorRect()
        return focus.viewport().mapToGlobal(rect.bottomLeft())
    if isinstance(focus, QAbstractItemView) and focus.currentIndex().isValid():
        rect = focus.visualRect(focus.currentIndex())
        return focus.viewport().mapToGlobal(rect.bottomLeft())
    return QCursor.pos()

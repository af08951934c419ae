"""Rearranging the open briefing: items and sections moved, all through the undo stack.

Apart from the editing actions (edits.py) because a move is worked out, not typed: where a
drop lands (`drop_placements`), which section Alt+Up or Alt+Down crosses into at an edge,
which sections Move to Section offers, and a new section made and filled in one undo step.
Each move keeps the moved rows selected afterwards, so the reader can go on moving them.
Like every edit, each goes through `edits.push`, which commits what is being typed first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu

from briefing.core import BriefingItem, drop_placements, placements_of
from briefing.ui import errors
from briefing.ui.workspace import commands
from briefing.ui.workspace.edits import push, unused_heading
from briefing.ui.workspace.section_menu import NEW_SECTION, ask_section_name, section_menu

if TYPE_CHECKING:
    from briefing.ui.workspace.window import WorkspaceWindow


def move_items(window: WorkspaceWindow, item_ids: Sequence[int], section_id: int, row: int) -> bool:
    """Items dropped before a row of a section (-1: at its end)."""
    window.fields.commit()
    briefing = window.briefing
    if briefing is None or window.briefing_id is None:
        return False
    after = drop_placements(briefing, item_ids, section_id, row)
    if not after:
        return False
    before = placements_of(briefing, [item_id for item_id, _s, _p in after])
    command = commands.MoveItems(window.undo, window.briefing_id, before, after)
    if not push(window, command):
        return False
    window.select_items(list(item_ids))
    return True


def move_selection(window: WorkspaceWindow, step: int) -> bool:
    """Alt+Up (step -1) and Alt+Down (+1): the selected items one place up or down, into
    the next section at its edge; a section row moves the section (with its items)."""
    briefing = window.briefing
    if briefing is None or window.briefing_id is None:
        return False
    items = window.selected_items()
    if not items:
        section = window.tree_model.section_at(window.tree.currentIndex())
        return section is not None and move_section(window, section.id, step)
    sections = briefing.sections
    where = {item.id: (n, s) for n, s in enumerate(sections) for item in s.items}
    edge = items[0] if step < 0 else items[-1]
    n, section = where[edge.id]
    row = [i.id for i in section.items].index(edge.id)
    if step < 0 and row > 0:
        target, at = section, row - 1
    elif step > 0 and row < len(section.items) - 1:
        target, at = section, row + 2
    elif step < 0 and n > 0:
        target, at = sections[n - 1], -1
    elif step > 0 and n < len(sections) - 1:
        target, at = sections[n + 1], 0
    else:
        errors.show_status(window, "Already at the top" if step < 0 else "Already at the bottom")
        return False
    current = window.tree_model.item_at(window.tree.currentIndex())
    moved = move_items(window, [i.id for i in items], target.id, at)
    if moved and current is not None:
        window.select_items([i.id for i in items], current.id)
    return moved


def move_section(window: WorkspaceWindow, section_id: int, step: int) -> bool:
    briefing = window.briefing
    if briefing is None or window.briefing_id is None:
        return False
    section = next((s for s in briefing.sections if s.id == section_id), None)
    if section is None:
        return False
    after = section.position + step
    if not 1 <= after <= len(briefing.sections):
        errors.show_status(window, "Already at the top" if step < 0 else "Already at the bottom")
        return False
    command = commands.MoveSection(
        window.undo, window.briefing_id, section_id, section.position, after
    )
    if not push(window, command):
        return False
    window.select_section(section_id)
    return True


def move_to_section(window: WorkspaceWindow, where: QPoint | None = None) -> QMenu | None:
    """Move to Section…: the sections in a menu at the current row; the selected items go
    to the end of the one chosen (or of a new one)."""
    items = window.selected_items()
    briefing = window.briefing
    if briefing is None or not items:
        errors.show_status(window, "Select items to move them to another section")
        return None
    if where is None:
        rect = window.tree.visualRect(window.tree.currentIndex())
        where = window.tree.viewport().mapToGlobal(rect.bottomLeft())
    menu = section_menu(
        window,
        "Move to Section",
        briefing,
        lambda section_id: move_items_to(window, [i.id for i in items], section_id),
        exclude=_only_section(window, items),
    )
    window.menu = menu
    menu.aboutToHide.connect(menu.deleteLater)
    menu.popup(where)
    return menu


def _only_section(window: WorkspaceWindow, items: Sequence[BriefingItem]) -> int | None:
    sections = {item.section_id for item in items}
    return next(iter(sections)) if len(sections) == 1 else None


def move_items_to(window: WorkspaceWindow, item_ids: Sequence[int], section_id: int) -> bool:
    """The items to the end of a section, or (NEW_SECTION) of a new one asked for."""
    if section_id != NEW_SECTION:
        return move_items(window, item_ids, section_id, -1)

    def named(heading: str) -> None:
        briefing_id = window.briefing_id
        if briefing_id is None or window.briefing is None:
            return
        if any(s.heading.casefold() == heading.casefold() for s in window.briefing.sections):
            errors.show_status(window, f"The briefing has a section “{heading}” already")
            return
        before = placements_of(window.briefing, item_ids)
        after = [(item_id, heading, n) for n, item_id in enumerate(item_ids, start=1)]
        window.fields.commit()
        window.stack.beginMacro("Move to new section")
        try:
            made = commands.AddSection(window.undo, briefing_id, heading, None)
            if push(window, made, commit=False):
                push(
                    window,
                    commands.MoveItems(window.undo, briefing_id, before, after),
                    commit=False,
                )
        finally:
            window.stack.endMacro()
        window.select_items(list(item_ids))

    window.dialog = ask_section_name(window, "Move to New Section", named, unused_heading(window))
    return False

"""The workspace's editing actions, one short function each, all through the undo stack.

Each first commits what is being typed in the fields (`push`), so the undo history keeps
the order in which the user did things. Dialogs are opened, not exec'd: the function returns
the dialog and the change happens on `accepted`. Moving items and sections about is
moves.py's (it pushes through `push` here too).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from briefing.core import BriefingError, Changes, Kind, NotFound
from briefing.ui import errors
from briefing.ui.record_watch import watch_record
from briefing.ui.undo.context import UndoContext
from briefing.ui.workspace import commands
from briefing.ui.workspace.claim_picker import ClaimPicker
from briefing.ui.workspace.text_dialog import TextItemDialog

if TYPE_CHECKING:
    from briefing.ui.workspace.window import WorkspaceWindow

NEW_TITLE = "Untitled briefing"


def push(
    window: WorkspaceWindow,
    command: QUndoCommand,
    *,
    commit: bool = True,
    then: Callable[[], None] | None = None,
    undo: UndoContext | None = None,
) -> bool:
    """Do a command and keep it for undo (in the workspace's history, or `undo`'s); False
    when it failed (the status bar says why). `then()` runs once it is written (at once,
    unless another program holds the library)."""
    if commit:
        window.fields.commit()
    return (undo or window.undo).push(command, then=then)


# Briefings ----------------------------------------------------------------------------------


def new_briefing(window: WorkspaceWindow) -> int | None:
    """Make "Untitled briefing", show it and put the cursor in its title to name it."""
    window.fields.end_session()
    command = commands.NewBriefing(window.undo, NEW_TITLE)

    def show() -> None:
        if command.briefing_id is not None:
            window.select_briefing(command.briefing_id)
            window.fields.title.setFocus()
            window.fields.title.selectAll()

    if not push(window, command, then=show):
        return None
    return command.briefing_id  # None while it waits for a busy library


def recreate(window: WorkspaceWindow, values: dict[str, str]) -> None:
    """New Briefing with This Text: what the fields of a briefing deleted elsewhere held
    becomes a new briefing (its title, then each other field: undoable steps)."""
    title = " ".join(values.get("title", "").split()) or NEW_TITLE
    command = commands.NewBriefing(window.undo, title)

    def fill() -> None:
        briefing_id = command.briefing_id
        if briefing_id is None:
            return
        for field in ("author", "date", "bluf"):
            text = values.get(field, "")
            if text.strip():
                push(
                    window,
                    commands.EditField(window.undo, briefing_id, field, "", text, -1),
                    commit=False,
                )
        window.select_briefing(briefing_id)

    push(window, command, commit=False, then=fill)


def delete_briefing(window: WorkspaceWindow) -> bool:
    """Delete the open briefing; Undo brings it back whole, so there is nothing to confirm."""
    if window.briefing_id is None:
        return False
    window.fields.end_session()
    return push(window, commands.DeleteBriefing(window.undo, window.briefing_id))


def rename_briefing(window: WorkspaceWindow) -> None:
    window.fields.title.setFocus()
    window.fields.title.selectAll()


def edit_field(
    window: WorkspaceWindow, briefing_id: int, field: str, before: str, after: str, session: int
) -> bool:
    """A burst of typing in a field, committed; merges with the session's earlier bursts."""
    command = commands.EditField(window.undo, briefing_id, field, before, after, session)
    ok = push(window, command, commit=False)
    if not ok:
        window.reload()  # the field shows what the library kept
    return ok


def retitle(window: WorkspaceWindow, briefing_id: int, title: str) -> bool:
    """A title typed in place in the list of briefings."""
    try:
        before = window.library.briefings.get(briefing_id).title
    except BriefingError as exc:
        errors.show_error(window, exc)
        return False
    window.fields.end_session()
    session = window.fields.session  # a step of its own, merged with no typing
    window.fields.session += 1
    return edit_field(window, briefing_id, "title", before, title, session)


# Items --------------------------------------------------------------------------------------


def choose_claims(window: WorkspaceWindow) -> ClaimPicker | None:
    """The picker over the library's claims; adding happens when it is accepted."""
    if window.briefing is None:
        errors.show_status(window, "Make or pick a briefing first")
        return None
    briefing = window.briefing
    section = window.current_section()
    picker = ClaimPicker(
        window.library.claims.list(),
        [i.claim_id for i in briefing.items if i.claim_id is not None],
        [s.heading for s in briefing.sections],
        section.heading if section else None,
        parent=window,
    )
    picker.accepted.connect(
        lambda: (
            add_claims(window, picker.chosen(), picker.section_name()) if picker.chosen() else None
        )
    )
    window.dialog = picker
    picker.open()
    return picker


def add_claims(
    window: WorkspaceWindow,
    claim_ids: Sequence[int],
    section: str | None,
    at: int | None = None,
    undo: UndoContext | None = None,
) -> list[int]:
    """Add claims to a section (made when new) of the open briefing; the new items' ids.

    The step goes into the history of the pane the reader did it in: `undo` (the reader's,
    the claims table's), else the workspace's own.
    """
    if window.briefing_id is None or not claim_ids:
        return []
    context = undo or window.undo
    command = commands.AddClaims(context, window.briefing_id, claim_ids, section, at)
    if context is not window.undo:
        window.fields.commit()
    if not push(window, command, undo=context, then=lambda: window.select_items(command.item_ids)):
        return []
    return command.item_ids  # empty while it waits for a busy library


def drop_claims(
    window: WorkspaceWindow, claim_ids: Sequence[int], section_id: int, row: int
) -> list[int]:
    """Claims dragged in from elsewhere, dropped at a row of a section (-1: its end)."""
    briefing = window.briefing
    section = next((s for s in briefing.sections if s.id == section_id), None) if briefing else None
    at = row if section is not None and 0 <= row < len(section.items) else None
    return add_claims(window, claim_ids, section.heading if section else None, at)


def add_text(window: WorkspaceWindow, kind: str) -> TextItemDialog | None:
    """Write a note (kind "note") or a sub-heading ("heading") into a section."""
    if window.briefing is None:
        errors.show_status(window, "Make or pick a briefing first")
        return None
    section = window.current_section()
    dialog = TextItemDialog(
        kind,
        sections=[s.heading for s in window.briefing.sections],
        section=section.heading if section else None,
        parent=window,
    )
    dialog.accepted.connect(lambda: _add_text(window, kind, dialog.text(), dialog.section_name()))
    window.dialog = dialog
    dialog.open()
    return dialog


def _add_text(window: WorkspaceWindow, kind: str, text: str, section: str | None) -> None:
    if window.briefing_id is None:
        return
    _add_text_to(window, window.briefing_id, kind, text, section)


def _add_text_to(
    window: WorkspaceWindow, briefing_id: int, kind: str, text: str, section: str | None
) -> None:
    command = commands.AddText(window.undo, briefing_id, kind, text, section)

    def select() -> None:
        if command.item_id is not None and window.briefing_id == briefing_id:
            window.select_items([command.item_id])

    push(window, command, then=select)


def edit_item(window: WorkspaceWindow, item_id: int) -> TextItemDialog | None:
    """Edit a note in a dialog; a sub-heading in place; a claim is edited in the reader."""
    item = window.briefing.item(item_id) if window.briefing else None
    if item is None:
        return None
    if item.kind == "claim":
        errors.show_status(window, "A claim is edited where it was marked, in the reader")
        return None
    if item.kind == "heading":
        window.tree.edit(window.tree_model.index_of_item(item_id))
        return None
    dialog = TextItemDialog("note", item.text, parent=window)
    dialog.accepted.connect(lambda: edit_text(window, item_id, dialog.text()))
    briefing_id = window.briefing_id
    section = next((s.heading for s in window.briefing.sections if item in s.items), None)

    def gone(changes: Changes) -> bool:
        if not (changes.full or briefing_id in changes.ids(Kind.BRIEFING)):
            return False
        try:
            return window.library.briefings.get(briefing_id).item(item_id) is None
        except NotFound:
            return True

    def tell() -> None:
        try:
            window.library.briefings.get(briefing_id)
        except NotFound:
            dialog.show_gone(
                "This briefing was deleted elsewhere (in another window, or another copy of "
                "Briefing). Your note is kept here: copy what you need before closing.",
                None,
            )
            return
        dialog.show_gone(
            "This note was removed from the briefing elsewhere (in another window, or another "
            "copy of Briefing). Your text is kept: Add as New Note puts it back in the "
            "briefing.",
            "Add as New Note",
        )
        dialog.accepted.disconnect()
        dialog.accepted.connect(
            lambda: _add_text_to(window, briefing_id, "note", dialog.text(), section)
        )

    watch_record(window.runner, dialog, gone, tell)
    window.dialog = dialog
    dialog.open()
    return dialog


def edit_text(window: WorkspaceWindow, item_id: int, text: str) -> bool:
    item = window.briefing.item(item_id) if window.briefing else None
    if item is None or window.briefing_id is None or text.strip() == item.text:
        return False
    return push(window, commands.EditText(window.undo, window.briefing_id, item, text))


def remove_items(window: WorkspaceWindow) -> bool:
    """Take the selected items out of the briefing (their claims stay in the library)."""
    items = window.selected_items()
    if window.briefing_id is None or not items:
        return False
    return push(
        window, commands.RemoveItems(window.undo, window.briefing_id, [i.id for i in items])
    )


def rename_section(window: WorkspaceWindow, section_id: int, heading: str) -> bool:
    briefing = window.briefing
    section = next((s for s in briefing.sections if s.id == section_id), None) if briefing else None
    if section is None or window.briefing_id is None:
        return False
    command = commands.RenameSection(window.undo, window.briefing_id, section.heading, heading)
    return push(window, command)


# Sections -----------------------------------------------------------------------------------


def unused_heading(window: WorkspaceWindow, wanted: str = "New section") -> str:
    """`wanted`, or `wanted 2`, `wanted 3`...: a heading the open briefing does not have."""
    taken = {s.heading.casefold() for s in window.briefing.sections} if window.briefing else set()
    heading, n = wanted, 1
    while heading.casefold() in taken:
        n += 1
        heading = f"{wanted} {n}"
    return heading


def new_section(window: WorkspaceWindow) -> int | None:
    """A new section after the current one (else last), its heading open for typing."""
    if window.briefing is None or window.briefing_id is None:
        errors.show_status(window, "Make or pick a briefing first")
        return None
    current = window.tree_model.section_at(window.tree.currentIndex())
    at = current.position + 1 if current is not None else None
    command = commands.AddSection(window.undo, window.briefing_id, unused_heading(window), at)
    if not push(window, command) or command.section_id is None:
        return None
    index = window.select_section(command.section_id)
    if index.isValid():
        window.tree.setFocus()
        window.tree.edit(index)
    return command.section_id


def rename_current_section(window: WorkspaceWindow) -> bool:
    """Open the heading of the current row's section for typing, in place."""
    section = window.tree_model.section_at(window.tree.currentIndex())
    if section is None:
        errors.show_status(window, "Pick a section (or an item in it) to rename it")
        return False
    index = window.select_section(section.id)
    window.tree.setFocus()
    window.tree.edit(index)
    return True


def delete_section(window: WorkspaceWindow) -> bool:
    """Delete the current row's section with its items (the claims stay in the library)."""
    section = window.tree_model.section_at(window.tree.currentIndex())
    if section is None or window.briefing_id is None:
        errors.show_status(window, "Pick a section (or an item in it) to delete it")
        return False
    if not push(window, commands.RemoveSection(window.undo, window.briefing_id, section.id)):
        return False
    count = len(section.items)
    what = f" and its {count} item{'' if count == 1 else 's'}" if count else ""
    errors.show_status(
        window, f"Deleted the section “{section.heading or 'untitled'}”{what}: Undo brings it back"
    )
    return True

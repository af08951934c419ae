"""Undoable briefing edits, on the same stack and the same pattern as annotations'
(briefing/ui/undo/commands.py): two core calls, ids and plain values only.

What is removed comes back under its own id (`briefings.restore`, `restore_briefing`), so a
redo after an undo, or a later command that names an item, finds the same item. Several
items are removed last-first and restored first-first: each then returns to the position it
had, since everything before it is back in place when it is restored.

Keystrokes in the title and bottom line are committed in bursts; `EditField` merges bursts
of one field made in one editing session (focus in to focus out), so a whole BLUF edit is
one undo step, not one per key.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

from briefing.core import Briefing, BriefingItem, BriefingSection, Library, Placement
from briefing.ui.undo.commands import CoreCommand
from briefing.ui.undo.context import UndoContext

FIELD_NAMES = {"title": "title", "author": "author", "date": "date", "bluf": "bottom line"}
_MERGE_ID = 0x7B1E  # any id no other command of the stack uses


class NewBriefing(CoreCommand):
    def __init__(self, context: UndoContext, title: str) -> None:
        super().__init__(context, "New briefing")
        self._title = title
        self._gone: Briefing | None = None
        self.briefing_id: int | None = None

    def do(self, library: Library) -> None:
        if self._gone is None:
            self.briefing_id = library.briefings.new(self._title)
        else:
            library.briefings.restore_briefing(self._gone)

    def undo_step(self, library: Library) -> None:
        assert self.briefing_id is not None
        self._gone = library.briefings.delete(self.briefing_id)


class DeleteBriefing(CoreCommand):
    def __init__(self, context: UndoContext, briefing_id: int) -> None:
        super().__init__(context, "Delete briefing")
        self.briefing_id = briefing_id
        self._gone: Briefing | None = None

    def do(self, library: Library) -> None:
        self._gone = library.briefings.delete(self.briefing_id)

    def undo_step(self, library: Library) -> None:
        assert self._gone is not None
        library.briefings.restore_briefing(self._gone)


class EditField(CoreCommand):
    """Set the title, author, date or bottom line; merges with the next burst (see above)."""

    def __init__(
        self,
        context: UndoContext,
        briefing_id: int,
        field: str,
        before: str,
        after: str,
        session: int,
    ) -> None:
        super().__init__(context, f"Edit {FIELD_NAMES[field]}")
        self.briefing_id = briefing_id
        self.field = field
        self.before = before
        self.after = after
        self.session = session

    def do(self, library: Library) -> None:
        library.briefings.edit(self.briefing_id, **{self.field: self.after})

    def undo_step(self, library: Library) -> None:
        library.briefings.edit(self.briefing_id, **{self.field: self.before})

    def id(self) -> int:
        return _MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not (
            isinstance(other, EditField)
            and (other.briefing_id, other.field, other.session)
            == (self.briefing_id, self.field, self.session)
        ):
            return False
        self.after = other.after
        self.setObsolete(self.after == self.before)  # typed back to where it was: no step
        return True


class AddClaims(CoreCommand):
    """Add claims to a section: at its end, or from row `at` (a drop between two items).

    A section named here that the briefing did not have is made for them; undo takes it
    away again with them (and redo brings it back, under its id), rather than leave an empty
    section behind."""

    def __init__(
        self,
        context: UndoContext,
        briefing_id: int,
        claim_ids: Sequence[int],
        section: str | None,
        at: int | None = None,
    ) -> None:
        count = len(claim_ids)
        super().__init__(context, "Add claim" if count == 1 else f"Add {count} claims")
        self.briefing_id = briefing_id
        self._claim_ids = tuple(claim_ids)
        self._section = section
        self._at = at if section is not None else None
        self._removed: list[BriefingItem] = []
        self._made: BriefingSection | None = None  # the section made for them, if any
        self.item_ids: list[int] = []

    def do(self, library: Library) -> None:
        if self.item_ids and self._made is not None:
            library.briefings.restore_section(self.briefing_id, self._made)
        elif self.item_ids:
            library.briefings.restore_items(self.briefing_id, self._removed)
        else:
            at = self._at + 1 if self._at is not None else None
            before = {s.id for s in library.briefings.get(self.briefing_id).sections}
            self.item_ids = library.briefings.add_claims(
                self.briefing_id, self._claim_ids, section=self._section, at=at
            )
            made = [
                s for s in library.briefings.get(self.briefing_id).sections if s.id not in before
            ]
            self._made = made[0] if made else None

    def undo_step(self, library: Library) -> None:
        if self._made is not None:
            self._made = library.briefings.remove_section(self.briefing_id, self._made.id)
        else:
            self._removed = library.briefings.remove_items(self.briefing_id, self.item_ids)


class AddText(CoreCommand):
    """Add a note (Markdown) or a sub-heading."""

    def __init__(
        self, context: UndoContext, briefing_id: int, kind: str, text: str, section: str | None
    ) -> None:
        super().__init__(context, "Add note" if kind == "note" else "Add sub-heading")
        self.briefing_id = briefing_id
        self._kind = kind
        self._text = text
        self._section = section
        self._removed: list[BriefingItem] = []
        self.item_id: int | None = None

    def do(self, library: Library) -> None:
        if self.item_id is None:
            add = (
                library.briefings.add_note
                if self._kind == "note"
                else library.briefings.add_heading
            )
            self.item_id = add(self.briefing_id, self._text, section=self._section)
        else:
            library.briefings.restore_items(self.briefing_id, self._removed)

    def undo_step(self, library: Library) -> None:
        assert self.item_id is not None
        self._removed = library.briefings.remove_items(self.briefing_id, [self.item_id])


class EditText(CoreCommand):
    """Rewrite a note or a sub-heading."""

    def __init__(
        self, context: UndoContext, briefing_id: int, item: BriefingItem, after: str
    ) -> None:
        super().__init__(context, "Edit note" if item.kind == "note" else "Edit sub-heading")
        self.briefing_id = briefing_id
        self.item_id = item.id
        self._before = item.text
        self._after = after

    def do(self, library: Library) -> None:
        library.briefings.edit_text(self.briefing_id, self.item_id, self._after)

    def undo_step(self, library: Library) -> None:
        library.briefings.edit_text(self.briefing_id, self.item_id, self._before)


class RemoveItems(CoreCommand):
    def __init__(self, context: UndoContext, briefing_id: int, item_ids: Sequence[int]) -> None:
        count = len(item_ids)
        super().__init__(context, "Remove item" if count == 1 else f"Remove {count} items")
        self.briefing_id = briefing_id
        self._item_ids = tuple(item_ids)
        self._removed: list[BriefingItem] = []

    def do(self, library: Library) -> None:
        self._removed = library.briefings.remove_items(self.briefing_id, self._item_ids)

    def undo_step(self, library: Library) -> None:
        library.briefings.restore_items(self.briefing_id, self._removed)


class MoveItems(CoreCommand):
    def __init__(
        self,
        context: UndoContext,
        briefing_id: int,
        before: Sequence[Placement],
        after: Sequence[Placement],
    ) -> None:
        count = len(after)
        super().__init__(context, "Move item" if count == 1 else f"Move {count} items")
        self.briefing_id = briefing_id
        self._before = tuple(before)
        self._after = tuple(after)

    def do(self, library: Library) -> None:
        library.briefings.move_items(self.briefing_id, self._after)

    def undo_step(self, library: Library) -> None:
        library.briefings.move_items(self.briefing_id, self._before)


class RenameSection(CoreCommand):
    def __init__(self, context: UndoContext, briefing_id: int, before: str, after: str) -> None:
        super().__init__(context, "Rename section")
        self.briefing_id = briefing_id
        self._before = before
        self._after = " ".join(after.split())

    def do(self, library: Library) -> None:
        library.briefings.rename_section(self.briefing_id, self._before, self._after)

    def undo_step(self, library: Library) -> None:
        library.briefings.rename_section(self.briefing_id, self._after, self._before)


class AddSection(CoreCommand):
    """A new, empty section at a 1-based position among the sections (None: last)."""

    def __init__(
        self, context: UndoContext, briefing_id: int, heading: str, at: int | None
    ) -> None:
        super().__init__(context, "New section")
        self.briefing_id = briefing_id
        self._heading = heading
        self._at = at
        self._gone: BriefingSection | None = None
        self.section_id: int | None = None

    def do(self, library: Library) -> None:
        if self._gone is None:
            self.section_id = library.briefings.add_section(
                self.briefing_id, self._heading, at=self._at
            )
        else:
            library.briefings.restore_section(self.briefing_id, self._gone)

    def undo_step(self, library: Library) -> None:
        assert self.section_id is not None
        self._gone = library.briefings.remove_section(self.briefing_id, self.section_id)


class MoveSection(CoreCommand):
    def __init__(
        self, context: UndoContext, briefing_id: int, section_id: int, before: int, after: int
    ) -> None:
        super().__init__(context, "Move section")
        self.briefing_id = briefing_id
        self.section_id = section_id
        self._before = before
        self._after = after

    def do(self, library: Library) -> None:
        library.briefings.move_section(self.briefing_id, self.section_id, self._after)

    def undo_step(self, library: Library) -> None:
        library.briefings.move_section(self.briefing_id, self.section_id, self._before)


class RemoveSection(CoreCommand):
    """Delete a section with its items (the claims stay); undo brings it all back."""

    def __init__(self, context: UndoContext, briefing_id: int, section_id: int) -> None:
        super().__init__(context, "Delete section")
        self.briefing_id = briefing_id
        self.section_id = section_id
        self._gone: BriefingSection | None = None

    def do(self, library: Library) -> None:
        self._gone = library.briefings.remove_section(self.briefing_id, self.section_id)

    def undo_step(self, library: Library) -> None:
        assert self._gone is not None
        library.briefings.restore_section(self.briefing_id, self._gone)

"""Undoable actor edits, on the shared stack and the pattern of briefing/ui/undo/commands.py:
two core calls each, ids and plain values only.

An alias that is removed comes back under its own id, and a merged or deleted actor comes
back whole (core/actors/merge.py, core/actors/deletion.py), so a redo after an undo finds the
same rows as the first time did.
Accepting and rejecting suggestions reuse the reader's AcceptSuggestions/RejectSuggestions.
"""

from __future__ import annotations

from typing import Any

from briefing.core import ActorAlias, DeletedActor, Library, MergeRecord
from briefing.ui.undo.commands import CoreCommand
from briefing.ui.undo.context import UndoContext

FIELD_NAMES = {"name": "name", "kind": "kind", "description": "description"}


class EditActor(CoreCommand):
    """Set an actor's name, kind or description; `before`/`after` hold the fields changed."""

    def __init__(
        self, context: UndoContext, actor_id: int, before: dict[str, Any], after: dict[str, Any]
    ) -> None:
        fields = ", ".join(FIELD_NAMES[k] for k in after)
        super().__init__(context, f"Edit actor {fields}")
        self.actor_id = actor_id
        self._before = dict(before)
        self._after = dict(after)

    def do(self, library: Library) -> None:
        library.actors.edit(self.actor_id, **self._after)

    def undo_step(self, library: Library) -> None:
        library.actors.edit(self.actor_id, **self._before)


class AddAlias(CoreCommand):
    def __init__(
        self, context: UndoContext, actor_id: int, text: str, article_id: int | None
    ) -> None:
        super().__init__(context, "Add alias")
        self._actor_id = actor_id
        self._text = text
        self._article_id = article_id
        self.added: ActorAlias | None = None

    def do(self, library: Library) -> None:
        if self.added is None:
            self.added = library.actors.new_alias(
                self._actor_id, self._text, article_id=self._article_id
            )
        else:
            library.actors.restore_alias(self.added)

    def undo_step(self, library: Library) -> None:
        assert self.added is not None
        library.actors.remove_alias(self.added.alias.id)


class RenameAlias(CoreCommand):
    def __init__(self, context: UndoContext, before: ActorAlias, text: str) -> None:
        super().__init__(context, "Rename alias")
        self._before = before
        self._text = text

    def do(self, library: Library) -> None:
        library.actors.rename_alias(self._before.alias.id, self._text)

    def undo_step(self, library: Library) -> None:
        old = self._before.alias
        library.actors.rename_alias(old.id, old.text, case_sensitive=old.case_sensitive)


class RemoveAlias(CoreCommand):
    def __init__(self, context: UndoContext, alias_id: int) -> None:
        super().__init__(context, "Remove alias")
        self._alias_id = alias_id
        self._removed: ActorAlias | None = None

    def do(self, library: Library) -> None:
        self._removed = library.actors.remove_alias(self._alias_id)

    def undo_step(self, library: Library) -> None:
        assert self._removed is not None
        library.actors.restore_alias(self._removed)


class MergeActors(CoreCommand):
    """Fold `other` into `keep`; undo brings `other` back with all that was its own."""

    def __init__(self, context: UndoContext, keep: int, other: int, other_name: str) -> None:
        super().__init__(context, f"Merge {other_name}")
        self.keep = keep
        self.other = other
        self._record: MergeRecord | None = None

    def do(self, library: Library) -> None:
        self._record = library.actors.merge(self.keep, self.other)

    def undo_step(self, library: Library) -> None:
        assert self._record is not None
        library.actors.unmerge(self._record)


class DeleteActor(CoreCommand):
    """Delete an actor with its aliases, suggestions and mentions; undo brings all back."""

    def __init__(self, context: UndoContext, actor_id: int, name: str) -> None:
        super().__init__(context, f"Delete {name}")
        self.actor_id = actor_id
        self._record: DeletedActor | None = None

    def do(self, library: Library) -> None:
        record = library.actors.delete(self.actor_id)
        assert isinstance(record, DeletedActor)  # no reassignment asked for
        self._record = record

    def undo_step(self, library: Library) -> None:
        assert self._record is not None
        library.actors.undelete(self._record)

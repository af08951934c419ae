"""The undoable edits. Each pairs two core calls, each one transaction, and keeps only ids
and plain values taken when it was built (never a QModelIndex or a widget).

Undoing a removal restores rather than recreates (core/annotations/restore.py), so a redo
after an undo brings back the very same ids. A step that fails (the article went, an actor
was deleted) is reported in the status bar and the command marks itself obsolete, which
makes the stack drop it: it cannot be replayed any more. A step is written without waiting
on the library's lock (briefing/ui/undo/writes.py): when another program holds it, the step
is written later, in order, and a step that fails then makes its command inert (its later
steps do nothing) and obsolete, so the stack drops it the next time it reaches it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand
from shiboken6 import isValid

from briefing.core import (
    AnnotationSnapshot,
    ArticleSnapshot,
    BatchEdit,
    ClaimState,
    DeletedActor,
    InvalidInput,
    Library,
    NewActor,
    NotFound,
)
from briefing.ui.ops import CoreOp
from briefing.ui.undo.context import UndoContext


class CoreCommand(QUndoCommand):
    """A command whose steps call the core; subclasses give `do()` and `undo_step()`."""

    def __init__(self, context: UndoContext, text: str) -> None:
        super().__init__(text)
        self._context = context
        self._inert = False  # a step failed: the rest would act on what is not there
        self.background = False  # its steps too long for the GUI thread (writes.Step)

    def do(self, library: Library) -> None:
        raise NotImplementedError

    def undo_step(self, library: Library) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        self._step(self.do, undone=False)

    def undo(self) -> None:
        self._step(self.undo_step, undone=True)

    def _step(self, step: Callable[[Library], None], *, undone: bool) -> None:
        if self._inert:
            return
        self._context.write(
            self.text(),
            step,
            self,
            undone=undone,
            on_failed=self._give_up,
            background=self.background,
        )

    def _give_up(self) -> None:
        self._inert = True
        if isValid(self):
            self.setObsolete(True)


class AddAnnotation(CoreCommand):
    """Create an annotation of any kind; undo removes it, redo restores the same id.

    `new_actors`: the actors the form named by a name the library did not know (a new
    speaker, subject or tagged actor), made in the same step. Undo takes away those it made
    with the annotation, unless something else uses them by then (a claim names one, or it
    has mentions); redo brings them back under their ids before the annotation."""

    def __init__(
        self,
        context: UndoContext,
        text: str,
        create: Callable[[Library], int],
        new_actors: Sequence[NewActor] = (),
    ) -> None:
        super().__init__(context, text)
        self._create: Callable[[Library], int] | None = create
        self._new_actors = tuple(new_actors)
        self._made_actors: tuple[int, ...] = ()
        self._deleted_actors: list[DeletedActor] = []
        self._snapshots: tuple[AnnotationSnapshot, ...] = ()
        self.annotation_id: int | None = None

    def do(self, library: Library) -> None:
        if self._create is not None:
            unknown = [actor.name for actor in self._new_actors if not _known(library, actor)]
            self.annotation_id = self._create(library)
            self._made_actors = tuple(library.actors.resolve(name).id for name in unknown)
            self._create = None  # what it captured is no longer needed
        else:
            for record in self._deleted_actors:
                library.actors.undelete(record)
            self._deleted_actors = []
            library.annotations.restore(self._snapshots)

    def undo_step(self, library: Library) -> None:
        assert self.annotation_id is not None
        # A mention tagged by hand answered the suggestion on its words: it is open again.
        self._snapshots = library.annotations.remove([self.annotation_id], reopen_suggestions=True)
        for actor_id in self._made_actors:
            try:
                if library.actors.mentions_to_delete(actor_id):
                    continue  # tagged since: it stays
            except (InvalidInput, NotFound):
                continue  # a claim names it now, or it went already
            deleted = library.actors.delete(actor_id)
            if isinstance(deleted, DeletedActor):
                self._deleted_actors.append(deleted)


def _known(library: Library, actor: NewActor) -> bool:
    try:
        library.actors.resolve(actor.name)
    except NotFound:
        return False
    return True


class RemoveAnnotations(CoreCommand):
    def __init__(self, context: UndoContext, text: str, ids: Sequence[int]) -> None:
        super().__init__(context, text)
        self._ids = tuple(ids)
        self._snapshots: tuple[AnnotationSnapshot, ...] = ()

    def do(self, library: Library) -> None:
        self._snapshots = library.annotations.remove(self._ids)

    def undo_step(self, library: Library) -> None:
        library.annotations.restore(self._snapshots)


class AcceptSuggestions(CoreCommand):
    """Suggestions become mentions; undo removes those mentions and reopens the suggestions."""

    def __init__(self, context: UndoContext, suggestion_ids: Sequence[int]) -> None:
        count = len(suggestion_ids)
        super().__init__(
            context, "Accept suggestion" if count == 1 else f"Accept {count} suggestions"
        )
        self._suggestion_ids = tuple(suggestion_ids)
        self._snapshots: tuple[AnnotationSnapshot, ...] = ()
        self.mention_ids: tuple[int, ...] = ()

    def do(self, library: Library) -> None:
        if not self.mention_ids:
            self.mention_ids = tuple(m.id for m in library.mentions.accept(self._suggestion_ids))
        else:
            library.annotations.restore(self._snapshots)

    def undo_step(self, library: Library) -> None:
        self._snapshots = library.annotations.remove(self.mention_ids, reopen_suggestions=True)


class RejectSuggestions(CoreCommand):
    def __init__(self, context: UndoContext, suggestion_ids: Sequence[int]) -> None:
        count = len(suggestion_ids)
        super().__init__(
            context, "Reject suggestion" if count == 1 else f"Reject {count} suggestions"
        )
        self._ids = tuple(suggestion_ids)

    def do(self, library: Library) -> None:
        library.mentions.reject(self._ids)

    def undo_step(self, library: Library) -> None:
        library.mentions.reopen(self._ids)


class EditClaim(CoreCommand):
    """Set a claim to the editor's state; undo sets the state it had before.

    Actors and sources the edit created stay in the library on undo: they are entries of the
    library's address book, which other claims may have started to use meanwhile.
    """

    def __init__(
        self, context: UndoContext, claim_id: int, before: ClaimState, after: ClaimState
    ) -> None:
        super().__init__(context, "Edit claim")
        self.claim_id = claim_id
        self._before = before
        self._after = after

    def do(self, library: Library) -> None:
        self._after = library.claims.apply_state(self.claim_id, self._after)

    def undo_step(self, library: Library) -> None:
        library.claims.apply_state(self.claim_id, self._before)


class EditArticle(CoreCommand):
    """Correct an article's metadata; `before` and `after` hold only the fields changed."""

    def __init__(
        self,
        context: UndoContext,
        article_id: int,
        before: dict[str, Any],
        after: dict[str, Any],
    ) -> None:
        super().__init__(context, "Edit article details")
        self.article_id = article_id
        self._before = dict(before)
        self._after = dict(after)

    def do(self, library: Library) -> None:
        library.articles.edit(self.article_id, **self._after)

    def undo_step(self, library: Library) -> None:
        library.articles.edit(self.article_id, **self._before)


class ImportArticles(CoreCommand):
    """An import, already done when pushed (it ran in the background, committing as it
    went): undo removes every article it brought in, with whatever was made on them since,
    in one transaction; redo brings them back under the same ids.

    Both run in the background on the writer thread, in order, as the import did: taking
    back thousands of articles (their index entries, and giving the file's space back)
    takes seconds, which the window must not wait for. The removed articles are held in
    memory for redo, text included.
    """

    def __init__(self, context: UndoContext, article_ids: Sequence[int]) -> None:
        count = len(article_ids)
        super().__init__(
            context, "Import 1 article" if count == 1 else f"Import {count:,} articles"
        )
        self.article_ids = tuple(article_ids)
        self._snapshots: tuple[ArticleSnapshot, ...] = ()
        self._first = True
        self.last_op: CoreOp[None] | None = None

    def redo(self) -> None:
        if self._first:  # push() calls redo(): the import is in the library already
            self._first = False
            return
        self._in_background(self.do, "redo", "Bringing back", "brought back")

    def undo(self) -> None:
        self._in_background(self.undo_step, "undo", "Removing", "removed")

    def do(self, library: Library) -> None:
        library.articles.restore(self._snapshots)
        self._snapshots = ()

    def undo_step(self, library: Library) -> None:
        self._snapshots = library.articles.remove(list(self.article_ids))
        library.reclaim_space()  # when it pays: a large import taken back

    def _in_background(
        self, step: Callable[[Library], None], verb: str, doing: str, done: str
    ) -> None:
        if self._inert:
            return
        context = self._context
        count = len(self.article_ids)
        what = f"{count:,} imported article{'s' if count != 1 else ''}"
        context.report(f"{doing} the {what}…")
        text = self.text()

        def failed(exc: BaseException) -> None:
            context.failed(f"Could not {verb} “{text}”: {exc}")
            self._give_up()

        def succeeded(_none: None) -> None:
            context.report(f"The {what} {'is' if count == 1 else 'are'} {done}")

        op: CoreOp[None] = CoreOp(context.runner, lambda library, _progress: step(library))
        op.failure(failed)
        op.success(succeeded)
        self.last_op = op
        op.run()


BATCH_ON_GUI_THREAD = 20  # articles a batch edit may write on the GUI thread


class BatchEditArticles(CoreCommand):
    """Outlet, agency, date or tags set on many articles at once (articles.edit_many);
    undo puts back each article's own values."""

    def __init__(
        self,
        context: UndoContext,
        article_ids: Sequence[int],
        fields: dict[str, str | None],
        tags: Sequence[str],
    ) -> None:
        count = len(article_ids)
        super().__init__(
            context, "Edit 1 article" if count == 1 else f"Edit {count:,} articles together"
        )
        self._ids = list(article_ids)
        # Each article is written and journaled (1,000 outlets set in about 0.2 s at 100k,
        # 2 s when the outlet was in the search index, before db/009): past a few dozen
        # articles the steps are written on the edits' thread, never the GUI's.
        self.background = count > BATCH_ON_GUI_THREAD
        self._fields = dict(fields)
        self._tags = list(tags)
        self._edit: BatchEdit | None = None

    def do(self, library: Library) -> None:
        if self._edit is None:
            self._edit = library.articles.edit_many(self._ids, tags=self._tags, **self._fields)
        else:
            self._edit = library.articles.redo_edit_many(self._edit)

    def undo_step(self, library: Library) -> None:
        assert self._edit is not None
        library.articles.revert_edit_many(self._edit)


class EditNote(CoreCommand):
    """Rewrite a note's text (a note annotation's, or a highlight's); undo puts back the old."""

    def __init__(self, context: UndoContext, annotation_id: int, before: str, after: str) -> None:
        super().__init__(context, "Edit note")
        self.annotation_id = annotation_id
        self._before = before
        self._after = after

    def do(self, library: Library) -> None:
        library.annotations.set_note(self.annotation_id, self._after)

    def undo_step(self, library: Library) -> None:
        library.annotations.set_note(self.annotation_id, self._before)

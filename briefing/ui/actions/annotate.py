"""Annotating the reader's selection: claim, actor mention, highlight, note; and deleting.

One function per user action. Each reads the selection as a canonical span, asks what it
must (a dialog opened, never exec'd, so tests and the event loop go on), and pushes an undo
command: the write happens in the command's first redo. The dialog in use is kept on the
window (`window.dialog`) so it stays alive and a test can drive it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtGui import QTextCursor

from briefing.core import (
    BriefingError,
    Changes,
    Claim,
    ClaimState,
    Kind,
    Library,
    NewActor,
    NotFound,
    Span,
)
from briefing.ui import errors
from briefing.ui.dialogs.claim_editor import ClaimEditor
from briefing.ui.dialogs.note import NoteDialog
from briefing.ui.dialogs.placement import clear_of_selection
from briefing.ui.dialogs.tag_actor import TagActorDialog
from briefing.ui.record_watch import watch_record
from briefing.ui.undo.commands import AddAnnotation, EditClaim, RemoveAnnotations
from briefing.ui.widgets.actor_field import actor_names

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow


def _selection(window: MainWindow) -> tuple[int, int, int] | None:
    """(article id, start, end) of the selection, or None after saying what is wrong."""
    try:
        start, end = window.reader.selected_span()
    except BriefingError as exc:
        errors.show_hint(window, str(exc))
        return None
    errors.take_back_hint(window)
    article_id = window.reader.article_id
    assert article_id is not None  # selected_span() checked there is an article
    return article_id, start, end


def _saved(
    window: MainWindow, command: AddAnnotation | EditClaim, kind: str | None = None
) -> str | None:
    """Push the command; None when it went, else why not. A new annotation of `kind` is then
    the panel's current item (the one selected before stayed so, and the new one was hard to
    find among the others)."""
    if not window.undo.push(command):
        return window.undo.last_error
    if kind is not None and isinstance(command, AddAnnotation) and command.annotation_id:
        window.panel.select_annotation(kind, command.annotation_id)
    return None


def highlight(window: MainWindow) -> bool:
    chosen = _selection(window)
    if chosen is None:
        return False
    article_id, start, end = chosen

    def create(library: Library) -> int:
        return library.annotations.add(article_id, "highlight", Span(start, end)).id

    return window.undo.push(AddAnnotation(window.undo, "Highlight", create))


def add_note(window: MainWindow) -> NoteDialog | None:
    chosen = _selection(window)
    if chosen is None:
        return None
    article_id, start, end = chosen
    assert window.view is not None
    dialog = NoteDialog(window.view.article.text[start:end], window)

    def save(text: str) -> None:
        note = text.strip()
        if not note:
            errors.show_status(window, "An empty note was not added")
            return

        def create(library: Library) -> int:
            return library.annotations.add(article_id, "note", Span(start, end), note=note).id

        window.undo.push(AddAnnotation(window.undo, "Add note", create))

    dialog.saved.connect(save)
    return _open(window, dialog)


def tag_actor(window: MainWindow) -> TagActorDialog | None:
    chosen = _selection(window)
    if chosen is None:
        return None
    article_id, start, end = chosen
    quote = window.library.articles.get(article_id).text[start:end]

    def save(actor: int | NewActor) -> str | None:
        def create(library: Library) -> int:
            return library.mentions.add(article_id, actor, Span(start, end)).id

        made = [actor] if isinstance(actor, NewActor) else []
        return _saved(window, AddAnnotation(window.undo, "Tag actor", create, made), "mention")

    names = actor_names(window.library, article_id)
    return _open(window, TagActorDialog(quote, names, save, window))


def mark_claim(window: MainWindow) -> ClaimEditor | None:
    chosen = _selection(window)
    if chosen is None:
        return None
    article_id, start, end = chosen
    quote = window.library.articles.get(article_id).text[start:end]

    def save(state: ClaimState) -> str | None:
        def create(library: Library) -> int:
            return library.claims.create(article_id, Span(start, end), state)[0]

        command = AddAnnotation(window.undo, "Add claim", create, _new_actors(state))
        return _saved(window, command, "claim")

    return _open(window, _editor(window, quote, article_id, save, None, None))


def _new_actors(state: ClaimState) -> list[NewActor]:
    """The actors a claim's form names by a name the library did not know."""
    return [a for a in (state.speaker, *state.about) if isinstance(a, NewActor)]


def edit_claim(window: MainWindow, claim_id: int) -> ClaimEditor | None:
    try:
        claim = window.library.claims.get(claim_id)
        before = window.library.claims.state(claim_id)
    except BriefingError as exc:
        errors.show_error(window, exc)
        return None

    def save(state: ClaimState) -> str | None:
        if state == before:
            return None  # nothing changed: nothing to undo
        return _saved(window, EditClaim(window.undo, claim_id, before, state))

    incoming = tuple((link.claim_id, link.relation) for link in claim.links if not link.outgoing)
    editor = _editor(window, claim.quote, claim.article_id, save, before, claim_id, incoming)

    def gone(changes: Changes) -> bool:
        if not (changes.full or claim_id in changes.deleted_ids(Kind.CLAIM)):
            return False
        try:
            window.library.claims.get(claim_id)
        except NotFound:
            return True
        return False

    def tell() -> None:
        alive = window.library.articles.exists(claim.article_id)
        placed = alive and not claim.orphaned and claim.start is not None
        again = None
        if placed:
            span = Span(claim.start, claim.end)

            def again(state: ClaimState) -> str | None:
                def create(library: Library) -> int:
                    return library.claims.create(claim.article_id, span, state)[0]

                command = AddAnnotation(window.undo, "Add claim", create, _new_actors(state))
                return _saved(window, command, "claim")

        editor.show_gone(
            "This claim was deleted elsewhere (in another window, or another copy of "
            "Briefing). What you entered is kept here"
            + (
                ": Save as New Claim marks the same words again with it."
                if placed
                else "; its article is gone too, so copy what you need before closing."
            ),
            again,
        )

    watch_record(window.runner, editor, gone, tell)
    placed = claim.start is not None and claim.end is not None and not claim.orphaned
    here = placed and window.reader.article_id == claim.article_id
    return _open(window, editor, (claim.start, claim.end) if here else None)


def delete_annotations(window: MainWindow, ids: list[int]) -> bool:
    if not ids:
        return False
    text = "Delete annotation" if len(ids) == 1 else f"Delete {len(ids)} annotations"
    return window.undo.push(RemoveAnnotations(window.undo, text, ids))


def add_to_briefing(window: MainWindow) -> list[int]:
    """Ctrl+Shift+B: the claims selected in the annotation panel when it has focus, else
    the claims under the reader's cursor or selection, go to the workspace's briefing."""
    from briefing.ui.workspace.add_to_briefing import add_to_briefing as add

    claim_ids = window.panel.selected_ids("claim") if window.panel.tree.hasFocus() else []
    if not claim_ids:
        claim_ids = _claims_at_cursor(window)
    if not claim_ids:
        errors.show_hint(
            window, "Put the cursor in a claim, or select claims in the panel, to add them"
        )
        return []
    errors.take_back_hint(window)
    return add(window, claim_ids, window.undo)


def _claims_at_cursor(window: MainWindow) -> list[int]:
    span, view = window.reader.cursor_span(), window.view
    if span is None or view is None:
        return []
    start, end = span

    def touches(claim: Claim) -> bool:
        if claim.orphaned or claim.start is None or claim.end is None:
            return False
        if start == end:  # a bare cursor: inside the claim or at either edge
            return claim.start <= start <= claim.end
        return start < claim.end and claim.start < end

    return [claim.id for claim in view.claims if touches(claim)]


def _editor(
    window: MainWindow,
    quote: str,
    article_id: int,
    save,  # noqa: ANN001 - claim_editor.Save
    state: ClaimState | None,
    claim_id: int | None,
    incoming: tuple[tuple[int, str], ...] = (),
) -> ClaimEditor:
    library = window.library
    claims = [c for c in library.claims.list() if c.id != claim_id]
    return ClaimEditor(
        quote,
        actor_names(library, article_id),
        library.sources.list(),
        claims,
        save,
        state=state,
        incoming=incoming,
        parent=window,
    )


def _open(  # noqa: ANN202 - any dialog, returned as given
    window: MainWindow,
    dialog,  # noqa: ANN001
    span: tuple[int, int] | None = None,
):
    """Open window-modal without a nested event loop; keep it on the window while open, and
    off the words it is about: `span` (canonical offsets in the open article), else the
    reader's selection."""
    window.dialog = dialog
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    if span is None:
        span = window.reader.cursor_span()
    if span is not None and span[0] < span[1]:
        words = span
        clear_of_selection(
            dialog, lambda: _words_rect(window, *words), lambda: _scroll_up(window, words[0])
        )
    return dialog


def _words_rect(window: MainWindow, start: int, end: int) -> QRect | None:
    """The part of the words [start, end) in view, in global coordinates (their lines' full
    width when they run over several); None when none of them is in view."""
    page = window.reader.page
    first_at, last_at = window.reader.document_position(start), window.reader.document_position(end)
    if first_at is None or last_at is None:
        return None
    first, last = QTextCursor(page.document()), QTextCursor(page.document())
    first.setPosition(first_at)
    last.setPosition(last_at)
    top, bottom = page.cursorRect(first), page.cursorRect(last)
    viewport = page.viewport()
    if top.top() == bottom.top():
        rect = QRect(top.topLeft(), bottom.bottomRight()).normalized()
    else:
        rect = QRect(0, top.top(), viewport.width(), bottom.bottom() - top.top() + 1)
    rect = rect.intersected(viewport.rect())
    if rect.isEmpty():
        return None
    return QRect(viewport.mapToGlobal(rect.topLeft()), rect.size())


def _scroll_up(window: MainWindow, offset: int) -> None:
    window.reader.scroll_to_offset(offset)

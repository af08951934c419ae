"""What can be done to a mark where it is seen: the reader's context menu on it, and Edit
Claim with the cursor anywhere inside a claim.

The menu leads with the mark on top under the pointer (a claim when the pointer is in one,
else the innermost mark): Edit, Delete, Add to Briefing ▸ (the sections of the briefing the
workspace has open, or would open), Copy Quote with Citation. Other marks under the pointer
(a mention inside the claim) get a submenu each with theirs. Every edit goes through the
reader's undo history, like the same command from the menus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu

from briefing.core import BriefingError
from briefing.ui import errors
from briefing.ui.actions import annotate, suggestions
from briefing.ui.article_view import Mark
from briefing.ui.dialogs.note import NoteDialog
from briefing.ui.undo.commands import EditNote
from briefing.ui.workspace.section_menu import fill_section_menu, last_section

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow

KIND_NAMES = {
    "claim": "Claim",
    "mention": "Mention",
    "highlight": "Highlight",
    "note": "Note",
    "suggestion": "Suggestion",
}
QUOTE_CHARS = 40


def fill_menu(window: MainWindow, menu: QMenu, marks: list[Mark]) -> bool:
    """Add the marks' commands to `menu` (see the module docstring); True when any."""
    if not marks:
        return False
    primary = next((m for m in marks if m.kind == "claim"), marks[0])
    others = [m for m in marks if m is not primary]
    header = menu.addSection(_title(window, primary))
    header.setObjectName("markMenuHeader")
    _add_commands(window, menu, primary)
    for mark in others:
        sub = menu.addMenu(_title(window, mark))
        sub.setToolTipsVisible(True)
        _add_commands(window, sub, mark)
    return True


def _title(window: MainWindow, mark: Mark) -> str:
    view = window.view
    name = KIND_NAMES.get(mark.kind, mark.kind.title())
    if view is None:
        return name
    if mark.kind == "claim":
        claim = next((c for c in view.claims if c.id == mark.annotation_id), None)
        if claim is not None and claim.speaker is not None:
            return f"Claim by {claim.speaker.name.replace('&', '&&')} ({claim.status})"
        return f"Claim ({claim.status})" if claim else name
    if mark.kind in ("mention", "suggestion"):
        found = next(
            (m for m in (*view.mentions, *view.suggestions) if m.id == mark.annotation_id),
            None,
        )
        if found is not None:
            return f"{name}: {found.actor.name.replace('&', '&&')}"
    return name


def _add(menu: QMenu, text: str, tip: str, slot: object) -> QAction:
    action = menu.addAction(text)
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
    return action


def _add_commands(window: MainWindow, menu: QMenu, mark: Mark) -> None:
    menu.setToolTipsVisible(True)
    annotation_id = mark.annotation_id
    if mark.kind == "suggestion":
        _add(
            menu,
            "&Accept Suggestion",
            "Tag these words as a mention of the suggested actor",
            lambda: suggestions.accept_suggestions(window, [annotation_id]),
        )
        _add(
            menu,
            "&Reject Suggestion",
            "Dismiss the suggestion (it is not suggested again)",
            lambda: suggestions.reject_suggestions(window, [annotation_id]),
        )
        return
    if mark.kind == "claim":
        edit = _add(
            menu,
            "&Edit Claim…",
            "Edit its speaker, subjects, status, credibility, sources and note",
            lambda: annotate.edit_claim(window, annotation_id),
        )
        edit.setShortcut(window.edit_claim_action.shortcut())  # shown, as in the menus
    elif mark.kind in ("note", "highlight"):
        _add(
            menu,
            "&Edit Note…" if mark.kind == "note" else "Add &Note…",
            "Rewrite the note" if mark.kind == "note" else "Write a note on this highlight",
            lambda: edit_note(window, annotation_id),
        )
    elif mark.kind == "mention":
        _add(
            menu,
            "Open &Actor",
            "The actor's page: aliases, mentions, the claims they make and that are about them",
            lambda: _open_actor(window, annotation_id),
        )
    what = KIND_NAMES.get(mark.kind, "Annotation")
    _add(
        menu,
        f"&Delete {what}",
        f"Delete this {what.lower()} (Edit ▸ Undo brings it back)",
        lambda: annotate.delete_annotations(window, [annotation_id]),
    )
    if mark.kind == "claim":
        _add_briefing_menu(window, menu, annotation_id)
    _add(
        menu,
        "Copy Quote with &Citation",
        "Put its words, the speaker and the article's citation on the clipboard",
        lambda: copy_quote_with_citation(window, annotation_id),
    )


def _add_briefing_menu(window: MainWindow, menu: QMenu, claim_id: int) -> None:
    """Add to Briefing ▸ the sections of the briefing the workspace has open (or would
    open), New Section…; a library without briefings gets one made."""
    from briefing.ui.workspace.add_to_briefing import add_to_briefing, target_briefing

    briefing = target_briefing(window)
    if briefing is None or not any(s.heading for s in briefing.sections):
        action = _add(
            menu,
            "Add to &Briefing",
            "Add the claim to the briefing open in the workspace (a new one when there is none)",
            lambda: add_to_briefing(window, [claim_id], window.undo),
        )
        action.setShortcut(window.add_to_briefing_action.shortcut())
        return
    sub = menu.addMenu("Add to &Briefing")
    sub.setObjectName("addToBriefingMenu")
    sub.setToolTip(f"Add the claim to a section of “{briefing.title}”")
    if any(item.claim_id == claim_id for item in briefing.items):
        sub.setEnabled(False)
        sub.setTitle(f"Add to &Briefing (in “{briefing.title}” already)")
        return
    fill_section_menu(
        sub,
        briefing,
        lambda section_id: add_to_briefing(window, [claim_id], window.undo, section=section_id),
        last=last_section(window.settings, briefing),
    )


def copy_quote_with_citation(window: MainWindow, annotation_id: int) -> str:
    try:
        text = window.library.annotations.quote_with_citation(annotation_id)
    except BriefingError as exc:
        errors.show_error(window, exc)
        return ""
    QGuiApplication.clipboard().setText(text)
    errors.show_status(window, "Copied the quote with its citation")
    return text


def edit_note(window: MainWindow, annotation_id: int) -> NoteDialog | None:
    """Edit a note's (or a highlight's) text in the note dialog; one undoable step."""
    try:
        annotation = window.library.annotations.get(annotation_id)
    except BriefingError as exc:
        errors.show_error(window, exc)
        return None
    dialog = NoteDialog(annotation.quote, window, annotation.note)

    def save(text: str) -> None:
        if text.strip() != annotation.note:
            window.undo.push(EditNote(window.undo, annotation_id, annotation.note, text))

    dialog.saved.connect(save)
    window.dialog = dialog
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def _open_actor(window: MainWindow, mention_id: int) -> None:
    from briefing.ui.actors import open_actors

    view = window.view
    mention = next((m for m in view.mentions if m.id == mention_id), None) if view else None
    if mention is not None:
        open_actors(window, mention.actor.id)


def claim_at_cursor(window: MainWindow) -> int | None:
    """The claim the reader's cursor is in (the innermost, where claims nest), or the one
    its selection lies within."""
    span, view = window.reader.cursor_span(), window.view
    if span is None or view is None:
        return None
    start, end = span
    inside = [
        c
        for c in view.claims
        if not c.orphaned
        and c.start is not None
        and c.end is not None
        and c.start <= start
        and end <= c.end
    ]
    if not inside:
        return None
    return min(inside, key=lambda c: (c.end or 0) - (c.start or 0)).id


def edit_claim_here(window: MainWindow) -> None:
    """Edit Claim (Ctrl+E): the claim selected in the panel when the panel has the focus,
    else the claim at the reader's cursor, wherever in it the cursor is."""
    claim_id = None
    if window.panel.tree.hasFocus():
        ids = window.panel.selected_ids("claim")
        claim_id = ids[0] if len(ids) == 1 else None
    if claim_id is None:
        claim_id = claim_at_cursor(window)
    if claim_id is None:
        errors.show_hint(
            window, "Put the cursor anywhere in a claim (or select one in the panel) to edit it"
        )
        return
    errors.take_back_hint(window)
    annotate.edit_claim(window, claim_id)

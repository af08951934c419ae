"""What the reader does on an actor page, one short function each, all through the shared
undo stack. Bad input (an empty name or alias, a duplicate, merging an actor with itself)
is said in the status bar or in the open dialog, and nothing changes.

Dialogs are opened, not exec'd: the function returns the dialog, and the change happens on
`accepted`. The open one is kept in `window.dialog` (tests drive it from there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from briefing.core import BriefingError
from briefing.ui import errors
from briefing.ui.actors import commands
from briefing.ui.actors.aliases import AddAliasDialog
from briefing.ui.actors.deletion import confirm_delete
from briefing.ui.actors.list_model import ActorRow
from briefing.ui.actors.merge import MergeDialog, confirm_merge
from briefing.ui.undo.commands import AcceptSuggestions, RejectSuggestions
from briefing.ui.wording import counted

if TYPE_CHECKING:
    from briefing.ui.actors.window import ActorsWindow


def _actor_id(window: ActorsWindow) -> int | None:
    if window.actor_id is None:
        errors.show_status(window, "Choose an actor first")
    return window.actor_id


# The actor itself ---------------------------------------------------------------------------


def edit_field(window: ActorsWindow, field: str, value: str) -> bool:
    """Set the name, kind or description; the page shows the library's value if refused."""
    actor_id = _actor_id(window)
    if actor_id is None:
        return False
    try:
        actor = window.library.actors.get(actor_id)
    except BriefingError as exc:
        errors.show_error(window, exc)
        return False
    before = getattr(actor, field)
    if " ".join(value.split()) == before:
        return False
    command = commands.EditActor(window.undo, actor_id, {field: before}, {field: value})
    ok = window.undo.push(command)
    if not ok:
        window.reload()  # the field goes back to what the library holds
    return ok


# Aliases ------------------------------------------------------------------------------------


def add_alias(window: ActorsWindow) -> AddAliasDialog | None:
    """The Add Alias dialog; it stays open with the reason while the alias is refused."""
    actor_id, page = _actor_id(window), window.page_view.page
    if actor_id is None or page is None:
        return None
    articles: dict[int, str] = {}
    for row in (*page.mentions.rows, *page.claims_made.rows, *page.claims_about.rows):
        articles.setdefault(row.article_id, row.article_title)

    def save(text: str, article_id: int | None) -> str | None:
        command = commands.AddAlias(window.undo, actor_id, text, article_id)
        return None if window.undo.push(command) else _reason(window)

    dialog = AddAliasDialog(page.actor.name, list(articles.items()), save, parent=window)
    window.dialog = dialog
    dialog.open()
    return dialog


def rename_alias(window: ActorsWindow, alias_id: int, text: str) -> bool:
    try:
        before = window.library.actors.alias(alias_id)
    except BriefingError as exc:
        errors.show_error(window, exc)
        window.reload()
        return False
    if " ".join(text.split()) == before.alias.text:
        window.reload()  # only spaces changed: show the alias as it is
        return False
    ok = window.undo.push(commands.RenameAlias(window.undo, before, text))
    if not ok:
        window.reload()  # the list shows the alias as it is
    return ok


def start_renaming_alias(window: ActorsWindow) -> None:
    item = window.page_view.aliases.currentItem()
    if item is None:
        errors.show_status(window, "Choose an alias to rename")
        return
    window.page_view.aliases.editItem(item, 0)


def remove_alias(window: ActorsWindow) -> bool:
    alias_id = window.page_view.aliases.current_id()
    if alias_id is None:
        errors.show_status(window, "Choose an alias to remove")
        return False
    return window.undo.push(commands.RemoveAlias(window.undo, alias_id))


# Suggested mentions -------------------------------------------------------------------------


def review(window: ActorsWindow, accept: bool, *, every: bool) -> bool:
    """Accept or reject the selected suggestions, or every pending one of this actor (also
    those beyond the shown page), as one undo step."""
    actor_id = _actor_id(window)
    if actor_id is None:
        return False
    if every:
        ids = window.library.mentions.pending_ids(actor_id)
    else:
        ids = window.page_view.selected_suggestions()
    if not ids:
        what = "to accept" if accept else "to reject"
        errors.show_status(
            window, f"No suggestions {what}" if every else f"Select the suggestions {what}"
        )
        return False
    command = AcceptSuggestions if accept else RejectSuggestions
    return window.undo.push(command(window.undo, ids))


# Merging ------------------------------------------------------------------------------------


def choose_merge(window: ActorsWindow) -> MergeDialog | None:
    """Pick the actor to merge with; the confirmation follows when one is picked."""
    actor_id = _actor_id(window)
    if actor_id is None:
        return None
    rows = window.list_model.rows
    current = next((r for r in rows if r.id == actor_id), None)
    others = [r for r in rows if r.id != actor_id]
    if current is None or not others:
        errors.show_status(window, "There is no other actor to merge with")
        return None
    dialog = MergeDialog(current, others, parent=window)
    dialog.accepted.connect(lambda: _confirm(window, dialog))
    window.dialog = dialog
    dialog.open()
    return dialog


def _confirm(window: ActorsWindow, dialog: MergeDialog) -> None:
    pair = dialog.keep_and_other()
    if pair is None:
        return
    keep, other = pair
    box = confirm_merge(keep, other, window)
    box.buttonClicked.connect(
        lambda button: (
            merge(window, keep, other)
            if box.buttonRole(button) == QMessageBox.ButtonRole.AcceptRole
            else None
        )
    )
    window.dialog = box
    box.open()


def merge(window: ActorsWindow, keep: ActorRow, other: ActorRow) -> bool:
    """Fold `other` into `keep` and show the page of the actor that stays."""
    if keep.id == other.id:
        errors.show_status(window, "An actor cannot be merged with itself")
        return False
    name = other.listing.actor.name
    if not window.undo.push(commands.MergeActors(window.undo, keep.id, other.id, name)):
        return False
    window.show_actor(keep.id)
    errors.show_status(window, f"Merged {name} into {keep.listing.actor.name}")
    return True


def _reason(window: ActorsWindow) -> str:
    """Why the last command failed, without the "Could not do …:" the status bar adds."""
    message = window.undo.last_error
    return message.split("”: ", 1)[1] if "”: " in message else message


# Deleting ------------------------------------------------------------------------------------


def ask_delete(window: ActorsWindow) -> QMessageBox | None:
    """Ask before deleting the current actor, saying what goes with it. An actor that claims
    name is not offered for deletion: the status bar says to merge it instead."""
    actor_id = _actor_id(window)
    if actor_id is None:
        return None
    row = next((r for r in window.list_model.rows if r.id == actor_id), None)
    if row is None:
        return None
    claims = row.listing.claims_made + row.listing.claims_about
    if claims:
        errors.show_status(
            window,
            f"{row.listing.actor.name} cannot be deleted: {counted(claims, 'claim')} name it. "
            "Merge it into another actor instead",
        )
        return None
    box = confirm_delete(row, window)
    box.buttonClicked.connect(
        lambda button: (
            delete(window, row)
            if box.buttonRole(button) == QMessageBox.ButtonRole.DestructiveRole
            else None
        )
    )
    window.dialog = box
    box.open()
    return box


def delete(window: ActorsWindow, row: ActorRow) -> bool:
    """Delete the actor and show the one that now takes its place in the list."""
    name = row.listing.actor.name
    proxy_row = window.proxy_row(row.id)
    if not window.undo.push(commands.DeleteActor(window.undo, row.id, name)):
        return False
    window.show_row(proxy_row)
    errors.show_status(window, f"Deleted {name} (Edit ▸ Undo brings it back)")
    return True

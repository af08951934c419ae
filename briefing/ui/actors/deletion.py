"""Deleting an actor: a question that says plainly what goes with it. Opened, not exec'd;
the window acts on the button pressed (actors/edits.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from briefing.ui.actors.list_model import ActorRow
from briefing.ui.wording import counted, joined


def confirm_delete(row: ActorRow, parent: QWidget) -> QMessageBox:
    """The question before a deletion, with a plain account of what goes with the actor."""
    x = row.listing
    name = x.actor.name
    counts = [
        (n, noun, many)
        for n, noun, many in (
            (len(x.actor.aliases), "alias", "aliases"),
            (x.mentions, "mention", ""),
            (row.pending, "suggested mention", ""),
        )
        if n
    ]
    going = [counted(n, noun, many) for n, noun, many in counts]
    verb = "go" if len(counts) > 1 or (counts and counts[0][0] > 1) else "goes"
    details = (f"Its {joined(going)} {verb} with it. " if going else "") + (
        "Edit ▸ Undo brings it back."
    )
    box = QMessageBox(QMessageBox.Icon.Question, "Delete Actor", f"Delete “{name}”?", parent=parent)
    box.setInformativeText(details)
    box.setAccessibleName("Confirm deletion")
    box.setStyleSheet(
        "QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel { min-width: 420px; }"
    )
    box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    return box

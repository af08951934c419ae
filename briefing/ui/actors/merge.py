"""Merging two actors: choose the other one (searchable), choose which name survives, then
confirm a message that says plainly what will happen.

Both dialogs are opened, not exec'd; the window acts on `accepted`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from briefing.ui.actors.list_model import ActorRow
from briefing.ui.wording import counted

IdRole = Qt.ItemDataRole.UserRole + 1


def _summary(row: ActorRow) -> str:
    x = row.listing
    return (
        f"{x.actor.kind} · {counted(x.mentions, 'mention')} · "
        f"{x.claims_made + x.claims_about} claims"
    )


class MergeDialog(QDialog):
    """Pick the actor to merge with the current one, and the name the merged actor keeps."""

    def __init__(self, current: ActorRow, others: list[ActorRow], parent: QWidget | None = None):
        super().__init__(parent)
        self.current = current
        self.others = {row.id: row for row in others}
        name = current.listing.actor.name
        self.setWindowTitle(f"Merge {name} With…")
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Find an actor by name or alias")
        self.filter.setAccessibleName("Find an actor")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Actors")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for row in others:
            actor = row.listing.actor
            item = QListWidgetItem(f"{actor.name}  —  {_summary(row)}", self.list)
            item.setData(IdRole, row.id)
            aliases = ", ".join(a.text for a in actor.aliases)
            item.setToolTip(f"{actor.name}" + (f"\nAlso: {aliases}" if aliases else ""))
        self.keep_current = QRadioButton(self)
        self.keep_other = QRadioButton(self)
        self.keep_current.setChecked(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Merge…")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Merge <b>{_escape(name)}</b> with:", self))
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(QLabel("The merged actor is called:", self))
        layout.addWidget(self.keep_current)
        layout.addWidget(self.keep_other)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.list.currentItemChanged.connect(lambda *_: self._update())
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.resize(560, 520)
        self._update()

    def chosen(self) -> ActorRow | None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return self.others.get(item.data(IdRole))

    def select_actor(self, actor_id: int) -> None:
        for n in range(self.list.count()):
            if self.list.item(n).data(IdRole) == actor_id:
                self.list.setCurrentRow(n)

    def keep_and_other(self) -> tuple[ActorRow, ActorRow] | None:
        """(the actor that stays, the one folded into it), once an actor is chosen."""
        chosen = self.chosen()
        if chosen is None:
            return None
        if self.keep_current.isChecked():
            return self.current, chosen
        return chosen, self.current

    def accept(self) -> None:
        if self.chosen() is not None:
            super().accept()

    def _on_filter_text_changed(self, text: str) -> None:
        words = text.casefold().split()
        for n in range(self.list.count()):
            item = self.list.item(n)
            row = self.others[item.data(IdRole)]
            actor = row.listing.actor
            names = " ".join([actor.name, *(a.text for a in actor.aliases)]).casefold()
            item.setHidden(not all(word in names for word in words))
        current = self.list.currentItem()
        if current is None or current.isHidden():
            visible = [self.list.item(n) for n in range(self.list.count())]
            visible = [item for item in visible if not item.isHidden()]
            self.list.setCurrentItem(visible[0] if len(visible) == 1 else None)
        self._update()

    def _update(self) -> None:
        chosen = self.chosen()
        self.keep_current.setText(f"“{self.current.listing.actor.name}”")
        self.keep_other.setText(f"“{chosen.listing.actor.name}”" if chosen else "the other name")
        self.keep_other.setEnabled(chosen is not None)
        self.ok.setEnabled(chosen is not None)


def merge_message(keep: ActorRow, other: ActorRow) -> tuple[str, str]:
    """The question and the plain account of what the merge does."""
    k, o = keep.listing.actor.name, other.listing.actor.name
    x = other.listing
    moving = ", ".join(
        [
            counted(len(x.actor.aliases), "alias", "aliases"),
            counted(x.mentions, "mention"),
            counted(x.claims_made, "claim") + " it makes",
            counted(x.claims_about, "claim") + " about it",
        ]
    )
    details = (
        f"“{k}” keeps its name, kind and description. “{o}” is removed: its name becomes an "
        f"alias of “{k}”, and its {moving} and {counted(other.pending, 'suggested mention')} "
        f"move to “{k}”.\n\nEdit ▸ Undo takes the merge back."
    )
    return f"Merge “{o}” into “{k}”?", details


def confirm_merge(keep: ActorRow, other: ActorRow, parent: QWidget) -> QMessageBox:
    question, details = merge_message(keep, other)
    box = QMessageBox(QMessageBox.Icon.Question, "Merge Actors", question, parent=parent)
    box.setInformativeText(details)
    box.setAccessibleName("Confirm merge")
    # Wide enough that the account reads as a paragraph, not a column.
    box.setStyleSheet(
        "QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel { min-width: 460px; }"
    )
    box.addButton("Merge", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    return box


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

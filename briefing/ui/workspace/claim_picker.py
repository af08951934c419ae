"""Choosing claims to add to a briefing: a filterable list of the library's claims, or ids.

Claims already in the briefing are listed but cannot be chosen (a claim stands once in a
briefing). The section box offers the briefing's sections and takes a new name, which makes
a new section; its completion is a list to choose from, never text filled in as one types
(typing "Se" then Enter added the claims to "Section 1", the name filled in, rather than a
new section "Se"). Tab goes through the fields in the order they are shown: Find, Claim ids,
Section, the list, the buttons. The dialog is opened, not exec'd: the window acts on
`accepted`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core import Claim

IdRole = Qt.ItemDataRole.UserRole + 1


def claim_text(claim: Claim) -> str:
    speaker = claim.speaker.name if claim.speaker else "unattributed"
    quote = " ".join(claim.quote.split())
    return f"“{quote}” — {speaker}  ·  {claim.article_title}  ·  claim {claim.id}"


class ClaimPicker(QDialog):
    def __init__(
        self,
        claims: list[Claim],
        in_briefing: Iterable[int],
        sections: list[str],
        section: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add Claims to Briefing")
        self.resize(760, 520)
        taken = set(in_briefing)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter by words of the quote, the speaker or the article")
        self.filter.setClearButtonEnabled(True)
        self.ids = QLineEdit(self)
        self.ids.setPlaceholderText("or claim ids, e.g. 3, 7 12")
        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAlternatingRowColors(True)
        self.list.setAccessibleName("Claims")
        for claim in claims:
            item = QListWidgetItem(claim_text(claim), self.list)
            item.setData(IdRole, claim.id)
            item.setToolTip(claim_text(claim))
            if claim.id in taken:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setText(f"{claim_text(claim)}  (in this briefing)")
        self.section = QComboBox(self)
        self.section.setEditable(True)
        self.section.addItems([s for s in sections if s])
        self.section.setCurrentText(section or "")
        self.section.lineEdit().setPlaceholderText("A section of the briefing, or a new one")
        completer = QCompleter(self.section.model(), self.section)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.section.setCompleter(completer)
        self.section.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())

        form = QFormLayout()
        form.addRow("&Find", self.filter)
        form.addRow("Claim &ids", self.ids)
        form.addRow("&Section", self.section)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        hint = QLabel("Select one or more claims (Ctrl or Shift + click for several).", self)
        hint.setObjectName("hint")
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.filter, self.ids)
        QWidget.setTabOrder(self.ids, self.section)
        QWidget.setTabOrder(self.section, self.list)
        QWidget.setTabOrder(self.list, self.buttons)

    def chosen(self) -> list[int]:
        """The selected claims in list order, then the ids typed (duplicates once). A claim
        the filter hides is not chosen, even if it was selected before the filter hid it."""
        selected = [
            self.list.item(row).data(IdRole)
            for row in range(self.list.count())
            if self.list.item(row).isSelected() and not self.list.item(row).isHidden()
        ]
        typed = [int(n) for n in re.findall(r"\d+", self.ids.text())]
        return list(dict.fromkeys(selected + typed))

    def section_name(self) -> str | None:
        return " ".join(self.section.currentText().split()) or None

    def select_claims(self, claim_ids: Iterable[int]) -> None:
        wanted = set(claim_ids)
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setSelected(item.data(IdRole) in wanted and not item.isHidden())

    def _on_filter_text_changed(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            haystack = item.text().casefold()
            item.setHidden(not all(word in haystack for word in words))

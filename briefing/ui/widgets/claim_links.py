"""The claim editor's relations: this claim supports, contradicts or repeats another one,
in this article or any other of the library."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core import CLAIM_RELATIONS, Claim
from briefing.ui.widgets.claim_sources import relation_combo

ValueRole = Qt.ItemDataRole.UserRole + 1
LABEL_CHARS = 70
_PASSIVE = {"supports": "supported by", "contradicts": "contradicted by", "repeats": "repeated by"}


def claim_label(claim: Claim) -> str:
    quote = " ".join(claim.quote.split())
    if len(quote) > LABEL_CHARS:
        quote = quote[: LABEL_CHARS - 1].rstrip() + "…"
    speaker = claim.speaker.name if claim.speaker else "no speaker"
    return f"“{quote}” — {speaker}"


class ClaimLinks(QWidget):
    def __init__(self, claims: list[Claim], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels = {c.id: claim_label(c) for c in claims}
        self.list = QTreeWidget(self)
        self.list.setHeaderLabels(["This claim…", "Other claim"])
        self.list.setRootIsDecorated(False)
        self.list.setAccessibleName("Relations to other claims")
        self.list.setToolTip("Claims this one supports, contradicts or repeats, in any article")
        self.list.setMinimumHeight(60)
        self.list.setColumnWidth(0, 130)
        # Before the other claim's box, as in the row: Tab follows the order of making.
        self.relation = relation_combo(CLAIM_RELATIONS, "Relation to the other claim", self)
        self.other = QComboBox(self)
        self.other.setAccessibleName("Other claim")
        self.other.setToolTip("A claim in this library, from any article")
        self.other.setMinimumContentsLength(30)
        self.other.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        for claim in claims:
            self.other.addItem(claim_label(claim), claim.id)
            self.other.setItemData(self.other.count() - 1, claim.quote, Qt.ItemDataRole.ToolTipRole)
        self.link = QPushButton("Link", self)
        self.link.setToolTip("Record that this claim supports, contradicts or repeats the other")
        self.link.setEnabled(bool(claims))
        self.remove = QPushButton("Remove", self)
        self.remove.setToolTip("Drop the selected relation")
        row = QHBoxLayout()
        row.addWidget(self.relation)
        row.addWidget(self.other, 1)
        row.addWidget(self.link)
        row.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.link.clicked.connect(self._on_link_clicked)
        self.remove.clicked.connect(self._on_remove_clicked)

    def set_links(self, links: tuple[tuple[int, str], ...]) -> None:
        for i in reversed(range(self.list.topLevelItemCount())):
            if self.list.topLevelItem(i).data(0, ValueRole) is not None:
                self.list.takeTopLevelItem(i)
        for other_id, relation in links:
            self._add(other_id, relation)

    def show_incoming(self, links: tuple[tuple[int, str], ...]) -> None:
        """Links other claims make to this one: shown, greyed, not part of this claim's edit
        (each belongs to the claim that makes it)."""
        for other_id, relation in links:
            item = QTreeWidgetItem(
                [f"is {_PASSIVE.get(relation, relation)}", self._labels.get(other_id, "")]
            )
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            item.setToolTip(0, "Set on the other claim: edit that claim to change it")
            self.list.addTopLevelItem(item)

    def links(self) -> tuple[tuple[int, str], ...]:
        items = [self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount())]
        return tuple(
            (item.data(0, ValueRole), item.text(0))
            for item in items
            if item.data(0, ValueRole) is not None
        )

    def _add(self, other_id: int, relation: str) -> None:
        if (other_id, relation) in self.links():
            return
        item = QTreeWidgetItem([relation, self._labels.get(other_id, f"claim {other_id}")])
        item.setData(0, ValueRole, other_id)
        self.list.addTopLevelItem(item)

    def _on_link_clicked(self) -> None:
        if self.other.currentIndex() >= 0:
            self._add(self.other.currentData(), self.relation.currentText())

    def _on_remove_clicked(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeTopLevelItem(self.list.indexOfTopLevelItem(item))

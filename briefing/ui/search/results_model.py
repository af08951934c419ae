"""The hits of one search as a list: actors, then claims and notes, then articles.

The core returns them in that order, best first within each kind; the model keeps it and
says where each group starts (`HitRole.Group`), so the delegate can head the group without
header rows that the keyboard would have to step over. Claim hits can be dragged into the
briefing workspace's tree: they carry their claim ids as the workspace expects.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from briefing.core import SearchHit
from briefing.ui.workspace.mime import CLAIMS_MIME, claims_mime_data

AnyIndex = QModelIndex | QPersistentModelIndex
GROUPS = {"actor": "Actors", "claim": "Claims and notes", "note": "Claims and notes"}
KIND_NAMES = {"actor": "Actor", "claim": "Claim", "note": "Note", "article": "Article"}


class HitRole(IntEnum):
    Hit = Qt.ItemDataRole.UserRole + 1  # the SearchHit
    Group = Qt.ItemDataRole.UserRole + 2  # "Articles (20)" on a group's first row, else ""


def group_of(kind: str) -> str:
    return GROUPS.get(kind, "Articles")


def plain_snippet(hit: SearchHit) -> str:
    return "".join(text for text, _ in hit.snippet_parts())


class ResultsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._groups: dict[int, str] = {}  # row -> its group's heading, for first rows

    @property
    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        counts: dict[str, int] = {}
        for hit in self._hits:
            counts[group_of(hit.kind)] = counts.get(group_of(hit.kind), 0) + 1
        self._groups = {}
        previous = None
        for row, hit in enumerate(self._hits):
            group = group_of(hit.kind)
            if group != previous:
                self._groups[row] = f"{group} ({counts[group]})"
                previous = group
        self.endResetModel()

    def hit(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    # Qt's model interface -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return Qt.ItemFlag.NoItemFlags
        flag = Qt.ItemFlag
        flags = flag.ItemIsEnabled | flag.ItemIsSelectable | flag.ItemNeverHasChildren
        return flags | flag.ItemIsDragEnabled if hit.kind == "claim" else flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role == HitRole.Hit:
            return hit
        if role == HitRole.Group:
            return self._groups.get(index.row(), "")
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{KIND_NAMES.get(hit.kind, hit.kind)}: {hit.title}. {plain_snippet(hit)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_snippet(hit) or hit.title
        return None

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt's name
        return [CLAIMS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 - Qt's name
        claims = [
            hit
            for hit in (self.hit(i.row()) for i in indexes if i.isValid())
            if hit is not None and hit.kind == "claim"
        ]
        text = "\n".join(plain_snippet(hit) for hit in claims)
        return claims_mime_data([hit.id for hit in claims], text)

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 - Qt's name
        return Qt.DropAction.CopyAction

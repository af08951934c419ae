"""The library's briefings, most recently changed first, as a list to pick one from.

A library holds tens of briefings, not thousands: `refresh()` reads them all again (one
query) and resets. Selection is the view's business and is kept by id (`row_of`).

Signals:
    title_edited(int, str): briefing id, the title typed in place
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from briefing.core import BriefingSummary, Library, human_date

Index = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1


def summary_line(summary: BriefingSummary) -> str:
    claims = f"{summary.claims} claim{'' if summary.claims == 1 else 's'}"
    date = human_date(summary.date.iso()) if summary.date else ""
    return " · ".join(part for part in (claims, date, summary.author) if part)


class BriefingListModel(QAbstractListModel):
    title_edited = Signal(int, str)

    def __init__(self, library: Library, parent: object = None) -> None:
        super().__init__(parent)
        self._library = library
        self.rows: list[BriefingSummary] = []

    def refresh(self) -> None:
        rows = self._library.briefings.list()
        if rows == self.rows:
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_of(self, briefing_id: int) -> int:
        return next((n for n, row in enumerate(self.rows) if row.id == briefing_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.title}\n{summary_line(row)}"
        if role == Qt.ItemDataRole.EditRole:
            return row.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.title}\n{summary_line(row)}\nDouble-click to rename"
        if role == IdRole:
            return row.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not isinstance(value, str) or not index.isValid():
            return False
        row = self.rows[index.row()]
        if value.strip() and value.strip() != row.title:
            self.title_edited.emit(row.id, value)  # connected queued: it resets this model
        return True

"""The claims table's model: every claim row in memory, sorted and narrowed in the core.

A library holds thousands of claims, not hundreds of thousands of articles, so unlike the
library list this model keeps all its rows (frozen `ClaimRow`s, read off the GUI thread by
the window) and re-sorts or re-filters them itself with claim_row_order.py: a keystroke in
the search box is a scan over folded strings, a header click one Python sort. Sorting,
filtering and a full read reset the model; the view keeps the selection by claim id across
it (view.py). A change to a few claims (`update_rows`) instead removes, moves, inserts and
updates just those rows, so the selection, the current row and the scroll stay put by
themselves.

A drag of rows carries the claims' ids in table order (workspace/mime.py), which the
briefing workspace's tree accepts, and their quotes as plain text for anywhere else.
"""

from __future__ import annotations

import html
from collections.abc import Collection
from enum import IntEnum
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from briefing.core import (
    CLAIM_GRADE_MEANINGS as GRADE_MEANINGS,
    ClaimFilter,
    ClaimRow,
    filter_rows,
    sort_rows,
)
from briefing.ui.models.article_list import format_date
from briefing.ui.models.row_runs import runs
from briefing.ui.workspace.mime import CLAIMS_MIME, claims_mime_data

AnyIndex = QModelIndex | QPersistentModelIndex
ORPHANED = "Orphaned: its quote is no longer in the article"


class ClaimRole(IntEnum):
    ClaimId = Qt.ItemDataRole.UserRole + 1
    ArticleId = Qt.ItemDataRole.UserRole + 2


class Column(NamedTuple):
    title: str
    key: str  # claim_row_order.SORT_KEYS
    tip: str
    descending_first: bool = False


COLUMNS = (
    Column("Quote", "quote", "What was said, as the article quotes it (hover for all of it)"),
    Column("Speaker", "speaker", "Who the claim is attributed to"),
    Column("About", "about", "The actors the claim is about"),
    Column("Status", "status", "Asserted, disputed, denied, corroborated or retracted"),
    Column("Grade", "grade", "Credibility: 1 confirmed, 2 probably true … 6 cannot be judged"),
    Column("Article", "article", "The article the claim is in"),
    Column("Outlet", "outlet", "Who published the article"),
    Column("Date", "date", "When the article was published", descending_first=True),
)
QUOTE, SPEAKER, ABOUT, STATUS, GRADE, ARTICLE, OUTLET, DATE = range(len(COLUMNS))
ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemNeverHasChildren
)
DEFAULT_SORT = (DATE, Qt.SortOrder.DescendingOrder)


def grade_text(grade: int | None) -> str:
    return f"{grade} — {GRADE_MEANINGS[grade]}" if grade is not None else ""


def one_line(text: str) -> str:
    return " ".join(text.split())


def cell_text(row: ClaimRow, column: int) -> str:
    """What a cell shows (tests read the table through this too)."""
    if column == QUOTE:
        return one_line(row.quote)
    if column == SPEAKER:
        return row.speaker_name
    if column == ABOUT:
        return row.about_names
    if column == STATUS:
        return row.status.capitalize()
    if column == GRADE:
        return grade_text(row.grade)
    if column == ARTICLE:
        return one_line(row.article_title)
    if column == OUTLET:
        return row.outlet
    return format_date(row.date)


class ClaimsTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[ClaimRow] = []
        self._sorted: list[ClaimRow] = []
        self._shown: list[ClaimRow] = []
        self._filter = ClaimFilter()
        self._sort = (COLUMNS[DEFAULT_SORT[0]].key, True)
        self.loaded = False  # the first rows have arrived (until then: "Loading claims…")
        self._rows_by_id: dict[int, int] | None = None

    # Ours -----------------------------------------------------------------------------------

    def set_rows(self, rows: list[ClaimRow]) -> bool:
        """Show the library's claims as they are now; False when nothing changed."""
        if self.loaded and rows == self._all:
            return False
        self.beginResetModel()
        self._all = rows
        self._sorted = sort_rows(rows, self._sort[0], descending=self._sort[1])
        self._show(filter_rows(self._sorted, self._filter))
        self.loaded = True
        self.endResetModel()
        return True

    def update_rows(self, ids: Collection[int], rows: list[ClaimRow]) -> bool:
        """These claims as they are now: `rows` for those of `ids` that are still claims,
        the others gone. The other rows stay as they are (the very same objects). False
        when nothing shown changed."""
        fresh = {row.id: row for row in rows}
        touched = set(ids) | fresh.keys()
        before = {row.id: row for row in self._all if row.id in touched}
        if before == fresh:
            return False
        kept = [row for row in self._all if row.id not in touched]
        everything = sorted([*kept, *fresh.values()], key=_reading_order)  # nearly sorted
        self._all = everything
        self._sorted = sort_rows(everything, self._sort[0], descending=self._sort[1])
        edited = {i for i, row in fresh.items() if i in before and before[i] != row}
        self._move_to(filter_rows(self._sorted, self._filter), edited)
        return True

    def _move_to(self, shown: list[ClaimRow], edited: set[int]) -> None:
        """Go from the rows shown to `shown` by removals, one layout change if the rows that
        stay changed order, insertions, and dataChanged for rows edited in place."""
        wanted = {row.id for row in shown}
        going = [n for n, row in enumerate(self._shown) if row.id not in wanted]
        for first, last in reversed(runs(going)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._shown[first : last + 1]
            self._rows_by_id = None
            self.endRemoveRows()
        present = {row.id for row in self._shown}
        staying = [row for row in shown if row.id in present]
        if [r.id for r in staying] != [r.id for r in self._shown]:
            self.layoutAboutToBeChanged.emit()
            old = [row.id for row in self._shown]
            self._show(staying)
            moved = self.persistentIndexList()
            self.changePersistentIndexList(
                moved, [self.index(self.row_of(old[i.row()]), i.column()) for i in moved]
            )
            self.layoutChanged.emit()
        new = [n for n, row in enumerate(shown) if row.id not in present]
        for first, last in runs(new):
            self.beginInsertRows(QModelIndex(), first, last)
            self._shown[first:first] = shown[first : last + 1]
            self._rows_by_id = None
            self.endInsertRows()
        self._show(shown)
        changed = [n for n, row in enumerate(shown) if row.id in edited and row.id in present]
        for first, last in runs(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def set_filter(self, wanted: ClaimFilter) -> None:
        if wanted == self._filter:
            return
        self.beginResetModel()
        self._filter = wanted
        self._show(filter_rows(self._sorted, wanted))
        self.endResetModel()

    @property
    def rows(self) -> list[ClaimRow]:
        """The rows shown, in table order."""
        return self._shown

    @property
    def all_rows(self) -> list[ClaimRow]:
        return self._all

    @property
    def total(self) -> int:
        return len(self._all)

    def row_at(self, index: AnyIndex) -> ClaimRow | None:
        row = index.row() if index.isValid() else -1
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def row_of(self, claim_id: int) -> int:
        """The table row showing the claim; -1 when it is filtered out or gone."""
        if self._rows_by_id is None:  # made on demand: a keystroke need not pay for it
            self._rows_by_id = {row.id: n for n, row in enumerate(self._shown)}
        return self._rows_by_id.get(claim_id, -1)

    def _show(self, rows: list[ClaimRow]) -> None:
        """Between beginResetModel and endResetModel: these rows, in this order."""
        self._shown = rows
        self._rows_by_id = None

    # Qt's model interface -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{column.tip}. Click to sort by {column.title.lower()}."
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            # A first click sorts a column its natural way: dates newest first.
            order = (
                Qt.SortOrder.DescendingOrder
                if column.descending_first
                else Qt.SortOrder.AscendingOrder
            )
            return order.value
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        # Asked for every selected cell on each selection change: a constant, not four ORs.
        return ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row, column)
        if role == ClaimRole.ClaimId:
            return row.id
        if role == ClaimRole.ArticleId:
            return row.article_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(row, column)
        if row.orphaned and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if row.orphaned and role == Qt.ItemDataRole.ForegroundRole:
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        wanted = (COLUMNS[column].key, order == Qt.SortOrder.DescendingOrder)
        if wanted == self._sort:
            return
        self.beginResetModel()
        self._sort = wanted
        self._sorted = sort_rows(self._all, wanted[0], descending=wanted[1])
        self._show(filter_rows(self._sorted, self._filter))
        self.endResetModel()

    # Dragging -------------------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [CLAIMS_MIME, "text/plain"]

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802
        """The dragged claims in table order (a row counts once, however many cells)."""
        numbers = sorted({i.row() for i in indexes if i.isValid()})
        rows = [self._shown[n] for n in numbers if n < len(self._shown)]
        return claims_mime_data([r.id for r in rows], "\n".join(one_line(r.quote) for r in rows))


def _tooltip(row: ClaimRow, column: int) -> str | None:
    """Rich text, so Qt wraps a long quote instead of drawing one screen-wide line."""
    lines = []
    if row.orphaned:
        lines.append(f"<i>{ORPHANED}.</i>")
    if column == QUOTE:
        lines.append(f"“{html.escape(one_line(row.quote))}”")
    elif column == GRADE and row.grade is not None:
        lines.append(f"Credibility grade {html.escape(grade_text(row.grade))}")
    elif column in (ABOUT, ARTICLE):
        text = cell_text(row, column)
        if text:
            lines.append(html.escape(text))
    return "".join(f"<p>{line}</p>" for line in lines) or None


def _reading_order(row: ClaimRow) -> tuple[bool, str, int, int, int, int]:
    return row.reading_order

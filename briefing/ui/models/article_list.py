"""The library list: a lazy table model over up to hundreds of thousands of articles.

After Anki's browser DataModel: one core query gives the ids in display order (the model's
length and order), and rows are fetched the first time they are painted, a page of ~200 at
a time, as frozen `ArticleSummary` values, then cached. The scrollbar is honest and End is
instant because nothing but ids is known up front. Sorting and filtering re-run the id
query in the core (an indexed ORDER BY, a LIKE over titles), never a proxy model over 100k
rows. The tag and actor filters narrow the same query (`articles.ids(tag=, actor_id=)`), so
they cost what search's filters cost. A change to the library only marks the cache stale
(`refresh()`).
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from briefing.core import ArticleSummary, BriefingError, Library, PartialDate

PAGE_SIZE = 200
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
AnyIndex = QModelIndex | QPersistentModelIndex


class ArticleRole(IntEnum):
    ArticleId = Qt.ItemDataRole.UserRole + 1


# (header, core sort key, descending first)
COLUMNS = (
    ("Title", "title", False),
    ("Outlet", "outlet", False),
    ("Date", "date", True),
    ("Claims", "claims", True),
)
TITLE, OUTLET, DATE, CLAIMS = range(len(COLUMNS))


def format_date(date: PartialDate | None) -> str:
    """'14 Dec 2021', 'Dec 2021', '2021', or '14 Dec' when the year is not known."""
    if date is None:
        return ""
    parts = []
    if date.day:
        parts.append(str(date.day))
    if date.month:
        parts.append(MONTHS[date.month - 1])
    if date.year:
        parts.append(str(date.year))
    return " ".join(parts)


class ArticleListModel(QAbstractTableModel):
    """Articles as rows; columns title, outlet, date, claims. Selection is kept by id."""

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._sort = "date"
        self._descending = True
        self._filter = ""
        self._tag: str | None = None
        self._actor_id: int | None = None
        self._ids: list[int] = []
        self._rows: dict[int, ArticleSummary] = {}
        self._ids = self._query()

    # Qt's model interface -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            # A first click sorts a column its natural way: newest first, most claims first.
            descending = COLUMNS[section][2]
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            return order.value
        if role == Qt.ItemDataRole.TextAlignmentRole and section == CLAIMS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flag = Qt.ItemFlag
        return flag.ItemIsEnabled | flag.ItemIsSelectable | flag.ItemNeverHasChildren

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Never raises: a row that cannot be read shows as a disabled placeholder."""
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ArticleRole.ArticleId:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.TextAlignmentRole,
        ):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == CLAIMS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        summary = self._summary(index.row())
        if summary is None:
            return "…" if column == TITLE and role == Qt.ItemDataRole.DisplayRole else None
        if column == TITLE:
            return summary.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return None
        if column == OUTLET:
            return summary.outlet or summary.agency or ""
        if column == DATE:
            return format_date(summary.date)
        return str(summary.claims) if summary.claims else ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column][1]
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort, self._descending):
            return
        self._sort, self._descending = key, descending
        self.refresh()

    # Ours -----------------------------------------------------------------------------------

    def set_filter(self, text: str) -> None:
        """Keep articles whose title or outlet holds every word of `text`."""
        text = " ".join(text.split())
        if text != self._filter:
            self._filter = text
            self.refresh()

    def set_tag(self, tag: str | None) -> None:
        """Keep articles tagged `tag`, or holding a claim so tagged (None: any tag or none)."""
        self.narrow(tag=tag, actor_id=self._actor_id)

    def set_actor(self, actor_id: int | None) -> None:
        """Keep articles that mention the actor or hold a claim by or about it (None: any)."""
        self.narrow(tag=self._tag, actor_id=actor_id)

    def narrow(self, *, tag: str | None, actor_id: int | None, refresh: bool = True) -> None:
        """Both narrowings at once; re-queries only if one changed (and `refresh`)."""
        if (tag, actor_id) != (self._tag, self._actor_id):
            self._tag, self._actor_id = tag, actor_id
            if refresh:
                self.refresh()

    @property
    def library(self) -> Library:
        return self._library

    @property
    def tag(self) -> str | None:
        return self._tag

    @property
    def actor_id(self) -> int | None:
        return self._actor_id

    def refresh(self) -> None:
        """Re-read the ids (the library changed, or the order or filter) and drop the cache."""
        self.beginResetModel()
        self._rows.clear()
        try:
            self._ids = self._query()
        except BriefingError:
            self._ids = []
        self.endResetModel()

    def article_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, article_id: int) -> int | None:
        try:
            return self._ids.index(article_id)
        except ValueError:
            return None

    @property
    def sort_key(self) -> tuple[str, bool]:
        return self._sort, self._descending

    def _query(self) -> list[int]:
        return self._library.articles.ids(
            sort=self._sort,
            descending=self._descending,
            contains=self._filter or None,
            tag=self._tag,
            actor_id=self._actor_id,
        )

    def _summary(self, row: int) -> ArticleSummary | None:
        article_id = self._ids[row]
        cached = self._rows.get(article_id)
        if cached is not None:
            return cached
        first = row - row % PAGE_SIZE
        page = self._ids[first : first + PAGE_SIZE]
        try:
            summaries = self._library.articles.summaries(page)
        except BriefingError:
            return None
        self._rows.update((s.id, s) for s in summaries)
        return self._rows.get(article_id)

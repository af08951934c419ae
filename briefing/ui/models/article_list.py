"""The library list: a lazy table model over up to hundreds of thousands of articles.

After Anki's browser DataModel: one core query gives the ids in display order (the model's
length and order), and rows are fetched the first time they are painted, a page of ~200 at
a time, as frozen `ArticleSummary` values, then cached. The scrollbar is honest and End is
instant because nothing but ids is known up front. Sorting and filtering re-run the id
query in the core (an indexed ORDER BY, a LIKE over titles), never a proxy model over 100k
rows. The tag and actor filters narrow the same query (`articles.ids(tag=, actor_id=)`), so
they cost what search's filters cost.

A change to the library (`apply(changes)`) reads only what it touched: the id query runs
again when articles came or went, or when the change may move a row or take it out of the
list (an edited title under a title sort or a words filter, a claim under a claims sort or
the actor and tag narrowings); rows whose article changed, or whose claim count may have,
are dropped from the cache and announced with dataChanged, to be read again when painted.
A change to nothing the list shows (an alias, a briefing, a highlight) reads nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from briefing.core import (
    AnnotationRefs,
    ArticleSummary,
    BriefingError,
    Changes,
    Kind,
    Library,
    PartialDate,
)
from briefing.ui.models.row_runs import runs

PAGE_SIZE = 200
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
# The sort keys an article's own fields decide (claims and id orders are not moved by an edit).
FIELD_SORTS = ("date", "title", "outlet", "imported")
# data() and flags() run for every cell at every paint (a delegate asks seven roles each):
# plain ints and a precomputed flag keep them from rebuilding enums each time.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_ARTICLE_ID = int(ArticleRole.ArticleId)
_SERVED = frozenset({_DISPLAY, _TOOLTIP, _ALIGNMENT, _ARTICLE_ID})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def format_date(date: PartialDate | None) -> str:
    """'14 Dec 2021', 'Dec 2021', '2021', or '14 Dec' when the year is not known."""
    return date.spelled(short=True) if date else ""


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
        self._positions: dict[int, int] | None = None  # id -> row, made when first asked
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
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Never raises: a row that cannot be read shows as a disabled placeholder."""
        role = int(role)
        if role not in _SERVED or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._ids):
            return None
        if role == _ARTICLE_ID:
            return self._ids[row]
        column = index.column()
        if role == _ALIGNMENT:
            return _RIGHT if column == CLAIMS else None
        summary = self._summary(row)
        if summary is None:
            return "…" if column == TITLE and role == _DISPLAY else None
        if column == TITLE:
            return summary.title
        if role == _TOOLTIP:
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
        """Re-read the ids (the order or filter changed, or anything may have) and drop the
        cache."""
        self.beginResetModel()
        self._rows.clear()
        try:
            self._set_ids(self._query())
        except BriefingError:
            self._set_ids([])
        self.endResetModel()

    def apply(
        self,
        changes: Changes,
        refs: Mapping[int, AnnotationRefs] | None = None,
        deleted_from: Mapping[int, int] | None = None,
    ) -> None:
        """Bring the list up to date with a change, reading only what it touched (see the
        module docstring). `refs` are the added claims' `annotations.refs`, when the
        caller has read them already; else they are read here if needed. `deleted_from`
        says which article deleted claims were in, where the caller knew (the open
        article's): when it knows them all, only those rows are read again."""
        if changes.full or changes.added_ids(Kind.ARTICLE) or changes.deleted_ids(Kind.ARTICLE):
            self.refresh()
            return
        edited = changes.updated_ids(Kind.ARTICLE)
        stale = set(edited)
        new_claims = changes.added_ids(Kind.CLAIM)
        if new_claims:
            if refs is None or not new_claims <= refs.keys():
                refs = self._library.annotations.refs(new_claims)
            stale |= {refs[i].article_id for i in new_claims if i in refs}
        deleted = changes.deleted_ids(Kind.CLAIM)
        if deleted and deleted_from is not None and deleted <= deleted_from.keys():
            stale |= {deleted_from[i] for i in deleted}
        elif deleted:
            # Their articles are not known any more; a row counting no claim cannot be one.
            stale |= {i for i, row in self._rows.items() if row.claims}
        counts_moved = bool(new_claims or changes.deleted_ids(Kind.CLAIM))
        requery = (
            (edited and (self._sort in FIELD_SORTS or self._filter or self._tag))
            or (counts_moved and self._sort == "claims")
            or (
                self._actor_id is not None
                and changes.touches(Kind.CLAIM, Kind.ANNOTATION, Kind.ACTOR)
            )
            or (self._tag is not None and changes.touches(Kind.CLAIM, Kind.TAG))
        )
        if requery:
            try:
                ids = self._query()
            except BriefingError:
                ids = []
            self._move_to(ids, stale)
        else:
            self._reread(stale)

    def _reread(self, stale: Collection[int]) -> None:
        """Drop these rows from the cache; the view reads them again when it paints them."""
        dropped = [i for i in stale if self._rows.pop(i, None) is not None]
        rows = sorted(r for i in dropped if (r := self.row_of(i)) is not None)
        for first, last in runs(rows):
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def _move_to(self, ids: list[int], stale: Collection[int]) -> None:
        """Show `ids` (the id query's new answer) without a reset when only the order moved:
        persistent indexes (the selection, the current row) follow their articles."""
        if ids == self._ids:
            self._reread(stale)
            return
        for i in stale:
            self._rows.pop(i, None)
        listed = set(ids)
        if listed != set(self._ids):  # rows came or went: the pane keeps the selection by id
            self.beginResetModel()
            self._rows = {i: row for i, row in self._rows.items() if i in listed}
            self._set_ids(ids)
            self.endResetModel()
            return
        self.layoutAboutToBeChanged.emit()
        old = self._ids
        self._set_ids(ids)
        moved_from, moved_to = [], []
        for index in self.persistentIndexList():
            new_row = self.row_of(old[index.row()])
            moved_from.append(index)
            moved_to.append(self.index(new_row or 0, index.column()))
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()

    def _set_ids(self, ids: list[int]) -> None:
        self._ids = ids
        self._positions = None

    def article_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, article_id: int) -> int | None:
        if self._positions is None:
            self._positions = {i: row for row, i in enumerate(self._ids)}
        return self._positions.get(article_id)

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
        # The page's rows not in the cache: all of them the first time, afterwards only
        # those a change dropped, so a re-read costs what the change touched.
        page = [i for i in self._ids[first : first + PAGE_SIZE] if i not in self._rows]
        try:
            summaries = self._library.articles.summaries(page)
        except BriefingError:
            return None
        self._rows.update((s.id, s) for s in summaries)
        return self._rows.get(article_id)

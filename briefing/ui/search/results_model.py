"""The hits of one search as a list: actors, then claims and notes, then articles.

The core returns them in that order, best first (or in the order asked) within each kind;
the model keeps it and says where each group starts (`HitRole.Group`: "Articles (20 of
1,234)"), so the delegate can head the group without header rows that the keyboard would
have to step over, and whether the group has more hits than it shows (`HitRole.More`: the
heading's "Show all" link). Claim hits can be dragged into the briefing workspace's tree:
they carry their claim ids as the workspace expects.

Showing one kind, the list fetches more as it is scrolled to its end, as Qt's item views
ask (`canFetchMore`/`fetchMore`): the model says so with `more_wanted(offset)`, once until
the page arrives (`add_hits`), and the search page asks the core for it.

Signals:
    more_wanted(int): the next page is wanted, from this many hits of the kind shown
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
    Signal,
)

from briefing.core import SearchHit
from briefing.ui.workspace.mime import CLAIMS_MIME, claims_mime_data

AnyIndex = QModelIndex | QPersistentModelIndex
GROUPS = {"actor": "Actors", "claim": "Claims and notes", "note": "Claims and notes"}
KIND_NAMES = {"actor": "Actor", "claim": "Claim", "note": "Note", "article": "Article"}
# The kinds of hit each group holds, as the core's `kinds` takes them.
GROUP_KINDS = {
    "Actors": ("actor",),
    "Claims and notes": ("claim", "note"),
    "Articles": ("article",),
}


class HitRole(IntEnum):
    Hit = Qt.ItemDataRole.UserRole + 1  # the SearchHit
    Group = Qt.ItemDataRole.UserRole + 2  # "Articles (20 of 1,234)" on a group's first row
    More = Qt.ItemDataRole.UserRole + 3  # "Show all 1,234" on a group's first row, else ""
    GroupName = Qt.ItemDataRole.UserRole + 4  # the row's group: "Articles", "Actors", ...


def group_of(kind: str) -> str:
    return GROUPS.get(kind, "Articles")


def group_count(counts: dict[str, int] | None, group: str) -> int | None:
    """How many hits a group has in all, from the core's counts by kind; None: not counted."""
    if counts is None:
        return None
    return sum(counts.get(kind, 0) for kind in GROUP_KINDS[group])


def plain_snippet(hit: SearchHit) -> str:
    return "".join(text for text, _ in hit.snippet_parts())


class ResultsModel(QAbstractListModel):
    more_wanted = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._groups: dict[int, str] = {}  # row -> its group's heading, for first rows
        self._more: dict[int, str] = {}  # row -> "Show all N", for first rows of groups cut
        self._counts: dict[str, int] | None = None  # hits of each kind in all
        self._paged = False  # one kind, fetched a page at a time
        self._fetching = False  # a page was asked for and has not arrived

    @property
    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    @property
    def counts(self) -> dict[str, int] | None:
        return self._counts

    def set_hits(
        self,
        hits: Sequence[SearchHit],
        counts: dict[str, int] | None = None,
        *,
        paged: bool = False,
    ) -> None:
        """Show `hits` in place of what was shown; `counts` (by kind) says how many there
        are in all; `paged`: they are one kind, and more are fetched as the list scrolls."""
        self.beginResetModel()
        self._hits = list(hits)
        self._counts = counts
        self._paged = paged
        self._fetching = False
        self._label_groups()
        self.endResetModel()

    def add_hits(self, hits: Sequence[SearchHit]) -> None:
        """The next page, after those shown."""
        self._fetching = False
        if not hits:
            self._paged = False  # the count was passed (the library changed): no more
            return
        first = len(self._hits)
        self.beginInsertRows(QModelIndex(), first, first + len(hits) - 1)
        self._hits += hits
        self._label_groups()
        self.endInsertRows()
        if self._groups:
            top = self.index(0, 0)
            self.dataChanged.emit(top, top, [HitRole.Group])

    def more_of(self, group: str) -> str:
        """The group's "Show all N" when it has more hits than shown, else ""."""
        for row, more in self._more.items():
            if group_of(self._hits[row].kind) == group:
                return more
        return ""

    def total(self) -> int | None:
        """How many hits the shown kinds have in all; None when not counted."""
        if self._counts is None:
            return None
        return sum(self._counts.values())

    def _label_groups(self) -> None:
        shown: dict[str, int] = {}
        for hit in self._hits:
            shown[group_of(hit.kind)] = shown.get(group_of(hit.kind), 0) + 1
        self._groups, self._more = {}, {}
        previous = None
        for row, hit in enumerate(self._hits):
            group = group_of(hit.kind)
            if group == previous:
                continue
            previous = group
            every = group_count(self._counts, group)
            if every is None or every <= shown[group]:
                self._groups[row] = f"{group} ({shown[group]:,})"
            else:
                self._groups[row] = f"{group} ({shown[group]:,} of {every:,})"
                if not self._paged:
                    self._more[row] = f"Show all {every:,}"

    def hit(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    # Qt's model interface -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def canFetchMore(self, parent: AnyIndex) -> bool:  # noqa: N802 - Qt's name
        if parent.isValid() or not self._paged or self._fetching:
            return False
        total = self.total()
        return total is not None and len(self._hits) < total

    def fetchMore(self, parent: AnyIndex) -> None:  # noqa: N802 - Qt's name
        if self.canFetchMore(parent):
            self._fetching = True
            self.more_wanted.emit(len(self._hits))

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
        if role == HitRole.More:
            return self._more.get(index.row(), "")
        if role == HitRole.GroupName:
            return group_of(hit.kind)
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

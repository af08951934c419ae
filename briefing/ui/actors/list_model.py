"""The actor list: every actor with its kind and how much of the library points at it.

Rows come from `library.actors.list()` (names, kinds, aliases, counts) and the pending
suggestions per actor (`mentions.pending_counts`), two queries for the whole list. `refresh()` reads
them again and resets only when something shown changed, so a library change that does not
touch actors keeps the view's scroll and selection as they were.

Each actor's kind is shown under its name, in the colour the reader gives that kind's
mentions (list_view.py draws it). The filter matches the name or any alias, in any letter
case; the kind chooser narrows to one kind. Numbers sort as numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from briefing.core import ActorListing, Library

NAME, MENTIONS, MADE, ABOUT, PENDING = range(5)
HEADERS = ("Actor", "Mentions", "Made", "About", "Suggested")
TIPS = (
    "The actor's name, and its kind: person, organisation, government body, state, group, "
    "place or other",
    "Mentions tagged across the library",
    "Claims the actor makes (as the speaker)",
    "Claims about the actor",
    "Suggested mentions waiting for review",
)
IdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
KindRole = Qt.ItemDataRole.UserRole + 3  # the kind, shown under the name
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ActorRow:
    listing: ActorListing
    pending: int

    @property
    def id(self) -> int:
        return self.listing.actor.id

    def values(self) -> tuple[object, ...]:
        x = self.listing
        return (x.actor.name, x.mentions, x.claims_made, x.claims_about, self.pending)


class ActorListModel(QAbstractTableModel):
    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.rows: list[ActorRow] = []

    def refresh(self) -> bool:
        """Read the actors again; True when the list changed (and the model was reset)."""
        pending = self._library.mentions.pending_counts()
        rows = [ActorRow(x, pending.get(x.actor.id, 0)) for x in self._library.actors.list()]
        if rows == self.rows:
            return False
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()
        return True

    def row_of(self, actor_id: int) -> int:
        return next((n for n, r in enumerate(self.rows) if r.id == actor_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return TIPS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section >= MENTIONS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # Never raises, even for an index of rows a refresh has since taken away.
        if not (index.isValid() and 0 <= index.row() < len(self.rows)) or not (
            0 <= index.column() < len(HEADERS)
        ):
            return None
        row, column = self.rows[index.row()], index.column()
        value = row.values()[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if column >= MENTIONS:
                return f"{value:,}" if value else "–"
            return value
        if role == SortRole:
            return value.casefold() if isinstance(value, str) else value
        if role == IdRole:
            return row.id
        if role == KindRole:
            return row.listing.actor.kind
        if role == Qt.ItemDataRole.ForegroundRole and column >= MENTIONS and not value:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= MENTIONS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        return None

    @staticmethod
    def _tooltip(row: ActorRow) -> str:
        actor = row.listing.actor
        lines = [f"{actor.name} ({actor.kind})"]
        if actor.description:
            lines.append(actor.description)
        if actor.aliases:
            lines.append("Also: " + ", ".join(a.text for a in actor.aliases))
        return "\n".join(lines)


class ActorFilter(QSortFilterProxyModel):
    """Narrows the list by words of a name or alias and by kind."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._kind: str | None = None
        self.setSortRole(SortRole)

    def set_text(self, text: str) -> None:
        self._change(lambda: setattr(self, "_words", text.casefold().split()))

    def set_kind(self, kind: str | None) -> None:
        self._change(lambda: setattr(self, "_kind", kind))

    def _change(self, change: Callable[[], None]) -> None:
        """Qt 6.10 replaced invalidateFilter() with a begin/end pair; older Qt has only it."""
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt before 6.10
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: AnyIndex) -> bool:  # noqa: N802 - Qt's name
        model = self.sourceModel()
        assert isinstance(model, ActorListModel)
        actor = model.rows[row].listing.actor
        if self._kind is not None and actor.kind != self._kind:
            return False
        if not self._words:
            return True
        names = " ".join([actor.name, *(a.text for a in actor.aliases)]).casefold()
        return all(word in names for word in self._words)

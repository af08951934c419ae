"""The claims table's view: a QTableView that keeps its selection by claim id, says why it is
empty, and opens its context menu from the keyboard where the current row is.

The model resets on every sort, search keystroke and reload (model.py); a plain view would
drop the selection each time, so the reader's chosen claims would vanish as they typed. The
view notes the selected ids before a reset and selects them again after, wherever they went.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from briefing.ui.claims_table.model import (
    ABOUT,
    ARTICLE,
    DATE,
    GRADE,
    OUTLET,
    QUOTE,
    SPEAKER,
    STATUS,
    ClaimRole,
    ClaimsTableModel,
    cell_text,
)
from briefing.ui.models.row_runs import runs

# Rows are two lines tall and cells wrap: the quote, what the table is for, shows twice as
# much, and a long title or list of subjects wraps rather than pushing the quote aside. A
# column starts at its width here (in average characters), fits its widest value once the
# claims arrive (fit_columns), up to its cap, past which it wraps; the quote takes the rest.
LINES = 2
CELL_PADDING = 6  # each side; the window's style sheet gives items this padding
WIDTHS = {SPEAKER: 14, ABOUT: 16, STATUS: 11, GRADE: 14, ARTICLE: 24, OUTLET: 9, DATE: 11}
CAPS = {SPEAKER: 22, ABOUT: 26, ARTICLE: 34, OUTLET: 18}  # the grade: on one line
# In a narrow table (docked below the reader, beside the workspace) the quote keeps room
# for this many characters a line: the columns fold in this order to give it, and come
# back as the table widens. The speaker always stays; the status folds last, in a table
# docked at a side edge beside the reader (dock_room.py).
QUOTE_CHARS = 30
FOLD_ORDER = (OUTLET, ABOUT, ARTICLE, GRADE, DATE, STATUS)


class ClaimsTableView(QTableView):
    def __init__(self, model: ClaimsTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("claimsTable")
        self.setAccessibleName("Claims")
        self.setModel(model)
        self.claims = model
        self.placeholder = ""  # said in the middle of the table when it has no rows
        self.menu_requested: Callable[[QPoint], None] | None = None
        self._kept: tuple[list[int], int | None] = ([], None)
        self._folded_widths: dict[int, int] = {}  # the columns folded for room, as they were
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as in a form
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(LINES * QFontMetrics(self.font()).lineSpacing() + 14)
        self._set_up_columns()
        model.modelAboutToBeReset.connect(self._keep_selection)
        model.modelReset.connect(self._restore_selection)

    def _set_up_columns(self) -> None:
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(48)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(QUOTE, QHeaderView.ResizeMode.Stretch)
        average = QFontMetrics(self.font()).averageCharWidth()
        for column, chars in WIDTHS.items():
            header.resizeSection(column, max(chars * average, header.sectionSizeHint(column)))
        header.setSortIndicator(DATE, Qt.SortOrder.DescendingOrder)
        header.setSortIndicatorShown(True)
        self.setSortingEnabled(True)

    def fit_columns(self, sample: int = 2000) -> None:
        """Each column but the quote as wide as its widest value (among the first `sample`
        rows) on one line, within its cap; never narrower than it starts."""
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        rows = self.claims.rows[:sample]
        for column in WIDTHS:
            widest = max((metrics.horizontalAdvance(cell_text(r, column)) for r in rows), default=0)
            wanted = max(widest + 2 * CELL_PADDING + 8, header.sectionSizeHint(column))
            cap = CAPS.get(column, 0) * metrics.averageCharWidth()
            width = min(wanted, cap) if cap else wanted
            header.resizeSection(column, max(width, header.sectionSize(column)))

    def folded_columns(self) -> list[int]:
        """The columns folded for the quote's sake (see QUOTE_CHARS), in FOLD_ORDER."""
        return [c for c in FOLD_ORDER if self.isColumnHidden(c)]

    def fold_columns(self) -> None:
        """Fold the fewest columns (in FOLD_ORDER) that leave the quote QUOTE_CHARS a line
        at this width; show again those there is room for."""
        header = self.horizontalHeader()
        room = self.viewport().width()
        if room <= 0 or not self.isVisible():  # (not laid out yet: its first show folds)
            return
        wanted = QUOTE_CHARS * self.fontMetrics().averageCharWidth() + 2 * CELL_PADDING
        # A folded column's width is the one it had when it folded (the header says 0).
        others = {
            c: self._folded_widths.get(c, 0) if self.isColumnHidden(c) else header.sectionSize(c)
            for c in WIDTHS
        }
        shown = set(WIDTHS)
        for column in FOLD_ORDER:
            if room - sum(others[c] for c in shown) >= wanted:
                break
            shown.discard(column)
        for column in FOLD_ORDER:
            hidden = column not in shown
            if self.isColumnHidden(column) != hidden:
                if hidden:
                    self._folded_widths[column] = header.sectionSize(column)
                self.setColumnHidden(column, hidden)
                if not hidden and column in self._folded_widths:
                    header.resizeSection(column, self._folded_widths.pop(column))

    def unfold_columns(self) -> None:
        """Every folded column shown again (the header keeps a hidden column's width), then
        folded again as the width now asks."""
        for column in FOLD_ORDER:
            self.setColumnHidden(column, False)
        self._folded_widths.clear()
        self.fold_columns()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fold_columns()

    # The selection, kept by id --------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """The selected claims, in table order."""
        selection = self.selectionModel()
        if selection is None:
            return []
        numbers: set[int] = set()
        for span in selection.selection():  # ranges: cheap when every row is selected
            numbers.update(range(span.top(), span.bottom() + 1))
        rows = self.claims.rows
        return [rows[n].id for n in sorted(numbers) if n < len(rows)]

    def current_id(self) -> int | None:
        index = self.currentIndex()
        return index.data(ClaimRole.ClaimId) if index.isValid() else None

    def select_ids(self, ids: list[int], current: int | None = None) -> None:
        """Select these claims (those shown); the current one, else the first, gets focus."""
        model = self.claims
        numbers = sorted({n for n in map(model.row_of, ids) if n >= 0})
        selection, last = QItemSelection(), model.columnCount() - 1
        for top, bottom in runs(numbers):
            selection.select(model.index(top, 0), model.index(bottom, last))
        flags = QItemSelectionModel.SelectionFlag
        self.selectionModel().select(selection, flags.ClearAndSelect)
        row = model.row_of(current) if current is not None else -1
        if row < 0 and numbers:
            row = numbers[0]
        if row >= 0:
            index = model.index(row, max(self.currentIndex().column(), 0))
            self.selectionModel().setCurrentIndex(index, flags.NoUpdate)
            self.scrollTo(index)

    def _keep_selection(self) -> None:
        self._kept = (self.selected_ids(), self.current_id())

    def _restore_selection(self) -> None:
        ids, current = self._kept
        self._kept = ([], None)
        if ids or current is not None:
            self.select_ids(ids, current)

    # Painting and the context menu ----------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if self.claims.rowCount() or not self.placeholder:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().placeholderText().color())
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(self.viewport().rect().adjusted(24, 24, -24, -24), flags, self.placeholder)

    def set_placeholder(self, text: str) -> None:
        if text != self.placeholder:
            self.placeholder = text
            self.viewport().update()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        """The menu key or Shift+F10 opens it under the current row; a right-click on an
        unselected row selects that row first, as file managers do."""
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            rect = self.visualRect(self.currentIndex())
            where = rect.bottomLeft() if rect.isValid() else QPoint(8, 8)
        else:
            where = event.pos()
            index = self.indexAt(where)
            if index.isValid() and not self.selectionModel().isRowSelected(index.row()):
                self.setCurrentIndex(index)  # selects that row alone
        if self.menu_requested is not None:
            self.menu_requested(self.viewport().mapToGlobal(where))
        event.accept()

    def current_or_first(self) -> QModelIndex:
        index = self.currentIndex()
        return index if index.isValid() else self.claims.index(0, 0)

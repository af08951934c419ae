"""The library pane: a filter box over the lazy article list.

The filter waits for a pause in typing (150 ms) before asking the core again, so a fast
typist on 100k articles does not queue a query per key.

Signals:
    article_chosen(int): the current article changed to this id
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from briefing.core.library import Library
from briefing.ui.models.article_list import CLAIMS, DATE, OUTLET, TITLE, ArticleListModel

FILTER_DELAY_MS = 150


class LibraryPane(QWidget):
    article_chosen = Signal(int)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ArticleListModel(library, self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter by title or outlet")
        self.filter.setAccessibleName("Filter articles")
        self.filter.setToolTip("Show only articles whose title or outlet contains these words")
        self.filter.setClearButtonEnabled(True)
        self.view = QTableView(self)
        self.view.setObjectName("articleTable")
        self.view.setAccessibleName("Articles")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (OUTLET, DATE, CLAIMS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(OUTLET, 90)
        header.resizeSection(DATE, 104)
        header.resizeSection(CLAIMS, 56)
        header.setHighlightSections(False)
        # The model starts sorted by date, newest first: say so before sorting is switched
        # on, so switching it on does not query the core a second time.
        header.setSortIndicator(DATE, Qt.SortOrder.DescendingOrder)
        self.view.setSortingEnabled(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)

        self._current_id: int | None = None
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._on_filter_timer_timeout)
        self.filter.textChanged.connect(self._filter_timer.start)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.model.modelReset.connect(self._on_model_reset)

    @property
    def current_id(self) -> int | None:
        return self._current_id

    def select_article(self, article_id: int) -> bool:
        """Make `article_id` current (and visible); False if it is not in the list."""
        row = self.model.row_of(article_id)
        if row is None:
            return False
        index = self.model.index(row, TITLE)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def refresh(self) -> None:
        self.model.refresh()

    def _on_filter_timer_timeout(self) -> None:
        self.model.set_filter(self.filter.text())

    def _on_model_reset(self) -> None:
        """Keep the current article selected, by id, across sorting and filtering."""
        if self._current_id is not None:
            row = self.model.row_of(self._current_id)
            if row is not None:
                blocked = self.view.selectionModel().blockSignals(True)
                self.select_article(self._current_id)
                self.view.selectionModel().blockSignals(blocked)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = self.model.article_id(current.row()) if current.isValid() else None
        if article_id is not None and article_id != self._current_id:
            self._current_id = article_id
            self.article_chosen.emit(article_id)

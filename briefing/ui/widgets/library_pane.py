"""The library pane: a filter box and tag and actor choosers over the lazy article list.

The filter waits for a pause in typing (150 ms) before asking the core again, so a fast
typist on 100k articles does not queue a query per key. The tag and actor choosers narrow
the same core query at once (one choice, one query). Their lists come from the core and are
read again when a change touches tags or actors (`apply`); a chosen tag or actor that has
gone (renamed, merged, deleted) falls back to "any".

Home and End go to the first and last article, not the first and last column: in a list
of rows that is what they mean, and End must stay instant on 100k articles.

The Title column is what the list is read by: it keeps room for TITLE_CHARS characters, and
when the pane is too narrow for that beside the other columns, Claims and then Outlet step
aside (the reader's byline shows the outlet). `minimum_width()` is the pane at its
narrowest: the title's minimum and the date.

Signals:
    article_chosen(int): the current article changed to this id
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from briefing.core import AnnotationRefs, BriefingError, Changes, Kind, Library
from briefing.ui.models.article_list import CLAIMS, DATE, OUTLET, TITLE, ArticleListModel
from briefing.ui.models.row_runs import runs

FILTER_DELAY_MS = 150
TITLE_CHARS = 30  # the title's room before other columns step aside
TITLE_MIN_CHARS = 22  # the narrowest title column: below it the pane folds
SAMPLE_DATE = "28 Sep 2021"  # the widest date the Date column shows
ANY_TAG = "Any tag"
ANY_ACTOR = "Any actor"


class _ArticleTable(QTableView):
    """The list. Its Title column fills what the others leave, set here as the view is
    resized (a header's Stretch mode does it a timer's tick later, so a resized window
    painted the list twice), and Claims, then Outlet, step aside while the title would have
    less than `title_room` pixels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_room = 0
        self.widths: dict[int, int] = {}  # the other columns' widths, hidden or not

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        # The columns first, quietly: told of a resized column, the table repaints it a
        # timer's tick later, a second frame after the one the resize paints in full anyway.
        # Its geometry (the scroll bar's range) follows in the resize itself.
        header = self.horizontalHeader()
        quiet = header.blockSignals(True)
        try:
            self.fit_columns()
        finally:
            header.blockSignals(quiet)
        super().resizeEvent(event)

    def fit_columns(self) -> None:
        header = self.horizontalHeader()
        if not self.widths:
            return
        room = self.viewport().width() - self.widths[DATE]
        shown = {OUTLET, CLAIMS}
        for column in (CLAIMS, OUTLET):  # the first steps aside first
            if room - sum(self.widths[c] for c in shown) < self.title_room:
                shown.discard(column)
        for column in (OUTLET, CLAIMS):
            hide = column not in shown
            if header.isSectionHidden(column) != hide:
                header.setSectionHidden(column, hide)
        title = max(room - sum(self.widths[c] for c in shown), 0)
        if header.sectionSize(TITLE) != title:
            header.resizeSection(TITLE, title)

    def on_section_resized(self, column: int, _old: int, new: int) -> None:
        """The reader dragged a column's edge: that width is kept, the title takes the rest."""
        if column in self.widths and new > 0 and self.widths[column] != new:
            self.widths[column] = new
            self.fit_columns()

    def moveCursor(  # noqa: N802 - Qt's name
        self,
        action: QAbstractItemView.CursorAction,
        modifiers: Qt.KeyboardModifier,
    ) -> QModelIndex:
        """Home/End move by rows (a table moves them by columns unless Ctrl is held), and
        End goes to the last row even before any row is current (Qt would pick the first)."""
        move = QAbstractItemView.CursorAction
        rows = self.model().rowCount()
        if action == move.MoveEnd and rows and not self.currentIndex().isValid():
            return self.model().index(rows - 1, 0)
        if action in (move.MoveHome, move.MoveEnd):
            modifiers |= Qt.KeyboardModifier.ControlModifier
        return super().moveCursor(action, modifiers)


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
        self.tag_filter = self._chooser(
            "Narrow by tag", "Show only articles with this tag, or with a claim that has it"
        )
        self.actor_filter = self._chooser(
            "Narrow by actor",
            "Show only articles that mention this actor or hold a claim by or about it",
        )
        self.view = _ArticleTable(self)
        self.view.setObjectName("articleTable")
        self.view.setAccessibleName("Articles")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several at once for a batch edit (Edit ▸ Edit Selected Articles…).
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setTabKeyNavigation(False)  # Tab leaves the list (arrows move in it)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Fixed)  # fills the rest
        for column in (OUTLET, DATE, CLAIMS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.sectionResized.connect(self.view.on_section_resized)
        self._size_columns()
        header.setHighlightSections(False)
        # The model starts sorted by date, newest first: say so before sorting is switched
        # on, so switching it on does not query the core a second time.
        header.setSortIndicator(DATE, Qt.SortOrder.DescendingOrder)
        self.view.setSortingEnabled(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.filter)
        choosers = QHBoxLayout()
        choosers.setSpacing(6)
        choosers.addWidget(self.tag_filter, 1)
        choosers.addWidget(self.actor_filter, 1)
        layout.addLayout(choosers)
        layout.addWidget(self.view)
        self._fill_choosers()

        self._current_id: int | None = None
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._on_filter_timer_timeout)
        self.filter.textChanged.connect(self._filter_timer.start)
        self.tag_filter.activated.connect(self._on_tag_filter_activated)
        self.actor_filter.activated.connect(self._on_actor_filter_activated)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.model.modelReset.connect(self._on_model_reset)

    @property
    def current_id(self) -> int | None:
        return self._current_id

    # Columns --------------------------------------------------------------------------------

    def _size_columns(self) -> None:
        """Outlet, Date and Claims as wide as their content needs in this font."""
        header = self.view.horizontalHeader()
        cell = self.view.fontMetrics()
        bold = QFont(header.font())
        bold.setWeight(QFont.Weight.DemiBold)  # style.qss: headers are semi-bold
        label = QFontMetrics(bold)
        arrow = 14  # the sort indicator beside a label
        pad = 2 * 6 + 6  # the cells' and the header's padding (style.qss), and a little air
        self._column_widths = {
            OUTLET: max(cell.averageCharWidth() * 12, label.horizontalAdvance("Outlet")) + pad,
            DATE: max(cell.horizontalAdvance(SAMPLE_DATE), label.horizontalAdvance("Date"))
            + arrow
            + pad,
            CLAIMS: max(cell.horizontalAdvance("999"), label.horizontalAdvance("Claims"))
            + arrow
            + pad,
        }
        for column, width in self._column_widths.items():
            header.resizeSection(column, width)
        self.view.widths = dict(self._column_widths)
        self.view.title_room = self.title_width(TITLE_CHARS)

    def title_width(self, chars: int) -> int:
        return self.view.fontMetrics().averageCharWidth() * chars + 12

    def minimum_width(self) -> int:
        """The pane at its narrowest: a title of TITLE_MIN_CHARS and the date."""
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        margins = self.layout().contentsMargins()
        chrome = 2 * self.view.frameWidth() + scroll_bar + margins.left() + margins.right()
        return self.title_width(TITLE_MIN_CHARS) + self._column_widths[DATE] + chrome

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

    def select_articles(self, article_ids: list[int]) -> int:
        """Select these articles (those in the list; how many), the first one current and
        in view: what an import leaves selected."""
        rows = sorted(r for r in (self.model.row_of(i) for i in article_ids) if r is not None)
        if not rows:
            return 0
        first = self.model.row_of(article_ids[0])
        current = self.model.index(first if first is not None else rows[0], TITLE)
        selection = QItemSelection()
        for start, end in runs(rows):
            selection.select(
                self.model.index(start, 0), self.model.index(end, self.model.columnCount() - 1)
            )
        model = self.view.selectionModel()
        model.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(current, QAbstractItemView.ScrollHint.PositionAtCenter)
        return len(rows)

    def selected_ids(self) -> list[int]:
        """The selected articles, in list order (the current one when none is selected)."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        ids = [self.model.article_id(r) for r in rows]
        chosen = [i for i in ids if i is not None]
        if not chosen and self._current_id is not None:
            chosen = [self._current_id]
        return chosen

    def refresh(self) -> None:
        """Read the tag and actor lists again, then the whole list."""
        self._fill_choosers()
        self.model.refresh()

    def apply(
        self,
        changes: Changes,
        refs: Mapping[int, AnnotationRefs] | None = None,
        deleted_from: Mapping[int, int] | None = None,
    ) -> None:
        """The library changed: read again only the choosers and rows it touched (the
        model's `apply` says what `refs` and `deleted_from` spare it)."""
        narrowing = (self.model.tag, self.model.actor_id)
        self._fill_choosers(tags=changes.touches(Kind.TAG), actors=changes.touches(Kind.ACTOR))
        if (self.model.tag, self.model.actor_id) != narrowing:  # a chosen one went
            self.model.refresh()
        else:
            self.model.apply(changes, refs, deleted_from)

    def choose_tag(self, tag: str | None) -> bool:
        """Narrow to `tag` (None: any) as choosing it in the list would; False if unknown."""
        index = 0 if tag is None else self.tag_filter.findData(tag)
        if index < 0:
            return False
        self.tag_filter.setCurrentIndex(index)
        self._on_tag_filter_activated(index)
        return True

    def choose_actor(self, actor_id: int | None) -> bool:
        """Narrow to an actor (None: any) as choosing it in the list would; False if unknown."""
        index = 0 if actor_id is None else self.actor_filter.findData(actor_id)
        if index < 0:
            return False
        self.actor_filter.setCurrentIndex(index)
        self._on_actor_filter_activated(index)
        return True

    def _chooser(self, name: str, tip: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.view().setAccessibleName(f"{name}: choices")
        combo.setToolTip(tip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.setMaxVisibleItems(20)
        return combo

    def _fill_choosers(self, *, tags: bool = True, actors: bool = True) -> None:
        """(Re)fill the lists from the core, keeping the choices that still exist.

        The model is told quietly (no query): the caller refreshes it once afterwards.
        """
        library = self.model.library
        kept_tag: object = self.model.tag
        kept_actor: object = self.model.actor_id
        try:
            if tags:
                names = [(use.name, use.name) for use in library.tags.list()]
                kept_tag = _refill(self.tag_filter, ANY_TAG, names, kept_tag)
            if actors:
                listed = [(a.actor.name, a.actor.id) for a in library.actors.list()]
                kept_actor = _refill(self.actor_filter, ANY_ACTOR, listed, kept_actor)
        except BriefingError:
            return
        self.model.narrow(tag=kept_tag, actor_id=kept_actor, refresh=False)  # type: ignore[arg-type]

    def _on_tag_filter_activated(self, index: int) -> None:
        self.model.set_tag(self.tag_filter.itemData(index))

    def _on_actor_filter_activated(self, index: int) -> None:
        self.model.set_actor(self.actor_filter.itemData(index))

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


def _refill(
    combo: QComboBox, anything: str, items: list[tuple[str, object]], chosen: object
) -> object:
    """Fill `combo` with "any" and `items` (text, data); select `chosen` if still there.

    Returns what is now chosen (None for "any"). Signals are blocked: filling is not
    the reader choosing.
    """
    blocked = combo.blockSignals(True)
    combo.clear()
    combo.addItem(anything, None)
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(chosen) if chosen is not None else 0
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(blocked)
    return combo.currentData()

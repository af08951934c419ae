"""The claims table: every claim in the library, to sort, narrow, open where it was made,
and send to a briefing.

In the app it lives in a dock of the main window (`hosted`, dock.py), as the workspace
does, so a claim drags from it into a section without a window to move; made without
`hosted` (tests, benches) it is a window of its own. Either way it shares the main window's
library, op runner and settings; it keeps an undo history of its own, so Undo here takes
back an Add to Briefing made here, and every change anywhere reaches the table through
`runner.library_changed`. The rows are read on the reader thread (QueryOp), so a large
library never freezes the window; a change that arrives while a read runs is read again
once it ends. While the window is hidden it reads nothing and catches up when shown.

A change reads only the rows it touched (`rows_touched`): the claims it names, and the rows
that show an actor, article or tag it changed, found among the rows in memory; a change to
nothing the table shows (a highlight, an alias of an actor who made no claim, a briefing)
reads nothing at all. Only `Changes.full`, or a change arriving before the first rows, reads
every claim again.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QCloseEvent, QResizeEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from briefing.core import Changes, ClaimRow, Kind, Library, Progress
from briefing.ui import errors
from briefing.ui.claims_table import actions
from briefing.ui.claims_table.filter_bar import ClaimFilterBar
from briefing.ui.claims_table.model import ClaimsTableModel
from briefing.ui.claims_table.view import CELL_PADDING, ClaimsTableView
from briefing.ui.icons import icon
from briefing.ui.ops import QueryOp
from briefing.ui.undo.context import UndoContext
from briefing.ui.widgets.button_row import ButtonRow

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow

EMPTY = "No claims yet — mark a claim in the reader with Ctrl+M"
NO_MATCH = "No claim matches the search and the choosers — Escape in the search box clears them"
LOADING = "Reading the claims…"
HINT = "Double-click a claim to open it in its article · drag claims onto a briefing"
STYLE = f"""
QTableView#claimsTable {{ border: none; }}
QTableView#claimsTable::item {{ padding: 0 {CELL_PADDING}px; }}
QLabel#claimsCount {{ padding: 0 4px; }}
QLabel#claimsHint {{ color: palette(placeholder-text); padding: 0 4px; }}
"""


def _read_rows(ids: frozenset[int] | None, library: Library, _progress: Progress) -> list[ClaimRow]:
    """Every claim (`ids` None), or those of `ids` that are still claims."""
    rows = library.claims.rows(ids)
    for row in rows:
        _ = row.haystack  # folded here, on the reader thread, not at the first keystroke
    return rows


_SHOWN_BESIDE = (Kind.ACTOR, Kind.ARTICLE, Kind.TAG)  # what rows show besides their claim


def rows_touched(rows: list[ClaimRow], changes: Changes) -> frozenset[int] | None:
    """The ids of the claims whose rows `changes` may alter (None: all of them), found in
    the rows in memory: the claims it names, and the rows showing an actor (speaker,
    subjects), an article (title, outlet, date, tags) or a tag it changed. A tag is known
    only by id, its name is not in the rows: any row showing a tag is read again."""
    if changes.full:
        return None
    touched = set(changes.ids(Kind.CLAIM))
    actors = changes.ids(Kind.ACTOR)
    articles = changes.updated_ids(Kind.ARTICLE) | changes.deleted_ids(Kind.ARTICLE)
    tags = bool(changes.updated_ids(Kind.TAG) or changes.deleted_ids(Kind.TAG))
    if actors or articles or tags:
        for row in rows:
            if (
                row.article_id in articles
                or (row.speaker is not None and row.speaker.id in actors)
                or any(actor.id in actors for actor in row.about)
                or (tags and (row.tags or row.article_tags))
            ):
                touched.add(row.id)
    return frozenset(touched)


class HintLabel(QLabel):
    """A hint of parts separated by " · ", showing as many whole parts as fit its width
    (none in a very narrow table), never a part cut short; the whole of it in its tooltip."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.parts = text.split(" · ")
        self.setToolTip(text)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        metrics, room = self.fontMetrics(), self.contentsRect().width()
        parts = list(self.parts)
        while parts and metrics.horizontalAdvance(" · ".join(parts)) > room:
            parts.pop()
        self.setText(" · ".join(parts))


class ClaimsWindow(QMainWindow):
    def __init__(self, main_window: MainWindow, *, hosted: bool = False) -> None:
        super().__init__(main_window, Qt.WindowType.Widget if hosted else Qt.WindowType.Window)
        self.hosted = hosted
        self.preferred_size: QSize | None = None  # hosted: the size its dock asks for
        self.main_window = main_window
        self.library = main_window.library
        self.runner = main_window.runner
        self.stack = QUndoStack(self)  # this window's own history (ui/undo/router.py)
        self.undo = UndoContext(
            self.library, self.runner, self.stack, lambda text: errors.show_status(self, text)
        )
        self.settings = main_window.settings
        self.menu: QMenu | None = None  # the context menu last opened
        self._loading: QueryOp[list[ClaimRow]] | None = None
        self._reading: frozenset[int] | None = None  # what it reads (None: every claim)
        # What changed while a read ran, to read once it ends: every claim, or these.
        self._again_all = False
        self._again: set[int] = set()
        self._stale = True  # the rows may be out of date (the window was hidden, or new)
        self._stopped = False  # the main window is closing: start no more reads
        self._fitted = False  # the columns have their widths (remembered, or fitted once)
        self.setWindowTitle(f"Claims — {self.library.path.name}")
        self.setWindowIcon(icon("claim"))
        self.setStyleSheet(STYLE)

        self.model = ClaimsTableModel(self)
        self.bar = ClaimFilterBar(self)
        self.view = ClaimsTableView(self.model, self)
        actions.install_actions(self, hosted=hosted)
        self.setCentralWidget(self._layout())
        self.view.set_placeholder(LOADING)
        self._update_count()

        self.bar.changed.connect(lambda: self.model.set_filter(self.bar.current()))
        self.bar.leave_down.connect(self.enter_table)
        self.view.activated.connect(lambda _index: actions.open_current(self))
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.view.selectionModel().currentChanged.connect(self._on_selection_changed)
        self.model.modelReset.connect(self._update_count)
        self.runner.library_changed.connect(self._on_library_changed)
        main_window.installEventFilter(self)  # to save settings when the main window closes
        self._restore()

    def _layout(self) -> QWidget:
        hint = HintLabel(HINT, self)
        hint.setObjectName("claimsHint")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(hint, 1)  # beside the buttons: a docked table has no line to spare
        # Labelled where they fit, icons alone (named by their tips) in a dock at a side.
        self.buttons = ButtonRow(self.copy_action, self.open_action, self.add_action, parent=self)
        buttons.addWidget(self.buttons)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        if self.hosted:  # the dock's title and frame around it already
            layout.setContentsMargins(6, 2, 6, 4)
            layout.setSpacing(4)
        else:
            layout.setContentsMargins(10, 10, 10, 8)
            layout.setSpacing(8)
        layout.addWidget(self.bar)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.bar.tag, self.view)
        return central

    # Reading the claims ---------------------------------------------------------------------

    def reload(self, ids: frozenset[int] | None = None) -> None:
        """Read every claim again, or only those of `ids` (on the reader thread), and show
        them."""
        if self._stopped:
            return
        if self._loading is not None:
            if ids is None:
                self._again_all = True
            else:
                self._again |= ids
            return
        if ids is None:
            self._stale = False
        op: QueryOp[list[ClaimRow]] = QueryOp(self.runner, partial(_read_rows, ids), parent=self)
        op.success(partial(self._on_rows_read, ids))
        op.failure(self._on_read_failed)
        self._loading, self._reading = op, ids
        op.run()

    @property
    def loading(self) -> bool:
        return self._loading is not None

    def _on_rows_read(self, ids: frozenset[int] | None, rows: list[ClaimRow]) -> None:
        self._loading = None
        if self._stopped:
            return
        if ids is None:
            self.bar.offer(rows)  # may narrow the filter (a chosen speaker is gone) first
            self.model.set_filter(self.bar.current())
            self.model.set_rows(rows)
        elif self.model.update_rows(ids, rows):
            self.bar.offer(self.model.all_rows)
            self.model.set_filter(self.bar.current())
        if not self._fitted and rows:
            self.view.fit_columns()
            self.view.fold_columns()
            self._fitted = True
        self._update_count()
        if self._again_all:
            self._again_all, self._again = False, set()
            self.reload()
        elif self._again:
            again, self._again = frozenset(self._again), set()
            self.reload(again)

    def _on_read_failed(self, exc: BaseException) -> None:
        self._loading = None
        if not self._stopped:
            self.view.set_placeholder(f"The claims could not be read: {exc}")
            errors.show_error(self, exc)

    def _on_library_changed(self, changes: Changes) -> None:
        if not self.isVisible():
            self._stale = True
        elif not self.model.loaded:
            self.reload()
        else:
            ids = rows_touched(self.model.all_rows, changes)
            if ids is not None and self.loading and changes.touches(*_SHOWN_BESIDE):
                # The rows being read are not in memory yet to be looked through: they may
                # show the actor, article or tag just changed, and were perhaps read before.
                ids = None if self._reading is None else ids | self._reading
            if ids is None or ids:
                self.reload(ids)

    # Showing --------------------------------------------------------------------------------

    def _update_count(self) -> None:
        model = self.model
        self.bar.show_count(model.rowCount(), model.total)
        if not model.loaded:
            self.view.set_placeholder(LOADING)
        else:
            self.view.set_placeholder(EMPTY if model.total == 0 else NO_MATCH)
        actions.update_actions(self)

    def _on_selection_changed(self, *_args: object) -> None:
        actions.update_actions(self)

    def focus_search(self) -> None:
        self.bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.bar.search.selectAll()

    def enter_table(self) -> None:
        """From the search box to the table, on the current row (else the first)."""
        self.view.setFocus(Qt.FocusReason.TabFocusReason)
        if not self.view.selected_ids() and self.model.rowCount():
            self.view.selectRow(0)

    def select_claims(self, claim_ids: list[int]) -> None:
        self.view.select_ids(claim_ids)

    # Remembering and closing ----------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        if self.hosted and self.preferred_size is not None:
            return self.preferred_size.expandedTo(self.minimumSizeHint())
        return hint

    def _restore(self) -> None:
        geometry = self.settings.value("claims/geometry")
        if self.hosted:
            pass  # a dock's place and size are the main window's to keep
        elif geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 760)
        header_state = self.settings.value("claims/header")
        header = self.view.horizontalHeader()
        if header_state is not None and header.restoreState(header_state):
            self._fitted = True
            self.view.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
            # Columns folded for room when it was saved: back at their widths, to be folded
            # again for the room there is now.
            self.view.unfold_columns()

    def save_settings(self) -> None:
        if not self.hosted:
            self.settings.setValue("claims/geometry", self.saveGeometry())
        self.settings.setValue("claims/header", self.view.horizontalHeader().saveState())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.parent() and event.type() == QEvent.Type.Close:
            if self.isVisible():
                self.save_settings()
            self._stopped = True  # the runner is about to stop
        return False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        self._stopped = False
        if self._stale or not self.model.loaded:
            self.reload()
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.save_settings()
        super().closeEvent(event)

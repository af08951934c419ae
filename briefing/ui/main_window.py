"""The main window: the library on the left, the reader in the middle, annotations on the right.

It wires the panes together and owns the library's op runner. The panes are a row that keeps
the reader readable (main_panes.py: side panes fold to strips when the window is narrow).
The article on show and how it follows the library's changes are shown_article.py (a mixin
of this window); the notices about the library itself, library_notices.py.
What it remembers (window geometry, pane widths, the last open article of this library) lives
in the QSettings it is given, so tests point it at a file in tmp_path and never touch the
user's settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from briefing.core import BriefingError, Library, printable
from briefing.ui import errors, main_panes, menus
from briefing.ui.actions import annotate, import_files, library_files, suggestions
from briefing.ui.article_view import ArticleView
from briefing.ui.library_notices import LibraryNotices
from briefing.ui.ops import CoreOp, OpRunner
from briefing.ui.reading_positions import ReadingPositions
from briefing.ui.search import SearchPage
from briefing.ui.shown_article import ShownArticleMixin
from briefing.ui.team_sync import TeamSync
from briefing.ui.undo.context import UndoContext
from briefing.ui.undo.router import UndoRouter
from briefing.ui.widgets.annotation_panel import AnnotationPanel
from briefing.ui.widgets.import_progress import ImportProgress
from briefing.ui.widgets.library_pane import LibraryPane
from briefing.ui.widgets.notice_bar import NoticeBar
from briefing.ui.widgets.reader import Reader

READER = "Reader"  # the reader side's history, as Edit ▸ Undo names it
WORKSPACE = "Workspace"
CLAIMS = "Claims table"


class MainWindow(ShownArticleMixin, QMainWindow):
    def __init__(
        self, library: Library, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = settings
        self.runner = OpRunner(library, self)
        self.view: ArticleView | None = None
        self.last_import_summary: QWidget | None = None
        self.dialog: QWidget | None = None  # the dialog an action has open, if any
        self.last_paste_op: CoreOp | None = None
        self.positions = ReadingPositions(settings, library.path)
        self.last_backup_op: object | None = None
        self.pending_close_question: QMessageBox | None = None
        self._close_anyway = False
        self._released = False
        # Two histories, one per pane of work (ui/undo/router.py): the reader side's and
        # the briefing workspace's (made here, before the workspace is, so edits made for it
        # elsewhere have somewhere to go).
        self.undo_stack = QUndoStack(self)
        self.workspace_undo_stack = QUndoStack(self)
        self.undo = UndoContext(
            library, self.runner, self.undo_stack, lambda text: errors.show_status(self, text)
        )
        self.undo_router = UndoRouter(self, self.undo_stack, READER, self._history_of)
        # Qt adds the application's name: "news.sqlite — Briefing", each named once.
        name = printable(library.path.name)
        self.setWindowTitle(name + (" (read-only)" if library.read_only else ""))
        self.setWindowFilePath(str(library.path))
        self.setWindowIcon(menus.icon("briefing"))
        self.setAcceptDrops(True)

        self.library_pane = LibraryPane(library, self)
        self.search_page = SearchPage(self)  # its field goes in the toolbar (menus.py)
        # The search results take the library list's place while a query is typed.
        self.left_pane = QStackedWidget(self)
        self.left_pane.addWidget(self.library_pane)
        self.left_pane.addWidget(self.search_page)
        self.reader = Reader(self)
        self.panel = AnnotationPanel(self)
        self.panes = main_panes.build(self)
        # Notices (another copy open, read-only, an edit waiting) above the panes.
        self.notices = NoticeBar(self)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.notices)
        column.addWidget(self.panes, 1)
        self.setCentralWidget(central)
        # A dock at the bottom (the claims table) stays below the reader's side: the right
        # edge's dock (the workspace) keeps the window's full height.
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)

        self.counts = QLabel(self)
        self.counts.setObjectName("statusCounts")
        self.team_status = QLabel(self)
        self.team_status.setObjectName("teamStatus")
        self.team_status.setAccessibleName("Team library")
        # A background import's "N of M files" and Cancel (actions/import_files.py).
        self.import_progress = ImportProgress(self)
        self.import_op: CoreOp | None = None
        self.last_import_command: QUndoCommand | None = None
        self.statusBar().addPermanentWidget(self.team_status)
        self.statusBar().addPermanentWidget(self.counts)
        # Rightmost: its Cancel keeps its place when the counts beside it change.
        self.statusBar().addPermanentWidget(self.import_progress)
        self.team_sync = TeamSync(library, self.runner, self)
        self.team_sync.status_changed.connect(self.team_status.setText)
        self.team_status.setText(self.team_sync.text)
        self.team_status.setVisible(bool(self.team_sync.text))
        self.team_sync.status_changed.connect(lambda text: self.team_status.setVisible(bool(text)))
        self.team_status.setToolTip(self.team_sync.details)
        self.team_sync.status_changed.connect(
            lambda _text: self.team_status.setToolTip(self.team_sync.details)
        )
        menus.install(self)
        main_panes.connect(self)
        self._set_tab_order()

        self.library_pane.article_chosen.connect(self.open_article)
        self.library_pane.view.activated.connect(lambda _index: self.show_reader())
        self.search_page.shown_changed.connect(self._on_search_page_shown_changed)
        self.panel.annotation_activated.connect(self._on_panel_annotation_activated)
        self.reader.mark_clicked.connect(
            lambda mark: self.panel.select_annotation(mark.kind, mark.annotation_id)
        )
        self.panel.suggestion_activated.connect(
            lambda suggestion_id: self.reader.reveal_annotation(suggestion_id, "suggestion")
        )
        self.panel.claim_edit_requested.connect(lambda i: annotate.edit_claim(self, i))
        self.panel.suggestions_accepted.connect(
            lambda ids: suggestions.accept_suggestions(self, ids)
        )
        self.panel.suggestions_rejected.connect(
            lambda ids: suggestions.reject_suggestions(self, ids)
        )
        self.panel.annotations_delete_requested.connect(
            lambda ids: annotate.delete_annotations(self, ids)
        )
        self.runner.library_changed.connect(self._on_runner_library_changed)
        # Read-only, mended on opening, another copy, edits waiting (library_notices.py).
        self.library_notices = LibraryNotices(self)
        edits = self.runner.edits
        edits.pending_changed.connect(self._on_edits_pending_changed)  # after the notices'
        edits.saved.connect(lambda text: errors.show_status(self, text))
        self._articles_counted = 0  # what the status bar says, see _update_counts
        self._update_counts()
        self.library_notices.say_how_it_opened()
        self._restore()
        library_files.remember(self, library.path)  # File ▸ Open Recent

    def _set_tab_order(self) -> None:
        """Tab goes search field → library (filter, tag, actor, list) or search results
        (filters, list), whichever is shown → reader (page, find bar) → panel."""
        pane, reader, panel, search = self.library_pane, self.reader, self.panel, self.search_page
        chain = [
            search.field,
            pane.filter,
            pane.tag_filter,
            pane.actor_filter,
            pane.view,
            *search.filters.widgets,
            search.view,
            reader.page,
            reader.find_bar.field,
            *reader.find_bar.buttons,
            panel.tree,
            panel.accept_all,
            panel.reject_all,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _history_of(self, widget: QWidget) -> tuple[QUndoStack, str] | None:
        """Which history Edit ▸ Undo acts on with the focus in `widget`: the workspace's in
        its dock (docked or floating), the claims table's in its own, the reader side's
        elsewhere in this window."""
        # Asked as the focus moves, also while this window is being torn down: only the
        # widget is asked anything, never this window.
        ancestor: QWidget | None = widget
        while ancestor is not None:
            if isinstance(ancestor, QDockWidget) and ancestor.objectName() == "workspaceDock":
                return self.workspace_undo_stack, WORKSPACE
            if isinstance(ancestor, QDockWidget) and ancestor.objectName() == "claimsDock":
                table = getattr(ancestor, "table", None)
                return (table.stack, CLAIMS) if table is not None else None
            ancestor = ancestor.parentWidget()
        if widget.window() is self:
            return self.undo_stack, READER
        return None

    def _on_search_page_shown_changed(self, shown: bool) -> None:
        self.left_pane.setCurrentWidget(self.search_page if shown else self.library_pane)
        if shown:
            main_panes.show(self, "library")  # the results are in its place

    def show_reader(self) -> None:
        """Bring the reader back if the library took its place (a narrow window)."""
        main_panes.show(self, "reader")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            main_panes.update_minimums(self)

    # Remembering ----------------------------------------------------------------------------

    def _restore(self) -> None:
        main_panes.restore(self)
        last = self.positions.last()  # this library's; older settings kept only one
        if last is None and self.settings.value("reader/library") == str(self.library.path):
            try:
                last = int(self.settings.value("reader/article", 0))
            except (TypeError, ValueError):
                last = None
        if last and self.library.articles.exists(last):
            self.open_article(last, select=True)

    def save_settings(self) -> None:
        self._remember_position()
        main_panes.save(self)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._released:  # the library was let go for a restore: nothing to keep
            super().closeEvent(event)
            return
        if self.runner.edits.pending and not self._close_anyway:
            event.ignore()
            self._ask_before_losing_edits()
            return
        self.save_settings()
        if not self._close_child_windows():
            event.ignore()
            return
        self.team_sync.sync_before_closing()
        self.library_notices.stop()
        self.runner.shutdown()
        super().closeEvent(event)

    def _close_child_windows(self) -> bool:
        # The claims and actors windows and any open dialog work through this window's
        # runner: they close with it (each saving its own state) rather than stay open on a
        # stopped one, and keep the app running after its main window is gone. The workspace
        # is this window's dock, floating or not: it goes with it, as it was (saved first).
        windows = [
            w
            for w in self.findChildren(QWidget)
            if w.isWindow() and w.isVisible() and not isinstance(w, QDockWidget)
        ]
        return all(not window.isVisible() or window.close() for window in windows)

    def _ask_before_losing_edits(self) -> QMessageBox:
        count = self.runner.edits.pending
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Edits not saved yet",
            f"{count} edit{'' if count == 1 else 's'} not saved yet.",
            parent=self,
        )
        box.setInformativeText(
            self.runner.edits.describe_wait()
            + "\n\nKeep the window open until they are saved (it closes by itself then), or "
            "close now and lose them."
        )
        box.setAccessibleName("Edits not saved yet")
        wait = box.addButton("Keep Waiting", QMessageBox.ButtonRole.RejectRole)
        lose = box.addButton("Close and Lose Them", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(wait)

        def answered() -> None:
            if box.clickedButton() is lose:
                self._close_anyway = True
                self.close()

        box.finished.connect(answered)
        self.pending_close_question = box
        box.open()
        return box

    def _on_edits_pending_changed(self, count: int) -> None:
        question = self.pending_close_question
        if count == 0 and question is not None and question.isVisible():
            question.done(0)  # what kept the window open is saved: close, as asked
            self.close()

    def release_library(self) -> bool:
        """Let go of the library (for a restore): close the other windows, stop the runner,
        close the connections. The window stays until a new one replaces it. False, with a
        message, when edits still wait to be written."""
        if self.runner.edits.pending:
            errors.show_error(
                self,
                BriefingError(
                    "Edits are still waiting to be saved; restore once they are (see above)"
                ),
            )
            return False
        self.save_settings()
        if not self._close_child_windows():
            return False
        self.team_sync.sync_before_closing()
        self.library_notices.stop()
        self.runner.shutdown()
        self.library.close()
        self._released = True
        self.setEnabled(False)
        return True

    # Drag and drop --------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if _local_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        paths = _local_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            import_files.import_paths(self, paths)


def _local_paths(urls: list) -> list[str]:
    return [str(Path(url.toLocalFile())) for url in urls if url.isLocalFile()]

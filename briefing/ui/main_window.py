"""The main window: the library on the left, the reader in the middle, annotations on the right.

It wires the panes together and owns the library's op runner. The panes are a row that keeps
the reader readable (main_panes.py: side panes fold to strips when the window is narrow).
What it remembers (window geometry, pane widths, the last open article of this library) lives
in the QSettings it is given, so tests point it at a file in tmp_path and never touch the
user's settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QStackedWidget, QWidget

from briefing.core import BriefingError, Changes, Kind, Library
from briefing.ui import errors, main_panes, menus
from briefing.ui.actions import annotate, import_files, library_files, suggestions
from briefing.ui.article_view import ArticleView, load_article_view, shows_change
from briefing.ui.ops import CoreOp, OpRunner
from briefing.ui.reading_positions import ReadingPositions
from briefing.ui.search import SearchPage
from briefing.ui.team_sync import TeamSync
from briefing.ui.undo.context import UndoContext
from briefing.ui.widgets.annotation_panel import AnnotationPanel
from briefing.ui.widgets.library_pane import LibraryPane
from briefing.ui.widgets.reader import Reader


class MainWindow(QMainWindow):
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
        self.undo_stack = QUndoStack(self)
        self.undo = UndoContext(
            library, self.runner, self.undo_stack, lambda text: errors.show_status(self, text)
        )
        # Qt adds the application's name: "news.sqlite — Briefing", each named once.
        self.setWindowTitle(library.path.name)
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
        self.setCentralWidget(self.panes)

        self.counts = QLabel(self)
        self.counts.setObjectName("statusCounts")
        self.team_status = QLabel(self)
        self.team_status.setObjectName("teamStatus")
        self.team_status.setAccessibleName("Team library")
        self.statusBar().addPermanentWidget(self.team_status)
        self.statusBar().addPermanentWidget(self.counts)
        self.team_sync = TeamSync(library, self.runner, self)
        self.team_sync.status_changed.connect(self.team_status.setText)
        self.team_status.setText(self.team_sync.text)
        self.team_status.setVisible(bool(self.team_sync.text))
        self.team_sync.status_changed.connect(lambda text: self.team_status.setVisible(bool(text)))
        menus.install(self)
        main_panes.connect(self)
        self._set_tab_order()

        self.library_pane.article_chosen.connect(self.open_article)
        self.library_pane.view.activated.connect(lambda _index: self.show_reader())
        self.search_page.shown_changed.connect(self._on_search_page_shown_changed)
        self.panel.annotation_activated.connect(self._on_panel_annotation_activated)
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
        self._update_counts()
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

    def _on_search_page_shown_changed(self, shown: bool) -> None:
        self.left_pane.setCurrentWidget(self.search_page if shown else self.library_pane)
        if shown:
            main_panes.show(self, "library")  # the results are in its place

    def show_reader(self) -> None:
        """Bring the reader back if the library took its place (a narrow window)."""
        main_panes.show(self, "reader")

    # Opening articles -----------------------------------------------------------------------

    def open_article(self, article_id: int, *, select: bool = False) -> bool:
        """Show the article in the reader (where the reader left it last time) and its
        annotations in the panel."""
        if select and self.library_pane.select_article(article_id):
            return self.reader.article_id == article_id  # selecting opened it
        try:
            view = load_article_view(self.library, article_id)
        except BriefingError as exc:
            errors.show_error(self, exc)
            return False
        self._remember_position()
        self.view = view
        self.reader.show_article(view)
        self.panel.show_view(view)
        offset = self.positions.recall(article_id)
        if offset is not None:
            # Once the window is laid out (at start it is not shown yet), so the offset's
            # line is placed at the width it will be read at.
            QTimer.singleShot(0, self, lambda: self._scroll_back(article_id, offset))
        self.settings.setValue("reader/library", str(self.library.path))
        self.settings.setValue("reader/article", article_id)
        self.positions.set_last(article_id)
        self._update_counts()
        return True

    def _scroll_back(self, article_id: int, offset: int) -> None:
        if (
            self.reader.article_id == article_id
            and self.reader.page.verticalScrollBar().value() == 0
        ):
            self.reader.scroll_to_offset(offset)

    def _remember_position(self) -> None:
        if self.reader.article_id is not None:
            offset = self.reader.top_offset()
            self.positions.remember(self.reader.article_id, offset or 0)

    def show_annotation(self, article_id: int, annotation_id: int) -> bool:
        """Open an annotation where it is: its article (selected in the library list when it
        is listed there), scrolled to it and flashed; the window comes to the front, since
        the request may come from the workspace, the claims table or an actor page."""
        if self.reader.article_id != article_id and not self.open_article(article_id, select=True):
            return False
        self.show_reader()
        self.raise_()
        self.activateWindow()
        if not self.reader.reveal_annotation(annotation_id):
            errors.show_status(self, "This annotation has no place in the current text")
        return True

    def _on_panel_annotation_activated(self, annotation_id: int) -> None:
        if not self.reader.reveal_annotation(annotation_id):
            errors.show_status(self, "This annotation has no place in the current text")

    def _on_runner_library_changed(self, changes: Changes) -> None:
        """Each pane reads again what the change touched, and nothing else."""
        new = changes.added_ids(Kind.CLAIM) | changes.added_ids(Kind.ANNOTATION)
        try:
            refs = self.library.annotations.refs(new) if new else {}
        except BriefingError:
            refs = None  # each pane finds out for itself
        self.library_pane.apply(changes, refs)
        current = self.reader.article_id
        if current is not None and shows_change(self.library, self.view, changes, refs):
            self._reopen(current)
        elif changes.full or changes.added_ids(Kind.ARTICLE) or changes.deleted_ids(Kind.ARTICLE):
            self._update_counts()

    def _reopen(self, current: int) -> None:
        """Show the open article as it is now, where the reader was (or the placeholder,
        if it is gone)."""
        bar = self.reader.page.verticalScrollBar()
        position, span = bar.value(), self.reader.cursor_span()
        if self.library.articles.exists(current):
            self.open_article(current)
            # The reader stays where it was: the cursor too, so a shortcut that acts on
            # the claim at the cursor works again after the change it just made.
            if span is not None and self.view and span[1] <= len(self.view.article.text):
                self.reader.select_span(*span)
            bar.setValue(position)
        else:
            self.view = None
            self.reader.show_placeholder()
            self.panel.show_view(None)
            self._update_counts()

    def _update_counts(self) -> None:
        try:
            articles = self.library.articles.count()
        except BriefingError:
            return
        if self.view is None:
            self.reader.show_placeholder(self._placeholder(articles))
        text = f"{articles} article" + ("" if articles == 1 else "s")
        if self.view is not None:
            claims = len(self.view.claims)
            text += f"  ·  this one: {claims} claim" + ("" if claims == 1 else "s")
            text += f", {len(self.view.mentions)} mentions"
            if self.view.orphan_count:
                text += f", {self.view.orphan_count} orphaned"
        self.counts.setText(f"{self.library.path.name}  ·  {text}")
        self.counts.setToolTip(str(self.library.path))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            main_panes.update_minimums(self)

    def _placeholder(self, articles: int) -> str:
        if articles:
            return "Choose an article from the library."
        keys = {
            action: action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            for action in (
                self.import_files_action,
                self.import_folder_action,
                self.paste_article_action,
            )
        }
        return (
            "This library has no articles yet.\n\n"
            f"Import article files ({keys[self.import_files_action]}) or a whole folder "
            f"({keys[self.import_folder_action]}), paste an article's text "
            f"({keys[self.paste_article_action]}), or drop files on this window."
        )

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
        # The claims and actors windows and any open dialog work through this window's
        # runner: they close with it (each saving its own state) rather than stay open on a
        # stopped one, and keep the app running after its main window is gone. The workspace
        # is this window's dock, floating or not: it goes with it, as it was (saved first).
        self.save_settings()
        windows = [
            w
            for w in self.findChildren(QWidget)
            if w.isWindow() and w.isVisible() and not isinstance(w, QDockWidget)
        ]
        for window in windows:
            if window.isVisible() and not window.close():
                event.ignore()
                return
        self.team_sync.sync_before_closing()
        self.runner.shutdown()
        super().closeEvent(event)

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

"""The main window: the library on the left, the reader in the middle, annotations on the right.

It wires the panes together and owns the library's op runner. What it remembers (window
geometry, splitter sizes, the last open article of this library) lives in the QSettings it is
given, so tests point it at a file in tmp_path and never touch the user's settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QToolBar, QWidget

from briefing.core.bundled import resources_dir
from briefing.core.errors import BriefingError
from briefing.core.library import Library
from briefing.ui import errors
from briefing.ui.actions import annotate, articles, import_files, suggestions
from briefing.ui.article_view import ArticleView, load_article_view
from briefing.ui.ops import CoreOp, OpRunner
from briefing.ui.undo.context import UndoContext
from briefing.ui.widgets.annotation_panel import AnnotationPanel
from briefing.ui.widgets.library_pane import LibraryPane
from briefing.ui.widgets.reader import Reader

DEFAULT_SIZES = [430, 640, 330]


def icon(name: str) -> QIcon:
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


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
        self.undo_stack = QUndoStack(self)
        self.undo = UndoContext(
            library, self.runner, self.undo_stack, lambda text: errors.show_status(self, text)
        )
        self.setWindowTitle(f"Briefing — {library.path.name}")
        self.setWindowIcon(icon("briefing"))
        self.setAcceptDrops(True)

        self.library_pane = LibraryPane(library, self)
        self.reader = Reader(self)
        self.panel = AnnotationPanel(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(6)
        for pane in (self.library_pane, self.reader, self.panel):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes(DEFAULT_SIZES)
        self.setCentralWidget(self.splitter)

        self.counts = QLabel(self)
        self.counts.setObjectName("statusCounts")
        self.statusBar().addPermanentWidget(self.counts)
        self._make_actions()

        self.library_pane.article_chosen.connect(self.open_article)
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

    # Actions --------------------------------------------------------------------------------

    def _action(
        self, text: str, tip: str, slot: object, keys: QKeySequence | None = None, name: str = ""
    ) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if keys is not None:
            action.setShortcut(keys)
        if name:
            action.setIcon(icon(name))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.import_files_action = self._action(
            "&Import Files…",
            "Import article files (.txt, .md, .html) into the library",
            lambda: import_files.choose_files(self),
            QKeySequence(keys.Open),
            "import",
        )
        self.import_folder_action = self._action(
            "Import &Folder…",
            "Import every article file in a folder and its subfolders",
            lambda: import_files.choose_folder(self),
            QKeySequence("Ctrl+Shift+O"),
        )
        quit_action = self._action("&Quit", "Quit Briefing", self.close, QKeySequence(keys.Quit))
        self.find_action = self._action(
            "&Find in Article…",
            "Find text in the open article",
            self.reader.start_find,
            QKeySequence(keys.Find),
            "find",
        )
        self.filter_action = self._action(
            "Filter &Library",
            "Filter the library list by title or outlet",
            self._focus_filter,
            QKeySequence("Ctrl+L"),
        )
        self.paste_article_action = self._action(
            "&Paste Article…",
            "Add an article by pasting its text; correct the proposed title, outlet and date",
            lambda: articles.paste_article(self),
            QKeySequence("Ctrl+Shift+V"),
            "paste",
        )
        self.edit_details_action = self._action(
            "Edit Article &Details…",
            "Correct the open article's title, outlet, date, URL and author",
            lambda: articles.edit_article_details(self),
            QKeySequence("Ctrl+I"),
        )
        self.undo_action = self._stack_action(self.undo_stack.createUndoAction(self, "&Undo"))
        self.undo_action.setShortcut(QKeySequence(keys.Undo))
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = self._stack_action(self.undo_stack.createRedoAction(self, "&Redo"))
        self.redo_action.setShortcut(QKeySequence(keys.Redo))
        self.redo_action.setIcon(icon("redo"))
        self._make_annotate_actions()

        menu = self.menuBar().addMenu("&File")
        menu.addActions(
            [self.import_files_action, self.import_folder_action, self.paste_article_action]
        )
        menu.addSeparator()
        menu.addAction(quit_action)
        menu = self.menuBar().addMenu("&Edit")
        menu.addActions([self.undo_action, self.redo_action])
        menu.addSeparator()
        menu.addActions([self.find_action, self.filter_action])
        menu.addSeparator()
        menu.addAction(self.edit_details_action)
        menu = self.menuBar().addMenu("&Annotate")
        menu.addActions(self.annotate_actions)
        menu.addSeparator()
        menu.addAction(self.suggest_action)
        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.import_files_action, self.paste_article_action])
        toolbar.addSeparator()
        toolbar.addActions([*self.annotate_actions, self.suggest_action])
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action, self.find_action])
        self.addToolBar(toolbar)
        self.reader.set_annotate_actions(self.annotate_actions)

    def _stack_action(self, action: QAction) -> QAction:
        """The stack's Undo/Redo action: its text follows the stack ("Undo Add claim")."""
        action.setToolTip("Undo the last change" if "Undo" in action.text() else "Redo")
        action.setStatusTip(action.toolTip())
        self.addAction(action)
        return action

    def _make_annotate_actions(self) -> None:
        self.claim_action = self._action(
            "Mark as &Claim…",
            "Mark the selected text as a claim: who says it, about whom, how credible",
            lambda: annotate.mark_claim(self),
            QKeySequence("Ctrl+M"),
            "claim",
        )
        self.tag_actor_action = self._action(
            "&Tag Actor…",
            "Tag the selected words as naming an actor (person, organisation, state, …)",
            lambda: annotate.tag_actor(self),
            QKeySequence("Ctrl+T"),
            "actor",
        )
        self.highlight_action = self._action(
            "&Highlight",
            "Highlight the selected text",
            lambda: annotate.highlight(self),
            QKeySequence("Ctrl+H"),
            "highlight",
        )
        self.note_action = self._action(
            "Add &Note…",
            "Write a note on the selected text",
            lambda: annotate.add_note(self),
            QKeySequence("Ctrl+Shift+N"),
            "note",
        )
        self.annotate_actions = [
            self.claim_action,
            self.tag_actor_action,
            self.highlight_action,
            self.note_action,
        ]
        self.suggest_action = self._action(
            "&Suggest Mentions",
            "Find known actor names and aliases in this article, for you to accept or reject",
            lambda: suggestions.suggest_mentions(self),
            QKeySequence("Ctrl+Shift+M"),
            "suggest",
        )

    def _focus_filter(self) -> None:
        self.library_pane.filter.setFocus()
        self.library_pane.filter.selectAll()

    # Opening articles -----------------------------------------------------------------------

    def open_article(self, article_id: int, *, select: bool = False) -> bool:
        """Show the article in the reader and its annotations in the panel."""
        if select and self.library_pane.select_article(article_id):
            return self.reader.article_id == article_id  # selecting opened it
        try:
            view = load_article_view(self.library, article_id)
        except BriefingError as exc:
            errors.show_error(self, exc)
            return False
        self.view = view
        self.reader.show_article(view)
        self.panel.show_view(view)
        self.settings.setValue("reader/library", str(self.library.path))
        self.settings.setValue("reader/article", article_id)
        self._update_counts()
        return True

    def _on_panel_annotation_activated(self, annotation_id: int) -> None:
        if not self.reader.reveal_annotation(annotation_id):
            errors.show_status(self, "This annotation has no place in the current text")

    def _on_runner_library_changed(self, _changes: object) -> None:
        self.library_pane.refresh()
        current = self.reader.article_id
        if current is not None:
            bar = self.reader.page.verticalScrollBar()
            position = bar.value()
            if self.library.articles.exists(current):
                self.open_article(current)
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
        text = f"{articles} article" + ("" if articles == 1 else "s")
        if self.view is not None:
            claims = len(self.view.claims)
            text += f"  ·  this one: {claims} claim" + ("" if claims == 1 else "s")
            text += f", {len(self.view.mentions)} mentions"
            if self.view.orphan_count:
                text += f", {self.view.orphan_count} orphaned"
        self.counts.setText(f"{self.library.path.name}  ·  {text}")
        self.counts.setToolTip(str(self.library.path))

    # Remembering ----------------------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        splitter = self.settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        if self.settings.value("reader/library") == str(self.library.path):
            try:
                last = int(self.settings.value("reader/article", 0))
            except (TypeError, ValueError):
                last = 0
            if last and self.library.articles.exists(last):
                self.open_article(last, select=True)

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.save_settings()
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

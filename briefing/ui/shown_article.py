"""The article the main window shows, kept current: which article the reader and the
annotation panel show, where the reader was in it, the status bar's counts, and what each
change to the library does to them (only the marks and rows that differ, in place, when
only annotations changed; else the article opened again where the reader was, with a
selection that was just marked turned into a cursor).

Separate from main_window.py, which builds and wires the panes, keeps the histories and
closes: how the open article follows the library is one concept with rules of its own. A
mixin of MainWindow rather than an object of its own because its state is the window's
(`window.view`, read by the actions; the reader and the panel), and its methods are the
window's public ones (`open_article`, `show_annotation`) and hooks that benchmarks replace
on the window (`_update_in_place`, bench/refresh_copies.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence

from briefing.core import BriefingError, Changes, Kind
from briefing.ui import errors
from briefing.ui.actions import suggestions
from briefing.ui.article_view import load_article_view, shows_change

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLabel

    from briefing.core import Library
    from briefing.ui.article_view import ArticleView
    from briefing.ui.reading_positions import ReadingPositions
    from briefing.ui.widgets.annotation_panel import AnnotationPanel
    from briefing.ui.widgets.library_pane import LibraryPane
    from briefing.ui.widgets.reader import Reader


class ShownArticleMixin:
    """MainWindow's open article; the window makes the attributes named here."""

    library: Library
    settings: QSettings
    positions: ReadingPositions
    view: ArticleView | None
    library_pane: LibraryPane
    reader: Reader
    panel: AnnotationPanel
    counts: QLabel
    import_files_action: QAction
    import_folder_action: QAction
    paste_article_action: QAction
    _articles_counted: int

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
        gone = changes.deleted_ids(Kind.CLAIM)
        view = self.view
        # Claims deleted from the open article: their rows are known, not the whole list's.
        deleted_from = {i: view.article.id for i in gone & view.annotation_ids} if view else {}
        self.library_pane.apply(changes, refs, deleted_from)
        current = self.reader.article_id
        if current is not None and shows_change(self.library, self.view, changes, refs):
            if not self._update_in_place(current, changes, new):
                self._reopen(current, new)
            suggestions.follow(self)
        elif changes.full or changes.added_ids(Kind.ARTICLE) or changes.deleted_ids(Kind.ARTICLE):
            self._update_counts()

    def _update_in_place(self, current: int, changes: Changes, added: frozenset[int]) -> bool:
        """Show the open article's annotations as they are now without laying out its text
        again, when only they changed: the reader redraws the marks that differ, the panel
        the rows (scroll positions, selections and the find bar's matches stay). False when
        the article's text or header changed, it is gone, or the change cannot say what it
        touched (then `_reopen`)."""
        if changes.full:
            return False
        try:
            view = load_article_view(self.library, current)
        except BriefingError:
            return False
        span = self.reader.cursor_span()
        if not self.reader.update_marks(view):
            return False
        self.view = view
        self.panel.update_view(view)
        if span is not None and span[0] < span[1] and added:
            # A selection that was just marked (an annotation in `added` spans it exactly)
            # becomes a cursor at its end: the selection's colour hid the new mark.
            if any(
                m.annotation_id in added and (m.start, m.end) == span and m.kind != "suggestion"
                for m in view.marks()
            ):
                bar = self.reader.page.verticalScrollBar()
                position = bar.value()
                self.reader.select_span(span[1], span[1])
                bar.setValue(position)
        if changes.touches(Kind.ARTICLE):
            self._update_counts()
        else:
            self._update_counts(articles=self._articles_counted)
        return True

    def _reopen(self, current: int, added: frozenset[int] | set[int] = frozenset()) -> None:
        """Show the open article as it is now, where the reader was (or the placeholder,
        if it is gone). A selection that was just marked (an annotation in `added` spans
        it exactly) becomes a cursor at its end: the selection's colour hid the new mark."""
        bar = self.reader.page.verticalScrollBar()
        position, span = bar.value(), self.reader.cursor_span()
        if self.library.articles.exists(current):
            self.open_article(current)
            # The reader stays where it was: the cursor too, so a shortcut that acts on
            # the claim at the cursor works again after the change it just made.
            if span is not None and self.view and span[1] <= len(self.view.article.text):
                if added and any(
                    m.annotation_id in added and (m.start, m.end) == span and m.kind != "suggestion"
                    for m in self.view.marks()
                ):
                    span = (span[1], span[1])
                self.reader.select_span(*span)
            bar.setValue(position)
        else:
            self.view = None
            self.reader.show_placeholder()
            self.panel.show_view(None)
            self._update_counts()

    def _update_counts(self, *, articles: int | None = None) -> None:
        """The status bar's counts; `articles` when the caller knows the library's count
        did not change (counting 100k articles is a scan the refresh of a claim can skip)."""
        if articles is None:
            try:
                articles = self.library.articles.count()
            except BriefingError:
                return
        self._articles_counted = articles
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

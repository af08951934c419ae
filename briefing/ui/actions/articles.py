"""Adding an article by pasting it, and correcting an article's details."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication

from briefing.core import Library, Progress
from briefing.ui import errors
from briefing.ui.dialogs.article_details import ArticleDetailsDialog
from briefing.ui.dialogs.batch_edit import BatchEditDialog
from briefing.ui.dialogs.paste_article import PasteArticleDialog
from briefing.ui.ops import CoreOp
from briefing.ui.undo.commands import BatchEditArticles, EditArticle

if TYPE_CHECKING:
    from briefing.core import ImportResult, Metadata
    from briefing.ui.main_window import MainWindow


def paste_article(window: MainWindow, text: str | None = None) -> PasteArticleDialog:
    """Open the dialog (with `text`, or the clipboard's text when it holds some)."""
    dialog = PasteArticleDialog(
        lambda text, metadata: import_text(window, text, metadata),
        window.library.imports.preview_text,
        window,
    )
    if text is None:
        text = QApplication.clipboard().text()
    if text.strip():
        dialog.text.setPlainText(text)
        dialog.propose()
    window.dialog = dialog
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def import_text(window: MainWindow, text: str, metadata: Metadata) -> CoreOp[ImportResult]:
    """Import the pasted text (a CoreOp: HTML pasted in is parsed too); open what came of it."""

    def run(library: Library, _progress: Progress) -> ImportResult:
        return library.imports.text(text, name="pasted article", metadata=metadata)

    def done(result: ImportResult) -> None:
        if result.status == "failed":
            errors.show_status(window, f"The pasted text was not imported: {result.reason}")
            return
        if result.status == "duplicate":
            errors.show_status(window, f"Already in the library: “{result.title}”")
        else:
            errors.show_status(window, f"Imported “{result.title}”")
        if result.id is not None:
            window.open_article(result.id, select=True)

    op: CoreOp[ImportResult] = CoreOp(window.runner, run, parent=window)
    window.last_paste_op = op
    op.success(done).run()
    return op


def edit_article_details(window: MainWindow) -> ArticleDetailsDialog | None:
    article_id = window.reader.article_id
    if article_id is None:
        errors.show_status(window, "Open an article first")
        return None
    article = window.library.articles.get(article_id)

    def save(before: dict[str, Any], after: dict[str, Any]) -> str | None:
        command = EditArticle(window.undo, article_id, before, after)
        return None if window.undo.push(command) else window.undo.last_error

    dialog = ArticleDetailsDialog(article, save, window)
    window.dialog = dialog
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def edit_selected_articles(window: MainWindow) -> BatchEditDialog | None:
    """Set outlet, agency, date or tags on the articles selected in the library list: one
    transaction, one Undo."""
    ids = window.library_pane.selected_ids()
    if not ids:
        errors.show_status(window, "Select articles in the library list first")
        return None

    def save(fields: dict[str, str | None], tags: list[str]) -> str | None:
        command = BatchEditArticles(window.undo, ids, fields, tags)
        count = len(ids)
        what = f"{count:,} article{'s' if count != 1 else ''}"
        if command.background:
            errors.show_status(window, f"Editing {what}…")

        def done() -> None:
            errors.show_status(window, f"Edited {what}")

        if not window.undo.push(command, then=done):
            return window.undo.last_error
        return None

    dialog = BatchEditDialog(ids, save, window)
    window.dialog = dialog
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog

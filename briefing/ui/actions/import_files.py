"""Import files or a folder: the file dialogs, the op with progress and Cancel, the summary
(only when a file failed or was there already: a clean import is said in the status line).

Drag and drop goes through `import_paths` too, so every way in behaves the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog
from shiboken6 import isValid

from briefing.ui.dialogs.import_summary import ImportSummary, summary_line
from briefing.ui.errors import show_status
from briefing.ui.ops import CoreOp
from briefing.ui.undo.commands import ImportArticles

if TYPE_CHECKING:
    from briefing.core import ImportResult
    from briefing.ui.main_window import MainWindow

FILE_FILTER = "Articles (*.txt *.text *.md *.markdown *.html *.htm);;All files (*)"


def choose_files(window: MainWindow) -> CoreOp[list[ImportResult]] | None:
    paths, _ = QFileDialog.getOpenFileNames(window, "Import articles", "", FILE_FILTER)
    return import_paths(window, paths)


def choose_folder(window: MainWindow) -> CoreOp[list[ImportResult]] | None:
    folder = QFileDialog.getExistingDirectory(window, "Import a folder of articles")
    return import_paths(window, [folder] if folder else [])


def import_paths(window: MainWindow, paths: list[str]) -> CoreOp[list[ImportResult]] | None:
    """Import `paths` (files and folders) in the background; the core commits the batch as
    it goes, in short transactions, so the reader (and another copy of the app) can still
    write.

    The status bar shows "N of M files" with Cancel; Cancel keeps what was imported and
    says how many. Either way the new articles are selected in the library list, and one
    Undo ("Import N articles") removes them all.
    """
    if not paths:
        return None
    running = window.import_op
    if running is not None:
        show_status(window, "An import is running: wait for it to finish, or cancel it first")
        return None
    op: CoreOp[list[ImportResult]] = CoreOp(
        window.runner,
        lambda library, progress: library.imports.files(list(paths), progress=progress),
        parent=window,
    )
    indicator = window.import_progress
    indicator.start(0)
    cancel = indicator.cancel_requested
    cancel.connect(op.cancel)
    op.progressed.connect(lambda done, total, _label: indicator.update_progress(done, total))

    def ended(_value: object) -> None:
        if not isValid(window):  # closed meanwhile (the runner cancelled the import)
            return
        cancel.disconnect(op.cancel)
        indicator.finish()
        window.import_op = None

    op.finished.connect(ended)
    op.failed.connect(ended)
    op.failed.connect(lambda exc: _on_failed(window, exc))
    window.import_op = op
    op.success(lambda results: _on_imported(window, results)).run()
    return op


def _on_imported(window: MainWindow, results: list[ImportResult]) -> None:
    show_status(window, f"Import finished: {summary_line(results)}")
    _keep_for_undo(window, results)
    if all(result.status == "imported" for result in results):
        return  # nothing to act on: the status line says it, the new articles are selected
    summary = ImportSummary(results, window)
    window.last_import_summary = summary
    summary.open()


def _on_failed(window: MainWindow, exc: object) -> None:
    from briefing.core import ImportCancelled  # the importer's module: only when it ran

    if isinstance(exc, ImportCancelled) and isValid(window) and not window.runner.stopped:
        show_status(
            window,
            f"Import cancelled after {len(exc.results):,} of {exc.total:,} files: {exc.kept}",
        )
        _keep_for_undo(window, exc.results)


def _keep_for_undo(window: MainWindow, results: list[ImportResult]) -> None:
    """Select the new articles in the list (the first one opens) and make the import one
    undoable action."""
    new = [r.id for r in results if r.status == "imported" and r.id is not None]
    if not new or window.runner.stopped:  # the window closed, stopping the import
        return
    command = ImportArticles(window.undo, new)
    window.last_import_command = command  # its undo and redo run as ops: tests wait on them
    window.undo.push(command)
    window.library_pane.select_articles(new)
    if window.reader.article_id not in new:
        window.open_article(new[0], select=False)

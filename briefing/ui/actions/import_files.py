"""Import files or a folder: the file dialogs, the op with progress and Cancel, the summary.

Drag and drop goes through `import_paths` too, so every way in behaves the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from briefing.core import ImportResult
from briefing.ui.dialogs.import_summary import ImportSummary, summary_line
from briefing.ui.errors import show_status
from briefing.ui.ops import CoreOp

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow

FILE_FILTER = "Articles (*.txt *.text *.md *.markdown *.html *.htm);;All files (*)"


def choose_files(window: MainWindow) -> CoreOp[list[ImportResult]] | None:
    paths, _ = QFileDialog.getOpenFileNames(window, "Import articles", "", FILE_FILTER)
    return import_paths(window, paths)


def choose_folder(window: MainWindow) -> CoreOp[list[ImportResult]] | None:
    folder = QFileDialog.getExistingDirectory(window, "Import a folder of articles")
    return import_paths(window, [folder] if folder else [])


def import_paths(window: MainWindow, paths: list[str]) -> CoreOp[list[ImportResult]] | None:
    """Import `paths` (files and folders) on the writer thread; the core commits the batch
    as it goes, in short transactions, so another copy of the app can still write.

    Cancel stops it there and keeps what was imported (the status bar says how much). At
    the end the reader gets the summary, and the first new article is opened.
    """
    if not paths:
        return None
    label = "Importing 1 item…" if len(paths) == 1 else f"Importing {len(paths)} items…"
    op: CoreOp[list[ImportResult]] = CoreOp(
        window.runner,
        lambda library, progress: library.imports.files(list(paths), progress=progress),
        parent=window,
    )
    op.with_progress(label).success(lambda results: _on_imported(window, results)).run()
    return op


def _on_imported(window: MainWindow, results: list[ImportResult]) -> None:
    show_status(window, f"Import finished: {summary_line(results)}")
    new = [r.id for r in results if r.status == "imported" and r.id is not None]
    if new:
        window.open_article(new[0], select=True)
    summary = ImportSummary(results, window)
    window.last_import_summary = summary
    summary.open()

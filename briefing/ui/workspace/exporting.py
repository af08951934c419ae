"""Getting a briefing out: export to Markdown or HTML, copy as Markdown, print, PDF.

The text is rendered on the reader thread (a `QueryOp`: a 500-claim briefing takes tens of
milliseconds) and files are written atomically, so an export never leaves half a file. The
save dialogs start in the folder the last export went to (QSettings). Printing lays the
export's HTML out with a QTextDocument onto a QPrinter; a PDF is made by briefing/pdf.py,
the renderer the command line uses too (`briefing export --format pdf`), so both make the
same file. Both run on the GUI thread, where text layout belongs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDir, Qt
from PySide6.QtGui import QGuiApplication, QPagedPaintDevice, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from briefing import pdf
from briefing.core import InvalidInput, Library, write_atomically
from briefing.ui import errors
from briefing.ui.ops import QueryOp

if TYPE_CHECKING:
    from briefing.ui.workspace.window import WorkspaceWindow

FOLDER_KEY = "workspace/exportFolder"
FILTERS = {"md": "Markdown (*.md)", "html": "HTML (*.html)", "pdf": "PDF (*.pdf)"}


def file_stem(title: str) -> str:
    """A file name from a title: letters, digits and dashes."""
    return re.sub(r"[^\w]+", "-", title.casefold()).strip("-")[:60] or "briefing"


def format_for(path: Path, name_filter: str = "") -> str:
    """ "md", "html" or "pdf": by the file's suffix, else by the filter chosen."""
    suffix = path.suffix.casefold()
    if suffix in (".html", ".htm"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    if suffix == ".pdf":
        return "pdf"
    return next((kind for kind, f in FILTERS.items() if f == name_filter), "md")


def _save_dialog(window: WorkspaceWindow, title: str, kinds: list[str]) -> QFileDialog | None:
    if window.briefing is None:
        errors.show_status(window, "Make or pick a briefing first")
        return None
    window.fields.commit()
    dialog = QFileDialog(window, title)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilters([FILTERS[k] for k in kinds])
    dialog.setDirectory(str(window.settings.value(FOLDER_KEY, QDir.homePath())))
    dialog.setDefaultSuffix(kinds[0])
    dialog.selectFile(f"{file_stem(window.briefing.title)}.{kinds[0]}")

    def on_filter_selected(name_filter: str) -> None:
        kind = next(k for k, f in FILTERS.items() if f == name_filter)
        dialog.setDefaultSuffix(kind)

    dialog.filterSelected.connect(on_filter_selected)
    window.dialog = dialog
    return dialog


def export_dialog(window: WorkspaceWindow) -> QFileDialog | None:
    """Ctrl+E: choose where, and Markdown, HTML or PDF (by filter or suffix)."""
    dialog = _save_dialog(window, "Export Briefing", ["md", "html", "pdf"])
    if dialog is not None:
        dialog.fileSelected.connect(
            lambda path: export_to(
                window, Path(path), format_for(Path(path), dialog.selectedNameFilter())
            )
        )
        dialog.open()
    return dialog


def export_to(window: WorkspaceWindow, path: Path, kind: str) -> QueryOp[Any] | None:
    """Write the open briefing to `path` as Markdown ("md"), HTML ("html") or PDF ("pdf")."""
    if kind == "pdf":
        return export_pdf(window, path)
    briefing_id = window.briefing_id
    if briefing_id is None:
        return None
    window.fields.commit()
    window.settings.setValue(FOLDER_KEY, str(path.parent))

    def work(library: Library, _progress: object) -> Path:
        briefings = library.briefings
        render = briefings.export_html if kind == "html" else briefings.export_markdown
        write_atomically(path, render(briefing_id))
        return path

    op: QueryOp[Path] = QueryOp(window.runner, work, parent=window)
    op.success(lambda written: errors.show_status(window, f"Exported to {written}"))
    return op.run()  # type: ignore[return-value]


def copy_markdown(window: WorkspaceWindow) -> QueryOp[str] | None:
    """Put the open briefing's Markdown on the clipboard, to paste into mail or chat."""
    briefing_id = window.briefing_id
    if briefing_id is None:
        return None
    window.fields.commit()
    op: QueryOp[str] = QueryOp(
        window.runner,
        lambda library, _p: library.briefings.export_markdown(briefing_id),
        parent=window,
    )

    def copied(text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        errors.show_status(window, f"Copied as Markdown ({len(text):,} characters)")

    op.success(copied)
    return op.run()  # type: ignore[return-value]


def _with_html(window: WorkspaceWindow, then: Callable[[str], None]) -> QueryOp[str] | None:
    briefing_id = window.briefing_id
    if briefing_id is None:
        return None
    window.fields.commit()
    op: QueryOp[str] = QueryOp(
        window.runner, lambda library, _p: library.briefings.export_html(briefing_id), parent=window
    )
    op.success(then)
    return op.run()  # type: ignore[return-value]


def print_html(html: str, device: QPagedPaintDevice) -> None:
    document = QTextDocument()
    document.setHtml(html)
    document.print_(device)


def print_briefing(window: WorkspaceWindow) -> QueryOp[str] | None:
    """Ctrl+P: the print dialog, then the export's HTML on the chosen printer."""

    def ask(html: str) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(window.briefing.title if window.briefing else "Briefing")
        dialog = QPrintDialog(printer, window)
        dialog.finished.connect(
            lambda result: (
                print_html(html, printer) if result == QDialog.DialogCode.Accepted else None
            )
        )
        window.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()  # QDialog.open(): PySide only binds QPrintDialog's open(receiver, slot)

    return _with_html(window, ask)


def pdf_dialog(window: WorkspaceWindow) -> QFileDialog | None:
    dialog = _save_dialog(window, "Export to PDF", ["pdf"])
    if dialog is not None:
        dialog.fileSelected.connect(lambda path: export_pdf(window, Path(path)))
        dialog.open()
    return dialog


def export_pdf(window: WorkspaceWindow, path: Path) -> QueryOp[str] | None:
    """Write the open briefing to `path` as an A4 PDF: the command line's PDF exactly."""
    window.settings.setValue(FOLDER_KEY, str(path.parent))
    briefing = window.briefing
    title = briefing.title if briefing else "Briefing"
    author = (briefing.author if briefing else "") or window.library.settings.user_name

    def write(html: str) -> None:
        try:
            pdf.write_pdf(html, path, title=title, author=author)
        except InvalidInput as exc:
            errors.show_error(window, exc)
            return
        errors.show_status(window, f"Exported to {path}")

    return _with_html(window, write)

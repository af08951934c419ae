"""Getting a briefing out: export (one dialog, every format the command line writes),
copy as Markdown, print.

Export… offers Markdown, HTML, PDF, Pandoc Markdown with citations (its CSL-JSON
bibliography written beside it, as `briefing export --format pandoc` does), a CSL-JSON
bibliography and ClaimReview JSON-LD; the format is the file type chosen, or the name's
suffix when it says more (a name ending .pdf is a PDF whatever the type shown).

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
FILTERS = {
    "md": "Markdown (*.md)",
    "html": "HTML (*.html)",
    "pdf": "PDF (*.pdf)",
    "pandoc": "Pandoc Markdown with citations (*.md)",
    "csljson": "CSL-JSON bibliography (*.json)",
    "claimreview": "ClaimReview JSON-LD (*.jsonld *.json)",
}
SUFFIXES = {
    "md": (".md", ".markdown"),
    "html": (".html", ".htm"),
    "pdf": (".pdf",),
    "pandoc": (".md", ".markdown"),
    "csljson": (".json",),
    "claimreview": (".jsonld", ".json"),
}
DEFAULT_SUFFIX = {"pandoc": "md", "csljson": "csl.json", "claimreview": "jsonld"}
_ALL_SUFFIXES = sorted(
    {".csl.json", *(suffix for known in SUFFIXES.values() for suffix in known)},
    key=len,
    reverse=True,
)


def exported(path: Path) -> str:
    """What the status bar says of a file written: its name first, since a narrow bar cuts
    the message at a word ("Exported to /home/…/briefings/x.md" was "Exported to…")."""
    return f"Exported {path.name} to {path.parent}"


def file_stem(title: str) -> str:
    """A file name from a title: letters, digits and dashes."""
    return re.sub(r"[^\w]+", "-", title.casefold()).strip("-")[:60] or "briefing"


def format_for(path: Path, name_filter: str = "") -> str:
    """The format to write: the filter's, when the file's suffix is one of its own (or there
    is none); else the suffix's ("md", "html", "pdf", "csljson", "claimreview"); else "md"."""
    chosen = next((kind for kind, f in FILTERS.items() if f == name_filter), None)
    suffix = path.suffix.casefold()
    if chosen is not None and (not suffix or suffix in SUFFIXES[chosen]):
        return chosen
    found = next((kind for kind, known in SUFFIXES.items() if suffix in known), None)
    return found or chosen or "md"


def bibliography_for(path: Path) -> Path:
    """Where Pandoc Markdown's bibliography goes: beside it, as the command line puts it."""
    return path.with_name(path.stem.removesuffix(".csl") + ".csl.json")


def _save_dialog(window: WorkspaceWindow, title: str, kinds: list[str]) -> QFileDialog | None:
    if window.briefing is None:
        errors.show_status(window, "Make or pick a briefing first")
        return None
    window.fields.commit()
    dialog = QFileDialog(window, title)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilters([FILTERS[k] for k in kinds])
    dialog.setDirectory(str(window.settings.value(FOLDER_KEY, QDir.homePath())))
    first = DEFAULT_SUFFIX.get(kinds[0], kinds[0])
    dialog.setDefaultSuffix(first)
    dialog.selectFile(f"{file_stem(window.briefing.title)}.{first}")

    def on_filter_selected(name_filter: str) -> None:
        kind = next(k for k, f in FILTERS.items() if f == name_filter)
        suffix = DEFAULT_SUFFIX.get(kind, kind)
        dialog.setDefaultSuffix(suffix)
        # The name follows the type chosen, as a file manager's Save As does.
        names = dialog.selectedFiles()
        if names:
            name = Path(names[0]).name
            stem = next((name[: -len(s)] for s in _ALL_SUFFIXES if name.endswith(s)), name)
            dialog.selectFile(f"{stem}.{suffix}")

    dialog.filterSelected.connect(on_filter_selected)
    window.dialog = dialog
    return dialog


def export_dialog(window: WorkspaceWindow) -> QFileDialog | None:
    """Ctrl+E: choose where, and the format (by file type or suffix): every format the
    command line's `briefing export` writes."""
    dialog = _save_dialog(window, "Export Briefing", list(FILTERS))
    if dialog is not None:
        dialog.fileSelected.connect(
            lambda path: export_to(
                window, Path(path), format_for(Path(path), dialog.selectedNameFilter())
            )
        )
        dialog.open()
    return dialog


def export_to(window: WorkspaceWindow, path: Path, kind: str) -> QueryOp[Any] | None:
    """Write the open briefing to `path` in a format of FILTERS ("md", "html", "pdf",
    "pandoc" with its bibliography beside, "csljson", "claimreview")."""
    if kind == "pdf":
        return export_pdf(window, path)
    briefing_id = window.briefing_id
    if briefing_id is None:
        return None
    window.fields.commit()
    window.settings.setValue(FOLDER_KEY, str(path.parent))

    def work(library: Library, _progress: object) -> Path:
        briefings = library.briefings
        if kind == "pandoc":
            bibliography = bibliography_for(path)
            text, csl = briefings.export_pandoc(briefing_id, bibliography=bibliography.name)
            write_atomically(bibliography, csl)
        elif kind == "csljson":
            text = briefings.export_csl(briefing_id)
        elif kind == "claimreview":
            text = briefings.export_claimreview(briefing_id)
        elif kind == "html":
            text = briefings.export_html(briefing_id)
        else:
            text = briefings.export_markdown(briefing_id)
        write_atomically(path, text)
        return path

    op: QueryOp[Path] = QueryOp(window.runner, work, parent=window)
    op.success(lambda written: errors.show_status(window, exported(written)))
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
        errors.show_status(window, exported(path))

    return _with_html(window, write)

"""A briefing as PDF: the export's HTML laid out by Qt on A4 pages, for the app and the CLI.

Both make the same file from the same HTML (`library.briefings.export_html`): the app from
its workspace (ui/workspace/exporting.py), the command line with `briefing export ID
--format pdf -o FILE`. The core never imports Qt and the command line must not load it
until a PDF is asked for (scripts and servers run it without a display), so this module sits
beside them both, above the core, and imports Qt inside its function; with no Qt application
running (the command line), it starts one on the offscreen platform.

Qt's rich-text layout (QTextDocument) knows no CSS `break-inside`, so the pages are laid out
here: a quote and its attribution start a new page rather than part across two, as does a
heading with what follows it (when they fit on one page at all). The text is set in a serif
face, as the HTML is; the page carries the title and author in the PDF's metadata, and a
footer with the title and page numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.core import atomic_target

if TYPE_CHECKING:
    from PySide6.QtGui import QTextBlock, QTextDocument

SERIF = ["Georgia", "DejaVu Serif", "Liberation Serif", "Noto Serif", "Times New Roman"]
BODY_POINTS = 10.5
FOOTER_POINTS = 8
MARGINS_MM = (18, 16, 18, 16)  # left, top, right, bottom
RESOLUTION = 300  # dots per inch: fine for text, and layout in whole dots stays exact

_app: Any = None  # the QGuiApplication this module started, kept alive for the process


def write_pdf(html: str, path: Path, *, title: str, author: str = "") -> int:
    """Lay the HTML out on A4 pages into `path` (written whole or not at all); the number
    of pages. Runs on the thread that owns the Qt application (the GUI thread in the app)."""
    _ensure_application()
    from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    with atomic_target(path) as temporary:
        writer = QPdfWriter(str(temporary))
        writer.setResolution(RESOLUTION)
        writer.setTitle(title)
        writer.setAuthor(author)
        writer.setCreator("Briefing")
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(*MARGINS_MM), QPageLayout.Unit.Millimeter)
        paint = writer.pageLayout().paintRectPixels(writer.resolution())
        footer_font = QFont(_serif(FOOTER_POINTS))
        footer = round(FOOTER_POINTS / 72 * writer.resolution() * 2.2)
        page = QSizeF(paint.width(), paint.height() - footer)

        document = _document(html, writer, page)
        pages = document.pageCount()
        painter = QPainter(writer)
        try:
            for number in range(pages):
                if number:
                    writer.newPage()
                painter.save()
                painter.translate(0, -number * page.height())
                document.drawContents(painter, QRectF(QPointF(0, number * page.height()), page))
                painter.restore()
                painter.setFont(footer_font)
                baseline = QPointF(0, paint.height() - footer * 0.2)
                painter.drawText(baseline, title[:90])
                label = f"{number + 1} / {pages}"
                width = painter.fontMetrics().horizontalAdvance(label)
                painter.drawText(QPointF(paint.width() - width, baseline.y()), label)
        finally:
            painter.end()
        del writer  # closes the file before it is renamed into place
    return pages


def _ensure_application() -> None:
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        # No window is ever shown: the offscreen platform needs no display.
        _app = QGuiApplication(["briefing", "-platform", "offscreen"])


def _serif(points: float) -> Any:
    from PySide6.QtGui import QFont

    font = QFont()
    font.setFamilies(SERIF)
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(points)
    return font


def _document(html: str, device: Any, page: Any) -> QTextDocument:
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDefaultFont(_serif(BODY_POINTS))
    document.setHtml(html)
    document.setPageSize(page)
    _keep_together(document, page.height())
    return document


def _keep_together(document: QTextDocument, page_height: float) -> None:
    """Start a new page before a quote whose attribution would fall on the next one, and
    before a heading that would end a page alone. Each break moves what follows, so the
    layout is asked again after each (it lays out lazily: only what moved)."""
    from PySide6.QtGui import QTextBlockFormat, QTextCursor

    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        last = _group_end(block)
        if last is not None:
            top = layout.blockBoundingRect(block).top()
            bottom = layout.blockBoundingRect(last).bottom()
            split = int(top // page_height) != int((bottom - 1) // page_height)
            if split and bottom - top <= page_height and top % page_height > 1:
                cursor = QTextCursor(block)
                change = QTextBlockFormat()
                change.setPageBreakPolicy(QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                cursor.mergeBlockFormat(change)
                # The layout redoes only the changed block and leaves what follows it
                # unlaid (no lines, no height) until asked all over again.
                document.markContentsDirty(block.position(), document.characterCount())
        block = block.next()


def _quote_level(block: QTextBlock) -> int:
    from PySide6.QtGui import QTextFormat

    level = block.blockFormat().property(QTextFormat.Property.BlockQuoteLevel)
    return int(level or 0)


def _group_end(block: QTextBlock) -> QTextBlock | None:
    """The last block that must share a page with `block`, when `block` starts such a group:
    a quote's paragraphs and the attribution after them; a heading and the group (or block)
    after it. None for any other block."""
    if block.blockFormat().headingLevel():
        following = block.next()
        if not following.isValid():
            return None
        return _group_end(following) or following
    previous = block.previous()
    if _quote_level(block) and not (previous.isValid() and _quote_level(previous)):
        last = block
        while last.next().isValid() and _quote_level(last.next()):
            last = last.next()
        after = last.next()
        return after if after.isValid() else last
    return None

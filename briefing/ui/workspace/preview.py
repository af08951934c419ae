"""The live preview: the briefing's HTML export, shown beside the editor as the user types.

Nothing heavy happens on the GUI thread. A request only restarts a short timer (typing goes
on undisturbed); when it fires, one `QueryOp` renders on the reader thread: the HTML
(preview_render.py, fast while only the BLUF changes) and the QTextDocument parsed from it,
which is the slow half of `setHtml()` and is reentrant, so the GUI thread only swaps
documents (a few ms). While a render runs, further requests wait for it rather than queue
behind it; every request has a number, and a result older than the newest is dropped.

Typing in the bottom line of a large briefing changes nothing but the BLUF's words. A
document is parsed from the page with a token for its BLUF and the BLUF's words put in the
token's place, so the preview knows the BLUF's stretch of it; while only the BLUF changes (and
it stays inline: a paragraph's words, emphasis, links), the GUI thread replaces that stretch
of the shown document in place, a millisecond where parsing 500 claims anew took a hundred
or more, and the timer waits only `TYPING_DEBOUNCE_MS` for it (bench/workspace.py).

The fields' uncommitted text (title, author, date, BLUF) is laid over what the library
holds, so the preview follows the typing, not the commits.

Signals:
    render_started(): a render went to the reader thread
    updated(): new HTML is shown
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QThread, QTimer, Signal
from PySide6.QtGui import QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from briefing.core import Library
from briefing.ui.ops import OpRunner, QueryOp
from briefing.ui.theme import is_dark
from briefing.ui.workspace.preview_render import TOKEN, PreviewRenderer, Rendered, is_inline

# A render that parses the page (~70 ms for 500 claims on an idle machine, several times
# that under load) waits for a pause in the typing; one that only replaces the BLUF's words
# in the shown document costs a millisecond and waits a shorter pause.
DEBOUNCE_MS = 200
TYPING_DEBOUNCE_MS = 60
MARGIN = 14
PLACEHOLDER = (
    "<p style='color:#777'>Pick a briefing on the left, or make a new one, to see it here "
    "as it will be exported.</p>"
)


# The export's stylesheet (resources/export/briefing.css) as far as Qt's rich text follows
# it: QTextDocument ignores max-width, line-height in `font:`, sibling selectors and @media,
# yet matches every rule against each of a large briefing's thousands of elements, which is a
# third of the parse. The page's body is shown with this sheet instead of its own.
PREVIEW_CSS = """
body { font-size: 11pt; color: #1a1a1a; }
h1 { font-size: 17pt; } h2 { font-size: 13.5pt; } h3 { font-size: 11.5pt; }
blockquote { background-color: #f6f6f6; font-style: italic; margin-top: 10px; }
th { background-color: #eeeeee; }
a { color: #1f4e8c; }
"""
# The same in a dark palette: text and quote blocks from the dark side, each pair above
# WCAG AA (#e6e6e6 on #2c2f33 is 11.9:1; the links #8ab4f8 on #1e1e1e 8.6:1).
PREVIEW_CSS_DARK = """
body { font-size: 11pt; color: #e6e6e6; }
h1 { font-size: 17pt; } h2 { font-size: 13.5pt; } h3 { font-size: 11.5pt; }
blockquote { background-color: #2c2f33; color: #e6e6e6; font-style: italic; margin-top: 10px; }
th { background-color: #33363b; color: #e6e6e6; }
a { color: #8ab4f8; }
"""


def preview_css(palette: QPalette) -> str:
    """The preview's sheet for the palette it is shown in (light or dark)."""
    return PREVIEW_CSS_DARK if is_dark(palette) else PREVIEW_CSS


_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S)


def rendered_document(
    html: str, gui_thread: QThread | None = None, css: str = PREVIEW_CSS
) -> QTextDocument:
    """The QTextDocument of an exported page, parsed here (on a worker, since parsing is
    the slow half of `setHtml()` and QTextDocument is reentrant) and handed to the GUI
    thread."""
    document = QTextDocument()
    document.setUndoRedoEnabled(False)  # shown, never edited by hand: no history to keep
    document.setDocumentMargin(MARGIN)
    document.setDefaultStyleSheet(css)
    body = _BODY.search(html)
    document.setHtml(body.group(1) if body else html)
    if gui_thread is not None:
        document.moveToThread(gui_thread)
    return document


def replace_stretch(document: QTextDocument, stretch: tuple[int, int], html: str) -> int:
    """Put inline `html` in place of the document's characters [start, end); the new end."""
    cursor = QTextCursor(document)
    cursor.setPosition(stretch[0])
    cursor.setPosition(stretch[1], QTextCursor.MoveMode.KeepAnchor)
    if html:
        cursor.insertHtml(html)
    else:
        cursor.removeSelectedText()
    return cursor.position()


def document_with_bluf(
    rendered: Rendered, gui_thread: QThread | None, css: str
) -> tuple[QTextDocument, tuple[int, int] | None]:
    """The page's document and the BLUF's stretch of it (None when it cannot be told: the
    document is then parsed from the page as it is)."""
    if rendered.with_token is not None and rendered.bluf_html is not None:
        if is_inline(rendered.bluf_html):
            document = rendered_document(rendered.with_token, None, css)
            found = document.find(TOKEN)
            if not found.isNull():
                start = found.selectionStart()
                end = replace_stretch(document, (start, found.selectionEnd()), rendered.bluf_html)
                if gui_thread is not None:
                    document.moveToThread(gui_thread)
                return document, (start, end)
    return rendered_document(rendered.html, gui_thread, css), None


@dataclass
class _Result:
    """What the reader thread hands back: the render, and a new document with the BLUF's
    stretch of it, or None when the shown document is to be edited in place."""

    rendered: Rendered
    document: QTextDocument | None
    stretch: tuple[int, int] | None


class PreviewPane(QTextBrowser):
    render_started = Signal()
    updated = Signal()

    def __init__(self, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("briefingPreview")
        self.setAccessibleName("Preview")
        self.setOpenExternalLinks(True)
        self.document().setDocumentMargin(MARGIN)
        self._renderer = PreviewRenderer()
        self._document: QTextDocument | None = None  # the rendered one shown, ours to delete
        self._runner = runner
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._request: tuple[int | None, dict[str, str]] = (None, {})
        self._wanted = 0  # number of the newest request
        self._running: QueryOp[_Result] | None = None
        self._running_number = 0
        self.html = ""  # what is shown, as rendered
        # The shown document's page (Rendered.page), its sheet, its BLUF's stretch; the
        # fields but the BLUF it was rendered with and the library's generation then.
        self._shown: tuple[int, str] | None = None
        self._stretch: tuple[int, int] | None = None
        self._shown_head: tuple[object, ...] | None = None
        self.edits_in_place = 0  # how often the BLUF was replaced in the shown document
        self._stopped = False
        self.setHtml(PLACEHOLDER)  # the widget's own document, until the first render

    def request(self, briefing_id: int | None, fields: Mapping[str, str]) -> None:
        """Show this briefing with these field values, after a pause in requests."""
        if self._stopped:
            return
        self._request = (briefing_id, dict(fields))
        self._wanted += 1
        if briefing_id is None:
            self._timer.stop()
            self._show("", _document(PLACEHOLDER, self.palette()))
            return
        typing = self._stretch is not None and self._shown_head == self._head(briefing_id)
        self._timer.start(TYPING_DEBOUNCE_MS if typing else DEBOUNCE_MS)

    def _head(self, briefing_id: int | None) -> tuple[object, ...]:
        """What, besides the BLUF, a render depends on: when it is as the shown document's,
        only the BLUF changed."""
        fields = self._request[1]
        rest = tuple(sorted((k, v) for k, v in fields.items() if k != "bluf"))
        return (briefing_id, self._renderer.generation, preview_css(self.palette()), rest)

    def stop(self) -> None:
        """No more renders until `resume()`: the window is closing, the runner may be ending."""
        self._stopped = True
        self._timer.stop()

    def resume(self) -> None:
        self._stopped = False

    @property
    def busy(self) -> bool:
        """A request is waiting for its timer or its render."""
        return self._timer.isActive() or self._running is not None

    @property
    def rendering(self) -> bool:
        """A render is running on the reader thread."""
        return self._running is not None

    def _on_timer_timeout(self) -> None:
        briefing_id, fields = self._request
        if self._running is not None or briefing_id is None or self._stopped:
            return  # when the running render ends, it starts the newest request
        self._running_number = self._wanted
        renderer, gui_thread = self._renderer, self.thread()
        css = preview_css(self.palette())  # read here: a palette is the GUI thread's
        # The page and sheet of the shown document, if its BLUF can be replaced in place.
        editable = self._shown if self._stretch is not None else None
        head = self._head(briefing_id)

        def render(library: Library, _progress: object) -> _Result:
            rendered = renderer.render_parts(library, briefing_id, fields)
            if (
                editable == (rendered.page, css)
                and rendered.bluf_html is not None
                and is_inline(rendered.bluf_html)
            ):
                return _Result(rendered, None, None)
            document, stretch = document_with_bluf(rendered, gui_thread, css)
            return _Result(rendered, document, stretch)

        def rendered(result: _Result) -> None:
            self._on_rendered(result, css, head)

        op: QueryOp[_Result] = QueryOp(self._runner, render, parent=self)
        op.success(rendered)
        op.failure(lambda _exc: None)  # shown in the pane by _on_op_failed, not the status bar
        op.failed.connect(self._on_op_failed)
        self._running = op
        op.run()
        self.render_started.emit()

    def _on_rendered(self, result: _Result, css: str, head: tuple[object, ...]) -> None:
        self._running = None
        rendered, document = result.rendered, result.document
        if self._running_number == self._wanted:
            if document is None:
                self._edit_bluf(rendered)
            else:
                self._show(rendered.html, document)
                self._shown, self._stretch = (rendered.page, css), result.stretch
            self._shown_head = head
            return
        if document is not None:
            document.deleteLater()  # stale: render the newest request now
        if not self._timer.isActive():
            QTimer.singleShot(0, self, self._on_timer_timeout)

    def _edit_bluf(self, rendered: Rendered) -> None:
        """Replace the BLUF's words in the shown document (made from the same page)."""
        assert self._document is not None and self._stretch is not None
        assert rendered.bluf_html is not None
        bar = self.verticalScrollBar()
        position = bar.value()
        end = replace_stretch(self._document, self._stretch, rendered.bluf_html)
        self._stretch = (self._stretch[0], end)
        bar.setValue(position)
        self.html = rendered.html
        self.edits_in_place += 1
        self.updated.emit()

    def _on_op_failed(self, exc: BaseException) -> None:
        self._running = None
        if self._running_number == self._wanted:  # e.g. the briefing was deleted meanwhile
            self._show(
                "", _document(f"<p style='color:#a33'>No preview: {exc}</p>", self.palette())
            )
        elif not self._timer.isActive():
            QTimer.singleShot(0, self, self._on_timer_timeout)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Light turned dark (or back): render again in the new palette's colours."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._request[0] is not None:
            self._wanted += 1
            self._timer.start(DEBOUNCE_MS)

    def invalidate(self) -> None:
        """The library changed: the next render reads it again."""
        self._renderer.generation += 1

    def _show(self, html: str, document: QTextDocument) -> None:
        self._shown = self._stretch = self._shown_head = None  # a new document: none known
        bar = self.verticalScrollBar()
        position = bar.value()
        old, self._document = self._document, document
        document.setParent(self)
        self.setDocument(document)
        if old is not None:
            old.deleteLater()
        bar.setValue(position)
        self.html = html
        self.updated.emit()


def _document(html: str, palette: QPalette | None = None) -> QTextDocument:
    return rendered_document(html, css=preview_css(palette) if palette else PREVIEW_CSS)

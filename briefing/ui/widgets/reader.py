"""The reader: one article typeset for reading, its annotations drawn by kind.

Layout (reader_document.py) keeps an exact map from canonical offsets to document
positions, so every mark, the flash and the selection are placed by the offsets the core
stores. Marks are character formats merged into the read-only document (painted for free
with the text) and shapes over it, redrawn in place when they change (reader_marks.py);
the passing things, the flash of a revealed annotation and find matches,
are ExtraSelections on top.

The measure is kept near 70 characters by setting the root frame's side margins on resize,
so the column stays centred and comfortable at any window width; `width_for(chars)` says how
wide the pane must be for a measure, so the main window can keep it at 45 or more (below
that the side panes fold, see ui/panes).

Annotating starts here: `selected_span()` turns the selection into canonical offsets, and
the page's context menu offers the window's annotate actions (`set_annotate_actions`).

A selection dragged out of the page carries, beside its text, the claims it touches (as the
annotation panel's and the claims table's drags do), so it drops into a briefing's section.

Marks are things to act on where they are seen. The pointer resting on one shows its card
(mark_card.py: speaker, status, grade, sources, tags, note); a click on one says which
(`mark_clicked`: the window selects it in the annotation panel); the context menu on one
leads with what can be done to it (`set_mark_menu`: Edit, Delete, Add to Briefing ▸, Copy
Quote with Citation), then Copy and the annotate commands. What a colour alone cannot say
is drawn as shapes over the text (reader_marks.Decoration, painted by reader_page.Page): a
claim's status as a rule under its lines, a suggested mention as a dashed outline.

Signals:
    selection_changed(): the selected span changed (see `selected_span()`)
    mark_clicked(object): a click (not a drag) on marks; the Mark on top
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QPoint,
    QPointF,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QFont,
    QFontMetricsF,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QMenu, QStyle, QTextEdit, QVBoxLayout, QWidget

from briefing.core import InvalidInput
from briefing.ui.article_view import ArticleView, Mark
from briefing.ui.models.article_list import format_date
from briefing.ui.theme import MarkColours, mark_colours
from briefing.ui.widgets.find_bar import FindBar
from briefing.ui.widgets.mark_card import MarkCard, card_html
from briefing.ui.widgets.reader_document import (
    Header,
    PositionMap,
    Typography,
    build_document,
)
from briefing.ui.widgets.reader_marks import (
    decorations_of,
    draw_marks,
    painted_rects,
    redraw,
)
from briefing.ui.widgets.reader_page import MEASURE_CHARS as MEASURE_CHARS  # importers'
from briefing.ui.widgets.reader_page import MIN_SIDE_MARGIN, Page
from briefing.ui.widgets.term_marks import TermMarks

COMFORT_CHARS = 60  # what the reader keeps before side panes get more than their minimum
# Fewer than 45 characters a line and reading turns into scanning. Lines break between
# words, so a line as laid out holds about 5% fewer characters than its column has average
# characters: a column of 48 gives lines of 45 and more, most of them.
READABLE_CHARS = 45
MIN_MEASURE_CHARS = 48
FOCUS_RING = 2  # style.qss: the page's border, coloured while it has the focus
FLASH_MS = 900
SERIF = ["Charter", "Georgia", "Source Serif 4", "Noto Serif", "DejaVu Serif", "serif"]
SANS = ["Inter", "Segoe UI", "Helvetica Neue", "Noto Sans", "DejaVu Sans", "sans-serif"]
HOVER_MS = 350  # the pointer's rest on a mark before its card shows


def typography(base_point_size: float) -> Typography:
    body = QFont()
    body.setFamilies(SERIF)
    body.setPointSizeF(base_point_size * 1.2)
    heading = QFont()
    heading.setFamilies(SANS)
    heading.setPointSizeF(base_point_size * 1.25)
    heading.setWeight(QFont.Weight.Bold)
    title = QFont()
    title.setFamilies(SERIF)
    title.setPointSizeF(base_point_size * 1.9)
    title.setWeight(QFont.Weight.Bold)
    byline = QFont()
    byline.setFamilies(SANS)
    byline.setPointSizeF(base_point_size * 0.95)
    return Typography(body, heading, title, byline)


def byline(view: ArticleView) -> str:
    article = view.article
    who = article.outlet or ""
    if article.agency and article.agency != article.outlet:
        who = f"{who} ({article.agency})" if who else article.agency
    parts = [who, (article.dateline or "").title(), format_date(article.date)]
    return "  ·  ".join(p for p in parts if p)


class Reader(QWidget):
    """The article pane: a page and a find bar (Enter / Shift+Enter, F3 / Shift+F3).

    Ctrl+F is the main window's Find action, which calls `start_find()`: one owner per key,
    or Qt finds the shortcut ambiguous and runs neither.
    """

    selection_changed = Signal()
    mark_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = Page(self)
        self.card = MarkCard(self)
        self._hovered: tuple[tuple[str, int], ...] = ()  # the marks under the pointer
        self._hover_at = QPoint()
        self._hover_timer = QTimer(self, singleShot=True, interval=HOVER_MS)
        # A coarse timer (Qt's default) may fire 5% late, 17 ms here: the rest is the rest.
        self._hover_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._hover_timer.timeout.connect(self._on_hover_timer_timeout)
        self.page.pointer = self._on_page_pointer
        self.page.clicked = self._on_page_clicked
        self.page.mark_menu = self._fill_mark_menu
        self._mark_menu: Callable[[QMenu, list[Mark]], bool] | None = None
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.page)
        layout.addWidget(self.find_bar)
        self._view: ArticleView | None = None
        self._map: PositionMap | None = None
        self._flash: list[QTextEdit.ExtraSelection] = []
        self._found: list[QTextEdit.ExtraSelection] = []
        self.terms = TermMarks(self, self._apply_extra_selections)  # a search's terms
        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)
        self.find_bar.find_requested.connect(self.find)
        self.find_bar.text_edited.connect(self._on_find_bar_text_edited)
        self.find_bar.closed.connect(self._on_find_bar_closed)
        self.page.selectionChanged.connect(self.selection_changed)
        self.page.claims_selected = self.claims_in_selection
        self.show_placeholder()

    # Content --------------------------------------------------------------------------------

    def width_for(self, chars: int) -> int:
        """The pane's width at which a line of the article holds `chars` average characters
        of the body font: the column, its margins, the page's frame and scroll bar."""
        body = typography(self._base_point_size()).body
        column = QFontMetricsF(body).averageCharWidth() * chars
        margins = 2 * MIN_SIDE_MARGIN  # the root frame's side margins (replace the document's)
        scroll_bar = self.page.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        # The page's frame: style.qss gives it a focus ring (not there before it is polished).
        frame = max(self.page.frameWidth(), FOCUS_RING)
        return int(column + margins + 2 * frame + scroll_bar) + 1

    def line_pitch(self) -> float:
        """From one line of body text to the next, as the reader lays paragraphs out."""
        shape = typography(self._base_point_size())
        return QFontMetricsF(shape.body).lineSpacing() * shape.line_height_percent / 100

    def height_for(self, lines: int) -> int:
        """The pane's height at which the page shows `lines` lines of body text at once (a
        dock below it must leave this much for reading, not skimming)."""
        frame = max(self.page.frameWidth(), FOCUS_RING)
        return int(self.line_pitch() * lines + 2 * frame) + 1

    def lines_in_sight(self) -> float:
        """Lines of body text the page shows at once now."""
        return self.page.viewport().height() / self.line_pitch()

    def measure(self) -> float:
        """Average characters of the body font a line holds now (the column's width over
        the font's average character width)."""
        document = self.page.document()
        margin = document.rootFrame().frameFormat().leftMargin()
        column = self.page.viewport().width() - 2 * margin
        return column / QFontMetricsF(document.defaultFont()).averageCharWidth()

    def _base_point_size(self) -> float:
        point_size = self.font().pointSizeF()
        return point_size if point_size > 0 else 10.0

    @property
    def article_id(self) -> int | None:
        return self._view.article.id if self._view else None

    @property
    def colours(self) -> MarkColours:
        return mark_colours(self.palette())

    def show_placeholder(self, message: str = "Choose an article from the library.") -> None:
        self._view, self._map = None, None
        self.page.decorations = []
        self.card.dismiss()
        self.terms.clear(apply=False)
        self.page.document().clear()
        self.page.setPlaceholderText(message)

    def show_article(self, view: ArticleView) -> None:
        """Lay out `view`'s article and draw its marks; the view scrolls to the top."""
        self._view = view
        self._flash, self._found = [], []
        self.card.dismiss()
        self._hovered = ()
        self.terms.clear(apply=False)
        document = QTextDocument(self.page)
        colours = self.colours
        self._map = build_document(
            document,
            Header(view.article.title, byline(view)),
            view.article.text,
            typography(self._base_point_size()),
        )
        self._colour_byline(document, colours)
        self.page.decorations = draw_marks(document, self._map.to_document, view.marks(), colours)
        document.setModified(False)
        document.setUndoRedoEnabled(False)
        self.page.setDocument(document)
        self.page.fit_measure()
        self._apply_extra_selections()
        self.page.verticalScrollBar().setValue(0)

    def _colour_byline(self, document: QTextDocument, colours: MarkColours) -> None:
        block = document.firstBlock().next()
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setForeground(colours.byline)
        cursor.mergeCharFormat(fmt)

    def update_marks(self, view: ArticleView) -> bool:
        """Show `view`, a newer read of the article shown, by redrawing only the marks that
        changed in the document laid out already: the scroll position, the selection, a find
        or a search's matches and the flash stay as they are. False (nothing done) when the
        article's title, byline or text differ: then only `show_article` can show it.

        Another copy's edit to one claim of an article with hundreds of marks is a change of
        a few characters' formats here, where a new document (laid out, measured, painted
        whole) took a hundred milliseconds and more of the GUI thread.
        """
        shown = self._view
        if (
            shown is None
            or self._map is None
            or shown.article.id != view.article.id
            or shown.article.text != view.article.text
            or shown.article.title != view.article.title
            or byline(shown) != byline(view)
        ):
            return False
        old, new = set(shown.marks()), set(view.marks())
        self._view = view
        changed = old ^ new
        if changed:
            self._redraw(changed, view.marks())
        if self.card.isVisible():  # its words may be the ones that changed
            hovered = [m for m in view.marks() if m.key in set(self._hovered)]
            if not hovered or not self.show_card(hovered, self._hover_at):
                self.card.dismiss()
        return True

    def _redraw(self, changed: set[Mark], marks: list[Mark]) -> None:
        """Redraw the stretches where `changed` marks were or are (reader_marks.redraw),
        and repaint the rules and outlines over them (the document repaints the formats
        itself); a change out of view paints nothing."""
        assert self._map is not None
        colours = self.colours
        document = self.page.document()
        stretches = redraw(document, self._map.to_document, changed, marks, colours)
        self.page.decorations = decorations_of(self._map.to_document, marks, colours)
        dx = -self.page.horizontalScrollBar().value()
        dy = -self.page.verticalScrollBar().value()
        viewport = self.page.viewport()
        for rect in painted_rects(document, stretches, QPointF(dx, dy)):
            if rect.intersects(viewport.rect()):
                viewport.update(rect)

    # Marks under the pointer -------------------------------------------------------------------

    def marks_at(self, where: QPoint) -> list[Mark]:
        """The marks under a point of the page's viewport, innermost first."""
        if self._view is None or self._map is None:
            return []
        position = self.page.char_at(where)
        offset = self._map.to_canonical(position) if position is not None else None
        return self._view.marks_at(offset) if offset is not None else []

    def mark_point(self, mark: Mark) -> QPoint:
        """A point of the page's viewport inside `mark` (its middle character), for the
        pointer to go to: what tests and the bench hover and click."""
        assert self._map is not None
        cursor = QTextCursor(self.page.document())
        cursor.setPosition(self._map.to_document((mark.start + mark.end) // 2))
        rect = self.page.cursorRect(cursor)
        return QPoint(rect.left() + 2, rect.center().y())

    def set_mark_menu(self, fill: Callable[[QMenu, list[Mark]], bool]) -> None:
        """`fill(menu, marks)` adds what can be done to the marks under the pointer (innermost
        first) to the page's context menu; True when it added anything."""
        self._mark_menu = fill

    def _fill_mark_menu(self, menu: QMenu, where: QPoint) -> bool:
        marks = self.marks_at(where)
        return bool(marks and self._mark_menu is not None and self._mark_menu(menu, marks))

    def _on_page_clicked(self, where: QPoint) -> None:
        marks = self.marks_at(where)
        if marks:
            self.mark_clicked.emit(marks[0])

    def _on_page_pointer(self, where: QPoint | None) -> None:
        marks = self.marks_at(where) if where is not None else []
        keys = tuple(m.key for m in marks)
        if not marks:
            self._hovered = ()
            self._hover_timer.stop()
            self.card.dismiss()
            return
        self._hover_at = self.page.viewport().mapToGlobal(where)
        if keys == self._hovered:
            return  # still on the same marks: the card stays, or its timer runs on
        self._hovered = keys
        if self.card.isVisible():
            self.show_card(marks, self._hover_at)  # from mark to mark: at once
        else:
            self._hover_timer.start()

    def _on_hover_timer_timeout(self) -> None:
        where = self.page.viewport().mapFromGlobal(self._hover_at)
        marks = self.marks_at(where)
        if marks and tuple(m.key for m in marks) == self._hovered:
            self.show_card(marks, self._hover_at)

    def show_card(self, marks: list[Mark], where: QPoint) -> bool:
        """Show the card of `marks` at the global point `where`; False when there is
        nothing to say (the view no longer has them)."""
        if self._view is None:
            return False
        text = card_html(self._view, marks, self.colours.byline.name())
        if not text:
            self.card.dismiss()
            return False
        self.card.show_at(text, marks, where, self.mark_lines(marks))
        return True

    def mark_lines(self, marks: list[Mark]) -> QRect:
        """The global rect of the lines `marks` are on, across the page, as far as they are
        in view: what the card must not cover (empty with no article)."""
        if self._map is None or not marks:
            return QRect()
        cursor = QTextCursor(self.page.document())
        top, bottom = None, None
        for mark in marks:
            cursor.setPosition(self._map.to_document(mark.start))
            first = self.page.cursorRect(cursor)
            cursor.setPosition(self._map.to_document(mark.end))
            last = self.page.cursorRect(cursor)
            top = first.top() if top is None else min(top, first.top())
            bottom = last.bottom() if bottom is None else max(bottom, last.bottom())
        viewport = self.page.viewport()
        lines = QRect(0, top or 0, viewport.width(), (bottom or 0) - (top or 0) + 1)
        lines = lines.intersected(viewport.rect())
        return QRect(viewport.mapToGlobal(lines.topLeft()), lines.size())

    # Revealing ------------------------------------------------------------------------------

    def reveal(self, start: int, end: int) -> None:
        """Select the canonical span [start, end), scroll it into view and flash it."""
        if self._map is None:
            return
        cursor = self._cursor_for(start, end)
        self.page.setTextCursor(cursor)
        rect = self.page.cursorRect(QTextCursor(cursor.document().findBlock(cursor.anchor())))
        bar = self.page.verticalScrollBar()
        # Put the span a third of the way down rather than at the very edge.
        bar.setValue(bar.value() + rect.top() - self.page.viewport().height() // 3)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format.setBackground(self.colours.flash)
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, False)
        self._flash = [selection]
        self._apply_extra_selections()
        self._flash_timer.start()

    def reveal_annotation(self, annotation_id: int, kind: str | None = None) -> bool:
        span = self._view.span_of(annotation_id, kind) if self._view else None
        if span is None:
            return False
        self.reveal(*span)
        return True

    def document_position(self, offset: int) -> int | None:
        """Where a canonical offset is in the page's document (None with no article)."""
        return self._map.to_document(offset) if self._map is not None else None

    def cursor_span(self) -> tuple[int, int] | None:
        """The canonical span of the page's cursor (its selection), None in the header."""
        if self._map is None:
            return None
        cursor = self.page.textCursor()
        start = self._map.to_canonical(cursor.selectionStart())
        end = self._map.to_canonical(cursor.selectionEnd())
        if start is None or end is None:
            return None
        return start, end

    def top_offset(self) -> int | None:
        """The canonical offset of the first character in view (None in the header or with
        no article): where to come back to."""
        if self._map is None:
            return None
        margin = self.page.document().rootFrame().frameFormat().leftMargin()
        cursor = self.page.cursorForPosition(QPoint(int(margin) + 1, 1))
        return self._map.to_canonical(cursor.position())

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so the line holding the canonical `offset` is the first in view."""
        if self._map is None or self._view is None:
            return
        offset = max(0, min(offset, len(self._view.article.text)))
        cursor = QTextCursor(self.page.document())
        cursor.setPosition(self._map.to_document(offset))
        bar = self.page.verticalScrollBar()
        bar.setValue(bar.value() + self.page.cursorRect(cursor).top())

    def claims_in_selection(self) -> list[int]:
        """The claims the selection touches, in reading order ([] with no selection)."""
        span = self.cursor_span()
        if self._view is None or span is None or span[0] == span[1]:
            return []
        start, end = span
        touched = [
            c for c in self._view.claims if not c.orphaned and c.start < end and start < c.end
        ]
        return [c.id for c in sorted(touched, key=lambda c: (c.start, c.end))]

    def set_annotate_actions(self, actions: list[QAction]) -> None:
        self.page.annotate_actions = list(actions)

    def selected_span(self) -> tuple[int, int]:
        """The selection as a canonical span, trimmed of surrounding space.

        Raises InvalidInput with what to do when there is no article, nothing is selected,
        or only the title and byline are (they are not part of the article's text).
        """
        if self._map is None or self._view is None:
            raise InvalidInput("Open an article first, then select text in it")
        cursor = self.page.textCursor()
        if not cursor.hasSelection():
            raise InvalidInput("Select some text in the article first")
        end = self._map.to_canonical(cursor.selectionEnd())
        if end is None:
            raise InvalidInput(
                "The title and byline are not part of the article text: select text below them"
            )
        start = self._map.to_canonical(cursor.selectionStart())
        start = 0 if start is None else start  # begun in the header: from the text's start
        text = self._view.article.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            raise InvalidInput("Select some text in the article first")
        return start, end

    def select_span(self, start: int, end: int) -> None:
        """Select the canonical span [start, end) (what a reader's drag would do)."""
        if self._map is not None:
            self.page.setTextCursor(self._cursor_for(start, end))

    def _cursor_for(self, start: int, end: int) -> QTextCursor:
        assert self._map is not None
        cursor = QTextCursor(self.page.document())
        cursor.setPosition(self._map.to_document(start))
        cursor.setPosition(self._map.to_document(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _end_flash(self) -> None:
        self._flash = []
        self._apply_extra_selections()

    def _apply_extra_selections(self) -> None:
        self.page.setExtraSelections([*self.terms.selections, *self._found, *self._flash])

    # Finding --------------------------------------------------------------------------------

    def start_find(self) -> None:
        self.find_bar.show()
        self.find_bar.focus_field()

    def _on_find_bar_text_edited(self, text: str) -> None:
        """Typing refines the match in place instead of hopping to the next one."""
        cursor = self.page.textCursor()
        cursor.setPosition(cursor.selectionStart())
        self.page.setTextCursor(cursor)
        self.find(text, backward=False)

    def find(self, text: str, backward: bool) -> bool:
        """Move to the next (or previous) match, wrapping round; mark every match."""
        document = self.page.document()
        self._found = []
        if not text:
            self._apply_extra_selections()
            self.find_bar.set_status("")
            return False
        flags = QTextDocument.FindFlag(0)
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        found = document.find(text, self.page.textCursor(), flags)
        if found.isNull():
            wrap = QTextCursor(document)
            if backward:
                wrap.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(text, wrap, flags)
        matches = self._all_matches(text)
        self._found = matches
        self._apply_extra_selections()
        if found.isNull():
            self.find_bar.set_status("Not found")
            return False
        self.page.setTextCursor(found)
        self.page.ensureCursorVisible()
        self.find_bar.set_status(f"{len(matches)} found" if len(matches) != 1 else "1 found")
        return True

    def _all_matches(self, text: str, limit: int = 1000) -> list[QTextEdit.ExtraSelection]:
        document = self.page.document()
        selections = []
        cursor = document.find(text, 0)
        while not cursor.isNull() and len(selections) < limit:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format.setBackground(self.colours.find)
            selections.append(selection)
            cursor = document.find(text, cursor)
        return selections

    def _on_find_bar_closed(self) -> None:
        self._found = []
        self._apply_extra_selections()
        self.page.setFocus()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Redraw the marks in the new palette's colours when light turns dark."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._view is not None:
            self.show_article(self._view)

"""The reader: one article typeset for reading, its annotations drawn by kind.

Layout (reader_document.py) keeps an exact map from canonical offsets to document
positions, so every mark, the flash and the selection are placed by the offsets the core
stores. Marks are character formats merged into the read-only document (painted for free
with the text) and shapes over it, redrawn in place when they change (reader_marks.py);
the passing things, the flash of a revealed annotation, find matches (reader_find.py) and
a search's terms (term_marks.py), are ExtraSelections on top. What a colour alone cannot
say is drawn as shapes over the text (reader_marks.Decoration, painted by reader_page.Page):
a claim's status as a rule under its lines, a suggested mention as a dashed outline.

The page keeps its column near 70 characters at any window width; the fonts, and how big
the pane must be for a measure (`width_for`) or a number of lines (`height_for`), are
reader_measure.py's.

Annotating starts here: `selected_span()` turns the selection into canonical offsets, and
the page's context menu offers the window's annotate actions (`set_annotate_actions`).

A selection dragged out of the page carries, beside its text, the claims it touches (as the
annotation panel's and the claims table's drags do), so it drops into a briefing's section.

Marks are things to act on where they are seen: a card when the pointer rests on one, a
click that selects it in the panel, a context menu that leads with what can be done to it
(reader_pointer.py; the window fills that menu, `set_mark_menu`).

Signals:
    selection_changed(): the selected span changed (see `selected_span()`)
    mark_clicked(object): a click (not a drag) on marks; the Mark on top
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QFontMetricsF,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QVBoxLayout, QWidget

from briefing.core import InvalidInput
from briefing.ui.article_view import ArticleView, Mark
from briefing.ui.models.article_list import format_date
from briefing.ui.theme import MarkColours, mark_colours
from briefing.ui.widgets import reader_measure
from briefing.ui.widgets.find_bar import FindBar
from briefing.ui.widgets.reader_document import Header, PositionMap, build_document
from briefing.ui.widgets.reader_find import PageFind
from briefing.ui.widgets.reader_marks import decorations_of, draw_marks, painted_rects, redraw
from briefing.ui.widgets.reader_page import Page
from briefing.ui.widgets.reader_pointer import MarkPointer
from briefing.ui.widgets.term_marks import TermMarks

FLASH_MS = 900


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
        self.pointer = MarkPointer(self)  # a mark's card, click and menu (reader_pointer.py)
        self.card = self.pointer.card
        self._hover_timer = self.pointer.timer  # (its precision is tested here)
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
        self.terms = TermMarks(self, self._apply_extra_selections)  # a search's terms
        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)
        self.finding = PageFind(self, self._apply_extra_selections)  # the find bar's matches
        self.page.selectionChanged.connect(self.selection_changed)
        self.page.claims_selected = self.claims_in_selection
        self.show_placeholder()

    # Content --------------------------------------------------------------------------------

    def width_for(self, chars: int) -> int:
        """The pane's width at which a line of the article holds `chars` average characters
        of the body font (reader_measure.py)."""
        return reader_measure.width_for(self.page, self._base_point_size(), chars)

    def line_pitch(self) -> float:
        """From one line of body text to the next, as the reader lays paragraphs out."""
        return reader_measure.line_pitch(self._base_point_size())

    def height_for(self, lines: int) -> int:
        """The pane's height at which the page shows `lines` lines of body text at once."""
        return reader_measure.height_for(self.page, self._base_point_size(), lines)

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
    def view(self) -> ArticleView | None:
        """The article shown, as last read (None: the placeholder)."""
        return self._view

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
        self._flash, self.finding.selections = [], []
        self.pointer.leave()
        self.terms.clear(apply=False)
        document = QTextDocument(self.page)
        colours = self.colours
        self._map = build_document(
            document,
            Header(view.article.title, byline(view)),
            view.article.text,
            reader_measure.typography(self._base_point_size()),
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
        self.pointer.follow(view)
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
        self.pointer.mark_menu = fill

    def show_card(self, marks: list[Mark], where: QPoint) -> bool:
        """Show the card of `marks` at the global point `where` (reader_pointer.py)."""
        return self.pointer.show_card(marks, where)

    def mark_lines(self, marks: list[Mark]) -> QRect:
        """The global rect of the lines `marks` are on: what their card must not cover."""
        return self.pointer.mark_lines(marks)

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
        selections = [*self.terms.selections, *self.finding.selections, *self._flash]
        self.page.setExtraSelections(selections)

    # Finding --------------------------------------------------------------------------------

    def start_find(self) -> None:
        self.find_bar.show()
        self.find_bar.focus_field()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Redraw the marks in the new palette's colours when light turns dark."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._view is not None:
            self.show_article(self._view)

"""A search's terms marked in the reader: every place the query matched in the open article.

The search page hands over canonical spans (from `briefing.core.search.terms`); they are
drawn as ExtraSelections in the find colour, like the find bar's matches, since both answer
"where is what I looked for". They last until another article opens (the reader drops them
then) or the reader presses Escape in the page; Escape is only taken while there are marks,
so it means nothing new otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QTextEdit

if TYPE_CHECKING:
    from briefing.ui.widgets.reader import Reader

MAX_MARKS = 1000  # as the find bar: a word on every line of a long text is marked enough


class TermMarks(QObject):
    def __init__(self, reader: Reader, apply: Callable[[], None]) -> None:
        super().__init__(reader)
        self._reader = reader
        self._apply = apply  # the reader's own: merges these with find matches and the flash
        self.spans: list[tuple[int, int]] = []
        self.selections: list[QTextEdit.ExtraSelection] = []
        reader.page.installEventFilter(self)

    def show(self, spans: list[tuple[int, int]], *, scroll: bool = True) -> None:
        """Mark the canonical spans; with `scroll`, bring the first a third of the way down."""
        reader = self._reader
        document = reader.page.document()
        colour = reader.colours.find
        self.spans, self.selections = [], []
        for start, end in spans[:MAX_MARKS]:
            first, last = reader.document_position(start), reader.document_position(end)
            if first is None or last is None:
                continue
            cursor = QTextCursor(document)
            cursor.setPosition(first)
            cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format.setBackground(colour)
            self.spans.append((start, end))
            self.selections.append(selection)
        self._apply()
        if scroll and self.selections:
            page = reader.page
            at = QTextCursor(document)
            at.setPosition(self.selections[0].cursor.selectionStart())
            rect = page.cursorRect(at)
            bar = page.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - page.viewport().height() // 3)

    def clear(self, *, apply: bool = True) -> None:
        self.spans, self.selections = [], []
        if apply:
            self._apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            self.selections
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self.clear()
            return True
        return False

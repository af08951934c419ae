"""Find in the reader's page: the find bar's text looked for, every match marked, the
next (or previous) one selected, wrapping round.

Apart from the reader (reader.py) because it answers the find bar (find_bar.py) and no one
else: typing refines the match in place, Enter and F3 go on to the next, closing the bar
takes its marks away. Its matches are ExtraSelections the reader merges with a search's
terms (term_marks.py) and the flash of a revealed annotation (`apply`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

if TYPE_CHECKING:
    from briefing.ui.widgets.reader import Reader

MAX_MATCHES = 1000  # marked at most: a word on every line of a long text is marked enough


class PageFind(QObject):
    def __init__(self, reader: Reader, apply: Callable[[], None]) -> None:
        super().__init__(reader)
        self._reader = reader
        self._apply = apply  # the reader's own: merges these with term marks and the flash
        self.selections: list[QTextEdit.ExtraSelection] = []
        reader.find_bar.find_requested.connect(self.find)
        reader.find_bar.text_edited.connect(self._on_find_bar_text_edited)
        reader.find_bar.closed.connect(self._on_find_bar_closed)

    def _on_find_bar_text_edited(self, text: str) -> None:
        """Typing refines the match in place instead of hopping to the next one."""
        page = self._reader.page
        cursor = page.textCursor()
        cursor.setPosition(cursor.selectionStart())
        page.setTextCursor(cursor)
        self.find(text, backward=False)

    def find(self, text: str, backward: bool) -> bool:
        """Move to the next (or previous) match, wrapping round; mark every match."""
        page, bar = self._reader.page, self._reader.find_bar
        document = page.document()
        self.selections = []
        if not text:
            self._apply()
            bar.set_status("")
            return False
        flags = QTextDocument.FindFlag(0)
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        found = document.find(text, page.textCursor(), flags)
        if found.isNull():
            wrap = QTextCursor(document)
            if backward:
                wrap.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(text, wrap, flags)
        matches = self._all_matches(text)
        self.selections = matches
        self._apply()
        if found.isNull():
            bar.set_status("Not found")
            return False
        page.setTextCursor(found)
        page.ensureCursorVisible()
        bar.set_status(f"{len(matches)} found" if len(matches) != 1 else "1 found")
        return True

    def _all_matches(self, text: str, limit: int = MAX_MATCHES) -> list[QTextEdit.ExtraSelection]:
        document = self._reader.page.document()
        colour = self._reader.colours.find
        selections = []
        cursor = document.find(text, 0)
        while not cursor.isNull() and len(selections) < limit:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format.setBackground(colour)
            selections.append(selection)
            cursor = document.find(text, cursor)
        return selections

    def _on_find_bar_closed(self) -> None:
        self.selections = []
        self._apply()
        self._reader.page.setFocus()

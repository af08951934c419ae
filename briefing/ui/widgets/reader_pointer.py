"""The pointer on the reader's marks: marks are things to act on where they are seen.

The pointer resting on a mark shows its card (mark_card.py: speaker, status, grade,
sources, tags, note); a click on one says which (the reader's `mark_clicked`: the window
selects it in the annotation panel); the context menu on one leads with what can be done to
it (`mark_menu`, the window's: Edit, Delete, Add to Briefing ▸, Copy Quote with Citation),
then Copy and the annotate commands (the page's own). The card's last line names what
that menu offers, read from the menu itself (`menu_commands`), so the two cannot differ.

Apart from the reader (reader.py) because it is a conversation with the pointer over time,
not a view of the article: which marks it last rested on, the rest before a card shows, the
card following the pointer from mark to mark at once, and a card kept honest when the
marks under it change. The reader lends it the marks under a point (`Reader.marks_at`) and
the article's positions; the page (reader_page.Page) tells it what the pointer does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu

from briefing.ui.article_view import ArticleView, Mark
from briefing.ui.widgets.mark_card import MarkCard, card_html

if TYPE_CHECKING:
    from briefing.ui.widgets.reader import Reader

HOVER_MS = 350  # the pointer's rest on a mark before its card shows


class MarkPointer(QObject):
    def __init__(self, reader: Reader) -> None:
        super().__init__(reader)
        self._reader = reader
        self.card = MarkCard(reader)
        self.hovered: tuple[tuple[str, int], ...] = ()  # the marks under the pointer
        self.hover_at = QPoint()
        self.timer = QTimer(reader, singleShot=True, interval=HOVER_MS)
        # A coarse timer (Qt's default) may fire 5% late, 17 ms here: the rest is the rest.
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._on_timer_timeout)
        reader.page.pointer = self._on_page_pointer
        reader.page.clicked = self._on_page_clicked
        reader.page.mark_menu = self._fill_mark_menu
        # `mark_menu(menu, marks)` adds what can be done to the marks under the pointer
        # (innermost first) to the page's context menu; True when it added anything.
        self.mark_menu: Callable[[QMenu, list[Mark]], bool] | None = None

    def leave(self) -> None:
        """Another article: no card, and no marks rested on."""
        self.card.dismiss()
        self.hovered = ()

    def follow(self, view: ArticleView) -> None:
        """The marks changed under a card shown (`view`, a newer read): its words may be the
        ones that changed, so it shows them anew, or goes with its marks."""
        if self.card.isVisible():
            hovered = [m for m in view.marks() if m.key in set(self.hovered)]
            if not hovered or not self.show_card(hovered, self.hover_at):
                self.card.dismiss()

    def _fill_mark_menu(self, menu: QMenu, where: QPoint) -> bool:
        marks = self._reader.marks_at(where)
        return bool(marks and self.mark_menu is not None and self.mark_menu(menu, marks))

    def _on_page_clicked(self, where: QPoint) -> None:
        marks = self._reader.marks_at(where)
        if marks:
            self._reader.mark_clicked.emit(marks[0])

    def _on_page_pointer(self, where: QPoint | None) -> None:
        marks = self._reader.marks_at(where) if where is not None else []
        keys = tuple(m.key for m in marks)
        if not marks:
            self.hovered = ()
            self.timer.stop()
            self.card.dismiss()
            return
        self.hover_at = self._reader.page.viewport().mapToGlobal(where)
        if keys == self.hovered:
            return  # still on the same marks: the card stays, or its timer runs on
        self.hovered = keys
        if self.card.isVisible():
            self.show_card(marks, self.hover_at)  # from mark to mark: at once
        else:
            self.timer.start()

    def _on_timer_timeout(self) -> None:
        where = self._reader.page.viewport().mapFromGlobal(self.hover_at)
        marks = self._reader.marks_at(where)
        if marks and tuple(m.key for m in marks) == self.hovered:
            self.show_card(marks, self.hover_at)

    def show_card(self, marks: list[Mark], where: QPoint) -> bool:
        """Show the card of `marks` at the global point `where`; False when there is
        nothing to say (the view no longer has them)."""
        reader = self._reader
        if reader.view is None:
            return False
        commands = self.menu_commands(marks)
        text = card_html(reader.view, marks, reader.colours.byline.name(), commands)
        if not text:
            self.card.dismiss()
            return False
        self.card.show_at(text, marks, where, self.mark_lines(marks))
        return True

    def menu_commands(self, marks: list[Mark]) -> list[str]:
        """What the right-click menu on `marks` offers, by name ("Mention: X ▸" for a
        submenu), read from that menu made afresh: the card names what is there."""
        if self.mark_menu is None:
            return []
        menu = QMenu()
        try:
            if not self.mark_menu(menu, marks):
                return []
            names = []
            for action in menu.actions():
                if action.isSeparator() or not action.isVisible() or not action.isEnabled():
                    continue
                name = re.sub(r"&(.)", r"\1", action.text()).rstrip("…")
                names.append(f"{name} ▸" if action.menu() is not None else name)
            return names
        finally:
            menu.deleteLater()

    def mark_lines(self, marks: list[Mark]) -> QRect:
        """The global rect of the lines `marks` are on, across the page, as far as they are
        in view: what the card must not cover (empty with no article)."""
        page = self._reader.page
        position = self._reader.document_position
        if not marks or position(0) is None:  # no article
            return QRect()
        cursor = QTextCursor(page.document())
        top, bottom = None, None
        for mark in marks:
            cursor.setPosition(position(mark.start) or 0)
            first = page.cursorRect(cursor)
            cursor.setPosition(position(mark.end) or 0)
            last = page.cursorRect(cursor)
            top = first.top() if top is None else min(top, first.top())
            bottom = last.bottom() if bottom is None else max(bottom, last.bottom())
        viewport = page.viewport()
        lines = QRect(0, top or 0, viewport.width(), (bottom or 0) - (top or 0) + 1)
        lines = lines.intersected(viewport.rect())
        return QRect(viewport.mapToGlobal(lines.topLeft()), lines.size())

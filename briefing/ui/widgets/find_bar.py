"""The find bar under the reader: a field, previous/next, a count, and close (Escape).

F3 and Shift+F3 are the main window's Find Next / Find Previous actions (in the Edit menu,
with the platform's keys), not shortcuts of the bar's own: one owner per key.

Signals:
    find_requested(str, bool): the text to find, and whether to search backward
    text_edited(str): the field changed: find from the current match's start (incremental)
    closed(): the bar was closed
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    find_requested = Signal(str, bool)
    text_edited = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find in article")
        self.field.setAccessibleName("Find in article")
        self.field.setClearButtonEnabled(True)
        self.status = QLabel(self)
        self.status.setMinimumWidth(80)
        previous = self._button(
            "Previous", "Find the previous match (Shift+F3)", lambda: self.go(True)
        )
        following = self._button("Next", "Find the next match (F3)", lambda: self.go(False))
        close = self._button("Close", "Close the find bar (Escape)", self.close_bar)
        self.buttons = [previous, following, close]  # in Tab order, after the field
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.field, 1)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.field.returnPressed.connect(lambda: self.go(False))
        self.field.textChanged.connect(self.text_edited)

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        button.clicked.connect(slot)
        return button

    def go(self, backward: bool) -> None:
        self.find_requested.emit(self.field.text(), backward)

    def focus_field(self) -> None:
        self.field.setFocus()
        self.field.selectAll()

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.go(True)
            return
        super().keyPressEvent(event)

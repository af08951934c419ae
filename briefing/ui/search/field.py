"""The search field in the toolbar, and the keys that make it the way into the results.

Down goes into the results, Enter opens the current (or first) hit, Escape clears the
field (back to the library list) and, once empty, hands the focus to the library list.

Signals:
    down_pressed(): Down (or Page Down) in the field
    escape_pressed(): Escape in the field
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QSizePolicy, QWidget

MIN_WIDTH = 180
MAX_WIDTH = 320


class SearchField(QLineEdit):
    down_pressed = Signal()
    escape_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchField")
        self.setAccessibleName("Search library")
        self.setToolTip(
            "Search article titles and text, claims, notes and actors as you type. "
            'Words must all match; "a phrase", prefix*, OR and NOT work.'
        )
        self.setPlaceholderText("Search library")
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(MIN_WIDTH)
        self.setMaximumWidth(MAX_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._select_on_focus = False

    def take_focus(self) -> None:
        """Focus with the text selected, so that typing replaces it. From another window
        (Ctrl+K there) this window is activated later, and a selection made before the focus
        arrives may be dropped on the way: it is made again when the focus comes."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()
        self._select_on_focus = not self.hasFocus()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        if self._select_on_focus:
            self._select_on_focus = False
            self.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            self.down_pressed.emit()
            return
        if key == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)

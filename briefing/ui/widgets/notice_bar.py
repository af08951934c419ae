"""Notices across the top of a window: what the reader must know and may act on, said in
full, and staying until it no longer holds (or is dismissed).

The status bar says passing things in ten seconds and one line; some things are neither:
another copy of Briefing has the library open, the library opened read-only, an edit is
waiting for another program to finish writing, a damaged log was set aside. Each is one
notice, keyed so that saying it again replaces it instead of stacking; each has its
buttons (Retry Now, Restore from Backup…) and a close button unless it is a state that
holds (read-only).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

Button = tuple[str, Callable[[], None]]


class Notice(QFrame):
    def __init__(
        self,
        key: str,
        text: str,
        *,
        level: str,
        buttons: Sequence[Button],
        closable: bool,
        on_close: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("notice")
        self.setProperty("level", level)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(f"Notice: {text}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        self.buttons: list[QPushButton] = []
        for label, action in buttons:
            button = QPushButton(label, self)
            button.clicked.connect(action)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self.buttons.append(button)
        if closable:
            close = QToolButton(self)
            close.setText("×")
            close.setAutoRaise(True)
            close.setToolTip("Dismiss")
            close.setAccessibleName("Dismiss notice")
            close.clicked.connect(lambda: on_close(self.key))
            layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)

    def set_text(self, text: str) -> None:
        if self.label.text() != text:
            self.label.setText(text)
            self.setAccessibleName(f"Notice: {text}")


class NoticeBar(QWidget):
    """The window's notices, newest last; hidden when there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._notices: dict[str, Notice] = {}
        self.hide()

    def show_notice(
        self,
        key: str,
        text: str,
        *,
        level: str = "info",
        buttons: Sequence[Button] = (),
        closable: bool = True,
    ) -> Notice:
        """Show `text` under `key`: a notice with the same key is replaced, not repeated."""
        old = self._notices.get(key)
        if old is not None and old.property("level") == level and len(old.buttons) == len(buttons):
            old.set_text(text)
            return old
        if old is not None:
            self.remove(key)
        notice = Notice(
            key, text, level=level, buttons=buttons, closable=closable, on_close=self.remove
        )
        self._notices[key] = notice
        self._layout.addWidget(notice)
        self.show()
        return notice

    def notice(self, key: str) -> Notice | None:
        return self._notices.get(key)

    def remove(self, key: str) -> None:
        notice = self._notices.pop(key, None)
        if notice is not None:
            notice.hide()
            notice.deleteLater()
        if not self._notices:
            self.hide()

    def visible_texts(self) -> list[str]:
        return [notice.label.text() for notice in self._notices.values()]

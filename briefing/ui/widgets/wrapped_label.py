"""A word-wrapped rich-text label that paints once when it is resized.

QLabel lays out rich text for a new width lazily, in its paint, and that layout asks for
another paint: each resize of the window painted the label (and the pane around it) twice,
two frames where one would do. Asking its height for the new width as it is resized lays the
text out there, before the paint (bench/layout.py counts the frames).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class WrappedLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.heightForWidth(self.width())  # lays the text out at the new width, now

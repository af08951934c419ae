"""Parts of a one-column form made to fit a laptop's screen (the claim editor's): a text box
that asks for a few lines rather than Qt's 190 pixels, and a scroll area that asks for the
whole form it holds, scrolling only when the screen is shorter than the form."""

from __future__ import annotations

import math

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QScrollArea, QStyle, QWidget

LEAST_LINES = 16  # a scrolled form's least height in view, when its window is made shorter


class LinesBox(QPlainTextEdit):
    """A plain-text box that asks for a few lines' height, where QPlainTextEdit asks for
    some 190 pixels whatever it holds: in one column that was a third of a laptop's screen.
    With `fit`, as many lines as its text takes at its width, up to `lines` (a short quote
    is one line high, what it leaves goes to the note)."""

    def __init__(self, text: str, lines: int, parent: QWidget, *, fit: bool = False) -> None:
        super().__init__(text, parent)
        self._most = lines
        self._lines = lines
        self._fit = fit
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    def height_of(self, lines: int) -> int:
        margins = self.contentsMargins()
        return math.ceil(
            self.fontMetrics().lineSpacing() * lines
            + 2 * self.document().documentMargin()
            + 2 * self.frameWidth()
            + margins.top()
            + margins.bottom()
        )

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().sizeHint().width(), self.height_of(self._lines))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().minimumSizeHint().width(), self.height_of(min(self._lines, 2)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self._fit and event.size().width() != event.oldSize().width():
            # QPlainTextEdit's layout counts its document's height in lines, laid out
            # for the new width by the resize above.
            taken = int(self.document().documentLayout().documentSize().height())
            lines = max(1, min(taken, self._most))
            if lines != self._lines:
                self._lines = lines
                self.updateGeometry()


class FormScroll(QScrollArea):
    """The form, scrolled when the screen is shorter than it is. It asks for the whole
    form's size (QScrollArea's own hint stops at 24 lines of text), and for at least the
    form's width with room for its scroll bar, so it never scrolls sideways."""

    def __init__(self, body: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields in it
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _chrome(self) -> QSize:
        frame = 2 * self.frameWidth()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return QSize(frame + bar, frame)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.widget().sizeHint() + self._chrome()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        least = self.widget().minimumSizeHint() + self._chrome()
        return QSize(least.width(), self.fontMetrics().height() * LEAST_LINES)

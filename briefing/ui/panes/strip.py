"""A folded pane: a narrow strip at the pane's place, its name written down it, that brings
the pane back when clicked (or with Space or Enter when it has the keyboard focus).

A strip is always there while its pane is folded, so the way back is where the pane was;
its tooltip says why it folded and which key shows it too.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QStyle, QStyleOptionFocusRect, QWidget

PADDING = 6
ARROW = 18  # the height of the arrow's place at the top


class PaneStrip(QAbstractButton):
    """The strip of the pane `label`; `edge` is the side it borders the rest on, "left" or
    "right" (a line is drawn there)."""

    def __init__(self, label: str, edge: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.edge = edge
        self.setText(label)
        self.setAccessibleName(f"Show {label}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        metrics = self.fontMetrics()
        return QSize(
            metrics.height() + 2 * PADDING, metrics.horizontalAdvance(self.label) + 3 * ARROW
        )

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.sizeHint().width(), 0)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        palette = self.palette()
        hovered = self.underMouse() or self.isDown()
        role = QPalette.ColorRole.Midlight if hovered else QPalette.ColorRole.Window
        painter.fillRect(self.rect(), palette.color(role))
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        x = self.width() - 1 if self.edge == "right" else 0
        painter.drawLine(x, 0, x, self.height())
        painter.setPen(palette.color(QPalette.ColorRole.ButtonText))
        # At the top an arrow pointing where the pane will open; under it the name, reading
        # top to bottom as on a book's spine.
        painter.drawText(
            QRectF(0, 4, self.width(), ARROW),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
            "»" if self.edge == "right" else "«",
        )
        painter.save()
        painter.translate(self.width(), 0)
        painter.rotate(90)
        text = QRectF(ARROW + 10, 0, self.height() - ARROW - 10, self.width())
        painter.drawText(
            text, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), self.label
        )
        painter.restore()
        if self.hasFocus():
            option = QStyleOptionFocusRect()
            option.initFrom(self)
            option.rect = self.rect().adjusted(2, 2, -2, -2)
            self.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, self
            )
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
        painter.end()

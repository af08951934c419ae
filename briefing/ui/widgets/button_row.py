"""A row of tool buttons for a pane's actions that never cuts a label short."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget


class ButtonRow(QWidget):
    """A row of buttons under a list or beside a hint: labelled while the labels fit, icons
    only (named by their tooltips) when the pane is too narrow, never a label cut short.
    It asks for the labelled width whatever it shows, so a layout gives the labels back
    as soon as there is room; a label that changes ("Copy 2 Quotes") is measured anew."""

    def __init__(self, *actions: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QToolButton] = []
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            box.addWidget(button)
            self.buttons.append(button)
            action.changed.connect(self._on_action_changed)
        box.addStretch(1)

    def labelled_width(self) -> int:
        """The row's width with every label beside its icon."""
        total = 0
        for button in self.buttons:
            width = button.sizeHint().width()
            if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
                # What QToolButton adds for a label beside the icon.
                metrics = button.fontMetrics()
                text = metrics.size(Qt.TextFlag.TextShowMnemonic, button.text()).width()
                width += 4 + text + 2 * metrics.horizontalAdvance(" ")
            total += width
        return total + self.layout().spacing() * len(self.buttons)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.labelled_width(), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._restyle()

    def _on_action_changed(self) -> None:
        """A label changed ("Copy 2 Quotes"): ask the layout for its new width first and
        decide once it has answered (a resize, or none when there is no room). Decided at
        once, the row went to icons for the moment before the layout gave it the width."""
        self.updateGeometry()
        QTimer.singleShot(0, self, self._restyle)

    def _restyle(self) -> None:
        style = (
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            if self.width() >= self.labelled_width()
            else Qt.ToolButtonStyle.ToolButtonIconOnly
        )
        for button in self.buttons:
            if button.toolButtonStyle() != style:
                button.setToolButtonStyle(style)
        self.updateGeometry()

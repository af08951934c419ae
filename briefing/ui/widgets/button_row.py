"""A row of tool buttons for a pane's actions that never cuts a label short."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget


class ButtonRow(QWidget):
    """A row of buttons under a list: labelled while the labels fit, icons only (named by
    their tooltips) when the pane is too narrow, never a label cut short."""

    def __init__(self, *actions: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.buttons = []
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            box.addWidget(button)
            self.buttons.append(button)
        box.addStretch(1)
        self._labelled = sum(b.sizeHint().width() for b in self.buttons) + box.spacing() * len(
            self.buttons
        )

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        style = (
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            if self.width() >= self._labelled
            else Qt.ToolButtonStyle.ToolButtonIconOnly
        )
        for button in self.buttons:
            if button.toolButtonStyle() != style:
                button.setToolButtonStyle(style)

"""The status bar's import indicator: "Importing 12 of 340 files", a bar, and Cancel.

A background import must not take the window from the reader (a modal progress dialog
did), so its progress sits in the status bar. Its width is fixed when the import starts,
from the widest text it can show ("340 of 340"), so neither the label nor the Cancel button
moves as the count grows, and the status bar's messages to its left do not jump.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

BAR_WIDTH_CHARS = 12


class ImportProgress(QWidget):
    """Hidden until `start(total)`; `cancel_requested` when the reader presses Cancel."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importProgress")
        self.label = QLabel(self)
        self.label.setObjectName("importProgressLabel")
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Import progress")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel the import")
        self.cancel_button.setToolTip("Stop the import; what was imported so far is kept")
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.bar.setFixedWidth(self.fontMetrics().averageCharWidth() * BAR_WIDTH_CHARS)
        widths = []
        for text in ("Cancelling", "Cancel"):  # as wide as its longer text: it never moves
            self.cancel_button.setText(text)
            widths.append(self.cancel_button.sizeHint().width())
        self.cancel_button.setFixedWidth(max(widths))
        # As wide as its parts, no wider: the status bar would spread spare room between
        # them.
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self._total = 0
        self.hide()

    def start(self, total: int) -> None:
        """Show the indicator for an import of `total` inputs (0: not known yet)."""
        self._total = total
        widest = self._text(max(total, 1), max(total, 1))
        self.label.setFixedWidth(self.label.fontMetrics().horizontalAdvance(widest) + 4)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Cancel")
        self.bar.setRange(0, max(total, 0))
        self.bar.setValue(0)
        self.label.setText(self._text(0, total) if total else "Importing…")
        self.show()

    def update_progress(self, done: int, total: int) -> None:
        if total != self._total and total > 0:
            self.start(total)  # the folder's files were counted: size it for them
        if total <= 0:
            self.bar.setRange(0, 0)  # busy, not counted (waiting for the library)
            return
        self.bar.setRange(0, total)
        self.bar.setValue(min(done, total))
        self.label.setText(self._text(done, total))

    def finish(self) -> None:
        self.hide()
        self._total = 0

    @property
    def cancelling(self) -> bool:
        return not self.cancel_button.isEnabled() and self.isVisible()

    def _on_cancel_clicked(self) -> None:
        # Disabled, not hidden: the button keeps its place until the import has stopped.
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText("Cancelling")
        self.cancel_requested.emit()

    @staticmethod
    def _text(done: int, total: int) -> str:
        return f"Importing {done:,} of {total:,} " + ("file" if total == 1 else "files")

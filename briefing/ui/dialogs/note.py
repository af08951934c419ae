"""Writing a note on the selected text (Annotate ▸ Add Note).

A plain-text box that wraps long lines, where Tab leaves for the buttons (a note has no use
for a tab character) and Ctrl+Enter saves from inside the box, as in a mail client; Enter
makes a new line. The quoted text it is about is shown above, so the note is written with
it in sight.

Signals:
    saved(str): OK or Ctrl+Enter; the note as typed
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

QUOTE_CHARS = 160


class NoteDialog(QDialog):
    saved = Signal(str)

    def __init__(self, quote: str, parent: QWidget | None = None, text: str = "") -> None:
        super().__init__(parent)
        title = "Edit Note" if text else "Add Note"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.resize(520, 300)
        short = " ".join(quote.split())
        if len(short) > QUOTE_CHARS:
            short = short[: QUOTE_CHARS - 1].rstrip() + "…"
        about = QLabel(f"On “{short}”", self)
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.PlainText)
        self.editor = QPlainTextEdit(self)
        self.editor.setAccessibleName("Note")
        self.editor.setTabChangesFocus(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        keys = QKeySequence("Ctrl+Return").toString(QKeySequence.SequenceFormat.NativeText)
        self.editor.setPlaceholderText(f"Your note. {keys} saves it.")
        label = QLabel("&Note:", self)
        label.setBuddy(self.editor)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save Note")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(label)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.buttons)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.accept)
        self.editor.setPlainText(text)
        self.editor.moveCursor(QTextCursor.MoveOperation.End)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self._on_editor_text_changed()
        self.editor.setFocus()

    def text(self) -> str:
        return self.editor.toPlainText()

    def accept(self) -> None:
        if not self.text().strip():
            return  # Save is off while the box is empty; Ctrl+Enter likewise does nothing
        self.saved.emit(self.text())
        super().accept()

    def _on_editor_text_changed(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.text().strip()))

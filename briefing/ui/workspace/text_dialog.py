"""Writing an analyst's note (Markdown) or a sub-heading, new or edited.

A note is paragraphs, so it gets a plain-text box rather than an inline one-line editor.
When adding, a section box says where it goes. The dialog is opened, not exec'd. Tab leaves
the box, Ctrl+Enter saves from inside it (Enter is a new line).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class TextItemDialog(QDialog):
    def __init__(
        self,
        kind: str,
        text: str = "",
        *,
        sections: list[str] | None = None,
        section: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        noun = "Note" if kind == "note" else "Sub-heading"
        self.setWindowTitle(f"{'Edit' if text else 'Add'} {noun}")
        self.resize(560, 320 if kind == "note" else 160)
        self.kind = kind
        self.editor = QPlainTextEdit(self)
        self.editor.setAccessibleName(noun)
        self.editor.setPlainText(text)
        self.editor.setTabChangesFocus(True)
        if kind == "note":
            self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            self.editor.setPlaceholderText("Markdown: *emphasis*, **strong**, [links](https://…)")
        else:
            self.editor.setMaximumHeight(60)
            self.editor.setPlaceholderText("A heading within the section")
        self.section: QComboBox | None = None
        layout = QVBoxLayout(self)
        if sections is not None:
            self.section = QComboBox(self)
            self.section.setEditable(True)
            self.section.addItems([s for s in sections if s])
            self.section.setCurrentText(section or "")
            self.section.lineEdit().setPlaceholderText("A section of the briefing, or a new one")
            form = QFormLayout()
            form.addRow("&Section", self.section)
            layout.addLayout(form)
        self.gone = QLabel(self)
        self.gone.setObjectName("dialogError")
        self.gone.setWordWrap(True)
        self.gone.hide()
        self._gone_for_good = False
        layout.addWidget(self.gone)
        label = QLabel("The note, in Markdown:" if kind == "note" else "The sub-heading:", self)
        label.setBuddy(self.editor)
        layout.addWidget(label)
        layout.addWidget(self.editor, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self._on_editor_text_changed()
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._save_if_ready)

    def _save_if_ready(self) -> None:
        if self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            self.accept()

    def text(self) -> str:
        return self.editor.toPlainText()

    def show_gone(self, message: str, ok_text: str | None) -> None:
        """The note (or its briefing) was deleted elsewhere: say so and keep the text. With
        `ok_text`, OK does that instead (the window reconnects it); without, OK is disabled
        and the text stays to be copied."""
        self.gone.setText(message)
        self.gone.show()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok_text is None:
            ok.setEnabled(False)
            self._gone_for_good = True
        else:
            ok.setText(ok_text)
            ok.setMinimumWidth(ok.sizeHint().width())

    def section_name(self) -> str | None:
        if self.section is None:
            return None
        return " ".join(self.section.currentText().split()) or None

    def _on_editor_text_changed(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.text().strip()) and not self._gone_for_good)

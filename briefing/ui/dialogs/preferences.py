"""Edit ▸ Preferences: the library's own settings; for now, the user name exports sign with.

The name is the library's (`library.settings`, db/005_settings.sql), not the machine's: the
same file carried elsewhere keeps its user. Empty means the account's full name, which the
field shows as its placeholder. Saving is an op on the writer thread like every write; the
dialog closes when it has been saved and says why when it could not be.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from briefing.core import Library
from briefing.ui.ops import CoreOp, OpRunner


class PreferencesDialog(QDialog):
    def __init__(self, library: Library, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._runner = runner
        settings = library.settings
        self.user_name = QLineEdit(self)
        self.user_name.setText(settings.stored_user_name or "")
        self.user_name.setPlaceholderText(settings.user_name)
        self.user_name.setAccessibleName("Your name")
        self.user_name.setToolTip("Who signs this library's exports; empty: your account's name")
        self.user_name.setMinimumWidth(360)
        self.user_name.setMaxLength(200)
        help_text = QLabel(
            "Signs what you export from this library: the creator of W3C annotations, the "
            "author of ClaimReviews and PDFs when a briefing names none. Leave it empty to "
            "use your account's name.",
            self,
        )
        help_text.setWordWrap(True)
        help_text.setObjectName("dialogHelp")
        form = QFormLayout()
        form.addRow("Your &name:", self.user_name)
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(help_text)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.op: CoreOp[str] | None = None

    def _save(self) -> None:
        name = self.user_name.text()
        op: CoreOp[str] = CoreOp(
            self._runner, lambda library, _p: library.settings.set_user_name(name), parent=self
        )
        op.success(lambda _name: self.accept())
        op.failure(self._failed)
        self.op = op
        op.run()

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(str(exc))
        self.error.show()

"""Tag Actor: which actor the selected words name (a known one, or a new one inline)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from briefing.core import NewActor
from briefing.ui.widgets.actor_field import ActorField, ActorNames

Save = Callable[[int | NewActor], str | None]  # None: saved; else why not


class TagActorDialog(QDialog):
    def __init__(
        self, quote: str, names: ActorNames, save: Save, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tag Actor")
        self._save = save
        words = QLabel(f"“{quote}”", self)
        words.setWordWrap(True)
        words.setAccessibleName("Selected words")
        self.actor = ActorField(names, "Actor", self)
        found = names.find(quote)
        if found is not None:
            self.actor.line.setText(found[1])
        else:
            self.actor.line.setText(" ".join(quote.split()))
        self.actor.line.selectAll()
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Tag")
        form = QFormLayout()
        form.addRow("Words:", words)
        form.addRow("&Actor:", self.actor)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.accept)
        self.resize(520, self.sizeHint().height())
        self.actor.setFocus()

    def accept(self) -> None:
        value = self.actor.value()
        if value is None:
            self.error.setText("Name the actor these words refer to")
            self.error.show()
            return
        problem = self._save(value)
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        super().accept()

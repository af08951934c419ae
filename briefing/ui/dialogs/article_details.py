"""Edit Article Details: correct the title, outlet, date, URL and author after import.

Only the fields the reader changed are handed on, with what they were, so the undo step
puts back exactly those.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from briefing.core import Article, BriefingError, parse_optional
from briefing.ui.dialogs.paste_article import date_text

# None: saved; else why not. Arguments: the changed fields before and after.
Save = Callable[[dict[str, Any], dict[str, Any]], str | None]
FIELDS = (
    ("title", "&Title:", "The article's title"),
    ("outlet", "&Outlet:", "Who published it"),
    ("date", "&Date:", "2021-12-14, Dec 14 2021, or Dec 14 when the year is unknown"),
    ("url", "&URL:", "Where it was published"),
    ("author", "&Author:", "Who wrote it"),
)


class ArticleDetailsDialog(QDialog):
    def __init__(self, article: Article, save: Save, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Article Details")
        self._article = article
        self._save = save
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name, label, tip in FIELDS:
            field = QLineEdit(self)
            field.setText(self._current(name))
            field.setAccessibleName(label.replace("&", "").rstrip(":"))
            field.setToolTip(tip)
            field.setMinimumWidth(420)
            self.fields[name] = field
            form.addRow(label, field)
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.accept)

    def _current(self, name: str) -> str:
        if name == "date":
            return date_text(self._article.date)
        return getattr(self._article, name) or ""

    def changes(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(before, after) of the fields changed; InvalidInput for a date it cannot read."""
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for name, field in self.fields.items():
            text = field.text().strip()
            if text == self._current(name):
                continue
            if name == "date":
                after[name] = parse_optional(text or None)
                before[name] = self._article.date
            else:
                after[name] = text or None
                before[name] = getattr(self._article, name)
        return before, after

    def accept(self) -> None:
        try:
            before, after = self.changes()
        except BriefingError as exc:
            problem: str | None = str(exc)
        else:
            problem = self._save(before, after) if after else None
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        super().accept()

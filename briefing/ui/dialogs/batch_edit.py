"""Edit Selected Articles: set the outlet, agency or date of many articles at once, and add
tags to them (articles.edit_many, one transaction, one Undo).

As in calibre's bulk metadata edit, a field left empty leaves each article's own value;
"Clear" empties it on all of them. A date that cannot be read is said under its field, as
the reader types, and Save then changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from briefing.core import BriefingError, parse_optional

# Arguments: fields to set (None clears), tags to add. Returns None when saved, else why not.
Save = Callable[[dict[str, str | None], list[str]], str | None]
FIELDS = (
    ("outlet", "&Outlet:", "Who published them"),
    ("agency", "A&gency:", "The news agency the articles came from (AFP, Reuters, …)"),
    ("date", "&Date:", "2021-12-14, Dec 2021, 2021, 14 Dec 2021"),
)
KEEP = "Leave empty to keep each article's own"


class BatchEditDialog(QDialog):
    def __init__(self, article_ids: Sequence[int], save: Save, parent: QWidget | None = None):
        super().__init__(parent)
        count = len(article_ids)
        self.setWindowTitle("Edit Selected Articles")
        self._save = save
        self.fields: dict[str, QLineEdit] = {}
        self.clear: dict[str, QCheckBox] = {}
        intro = QLabel(
            f"Set these on the {count:,} selected article{'s' if count != 1 else ''}. "
            "Empty fields are left as each article has them.",
            self,
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        for name, label, tip in FIELDS:
            field = QLineEdit(self)
            field.setPlaceholderText(KEEP)
            field.setToolTip(tip)
            field.setAccessibleName(label.replace("&", "").rstrip(":"))
            field.setMinimumWidth(360)
            clear = QCheckBox("Clear", self)
            clear.setToolTip(f"Remove the {name} from every selected article")
            clear.setAccessibleName(f"Clear the {name}")
            clear.toggled.connect(field.setDisabled)
            row = QHBoxLayout()
            row.addWidget(field, 1)
            row.addWidget(clear)
            self.fields[name] = field
            self.clear[name] = clear
            caption = QLabel(label, self)
            caption.setBuddy(field)  # Alt+O, Alt+G, Alt+D go to the field
            form.addRow(caption, row)
            if name == "date":
                self.date_error = QLabel(self)
                self.date_error.setObjectName("dialogError")
                self.date_error.setWordWrap(True)
                self.date_error.hide()
                form.addRow("", self.date_error)
                field.textChanged.connect(self._check_date)
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText("Tags to add, separated by commas")
        self.tags.setAccessibleName("Tags to add")
        self.tags.setToolTip("Added to every selected article; tags they have stay")
        caption = QLabel("&Tags:", self)
        caption.setBuddy(self.tags)
        form.addRow(caption, self.tags)
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText("Save")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.accept)

    def values(self) -> tuple[dict[str, str | None], list[str]]:
        fields: dict[str, str | None] = {}
        for name, field in self.fields.items():
            if self.clear[name].isChecked():
                fields[name] = None
            elif field.text().strip():
                fields[name] = field.text().strip()
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        return fields, tags

    def _check_date(self) -> bool:
        """Say under the date field why it cannot be read; True when it can (or is empty)."""
        try:
            parse_optional(self.fields["date"].text() or None)
        except BriefingError as exc:
            if self.date_error.text() != str(exc) or self.date_error.isHidden():
                self.date_error.setText(str(exc))
                self.date_error.show()
                self.adjustSize()  # room for the message's lines
            return False
        if not self.date_error.isHidden():
            self.date_error.hide()
            self.adjustSize()
        return True

    def accept(self) -> None:
        if not self.clear["date"].isChecked() and not self._check_date():
            self.fields["date"].setFocus()
            self.fields["date"].selectAll()
            return
        fields, tags = self.values()
        if not fields and not tags:
            problem: str | None = "Nothing to set: fill in a field, tick Clear, or give tags"
        else:
            problem = self._save(fields, tags)
        if problem:
            self.error.setText(problem)
            self.error.show()
            self.adjustSize()
            return
        super().accept()

"""Paste Article: the text, and the title, outlet and date found in it for the reader to fix.

As the text changes, the core's own parser (`imports.preview_text`: what the import will
do) proposes a title (a headline, else the first sentence), the dateline, a date and the
agency. A field the reader has typed in is theirs: later proposals leave it alone. A date
without a year ("Dec 14") is shown as found, with a hint to add the year: never invented
silently.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from briefing.core import BriefingError, InvalidInput, PartialDate
from briefing.ui.models.article_list import format_date

if TYPE_CHECKING:
    # The importer's names, for annotations only: the app starts without the importer.
    from briefing.core import Extracted, Metadata

    Save = Callable[[str, Metadata], None]
    Propose = Callable[[str], Extracted]

PROPOSE_DELAY_MS = 250


def date_text(date: PartialDate | None) -> str:
    """A date as the reader writes it and PartialDate.parse reads back."""
    if date is None:
        return ""
    return format_date(date) if date.day or not date.month else date.iso()


class PasteArticleDialog(QDialog):
    def __init__(self, save: Save, propose: Propose, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Paste Article")
        self._save = save
        self._propose = propose
        self._touched: set[str] = set()
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("Paste the article's text here (Ctrl+V)")
        self.text.setAccessibleName("Article text")
        self.text.setToolTip("The article as you copied it; it is stored exactly as printed")
        self.title = self._field("Title", "A title: proposed from the text, yours to change")
        self.outlet = self._field("Outlet", "Who published it (the agency is proposed)")
        self.date = self._field(
            "Date", "Published date: 2021-12-14, Dec 14 2021, or Dec 14 when the year is unknown"
        )
        self.url = self._field("URL", "Where it was published, if online (optional)")
        self.found = QLabel(self)
        self.found.setObjectName("pasteFound")
        self.found.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Import")
        self.ok.setToolTip("Add the article to the library (Ctrl+Enter)")
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Outlet:", self.outlet)
        form.addRow("&Date:", self.date)
        form.addRow("&URL:", self.url)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.found)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._timer = QTimer(self, singleShot=True, interval=PROPOSE_DELAY_MS)
        self._timer.timeout.connect(self.propose)
        self.text.textChanged.connect(self._timer.start)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.accept)
        self.resize(760, 620)
        self.text.setFocus()

    def _field(self, name: str, tip: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setAccessibleName(name)
        field.setToolTip(tip)
        field.textEdited.connect(lambda _text, key=name: self._touched.add(key))
        return field

    def propose(self) -> None:
        """Fill the fields the reader has not typed in from what the text says."""
        text = self.text.toPlainText()
        if not text.strip():
            self.found.setText("")
            return
        article = self._propose(text)
        if "Title" not in self._touched:
            self.title.setText(article.title)
        if "Outlet" not in self._touched:
            self.outlet.setText(article.outlet or article.agency or "")
        if "Date" not in self._touched:
            self.date.setText(date_text(article.date))
        found = []
        if article.dateline:
            found.append(f"dateline {article.dateline}")
        if article.agency:
            found.append(f"agency {article.agency}")
        if article.date and article.date.year is None:
            found.append("a date without a year: add the year to the date if you know it")
        self.found.setText("Found " + ", ".join(found) + "." if found else "")

    def metadata(self) -> Metadata:
        """What the reader confirmed; InvalidInput for an empty title or unreadable date."""
        from briefing.core import Metadata  # the importer's module, loaded on first use

        return Metadata.from_strings(
            title=self.title.text(),
            outlet=self.outlet.text(),
            date=self.date.text().strip() or None,
            url=self.url.text(),
        )

    def accept(self) -> None:
        self._timer.stop()
        text = self.text.toPlainText()
        try:
            if not text.strip():
                raise InvalidInput("Paste the article's text first")
            if not self.title.text().strip():
                self.propose()
            metadata = self.metadata()
        except BriefingError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()
        self._save(text, metadata)

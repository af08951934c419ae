"""Above the claims table: a search box that narrows as you type, choosers for status,
speaker, grade and tag, and the count of what is shown; on one row, on two (the choosers
under the search box) when the table is docked narrow, or on three (the choosers two by
two) in a dock at a side edge, beside the reader.

The choosers offer only what the library holds (the speakers and tags of its claims), and
keep their choice by value when the claims are read again; a choice that is gone returns to
"any" rather than showing an empty table for a reason the reader cannot see.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLayout, QLineEdit, QWidget

from briefing.core import (
    CLAIM_GRADE_MEANINGS as GRADE_MEANINGS,
    NO_SPEAKER,
    STATUSES,
    UNGRADED,
    ClaimFilter,
    ClaimRow,
)

Choices = list[tuple[str, object]]
NO_MODIFIERS = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
SEARCH_HINT = "Search quotes, speakers, subjects, articles, outlets and tags"
# In a narrow (docked) table the search box keeps room to type in; the choosers give way
# first, down to a few characters of their choice (the whole of it in the open list).
SEARCH_CHARS = 24
CHOOSER_CHARS = 8
SPACING = 6


def _combo(name: str, tip: str, choices: Choices, parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    combo.setToolTip(tip)
    combo.setStatusTip(tip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(CHOOSER_CHARS)
    _fill(combo, choices)
    return combo


def _fill(combo: QComboBox, choices: Choices) -> None:
    """Replace the choices, keeping the chosen value when it is still offered."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, value in choices:
        combo.addItem(text, value)
    found = combo.findData(chosen) if chosen is not None else -1
    combo.setCurrentIndex(max(found, 0))
    combo.blockSignals(False)
    view = combo.view()
    view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth() + 24)


class ClaimFilterBar(QWidget):
    """Signals: changed() when any narrowing changed; leave_down() when Down or Return is
    pressed in the search box (the window moves to the table)."""

    changed = Signal()
    leave_down = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("claimsFilterBar")
        self.search = QLineEdit(self)
        self.search.setObjectName("claimsSearch")
        self.search.setAccessibleName("Search claims")
        self.search.setPlaceholderText(SEARCH_HINT + " (Ctrl+F)")
        self.search.setToolTip(SEARCH_HINT + ": every word must match; case and accents do not")
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.search.setMinimumWidth(SEARCH_CHARS * self.search.fontMetrics().averageCharWidth())
        self.status = _combo(
            "Status",
            "Show claims of one status",
            [("Any status", None), *((s.capitalize(), s) for s in STATUSES)],
            self,
        )
        self.speaker = _combo(
            "Speaker", "Show claims by one speaker", [("Any speaker", None)], self
        )
        grades: Choices = [(f"{g} — {m}", g) for g, m in GRADE_MEANINGS.items()]
        self.grade = _combo(
            "Grade",
            "Show claims of one credibility grade",
            [("Any grade", None), *grades, ("Ungraded", UNGRADED)],
            self,
        )
        self.tag = _combo(
            "Tag", "Show claims tagged so, or in an article tagged so", [("Any tag", None)], self
        )
        self.count = QLabel(self)
        self.count.setObjectName("claimsCount")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        # One row, or two in a narrow (docked) table: the choosers under the search box.
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(SPACING)
        # The bar says how narrow it can go (two rows); the grid does not hold it wider.
        self.grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.rows = 0
        self._arrange(1)
        for combo in self.choosers:
            combo.currentIndexChanged.connect(self.changed)
        self.search.textChanged.connect(self.changed)
        for first, second in zip([self.search, *self.choosers], self.choosers, strict=False):
            QWidget.setTabOrder(first, second)

    @property
    def choosers(self) -> list[QComboBox]:
        return [self.status, self.speaker, self.grade, self.tag]

    # One row or two ---------------------------------------------------------------------------

    def _one_row_width(self) -> int:
        widgets = [*self.choosers, self.count]
        return (
            self.search.minimumWidth()
            + sum(w.minimumSizeHint().width() for w in widgets)
            + SPACING * len(widgets)
        )

    def _two_rows_width(self) -> int:
        choosers = sum(c.minimumSizeHint().width() for c in self.choosers)
        top = self.search.minimumWidth() + SPACING + self.count.minimumSizeHint().width()
        return max(top, choosers + SPACING * (len(self.choosers) - 1))

    def _three_rows_width(self) -> int:
        """Two columns: the search box over status and grade, the count over speaker and
        tag; each as wide as the widest in it."""
        widths = [c.minimumSizeHint().width() for c in self.choosers]
        left = max(self.search.minimumWidth(), widths[0], widths[2])
        right = max(self.count.minimumSizeHint().width(), widths[1], widths[3])
        return left + SPACING + right

    @property
    def two_rows(self) -> bool:
        """Whether the choosers are below the search box (on one row or two)."""
        return self.rows >= 2

    def _arrange(self, rows: int) -> None:
        if rows == self.rows:
            return
        self.rows = rows
        grid = self.grid
        for widget in (self.search, *self.choosers, self.count):
            grid.removeWidget(widget)
        for column in range(grid.columnCount()):
            grid.setColumnStretch(column, 0)
        last = len(self.choosers)
        if rows == 3:
            grid.addWidget(self.search, 0, 0)
            grid.addWidget(self.count, 0, 1)
            for n, combo in enumerate(self.choosers):
                grid.addWidget(combo, 1 + n // 2, n % 2)
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 1)
        elif rows == 2:
            grid.addWidget(self.search, 0, 0, 1, last - 1)
            grid.addWidget(self.count, 0, last - 1, 1, 1)
            for n, combo in enumerate(self.choosers):
                grid.addWidget(combo, 1, n)
                grid.setColumnStretch(n, 1)
        else:
            grid.addWidget(self.search, 0, 0)
            grid.setColumnStretch(0, 3)
            for n, combo in enumerate(self.choosers, start=1):
                grid.addWidget(combo, 0, n)
                grid.setColumnStretch(n, 1)
            grid.addWidget(self.count, 0, last + 1)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self._three_rows_width(), self.grid.minimumSize().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self._one_row_width(), self.grid.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        width = event.size().width()
        if width >= self._one_row_width():
            self._arrange(1)
        else:
            self._arrange(2 if width >= self._two_rows_width() else 3)
        super().resizeEvent(event)

    def current(self) -> ClaimFilter:
        return ClaimFilter(
            text=self.search.text(),
            status=self.status.currentData(),
            speaker_id=self.speaker.currentData(),
            grade=self.grade.currentData(),
            tag=self.tag.currentData(),
        )

    def offer(self, rows: list[ClaimRow]) -> None:
        """The speakers and tags of these claims as choices; changed() if a choice went."""
        before = self.current()
        speakers = {row.speaker.id: row.speaker.name for row in rows if row.speaker}
        speaker_choices: Choices = [("Any speaker", None)]
        speaker_choices += sorted(((n, i) for i, n in speakers.items()), key=_name_key)
        if any(row.speaker is None for row in rows):
            speaker_choices.append(("No speaker given", NO_SPEAKER))
        _fill(self.speaker, speaker_choices)
        tags = {t.casefold(): t for row in rows for t in (*row.tags, *row.article_tags)}
        tag_choices: Choices = [("Any tag", None)]
        tag_choices += sorted(((t, t) for t in tags.values()), key=_name_key)
        _fill(self.tag, tag_choices)
        if self.current() != before:
            self.changed.emit()

    def show_count(self, shown: int, total: int) -> None:
        noun = "claim" if total == 1 else "claims"
        self.count.setText(f"{shown:,} of {total:,} {noun}")

    def clear(self) -> None:
        """Back to every claim (Escape in an empty search box)."""
        for combo in self.choosers:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.clear()
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Down or Return: on to the table. Escape: clear the search, then the choosers."""
        if watched is not self.search or not isinstance(event, QKeyEvent):
            return False
        if event.type() != QEvent.Type.KeyPress or event.modifiers() not in NO_MODIFIERS:
            return False
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.leave_down.emit()
            return True
        if event.key() == Qt.Key.Key_Escape:
            if self.search.text():
                self.search.clear()
            else:
                self.clear()
            return True
        return False


def _name_key(choice: tuple[str, object]) -> str:
    return choice[0].casefold()

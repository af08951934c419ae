"""The search's filters: actor, tag, outlet and a date range, above the results.

Actor and tag are chosen from the library's own lists (one choice, one search), so they
cannot name something unknown. Outlet and dates are typed; they apply when the reader
presses Enter, leaves the field or picks an outlet the field proposes (the library's
outlets, most used first, matched anywhere in the name), not on every key, because "202"
on the way to "2021" is not a date and "Guard" not an outlet. Dates may be partial as the
core takes them (2021, Oct 2019, 14 Dec 2021, 2021-12); a date that cannot be read is marked
at its field (a red frame, a warning sign at its end, the reason in its tooltip and
accessible description) and refused with a message naming the field: the search page then
takes its results away rather than leave them as if the date applied.

Signals:
    changed(): a filter was set or cleared
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QCompleter, QGridLayout, QLineEdit, QStyle, QWidget

from briefing.core import BriefingError, InvalidInput, Library, PartialDate
from briefing.ui.widgets.completion_popup import fit_popup

ANY_ACTOR = "Any actor"
ANY_TAG = "Any tag"


class FilterRow(QWidget):
    changed = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.actor = self._chooser(
            "Narrow search by actor",
            "Only claims by or about this actor, and articles that mention it or hold such claims",
        )
        self.tag = self._chooser(
            "Narrow search by tag",
            "Only articles and claims with this tag (or in a tagged article)",
        )
        self.outlet = self._field(
            "Outlet", "Narrow search by outlet", "Only articles from this outlet (its full name)"
        )
        self.outlets = QStringListModel(self)
        completer = QCompleter(self.outlets, self.outlet)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        self.outlet.setCompleter(completer)
        fit_popup(completer)  # the field is a few words wide; outlets' names are longer
        completer.activated.connect(self._on_outlet_chosen)
        self.outlet.installEventFilter(self)
        self.since = self._field(
            "From date",
            "Search from date",
            "Only articles dated on or after this: 2021, Oct 2019, 14 Dec 2021, 2021-12-14",
        )
        self.until = self._field(
            "To date",
            "Search until date",
            "Only articles dated on or before this: 2021, Oct 2019, 14 Dec 2021, 2021-12-14",
        )
        self._tips = {field: field.toolTip() for field in (self.since, self.until)}
        self._warnings: dict[QLineEdit, QAction] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(6)
        layout.addWidget(self.actor, 0, 0, 1, 3)
        layout.addWidget(self.tag, 0, 3, 1, 3)
        layout.addWidget(self.outlet, 1, 0, 1, 2)
        layout.addWidget(self.since, 1, 2, 1, 2)
        layout.addWidget(self.until, 1, 4, 1, 2)
        self._applied: tuple[str, str, str] = ("", "", "")
        self.actor.activated.connect(lambda _i: self.changed.emit())
        self.tag.activated.connect(lambda _i: self.changed.emit())
        for field in (self.outlet, self.since, self.until):
            field.editingFinished.connect(self._on_field_editing_finished)
            # Emptied (its clear button): the filter is off at once, as a chooser's would be.
            field.textChanged.connect(lambda text: text or self._on_field_editing_finished())
        self.refill()

    @property
    def widgets(self) -> list[QWidget]:
        """In Tab order."""
        return [self.actor, self.tag, self.outlet, self.since, self.until]

    def values(self) -> dict[str, object]:
        """The filters as the core takes them (`actor_id`, `tag`, `outlet`, `since`, `until`;
        None when not set). Raises InvalidInput naming the field for a date it cannot read."""
        since = self._checked(self.since, "From")
        until = self._checked(self.until, "To")
        return {
            "actor_id": self.actor.currentData(),
            "tag": self.tag.currentData(),
            "outlet": " ".join(self.outlet.text().split()) or None,
            "since": since,
            "until": until,
        }

    def invalid(self) -> list[QLineEdit]:
        """The fields marked as unreadable now."""
        return [field for field in (self.since, self.until) if field.property("invalid")]

    def _checked(self, field: QLineEdit, label: str) -> str | None:
        """The date in `field`, marking the field when it cannot be read (and unmarking it
        when it can); InvalidInput names the field."""
        try:
            value = _date(field.text(), label)
        except InvalidInput as exc:
            self._mark(field, str(exc))
            raise
        self._mark(field, "")
        return value

    def _mark(self, field: QLineEdit, problem: str) -> None:
        if bool(field.property("invalid")) == bool(problem) and not problem:
            return
        field.setProperty("invalid", bool(problem))
        field.setToolTip(problem or self._tips[field])
        field.setAccessibleDescription(problem)
        warning = self._warnings.pop(field, None)
        if warning is not None:
            field.removeAction(warning)
            warning.deleteLater()
        if problem:
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            warning = field.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
            warning.setToolTip(problem)
            self._warnings[field] = warning
        field.style().unpolish(field)  # the style sheet's [invalid="true"] rule
        field.style().polish(field)

    def describe(self) -> str:
        """The filters set, for a sentence: "actor China, from 2021"; "" when none."""
        parts = []
        if self.actor.currentData() is not None:
            parts.append(f"actor {self.actor.currentText()}")
        if self.tag.currentData() is not None:
            parts.append(f"tag {self.tag.currentText()}")
        for label, field in (("outlet", self.outlet), ("from", self.since), ("to", self.until)):
            if field.text().strip():
                parts.append(f"{label} {field.text().strip()}")
        return ", ".join(parts)

    def choose_actor(self, actor_id: int | None) -> bool:
        """Narrow to an actor (None: any) as choosing it would; False if unknown."""
        return self._choose(self.actor, actor_id)

    def choose_tag(self, tag: str | None) -> bool:
        return self._choose(self.tag, tag)

    def clear(self) -> None:
        """Every filter off, quietly: the caller searches again if it wants to."""
        self.actor.setCurrentIndex(0)
        self.tag.setCurrentIndex(0)
        for field in (self.outlet, self.since, self.until):
            field.clear()
        for field in (self.since, self.until):
            self._mark(field, "")
        self._applied = ("", "", "")

    def refill(self) -> None:
        """Read the actor and tag lists again, keeping the choices that still exist."""
        try:
            actors = [(a.actor.name, a.actor.id) for a in self._library.actors.list()]
            tags = [(use.name, use.name) for use in self._library.tags.list()]
        except BriefingError:
            return
        _refill(self.actor, ANY_ACTOR, actors)
        _refill(self.tag, ANY_TAG, tags)

    def refill_outlets(self) -> None:
        """Read the outlets the field proposes. Done when the reader enters the field rather
        than on every change to the library: counting them reads the whole outlet index
        (about 10 ms at 100k articles)."""
        try:
            outlets = [name for name, _count in self._library.articles.outlets()]
        except BriefingError:
            return
        if outlets != self.outlets.stringList():
            self.outlets.setStringList(outlets)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.outlet and event.type() == QEvent.Type.FocusIn:
            self.refill_outlets()
        return super().eventFilter(watched, event)

    def _choose(self, combo: QComboBox, data: object) -> bool:
        index = 0 if data is None else combo.findData(data)
        if index < 0:
            return False
        combo.setCurrentIndex(index)
        self.changed.emit()
        return True

    def _on_outlet_chosen(self, outlet: str) -> None:
        self.outlet.setText(outlet)
        self._on_field_editing_finished()

    def _on_field_editing_finished(self) -> None:
        texts = (self.outlet.text().strip(), self.since.text().strip(), self.until.text().strip())
        if texts != self._applied:
            self._applied = texts
            self.changed.emit()

    def _chooser(self, name: str, tip: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.view().setAccessibleName(f"{name}: choices")
        combo.setToolTip(tip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.setMaxVisibleItems(20)
        return combo

    def _field(self, placeholder: str, name: str, tip: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setPlaceholderText(placeholder)
        field.setAccessibleName(name)
        field.setToolTip(tip)
        field.setClearButtonEnabled(True)
        return field


def _date(text: str, label: str) -> str | None:
    text = " ".join(text.split())
    if not text:
        return None
    try:
        date = PartialDate.parse(text)
    except InvalidInput as exc:
        problem = str(exc)
        if problem.startswith("cannot read the date"):  # the forms it takes, once
            problem = "not a date" + problem[problem.index(":") :]
        raise InvalidInput(f"{label} date “{text}”: {problem}") from None
    if date.year is None:
        raise InvalidInput(f"{label} date “{text}” needs a year, e.g. 2021 or Oct 2021")
    return text


def _refill(combo: QComboBox, anything: str, items: list[tuple[str, object]]) -> None:
    """Fill with "any" and `items` (text, data), keeping the choice if it is still there.
    Signals blocked: filling is not the reader choosing."""
    chosen = combo.currentData()
    blocked = combo.blockSignals(True)
    combo.clear()
    combo.addItem(anything, None)
    for text, data in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
    combo.blockSignals(blocked)

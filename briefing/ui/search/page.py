"""The search page: what the toolbar's field finds, in place of the library list.

Typing in the field shows this page and asks the core at every key (off the GUI thread,
newest question only: see searcher.py); clearing the field or Escape brings the library
list back. Above the results, the filters and a line saying how many hits there are, or
plainly that nothing matched. The hits refresh when the library changes under them: when
articles, claims, actors or annotations changed (what search finds), not for a briefing or a
source; the actor and tag choosers when actors or tags did.

Signals:
    shown_changed(bool): show this page (True) or the library list (False) in its place
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from briefing.core import Changes, InvalidInput, Kind, SearchResults
from briefing.ui import errors
from briefing.ui.search.field import SearchField
from briefing.ui.search.filters import FilterRow
from briefing.ui.search.opening import open_hit
from briefing.ui.search.results_model import ResultsModel, group_of
from briefing.ui.search.results_view import ResultsView
from briefing.ui.search.searcher import LIMIT, Searcher, SearchRequest

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow


class SearchPage(QWidget):
    shown_changed = Signal(bool)

    def __init__(self, main_window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPage")
        self._window = main_window
        self.field = SearchField(self)  # the toolbar takes it (menus.py)
        self.filters = FilterRow(main_window.library, self)
        self.count = QLabel(self)
        self.count.setObjectName("searchCount")
        self.count.setWordWrap(True)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.model = ResultsModel(self)
        self.view = ResultsView(self.model, self)
        self.empty = QLabel(self)
        self.empty.setObjectName("searchEmpty")
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty.setContentsMargins(12, 24, 12, 12)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.filters)
        layout.addWidget(self.count)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)

        self.searcher = Searcher(main_window.runner, self)
        self.shown: SearchRequest | None = None  # the question the list answers
        self._open_when_answered = False
        self.field.textChanged.connect(self._on_field_text_changed)
        self.field.returnPressed.connect(self.open_current)
        self.field.down_pressed.connect(self._on_field_down_pressed)
        self.field.escape_pressed.connect(self._on_field_escape_pressed)
        self.filters.changed.connect(lambda: self.search())
        self.searcher.answered.connect(self._on_answered)
        self.searcher.failed.connect(lambda _request, message: self._status(message))
        self.view.open_requested.connect(self.open_row)
        self.view.add_requested.connect(self._on_add_requested)
        self.view.leave_requested.connect(self.focus_field)
        main_window.runner.library_changed.connect(self._on_library_changed)

    @property
    def active(self) -> bool:
        """A query is typed: this page is shown instead of the library list."""
        return bool(self.field.text().strip())

    def focus_field(self) -> None:
        self.field.take_focus()

    def search(self, *, again: bool = False) -> None:
        """Ask the core for the field's text with the filters set (a bad date: the status
        line says so, and the results shown stay); with `again`, even if asked already."""
        if not self.active:
            return
        try:
            values = self.filters.values()
        except InvalidInput as exc:
            self._status(str(exc))
            return
        self.searcher.ask(SearchRequest(self.field.text().strip(), **values), again=again)

    def open_current(self) -> None:
        """Enter in the field: open the current hit, else the first; once the newest
        question is answered if it is still being asked."""
        if self.searcher.busy or self.shown != self.searcher.latest:
            self._open_when_answered = True
            return
        current = self.view.currentIndex()
        self.open_row(current.row() if current.isValid() else 0)

    def open_row(self, row: int) -> bool:
        hit = self.model.hit(row)
        if hit is None or self.shown is None:
            return False
        self.view.select_row(row)
        return open_hit(self._window, hit, self.shown.query)

    # Reacting -------------------------------------------------------------------------------

    def _on_field_text_changed(self, _text: str) -> None:
        if self.active:
            if self.shown is None and not self.searcher.busy:
                self.filters.refill()  # the lists may have changed while the page was hidden
            self.shown_changed.emit(True)
            self.search()
        else:
            self.searcher.forget()
            self._open_when_answered = False
            self.shown = None
            self.model.set_hits([])
            self.shown_changed.emit(False)

    def _on_answered(self, request: SearchRequest, hits: SearchResults) -> None:
        if not self.active:
            return
        same_question = self.shown is not None and self.shown.query == request.query
        current = self.model.hit(self.view.currentIndex().row()) if same_question else None
        self.shown = request
        self.model.set_hits(hits)
        self._describe(request, hits)
        if current is not None:  # the library changed under the list: keep the reader's place
            for row, hit in enumerate(hits):
                if (hit.kind, hit.id) == (current.kind, current.id):
                    self.view.select_row(row)
                    break
        if self._open_when_answered:
            self._open_when_answered = False
            self.open_current()

    def _describe(self, request: SearchRequest, hits: SearchResults) -> None:
        filters = self.filters.describe()
        if not hits:
            text = f"No articles, claims or actors match “{request.query}”"
            self.empty.setText(text + (f" ({filters})." if filters else "."))
            self.count.setText("")
        else:
            counts: dict[str, int] = {}
            for hit in hits:
                counts[group_of(hit.kind)] = counts.get(group_of(hit.kind), 0) + 1
            total = len(hits)
            text = f"{total} result{'' if total == 1 else 's'} for “{request.query}”"
            if filters:
                text += f"  ·  {filters}"
            if hits.newest_first:
                text += f"\n{hits.note}"
            elif LIMIT in counts.values():
                text += f" (the best {LIMIT} of each kind)"
            self.count.setText(text)
        self.empty.setVisible(not hits)
        self.view.setVisible(bool(hits))

    def _on_field_down_pressed(self) -> None:
        if self.model.rowCount():
            self.view.setFocus(Qt.FocusReason.TabFocusReason)
            if not self.view.currentIndex().isValid():
                self.view.select_row(0)

    def _on_field_escape_pressed(self) -> None:
        if self.field.text():
            self.field.clear()
        else:
            self._window.library_pane.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_add_requested(self, claim_ids: list[int]) -> None:
        from briefing.ui.workspace.add_to_briefing import add_to_briefing

        add_to_briefing(self._window, claim_ids)

    def _on_library_changed(self, changes: Changes) -> None:
        if not self.active:
            return
        if changes.touches(Kind.ACTOR, Kind.TAG):
            self.filters.refill()
        if changes.touches(Kind.ARTICLE, Kind.CLAIM, Kind.ACTOR, Kind.ANNOTATION, Kind.TAG):
            self.search(again=True)

    def _status(self, message: str) -> None:
        errors.show_status(self._window, message)

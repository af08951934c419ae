"""The search page: what the toolbar's field finds, in place of the library list.

Typing in the field shows this page and asks the core at every key (off the GUI thread,
newest question only: see searcher.py); clearing the field or Escape brings the library
list back. Above the results, the filters, what to show (every kind, its best twenty each,
or one kind: all its hits, fetched as the list scrolls) and in which order (relevance, newest
first, title), and a line saying how many hits each kind has, or plainly that nothing
matched. A group cut short says so in its heading, with a "Show all N" link to that kind.

A filter that cannot be read (a date like "Octobre 2019") is marked at its field and said
under the filters, and the results go: none are left on screen as if it applied. The hits
refresh when the library changes under them: when articles, claims, actors or annotations
changed (what search finds), not for a briefing or a source; the actor and tag choosers when
actors or tags did.

Signals:
    shown_changed(bool): show this page (True) or the library list (False) in its place
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from briefing.core import Changes, InvalidInput, Kind, SearchResults, prefix_last
from briefing.ui import errors
from briefing.ui.search.field import SearchField
from briefing.ui.search.filters import FilterRow
from briefing.ui.search.opening import open_hit
from briefing.ui.search.results_model import GROUP_KINDS, ResultsModel, group_count
from briefing.ui.search.results_view import ResultsView
from briefing.ui.search.searcher import ALL_KINDS, LIMIT, PAGE, Searcher, SearchRequest

ALL = "All kinds"
# The order choices: what the reader reads, what the core takes.
SORTS = (("Relevance", "relevance"), ("Newest first", "date"), ("Title", "title"))

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow


def _prefix_hint(query: str) -> str:
    """How to find words that begin with the last one typed, when it is a bare word: search
    matches whole words, and typing "Sen" found nothing (a first-time user took it for a
    search that does not work)."""
    words = query.split()
    if not words or not words[-1].isalnum() or query.endswith((" ", "*")):
        return ""
    last = words[-1]
    if last.upper() in ("AND", "OR", "NOT"):
        return ""
    return (
        f"\nWhole words are matched: “{' '.join([*words[:-1], last + '*'])}” finds words"
        f" that begin with “{last}”."
    )


class SearchPage(QWidget):
    shown_changed = Signal(bool)

    def __init__(self, main_window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPage")
        self._window = main_window
        self.field = SearchField(self)  # the toolbar takes it (menus.py)
        self.filters = FilterRow(main_window.library, self)
        self.problem = QLabel(self)  # a filter that cannot be read, said in words
        self.problem.setObjectName("searchProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        self.scope = QComboBox(self)
        self.scope.setAccessibleName("Show in search results")
        self.scope.setToolTip("Every kind (the best of each), or every hit of one kind")
        self.scope.addItem(ALL, None)
        for group in GROUP_KINDS:
            self.scope.addItem(group, group)
        self.sort = QComboBox(self)
        self.sort.setAccessibleName("Sort search results")
        self.sort.setToolTip("Best first, newest first (by the article's date), or by title")
        for text, key in SORTS:
            self.sort.addItem(text, key)
        show_label = QLabel("&Show:", self)
        show_label.setBuddy(self.scope)
        sort_label = QLabel("S&ort:", self)
        sort_label.setBuddy(self.sort)
        choices = QHBoxLayout()
        choices.setContentsMargins(0, 0, 0, 0)
        choices.setSpacing(6)
        choices.addWidget(show_label)
        choices.addWidget(self.scope, 3)
        choices.addSpacing(6)
        choices.addWidget(sort_label)
        choices.addWidget(self.sort, 2)
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
        layout.addWidget(self.problem)
        layout.addLayout(choices)
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
        self.scope.activated.connect(lambda _i: self.search())
        self.sort.activated.connect(lambda _i: self.search())
        self.model.more_wanted.connect(self._on_more_wanted)
        self.searcher.answered.connect(self._on_answered)
        self.searcher.failed.connect(self._on_failed)
        self.view.show_all_requested.connect(self.show_all)
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
        """Ask the core for the field's text with the filters, kinds and order set; with
        `again` (the library changed), even if asked already, as many hits as are shown.

        A filter that cannot be read is marked at its field and said under the filters;
        the results go, and an answer still on its way is dropped: none are left on screen
        as if the filter applied."""
        if not self.active:
            return
        try:
            values = self.filters.values()
        except InvalidInput as exc:
            self._refuse(str(exc))
            return
        self.problem.hide()
        group = self.scope.currentData()
        request = SearchRequest(
            prefix_last(self.field.text()),  # "Sen" finds SenseTime while it is typed
            **values,
            kinds=GROUP_KINDS[group] if group else ALL_KINDS,
            sort=self.sort.currentData(),
            limit=PAGE if group else LIMIT,
        )
        if again and request.paged and self.shown is not None:
            if self.shown.question() == request.question():  # keep what was scrolled to
                request = replace(request, limit=max(PAGE, self.model.rowCount()))
        self.searcher.ask(request, again=again)

    def show_all(self, group: str) -> None:
        """Every hit of one group ("Articles", "Claims and notes", "Actors"), as the
        "Show all" link or the Show choice asks."""
        index = self.scope.findData(group)
        if index >= 0 and index != self.scope.currentIndex():
            self.scope.setCurrentIndex(index)
            self.search()

    def open_current(self) -> None:
        """Enter in the field: open the current hit, else the first; once the newest
        question is answered if it is still being asked."""
        if self.shown is None and not self.searcher.busy:
            return  # refused (a filter that cannot be read): nothing to open
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

    def _on_more_wanted(self, offset: int) -> None:
        """The list was scrolled to its end: the next page of the question shown."""
        if self.shown is not None and self.shown.paged:
            self.searcher.ask(self.shown.next_page(offset))

    def _on_answered(self, request: SearchRequest, hits: SearchResults) -> None:
        if not self.active:
            return
        if request.offset:
            if self.shown is not None and self.shown.question() == request.question():
                self.model.add_hits(hits)
                self.shown = request
            return
        same_question = self.shown is not None and self.shown.query == request.query
        current = self.model.hit(self.view.currentIndex().row()) if same_question else None
        asked_anew = self.shown is None or self.shown.question() != request.question()
        self.shown = request
        self.model.set_hits(hits, hits.counts, paged=request.paged)
        if asked_anew:  # a new question's answers start at their top (best hits, actors)
            self.view.scrollToTop()
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
        counts = hits.counts
        for index in range(1, self.scope.count()):
            group = self.scope.itemData(index)
            every = group_count(counts, group)
            text = group if every is None else f"{group} ({every:,})"
            if self.scope.itemText(index) != text:  # a combo box re-lays itself out
                self.scope.setItemText(index, text)
        if not hits:
            text = f"No articles, claims or actors match “{request.query}”"
            if request.paged and counts and any(counts.values()):
                text = f"No {self.scope.currentText().split(' (')[0].lower()} match"
                text += f" “{request.query}”; choose {ALL} under Show to see the others"
            self.empty.setText(
                text + (f" ({filters})." if filters else ".") + _prefix_hint(request.query)
            )
            self.count.setText("")
        else:
            text = f"“{request.query}”: " + _counts_text(counts, hits)
            if filters:
                text += f"  ·  {filters}"
            if hits.newest_first and request.sort == "relevance":
                text += f"\n{hits.note}"
            self.count.setText(text)
        self.empty.setVisible(not hits)
        self.view.setVisible(bool(hits))

    def _refuse(self, message: str, *, filter_: bool = True) -> None:
        """A filter cannot be read (its field is marked by the filter row), or the core
        refused the question: say so under the filters, and take the results away rather
        than leave them as if they answered it."""
        self.searcher.forget()
        self._open_when_answered = False
        self.shown = None
        self.model.set_hits([])
        for index in range(1, self.scope.count()):  # no counts: they were of another question
            self.scope.setItemText(index, self.scope.itemData(index))
        message = message.rstrip(".")
        if filter_:
            self.problem.setText(f"{message}. Nothing is searched until it is corrected.")
            self.empty.setText("No results: a filter above cannot be read.")
        else:
            self.problem.setText(f"{message[:1].upper()}{message[1:]}.")
            self.empty.setText("No results: the search was refused (see above).")
        self.problem.show()
        self.count.setText("")
        self.empty.show()
        self.view.hide()

    def _on_failed(self, request: SearchRequest, message: str) -> None:
        if request.offset:  # a further page: the hits shown stay, the status line says why
            self.model.add_hits([])
            self._status(message)
            return
        self._refuse(message, filter_=False)

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

        add_to_briefing(self._window, claim_ids, self._window.undo)

    def _on_library_changed(self, changes: Changes) -> None:
        if not self.active:
            return
        if changes.touches(Kind.ACTOR, Kind.TAG):
            self.filters.refill()
        if changes.touches(Kind.ARTICLE, Kind.CLAIM, Kind.ACTOR, Kind.ANNOTATION, Kind.TAG):
            self.search(again=True)

    def _status(self, message: str) -> None:
        errors.show_status(self._window, message)


def _counts_text(counts: dict[str, int] | None, hits: SearchResults) -> str:
    """ "1,322 articles, 12 claims and notes, 1 actor"; from the hits shown when not counted."""
    if counts is None:
        return f"{len(hits):,} result{'' if len(hits) == 1 else 's'}"
    parts = []
    for group, (one, many) in (
        ("Articles", ("article", "articles")),
        ("Claims and notes", ("claim or note", "claims and notes")),
        ("Actors", ("actor", "actors")),
    ):
        every = group_count(counts, group) or 0
        if every:
            parts.append(f"{every:,} {one if every == 1 else many}")
    return ", ".join(parts) or "nothing"

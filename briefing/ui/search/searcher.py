"""Search as you type without stalling the window: the core's search on the reader thread,
with only the newest query worth running.

A fast typist asks a question per key. Each is a `QueryOp` on the reader thread, so the
window never waits for SQLite; and while one runs, a later key interrupts it
(`Library.interrupt()`: it ends within milliseconds, raising Cancelled, which is silent) and
waits in its place (at most one running, one waiting), so the thread never works through a
backlog of questions nobody still asks: `s*` at 100k articles no longer holds up the
`sanctions` typed after it. An answer to anything but the newest question is dropped on
arrival, so the list never shows results older than the text in the field.

Signals:
    answered(object, object): the request (`SearchRequest`) and its hits (SearchResults)
    failed(object, str): the request and what to tell the reader (a filter the core refused)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal

from briefing.core import BriefingError, Library, Progress, SearchResults
from briefing.ui.ops import OpRunner, QueryOp

LIMIT = 20  # of each kind: actors, claims and notes, articles
PAGE = 50  # hits fetched at a time when one kind is shown
ALL_KINDS: tuple[str, ...] = ("actor", "claim", "note", "article")


@dataclass(frozen=True)
class SearchRequest:
    """One question: the words typed, the filters set, the kinds shown and their order, as
    the core takes them; and which page of it (`offset`: the hits already shown; the first
    page is also counted)."""

    query: str
    actor_id: int | None = None
    tag: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    kinds: tuple[str, ...] = ALL_KINDS
    sort: str = "relevance"
    offset: int = 0
    limit: int = LIMIT

    def has_filters(self) -> bool:
        values = (self.actor_id, self.tag, self.outlet, self.since, self.until)
        return any(v is not None for v in values)

    @property
    def paged(self) -> bool:
        """One kind (or claims and notes together) shown, a page at a time."""
        return self.kinds != ALL_KINDS

    def question(self) -> SearchRequest:
        """The same question from its first page: what the pages of one answer share."""
        return replace(self, offset=0, limit=PAGE if self.paged else LIMIT)

    def next_page(self, offset: int) -> SearchRequest:
        return replace(self.question(), offset=offset)

    def run(self, library: Library, _progress: Progress | None = None) -> SearchResults:
        return library.search.run(
            self.query,
            actor=self.actor_id,
            tag=self.tag,
            outlet=self.outlet,
            since=self.since,
            until=self.until,
            limit=self.limit,
            kinds=self.kinds,
            sort=self.sort,
            offset=self.offset,
            count=not self.offset,
        )


class Searcher(QObject):
    answered = Signal(object, object)
    failed = Signal(object, str)

    def __init__(self, runner: OpRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._latest: SearchRequest | None = None  # the question the reader is asking now
        self._waiting: SearchRequest | None = None
        self._running = False
        self.asked_at = 0.0  # perf_counter() of the newest question, for the bench

    @property
    def latest(self) -> SearchRequest | None:
        return self._latest

    @property
    def busy(self) -> bool:
        return self._running or self._waiting is not None

    def ask(self, request: SearchRequest, *, again: bool = False) -> None:
        """Search for `request`; whatever was asked before it no longer matters. The question
        being asked already (a typed space) is not asked twice, unless `again` (the library
        changed under it)."""
        if request == self._latest and not again:
            return
        self._latest = request
        self.asked_at = time.perf_counter()
        if self._running:
            self._waiting = request
            self._runner.library.interrupt()
        else:
            self._start(request)

    def forget(self) -> None:
        """Nothing is being asked any more (the field was cleared): drop what comes back."""
        self._latest = None
        self._waiting = None

    def _start(self, request: SearchRequest) -> None:
        self._running = True
        op = QueryOp(self._runner, request.run)
        op.success(lambda hits: self._on_done(request, hits))
        op.failure(lambda exc: self._on_failed(request, exc))
        op.failed.connect(lambda _exc: self._next())  # after failure handling, even a bug's
        op.run()

    def _on_done(self, request: SearchRequest, hits: SearchResults) -> None:
        self._running = False  # before the answer is out: its receivers see the searcher idle
        if request == self._latest:
            self.answered.emit(request, hits)
        self._start_waiting()

    def _on_failed(self, request: SearchRequest, exc: BaseException) -> None:
        if request == self._latest and isinstance(exc, BriefingError):
            self.failed.emit(request, str(exc))

    def _next(self) -> None:
        self._running = False
        self._start_waiting()

    def _start_waiting(self) -> None:
        if self._waiting is not None and not self._running:
            waiting, self._waiting = self._waiting, None
            self._start(waiting)

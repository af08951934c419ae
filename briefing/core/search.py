"""Searching the library: FTS5 with BM25 ranking, snippets and filters.

Ranking is BM25 with the title weighing ten times the text, done in two steps: the best ids
from the index alone, then titles and snippets for just those rows, so nothing is built for
matches nobody will see. Whatever the reader types is answered: a query
FTS5 cannot parse is run again as literal words (see fts_query).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core import fts_query
from briefing.core.dates import PartialDate, parse_stored
from briefing.core.errors import InvalidInput

if TYPE_CHECKING:
    from briefing.core.library import Library

HIT_START = "\ue000"  # private-use characters: they never occur in article text
HIT_END = "\ue001"
DEFAULT_LIMIT = 20
SNIPPET_TOKENS = 24
TITLE_WEIGHT = 10.0  # a hit in the title counts ten times a hit in the text
# BM25 must score every match before it knows the best twenty, and a word like "said"
# matches nearly every article: at 100k articles that alone takes 100 ms. A word that
# common says little about relevance, so when more than RANK_WINDOW articles match an
# unfiltered query, only the newest RANK_WINDOW of them (by import order) are ranked.
# Rarer queries, where ranking matters, are ranked over every match. See bench/search.py.
RANK_WINDOW = 20_000


@dataclass(frozen=True)
class SearchHit:
    """One result. `snippet` marks matched terms with HIT_START/HIT_END; use
    `snippet_parts()` or `marked_snippet()` rather than those characters directly."""

    kind: str  # "article" (claims and actors join in a later version)
    id: int
    article_id: int
    title: str
    outlet: str | None
    date: PartialDate | None
    snippet: str
    score: float  # higher is better

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_match) pieces, for drawing highlights."""
        parts: list[tuple[str, bool]] = []
        for i, piece in enumerate(self.snippet.split(HIT_START)):
            if i == 0:
                if piece:
                    parts.append((piece, False))
                continue
            hit, _, rest = piece.partition(HIT_END)
            if hit:
                parts.append((hit, True))
            if rest:
                parts.append((rest, False))
        return parts

    def marked_snippet(self, start: str = "**", end: str = "**") -> str:
        return self.snippet.replace(HIT_START, start).replace(HIT_END, end)

    def match_spans(self, start: str = "**", end: str = "**") -> list[tuple[int, int]]:
        """Where the matches sit in `marked_snippet(start, end)`, as (start, end) offsets."""
        spans, offset = [], 0
        for text, is_match in self.snippet_parts():
            if is_match:
                offset += len(start)
                spans.append((offset, offset + len(text)))
                offset += len(text) + len(end)
            else:
                offset += len(text)
        return spans


class SearchService:
    def __init__(self, library: Library) -> None:
        self._library = library

    def run(
        self,
        query: str,
        *,
        outlet: str | None = None,
        since: str | PartialDate | None = None,
        until: str | PartialDate | None = None,
        limit: int = DEFAULT_LIMIT,
    ) -> list[SearchHit]:
        """Articles matching `query`, best first. Never raises on the query's syntax."""
        if limit < 1:
            raise InvalidInput("the limit must be at least 1")
        filters, params = _filters(outlet, since, until)
        translated = fts_query.translate(query)
        if not translated:
            return []
        try:
            return self._articles(translated, filters, params, limit)
        except sqlite3.OperationalError as exc:
            if not _is_syntax_error(exc):
                raise
        fallback = fts_query.literal(query)
        return self._articles(fallback, filters, params, limit) if fallback else []

    def _articles(
        self, match: str, filters: str, params: list[object], limit: int
    ) -> list[SearchHit]:
        conn = self._library.connection()
        top = self._top(conn, match, filters, params, limit)
        if not top:
            return []
        # Snippets only for the rows shown: built per row, they cost more than ranking.
        marks = ",".join("?" * len(top))
        rows = conn.execute(
            f"""SELECT a.id, a.title, a.outlet, a.date,
                       snippet(articles_fts, 1, ?, ?, '…', {SNIPPET_TOKENS})
                FROM articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid
                WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({marks})""",
            [HIT_START, HIT_END, match, *(id_ for id_, _ in top)],
        )
        found = {row[0]: row for row in rows}
        return [
            SearchHit("article", id_, id_, title, outlet, parse_stored(date), snippet, -score)
            for id_, score in top
            if id_ in found
            for _, title, outlet, date, snippet in [found[id_]]
        ]

    def _top(
        self, conn: sqlite3.Connection, match: str, filters: str, params: list[object], limit: int
    ) -> list[tuple[int, float]]:
        """The best `limit` article ids with their BM25 scores (lower is better)."""
        score = f"bm25(articles_fts, {TITLE_WEIGHT}, 1.0)"
        if filters:
            # CROSS JOIN keeps the index as the outer loop: the planner otherwise walks
            # articles first and asks FTS5 about each.
            sql = f"""SELECT articles_fts.rowid, {score} FROM articles_fts
                      CROSS JOIN articles a ON a.id = articles_fts.rowid
                      WHERE articles_fts MATCH ? {filters} ORDER BY 2 LIMIT ?"""
            return conn.execute(sql, [match, *params, limit]).fetchall()
        window, window_params = "", []
        oldest = conn.execute(
            """SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?
               ORDER BY rowid DESC LIMIT 1 OFFSET ?""",
            [match, RANK_WINDOW - 1],
        ).fetchone()
        if oldest is not None:
            window, window_params = "AND rowid >= ?", [oldest[0]]
        sql = f"""SELECT rowid, {score} FROM articles_fts
                  WHERE articles_fts MATCH ? {window} ORDER BY 2 LIMIT ?"""
        return conn.execute(sql, [match, *window_params, limit]).fetchall()


def _filters(
    outlet: str | None, since: str | PartialDate | None, until: str | PartialDate | None
) -> tuple[str, list[object]]:
    clauses, params = [], []
    if outlet:
        clauses.append("a.outlet = ? COLLATE NOCASE")
        params.append(outlet)
    if since:
        first = _asparse_stored(since, "--since").first_day()
        if first is None:
            raise InvalidInput("--since needs a year (e.g. 2021-12-01)")
        # A partial date matches when any day it can mean is in range.
        clauses.append("a.date_end >= ?")
        params.append(first)
    if until:
        last = _asparse_stored(until, "--until").last_day()
        if last is None:
            raise InvalidInput("--until needs a year (e.g. 2021-12-31)")
        clauses.append("a.date_start <= ?")
        params.append(last)
    return "".join(f" AND {c}" for c in clauses), params


def _asparse_stored(value: str | PartialDate, option: str) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    try:
        return PartialDate.parse(value)
    except InvalidInput as exc:
        raise InvalidInput(f"{option}: {exc}") from None


def _is_syntax_error(exc: sqlite3.OperationalError) -> bool:
    message = str(exc)
    return message.startswith("fts5:") or "syntax error" in message or "unterminated" in message

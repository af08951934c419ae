"""Searching the library: FTS5 with BM25 ranking, snippets and filters.

Ranking is BM25 with the title weighing ten times the text, done in two steps: the best ids
from the index alone, then titles and snippets for just those rows, so nothing is built for
matches nobody will see. The outlet filter is part of the index query (the outlet is a token
in the index: search_filters), and the date, actor and tag filters read small indexes, so a
filter never reads the article rows of the matches it rejects. Claims and notes (their
quotes and notes) and actors (their names and aliases) are searched too, from their own
indexes; hits say what they hit. Whatever the reader types is answered: a query FTS5 cannot
parse is run again as literal words (see fts_query).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from briefing.core.dates import PartialDate, parse_stored
from briefing.core.errors import InvalidInput
from briefing.core.search import query as fts_query
from briefing.core.search.annotation_hits import actor_hits, annotation_hits
from briefing.core.search.filters import Filters
from briefing.core.search.hit import HIT_END, HIT_START, SearchHit
from briefing.core.search.terms import term_spans
from briefing.core.text_input import check_text

if TYPE_CHECKING:
    from briefing.core.library import Library

__all__ = ["HIT_END", "HIT_START", "SearchHit", "SearchService"]

DEFAULT_LIMIT = 20
SNIPPET_TOKENS = 24
TITLE_WEIGHT = 10.0  # a hit in the title counts ten times a hit in the text
# bm25 over articles_fts(title, text, outlet_key): the outlet's key never adds to a score.
SCORE = f"bm25(articles_fts, {TITLE_WEIGHT}, 1.0, 0.0)"
# BM25 must score every match before it knows the best twenty, and a word like "said"
# matches nearly every article: at 100k articles that alone takes 60 ms. A word that
# common says little about relevance, so when more than RANK_WINDOW articles match (after
# the filters), only the newest RANK_WINDOW of them (by import order) are ranked. Rarer
# queries, where ranking matters, are ranked over every match. See bench/search.py.
RANK_WINDOW = 20_000
FILTER_INDEX = "articles_search_dates"  # (id, date_start, date_end): db/003_search_filters.sql
KINDS = ("actor", "claim", "note", "article")


class SearchService:
    def __init__(self, library: Library) -> None:
        self._library = library

    def term_spans(self, article_id: int, query: str) -> list[tuple[int, int]]:
        """Where the words `query` matched are in one article's text, as (start, end), for
        the reader to mark them; [] when it matched nothing there."""
        return term_spans(self._library, article_id, _searchable(query))

    def run(
        self,
        query: str,
        *,
        outlet: str | None = None,
        since: str | PartialDate | None = None,
        until: str | PartialDate | None = None,
        actor: str | int | None = None,
        tag: str | None = None,
        limit: int = DEFAULT_LIMIT,
        kinds: tuple[str, ...] = KINDS,
    ) -> list[SearchHit]:
        """What matches `query`: actors first, then claims and notes, then articles, each kind
        best first and at most `limit` of each. Never raises on the query's syntax.

        Filters narrow articles and claims alike; actors are left out when any is given.
        """
        if limit < 1:
            raise InvalidInput("the limit must be at least 1")
        check_text(query, "the search text")
        query = _searchable(query)
        for value, what in ((outlet, "the outlet"), (tag, "the tag")):
            if value is not None:
                check_text(value, what)
        unknown = set(kinds) - set(KINDS)
        if unknown:
            raise InvalidInput(
                f"cannot search {', '.join(sorted(unknown))}: use {', '.join(KINDS)}"
            )
        actor_id = self._library.actors.resolve(actor).id if actor is not None else None
        filters = Filters.build(outlet=outlet, since=since, until=until, actor_id=actor_id, tag=tag)
        translated = fts_query.translate(query)
        if not translated:
            return []
        try:
            return self._everything(translated, filters, limit, kinds)
        except sqlite3.OperationalError as exc:
            if not fts_query.is_syntax_error(exc):
                raise
        fallback = fts_query.literal(query)
        return self._everything(fallback, filters, limit, kinds) if fallback else []

    def _everything(
        self, match: str, filters: Filters, limit: int, kinds: tuple[str, ...]
    ) -> list[SearchHit]:
        conn = self._library.connection()
        hits: list[SearchHit] = []
        if "actor" in kinds and not filters:
            hits += actor_hits(conn, match, limit)
        if "claim" in kinds or "note" in kinds:
            wanted = tuple(k for k in ("claim", "note") if k in kinds)
            hits += annotation_hits(conn, match, filters, limit, wanted)
        if "article" in kinds:
            hits += self._articles(conn, match, filters, limit)
        return hits

    def _articles(
        self, conn: sqlite3.Connection, match: str, filters: Filters, limit: int
    ) -> list[SearchHit]:
        top = self._top(conn, match, filters, limit)
        if not top:
            return []
        # Snippets only for the rows shown: built per row, they cost more than ranking.
        marks = ",".join("?" * len(top))
        rows = conn.execute(
            f"""SELECT a.id, a.title, a.outlet, a.date,
                       snippet(articles_fts, 1, ?, ?, '…', {SNIPPET_TOKENS}), a.uid
                FROM articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid
                WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({marks})""",
            [HIT_START, HIT_END, match, *(id_ for id_, _ in top)],
        )
        found = {row[0]: row for row in rows}
        return [
            SearchHit(
                "article", id_, id_, title, outlet, parse_stored(date), snippet, -score, None, uid
            )
            for id_, score in top
            if id_ in found
            for _, title, outlet, date, snippet, uid in [found[id_]]
        ]

    def _top(
        self, conn: sqlite3.Connection, match: str, filters: Filters, limit: int
    ) -> list[tuple[int, float]]:
        """The best `limit` article ids with their BM25 scores (lower is better), among the
        newest RANK_WINDOW matches that pass the filters; equal scores, newest first."""
        clauses, params = filters.beyond_index().article_sql()
        join = ""
        if clauses:
            # The index as the outer loop (CROSS JOIN), each match tested against the small
            # covering index of db/003 rather than its article's row.
            join = f" CROSS JOIN articles a INDEXED BY {FILTER_INDEX} ON a.id = articles_fts.rowid"
        # FTS5 hands the matches over newest first without sorting, so the window costs
        # nothing to find; bm25 is computed for the rows inside it only.
        sql = f"""SELECT id, score FROM (
                      SELECT articles_fts.rowid AS id, {SCORE} AS score FROM articles_fts{join}
                      WHERE articles_fts MATCH :match {clauses}
                      ORDER BY articles_fts.rowid DESC LIMIT :window)
                  ORDER BY score, id DESC LIMIT :limit"""
        params.update(match=filters.index_match(match), window=RANK_WINDOW, limit=limit)
        return conn.execute(sql, params).fetchall()


def _searchable(query: str) -> str:
    """FTS5 reads its query as a C string: a NUL inside it ends the query there (a phrase
    opened before it is "unterminated"). No text holds one to be found, so it is a space."""
    return query.replace("\x00", " ")

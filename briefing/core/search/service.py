"""Searching the library: FTS5 with BM25 ranking, snippets and filters.

Ranking is BM25 with the title weighing ten times the text, over every match; the snippets,
titles and dates are built for the best `limit` rows only (see `_snippets`). The outlet filter
tests each match's id against the outlet's ids, read once from the outlet's b-tree
(filters.py), and the date, actor and tag filters read small indexes, so a filter never reads
the article rows of the matches it rejects. Claims and notes (their quotes and notes)
and actors (their names and aliases) are searched too, from their own indexes; hits say what
they hit. Whatever the reader types is answered: a query FTS5 cannot parse is run again as
literal words (see fts_query).

A query that matches most of the library (`s*`, `said`) is not ranked: BM25 must score every
match before it knows the best twenty (at 100k articles `t*` takes 0.2 s), and a word in
more than half of the articles weighs nothing in BM25 anyway (FTS5 clamps its idf to a
millionth), so the order would say little. Such a query shows the newest matches first
(FTS5 hands them over newest first, so the first twenty cost nothing) and its results say
so (`SearchResults.newest_first`, `.note`). What is "most": more than half of the articles
and more than RANK_ALWAYS of them (fewer are ranked in a few milliseconds, whatever their
share), after the filters. Counting the matches in the index up to that bound is the price
of knowing: a few ms at 100k.

`Library.interrupt()` stops a search from any thread (a newer question was asked): it raises
Cancelled.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core.dates import PartialDate, parse_stored
from briefing.core.errors import InvalidInput
from briefing.core.search import query as fts_query
from briefing.core.search.annotation_hits import (
    actor_hits,
    annotation_hits,
    count_actor_hits,
    count_annotation_hits,
)
from briefing.core.search.filters import Filters
from briefing.core.search.hit import HIT_END, HIT_START, SearchHit
from briefing.core.search.terms import term_spans
from briefing.core.text_input import check_text

if TYPE_CHECKING:
    from briefing.core.interrupts import Read
    from briefing.core.library import Library

__all__ = ["HIT_END", "HIT_START", "SearchHit", "SearchResults", "SearchService"]

DEFAULT_LIMIT = 20
SNIPPET_TOKENS = 24
TITLE_WEIGHT = 10.0  # a hit in the title counts ten times a hit in the text
# bm25 over articles_fts(title, text) (db/009_outlet_beside_the_index.sql).
SCORE = f"bm25(articles_fts, {TITLE_WEIGHT}, 1.0)"
RANK_ALWAYS = 10_000  # this many matches are always ranked (about 10 ms at 100k articles)
MAX_TERMS = 64  # words in one query, in phrases too (a phrase of 10,000 took 30 s); more: refused
FILTER_INDEX = "articles_search_dates"  # (id, date_start, date_end): db/003_search_filters.sql
KINDS = ("actor", "claim", "note", "article")
# How hits can be ordered: best first; newest first (by the article's date, undated last);
# by title (an actor's name), A to Z.
SORTS = ("relevance", "date", "title")
# Sorted by date or title, a query with more matches than this walks the articles' index in
# that order and keeps the matches (about 20-80 ms at 100k, the same for every page);
# fewer are read through the search index and sorted (a few ms).
SORT_BY_INDEX_FROM = 2_000
# A prefix longer than the prefix index's three letters (db/007), bare or quoted.
_LONG_PREFIX = re.compile(r'(\w{4,}|"[^"]{4,}")\*')


class SearchResults(list[SearchHit]):
    """The hits of one search, as a list (actors, then claims and notes, then articles, each
    kind best first), and how the articles among them were chosen.

    `newest_first`: the query matches most of the library, so its articles are the newest
    matches rather than the best (see the module's docstring); `note` says so in words a
    reader can act on, and is "" otherwise.

    `counts`: how many hits each kind has in all ("actor", "claim", "note", "article"), every
    kind whichever were asked for, when the search was asked to count them (`count=True`);
    else None.
    """

    def __init__(
        self,
        hits: Iterable[SearchHit] = (),
        *,
        query: str = "",
        newest_first: bool = False,
        library_articles: int = 0,
        counts: dict[str, int] | None = None,
    ) -> None:
        super().__init__(hits)
        self.query = query
        self.newest_first = newest_first
        self.library_articles = library_articles
        self.counts = counts

    @property
    def note(self) -> str:
        if not self.newest_first:
            return ""
        return (
            f"“{self.query}” matches more than half of the {self.library_articles:,} articles, "
            "too many to rank by relevance: the newest come first. Add a word to rank them."
        )


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
        sort: str = "relevance",
        offset: int = 0,
        count: bool = False,
    ) -> SearchResults:
        """What matches `query`: actors first, then claims and notes, then articles, each kind
        best first (or in the order `sort` names: see SORTS) and at most `limit` of each,
        after the first `offset` of each (the next page). With `count`, the results also say
        how many hits each kind has in all (`.counts`). Never raises on the query's syntax;
        a query of more than MAX_TERMS words is refused (InvalidInput). Raises Cancelled when
        `library.interrupt()` stops it.

        Filters narrow articles and claims alike; actors are left out when any is given.
        """
        if limit < 1:
            raise InvalidInput("the limit must be at least 1")
        if offset < 0:
            raise InvalidInput("the offset cannot be negative")
        if sort not in SORTS:
            raise InvalidInput(f"cannot sort by {sort!r}: use {', '.join(SORTS)}")
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
            return SearchResults(query=query, counts=dict.fromkeys(KINDS, 0) if count else None)
        terms = fts_query.count_terms(translated)
        if terms > MAX_TERMS:
            raise InvalidInput(
                f"a search can hold at most {MAX_TERMS} words; this one has {terms:,}"
            )
        page = _Page(limit, offset, sort)
        with self._library.interruptible() as read:
            try:
                return self._everything(read, query, translated, filters, page, kinds, count)
            except sqlite3.OperationalError as exc:
                if not fts_query.is_syntax_error(exc):
                    raise
            fallback = fts_query.literal(query)
            if not fallback:
                return SearchResults(query=query, counts=dict.fromkeys(KINDS, 0) if count else None)
            return self._everything(read, query, fallback, filters, page, kinds, count)

    def _everything(
        self,
        read: Read,
        query: str,
        match: str,
        filters: Filters,
        page: _Page,
        kinds: tuple[str, ...],
        count: bool,
    ) -> SearchResults:
        conn = read.conn
        articles_n, annotations_n, actors_n = indexed_rows(
            conn, ("articles_fts", "annotations_fts", "actors_fts")
        )
        counts: dict[str, int] | None = None
        hits: list[SearchHit] = []
        if "actor" in kinds and not filters and actors_n:
            read.check()
            hits += actor_hits(conn, match, page.limit, page.offset, page.sort)
        if ("claim" in kinds or "note" in kinds) and annotations_n:
            wanted = tuple(k for k in ("claim", "note") if k in kinds)
            read.check()
            hits += annotation_hits(
                conn, match, filters, page.limit, wanted, page.offset, page.sort
            )
        if count:
            # Every kind, whichever are shown: a reader looking at one sees what the others hold.
            counts = dict.fromkeys(KINDS, 0)
            if not filters and actors_n:
                read.check()
                counts["actor"] = count_actor_hits(conn, match)
            if annotations_n:
                read.check()
                counts.update(count_annotation_hits(conn, match, filters, ("claim", "note")))
            if articles_n:
                read.check()
                counts["article"] = self._count_articles(conn, match, filters)
        if "article" not in kinds:
            return SearchResults(hits, query=query, counts=counts)
        if page.sort == "relevance":
            articles = self._articles(read, match, filters, page, articles_n)
        else:
            articles = self._articles_sorted(read, match, filters, page, articles_n)
        return SearchResults(
            hits + articles.hits,
            query=query,
            newest_first=articles.newest_first,
            library_articles=articles.total,
            counts=counts,
        )

    def _count_articles(self, conn: sqlite3.Connection, match: str, filters: Filters) -> int:
        """How many articles match with the filters: the index alone counts without the
        date, actor or tag filters (5-15 ms for a word in most of 100k articles; the outlet's
        ids are a list in memory); with them, each match is tested against the small covering
        index of db/003."""
        narrow, params = filters.outlet_sql("articles_fts.rowid")
        clauses, more = filters.beyond_outlet().article_sql()
        join = ""
        if clauses:
            join = f" CROSS JOIN articles a INDEXED BY {FILTER_INDEX} ON a.id = articles_fts.rowid"
        (n,) = conn.execute(
            f"""SELECT count(*) FROM articles_fts{join}
                WHERE articles_fts MATCH :match {narrow} {clauses}""",
            {**params, **more, "match": match},
        ).fetchone()
        return int(n)

    def _articles_sorted(
        self, read: Read, match: str, filters: Filters, page: _Page, total: int
    ) -> _Articles:
        """A page of the matching articles newest first (by their date; undated last) or by
        title. Few matches are read through the search index and sorted; many are found by
        walking the articles' own index in that order, keeping the matches, so a page costs
        the same wherever it starts and never sorts 100k rows."""
        conn = read.conn
        if not total:
            return _Articles([], total)
        narrow, narrowed = filters.outlet_sql("articles_fts.rowid")
        clauses, params = filters.beyond_outlet().article_sql()
        params.update(narrowed, match=match, limit=page.limit, offset=page.offset)
        read.check()
        (many,) = conn.execute(
            f"""SELECT count(*) FROM (SELECT 1 FROM articles_fts
               WHERE articles_fts MATCH :match {narrow} LIMIT :most)""",
            {**narrowed, "match": match, "most": SORT_BY_INDEX_FROM + 1},
        ).fetchone()
        if page.sort == "date":
            order, index = "a.date_start DESC, a.date DESC, a.id DESC", "articles_date_order"
        else:
            order, index = "a.title COLLATE NOCASE, a.id", "articles_title"
        read.check()
        if many > SORT_BY_INDEX_FROM:
            sql = f"""SELECT a.id FROM articles a INDEXED BY {index}
                      WHERE a.id IN (SELECT rowid FROM articles_fts
                                     WHERE articles_fts MATCH :match {narrow})
                      {clauses} ORDER BY {order} LIMIT :limit OFFSET :offset"""
        else:
            sql = f"""SELECT a.id FROM articles_fts CROSS JOIN articles a
                      ON a.id = articles_fts.rowid
                      WHERE articles_fts MATCH :match {narrow} {clauses}
                      ORDER BY {order} LIMIT :limit OFFSET :offset"""
        ids = [row[0] for row in conn.execute(sql, params)]
        read.check()
        snippets = _snippets(conn, match, ids)
        read.check()
        marks = ",".join("?" * len(ids))
        found = {
            row[0]: row
            for row in conn.execute(
                f"SELECT id, title, outlet, date, uid FROM articles WHERE id IN ({marks})", ids
            )
        }
        hits = [
            SearchHit(
                "article",
                id_,
                id_,
                title,
                outlet,
                parse_stored(date),
                snippets.get(id_, ""),
                0.0,
                None,
                uid,
            )
            for id_ in ids
            if id_ in found
            for _, title, outlet, date, uid in [found[id_]]
        ]
        return _Articles(hits, total)

    def _articles(
        self, read: Read, match: str, filters: Filters, page: _Page, total: int
    ) -> _Articles:
        conn = read.conn
        if not total:
            return _Articles([], total)
        narrow, narrowed = filters.outlet_sql("articles_fts.rowid")
        clauses, params = filters.beyond_outlet().article_sql()
        join = ""
        if clauses:
            # The index as the outer loop (CROSS JOIN), each match tested against the small
            # covering index of db/003 rather than its article's row.
            join = f" CROSS JOIN articles a INDEXED BY {FILTER_INDEX} ON a.id = articles_fts.rowid"
        limit, offset = page.limit, page.offset
        params.update(narrowed, match=match, limit=limit, offset=offset)
        most = max(total // 2, RANK_ALWAYS) + 1
        # Whether the query can match most of the library: not if the outlet or the dates
        # alone leave fewer articles; else the index (narrowed to the outlet) says, since what
        # it cannot match it cannot match after the other filters either.
        read.check()
        ranked = _fewer_in_range(conn, filters, most)
        matches = most
        if not ranked:
            read.check()
            (matches,) = conn.execute(
                f"""SELECT count(*) FROM (SELECT 1 FROM articles_fts
                   WHERE articles_fts MATCH :match {narrow} LIMIT :most)""",
                {**narrowed, "match": match, "most": most},
            ).fetchone()
            if not matches:
                return _Articles([], total)
            ranked = matches < most
        newest_first = False
        snippets: dict[int, str] | None = None
        found: dict[int, tuple[int, str, str | None, str | None, str]] | None = None
        read.check()
        if ranked and matches <= limit and not offset:
            # Every match is shown: a snippet built for each row as it is ranked is built for
            # a row kept (with more matches, a snippet is 1 to 10 ms for a long article, and
            # more rows enter the running best than stay), and the titles come along.
            few = conn.execute(
                f"""SELECT articles_fts.rowid, {SCORE} AS score,
                           snippet(articles_fts, 1, :hs, :he, '…', {SNIPPET_TOKENS}),
                           t.title, t.outlet, t.date, t.uid
                    FROM articles_fts{join} CROSS JOIN articles t ON t.id = articles_fts.rowid
                    WHERE articles_fts MATCH :match {narrow} {clauses}
                    ORDER BY score, articles_fts.rowid DESC LIMIT :limit""",
                {**params, "hs": HIT_START, "he": HIT_END},
            ).fetchall()
            top = [(row[0], row[1]) for row in few]
            snippets = {row[0]: row[2] for row in few}
            found = {row[0]: (row[0], *row[3:]) for row in few}
        elif ranked:
            top = conn.execute(
                f"""SELECT articles_fts.rowid, {SCORE} AS score FROM articles_fts{join}
                    WHERE articles_fts MATCH :match {narrow} {clauses}
                    ORDER BY score, articles_fts.rowid DESC LIMIT :limit OFFSET :offset""",
                params,
            ).fetchall()
        elif not clauses:
            # FTS5 walks its lists from the newest id down and stops at `limit`, so the
            # snippets in the same statement are built for those rows only.
            rows = conn.execute(
                f"""SELECT articles_fts.rowid, {SCORE},
                           snippet(articles_fts, 1, :hs, :he, '…', {SNIPPET_TOKENS})
                    FROM articles_fts WHERE articles_fts MATCH :match {narrow}
                    ORDER BY articles_fts.rowid DESC LIMIT :limit OFFSET :offset""",
                {**params, "hs": HIT_START, "he": HIT_END},
            ).fetchall()
            top = [(id_, score) for id_, score, _ in rows]
            snippets = {id_: snippet for id_, _, snippet in rows}
            newest_first = True
        else:
            # Most of the library matches, but the dates, actor or tag may leave few: rank
            # what they leave, counting it in the same pass (the window function), and take
            # the newest instead if it is still most of the library.
            counted = conn.execute(
                f"""SELECT id, score, count(*) OVER () FROM (
                        SELECT articles_fts.rowid AS id, {SCORE} AS score
                        FROM articles_fts{join}
                        WHERE articles_fts MATCH :match {narrow} {clauses})
                    ORDER BY score, id DESC LIMIT :limit OFFSET :offset""",
                params,
            ).fetchall()
            newest_first = bool(counted) and counted[0][2] >= most
            top = [(id_, score) for id_, score, _ in counted]
            if newest_first:
                read.check()
                top = conn.execute(
                    f"""SELECT articles_fts.rowid, {SCORE} FROM articles_fts{join}
                        WHERE articles_fts MATCH :match {narrow} {clauses}
                        ORDER BY articles_fts.rowid DESC LIMIT :limit OFFSET :offset""",
                    params,
                ).fetchall()
        read.check()
        if snippets is None:
            snippets = _snippets(conn, match, [id_ for id_, _ in top])
        if found is None:
            read.check()
            marks = ",".join("?" * len(top))
            found = {
                row[0]: row
                for row in conn.execute(
                    f"SELECT id, title, outlet, date, uid FROM articles WHERE id IN ({marks})",
                    [id_ for id_, _ in top],
                )
            }
        hits = [
            SearchHit(
                "article",
                id_,
                id_,
                title,
                outlet,
                parse_stored(date),
                snippets.get(id_, ""),
                -score,
                None,
                uid,
            )
            for id_, score in top
            if id_ in found
            for _, title, outlet, date, uid in [found[id_]]
        ]
        return _Articles(hits, total, newest_first)


def _snippets(conn: sqlite3.Connection, match: str, ids: list[int]) -> dict[int, str]:
    """The snippets of the articles kept, in a second statement.

    Not in the ranking statement: snippet() beside ORDER BY score LIMIT 20 is built for every
    row that enters the running top 20 while SQLite sorts, not only for the 20 kept (`t*` at
    10k articles: 165 ms instead of 31). Here FTS5 seeks each id (`rowid IN`: one lookup
    per id, 1 ms for 20), unless the query has a prefix of four letters or more: the
    prefix index stops at three, and without it every lookup would merge the lists of every
    word the prefix starts (`comp*`: 270 ms for 20). Then one pass over the ids' range reads
    them (a rowid range is an index constraint for FTS5; `+rowid IN` is tested per row before
    snippet() runs).
    """
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    if _LONG_PREFIX.search(match):
        sql = f"""SELECT rowid, snippet(articles_fts, 1, ?, ?, '…', {SNIPPET_TOKENS})
                  FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?
                  AND +rowid IN ({marks})"""
        params: list[object] = [HIT_START, HIT_END, match, min(ids), max(ids), *ids]
    else:
        sql = f"""SELECT rowid, snippet(articles_fts, 1, ?, ?, '…', {SNIPPET_TOKENS})
                  FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN ({marks})"""
        params = [HIT_START, HIT_END, match, *ids]
    return {id_: snippet for id_, snippet in conn.execute(sql, params)}


def _fewer_in_range(conn: sqlite3.Connection, filters: Filters, most: int) -> bool:
    """Whether the outlet alone or the date filter alone leaves fewer than `most` articles
    (counted on the outlet's index, db/001, or on the indexes of date_end and date_start,
    db/007): then the query cannot match most of the library and is ranked by the plain
    statement, with nothing else counted (the window function that counts as it ranks costs
    a third more at 300k; counting a common word's matches in one outlet reads every match).
    With an actor or a tag filter, or neither an outlet nor dates, the answer is False."""
    if filters.actor_id is not None or filters.tag:
        return False
    wheres = []
    if filters.outlet:
        wheres.append(Filters(outlet=filters.outlet).article_sql())
    if filters.since or filters.until:
        wheres.append(Filters(since=filters.since, until=filters.until).article_sql())
    for clauses, params in wheres:
        (in_range,) = conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM articles a WHERE 1 {clauses} LIMIT :most)",
            {**params, "most": most},
        ).fetchone()
        if in_range < most:
            return True
    return False


@dataclass(frozen=True)
class _Page:
    """Which hits of each kind to return: `limit` of them after the first `offset`, in the
    order `sort` names."""

    limit: int
    offset: int = 0
    sort: str = "relevance"


@dataclass(frozen=True)
class _Articles:
    """The article hits of one search, and how they were chosen."""

    hits: list[SearchHit]
    total: int  # articles in the library
    newest_first: bool = False


def indexed_rows(conn: sqlite3.Connection, indexes: tuple[str, ...]) -> list[int]:
    """How many rows each FTS5 index holds, in one statement, from the record FTS5 keeps for
    bm25 (the row count is its first varint): constant time, where count(*) on 100k articles
    reads an index. An empty index (no claims yet) is then not searched at all."""
    blocks = ", ".join(f"(SELECT block FROM {index}_data WHERE id = 1)" for index in indexes)
    return [_varint(block or b"") for block in conn.execute(f"SELECT {blocks}").fetchone()]


def _varint(block: bytes) -> int:
    """SQLite's varint at the start of `block`: 7 bits a byte, high bit set to go on, the
    ninth byte whole."""
    value = 0
    for i, byte in enumerate(block[:9]):
        if i == 8:
            return (value << 8) | byte
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value
    return value


def _searchable(query: str) -> str:
    """FTS5 reads its query as a C string: a NUL inside it ends the query there (a phrase
    opened before it is "unterminated"). No text holds one to be found, so it is a space."""
    return query.replace("\x00", " ")

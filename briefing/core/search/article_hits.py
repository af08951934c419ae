"""Search hits in articles: which of the matches to show, in which order, with snippets.

Apart from the service because the articles are where a search's cost is: one index of
100k rows or more, where the other kinds have a few thousand (annotation_hits.py). What
to rank, what to count and when a snippet is built are decided here; the service asks for
one page (`article_hits`) and, when counting, for the total (`count_articles`).

Ranking is BM25 with the title weighing ten times the text, over every match; the snippets,
titles and dates are built for the best `limit` rows only (see `_snippets`). The outlet filter
tests each match's id against the outlet's ids, read once from the outlet's b-tree
(filters.py), and the date, actor and tag filters read small indexes, so a filter never reads
the article rows of the matches it rejects.

A query that matches most of the library (`s*`, `said`) is not ranked: BM25 must score every
match before it knows the best twenty (at 100k articles `t*` takes 0.2 s), and a word in
more than half of the articles weighs nothing in BM25 anyway (FTS5 clamps its idf to a
millionth), so the order would say little. Such a query shows the newest matches first
(FTS5 hands them over newest first, so the first twenty cost nothing) and its results say
so (`SearchResults.newest_first`, `.note`). What is "most": more than half of the articles
and more than RANK_ALWAYS of them (fewer are ranked in a few milliseconds, whatever their
share), after the filters. Counting the matches in the index up to that bound is the price
of knowing: a few ms at 100k.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core.dates import parse_stored
from briefing.core.search.filters import Filters
from briefing.core.search.hit import HIT_END, HIT_START, SearchHit

if TYPE_CHECKING:
    from briefing.core.interrupts import Read

SNIPPET_TOKENS = 24
TITLE_WEIGHT = 10.0  # a hit in the title counts ten times a hit in the text
# bm25 over articles_fts(title, text) (db/009_outlet_beside_the_index.sql).
SCORE = f"bm25(articles_fts, {TITLE_WEIGHT}, 1.0)"
RANK_ALWAYS = 10_000  # this many matches are always ranked (about 10 ms at 100k articles)
FILTER_INDEX = "articles_search_dates"  # (id, date_start, date_end): db/003_search_filters.sql
# Sorted by date or title, a query with more matches than this walks the articles' index in
# that order and keeps the matches (about 20-80 ms at 100k, the same for every page);
# fewer are read through the search index and sorted (a few ms).
SORT_BY_INDEX_FROM = 2_000
# A prefix longer than the prefix index's three letters (db/007), bare or quoted.
_LONG_PREFIX = re.compile(r'(\w{4,}|"[^"]{4,}")\*')


@dataclass(frozen=True)
class ArticleHits:
    """The article hits of one search, and how they were chosen."""

    hits: list[SearchHit]
    total: int  # articles in the library
    newest_first: bool = False


def article_hits(
    read: Read, match: str, filters: Filters, limit: int, offset: int, sort: str, total: int
) -> ArticleHits:
    """A page of the matching articles: `limit` of them after the first `offset`, best first
    or in the order `sort` names (SORTS in service.py); `total` is how many articles the library
    holds (with none, nothing is read)."""
    if sort == "relevance":
        return _ranked(read, match, filters, limit, offset, total)
    return _sorted(read, match, filters, limit, offset, sort, total)


def count_articles(conn: sqlite3.Connection, match: str, filters: Filters) -> int:
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


def _sorted(
    read: Read, match: str, filters: Filters, limit: int, offset: int, sort: str, total: int
) -> ArticleHits:
    """A page of the matching articles newest first (by their date; undated last) or by
    title. Few matches are read through the search index and sorted; many are found by
    walking the articles' own index in that order, keeping the matches, so a page costs
    the same wherever it starts and never sorts 100k rows."""
    conn = read.conn
    if not total:
        return ArticleHits([], total)
    narrow, narrowed = filters.outlet_sql("articles_fts.rowid")
    clauses, params = filters.beyond_outlet().article_sql()
    params.update(narrowed, match=match, limit=limit, offset=offset)
    read.check()
    (many,) = conn.execute(
        f"""SELECT count(*) FROM (SELECT 1 FROM articles_fts
           WHERE articles_fts MATCH :match {narrow} LIMIT :most)""",
        {**narrowed, "match": match, "most": SORT_BY_INDEX_FROM + 1},
    ).fetchone()
    if sort == "date":
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
    return ArticleHits(_hits(conn, [(id_, 0.0) for id_ in ids], snippets), total)


def _ranked(
    read: Read, match: str, filters: Filters, limit: int, offset: int, total: int
) -> ArticleHits:
    conn = read.conn
    if not total:
        return ArticleHits([], total)
    narrow, narrowed = filters.outlet_sql("articles_fts.rowid")
    clauses, params = filters.beyond_outlet().article_sql()
    join = ""
    if clauses:
        # The index as the outer loop (CROSS JOIN), each match tested against the small
        # covering index of db/003 rather than its article's row.
        join = f" CROSS JOIN articles a INDEXED BY {FILTER_INDEX} ON a.id = articles_fts.rowid"
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
            return ArticleHits([], total)
        ranked = matches < most
    newest_first = False
    snippets: dict[int, str] | None = None
    found: dict[int, tuple[int, str, str | None, str | None, str, str | None]] | None = None
    read.check()
    if ranked and matches <= limit and not offset:
        # Every match is shown: a snippet built for each row as it is ranked is built for
        # a row kept (with more matches, a snippet is 1 to 10 ms for a long article, and
        # more rows enter the running best than stay), and the titles come along.
        few = conn.execute(
            f"""SELECT articles_fts.rowid, {SCORE} AS score,
                       snippet(articles_fts, 1, :hs, :he, '…', {SNIPPET_TOKENS}),
                       t.title, t.outlet, t.date, t.uid, t.agency
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
    scored = [(id_, -score) for id_, score in top]  # BM25 is lower for better; hits, higher
    return ArticleHits(_hits(conn, scored, snippets, found), total, newest_first)


def _hits(
    conn: sqlite3.Connection,
    scored: list[tuple[int, float]],
    snippets: dict[int, str],
    found: dict[int, tuple[int, str, str | None, str | None, str, str | None]] | None = None,
) -> list[SearchHit]:
    """The kept articles as hits, in the order given: their titles, outlets and dates read in
    one statement (unless the ranking read them already: `found`); an id gone meanwhile is
    left out."""
    if found is None:
        marks = ",".join("?" * len(scored))
        found = {
            row[0]: row
            for row in conn.execute(
                f"SELECT id, title, outlet, date, uid, agency FROM articles WHERE id IN ({marks})",
                [id_ for id_, _ in scored],
            )
        }
    return [
        SearchHit(
            "article",
            id_,
            id_,
            title,
            outlet,
            parse_stored(date),
            snippets.get(id_, ""),
            score,
            None,
            uid,
            agency,
        )
        for id_, score in scored
        if id_ in found
        for _, title, outlet, date, uid, agency in [found[id_]]
    ]


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

"""Searching the library: FTS5 with BM25 ranking, snippets and filters.

The service is the one door: it checks what it is asked, turns the reader's text into an
FTS5 query and puts the hits of each kind together, in order, with their counts. How each
kind is found lives beside it: articles, the big index where ranking and snippets cost
(article_hits.py, which also says when a query is shown newest first), claims and notes
(their quotes and notes) and actors (their names and aliases) from their own indexes
(annotation_hits.py); hits say what they hit. Whatever the reader types is answered: a
query FTS5 cannot parse is run again as literal words (see fts_query).

`Library.interrupt()` stops a search from any thread (a newer question was asked): it raises
Cancelled.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core.dates import PartialDate
from briefing.core.errors import InvalidInput
from briefing.core.search import query as fts_query
from briefing.core.search.annotation_hits import (
    actor_hits,
    annotation_hits,
    count_actor_hits,
    count_annotation_hits,
)
from briefing.core.search.article_hits import article_hits, count_articles
from briefing.core.search.filters import Filters
from briefing.core.search.hit import HIT_END, HIT_START, SearchHit
from briefing.core.search.terms import term_spans
from briefing.core.text_input import check_text

if TYPE_CHECKING:
    from briefing.core.interrupts import Read
    from briefing.core.library import Library

__all__ = ["HIT_END", "HIT_START", "SearchHit", "SearchResults", "SearchService"]

DEFAULT_LIMIT = 20
MAX_TERMS = 64  # words in one query, in phrases too (a phrase of 10,000 took 30 s); more: refused
KINDS = ("actor", "claim", "note", "article")
# How hits can be ordered: best first; newest first (by the article's date, undated last);
# by title (an actor's name), A to Z.
SORTS = ("relevance", "date", "title")


class SearchResults(list[SearchHit]):
    """The hits of one search, as a list (actors, then claims and notes, then articles, each
    kind best first), and how the articles among them were chosen.

    `newest_first`: the query matches most of the library, so its articles are the newest
    matches rather than the best (see article_hits.py); `note` says so in words a
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
                counts["article"] = count_articles(conn, match, filters)
        if "article" not in kinds:
            return SearchResults(hits, query=query, counts=counts)
        articles = article_hits(
            read, match, filters, page.limit, page.offset, page.sort, articles_n
        )
        return SearchResults(
            hits + articles.hits,
            query=query,
            newest_first=articles.newest_first,
            library_articles=articles.total,
            counts=counts,
        )


@dataclass(frozen=True)
class _Page:
    """Which hits of each kind to return: `limit` of them after the first `offset`, in the
    order `sort` names."""

    limit: int
    offset: int = 0
    sort: str = "relevance"


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

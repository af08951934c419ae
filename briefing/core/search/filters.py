"""The filters a search can carry, as SQL over the articles table (aliased `a`).

One place builds them, so that article hits and claim hits are narrowed alike: a claim is in
range when its article is. A date without a year belongs to no date range.

The article index holds each article's outlet as one token, its key (db/003_search_filters.sql,
db/007_search_index.sql), so an article search narrowed by outlet is answered by the index:
`index_match()` ANDs the key to the query and `beyond_index()` is what is left to test in SQL.
The key is the outlet as written, so the filter asks for every spelling of it in the library
that equals it as COLLATE NOCASE compares (read from the articles_outlet index).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace

from briefing.core.dates import PartialDate
from briefing.core.errors import InvalidInput
from briefing.core.search.query import KEY_MARK

_ACTOR_IN_ARTICLE = """(
    EXISTS (SELECT 1 FROM annotations n JOIN mentions m ON m.annotation_id = n.id
            WHERE n.article_id = a.id AND m.actor_id = :actor)
    OR EXISTS (SELECT 1 FROM annotations n JOIN claims c ON c.annotation_id = n.id
               WHERE n.article_id = a.id AND (c.speaker_id = :actor OR EXISTS (
                   SELECT 1 FROM claim_about b WHERE b.claim_id = c.annotation_id
                   AND b.actor_id = :actor))))"""
_TAG_ON_ARTICLE = """EXISTS (SELECT 1 FROM tags g WHERE g.name = :tag COLLATE NOCASE AND (
    EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag_id = g.id)
    OR EXISTS (SELECT 1 FROM annotations n JOIN annotation_tags t ON t.annotation_id = n.id
               WHERE n.article_id = a.id AND t.tag_id = g.id)))"""


def outlet_key(outlet: str) -> str:
    """The outlet's token in the article index: the hex of its UTF-8 bytes between two
    KEY_MARKs (a private-use character: a token character for FTS5, taken out of typed
    queries by fts_query, and no word ending to the porter stemmer). Must equal what the
    generated column articles.outlet_key of db/007_search_index.sql computes (FTS5 folds the
    hex digits' case itself, as SQLite writes them: upper)."""
    return KEY_MARK + outlet.encode("utf-8", "surrogatepass").hex().upper() + KEY_MARK


@dataclass(frozen=True)
class Filters:
    outlet: str | None = None
    since: str | None = None  # the first day in range, ISO
    until: str | None = None  # the last day in range, ISO
    actor_id: int | None = None
    tag: str | None = None

    @classmethod
    def build(
        cls,
        *,
        outlet: str | None = None,
        since: str | PartialDate | None = None,
        until: str | PartialDate | None = None,
        actor_id: int | None = None,
        tag: str | None = None,
    ) -> Filters:
        first = _as_date(since, "--since").first_day() if since else None
        if since and first is None:
            raise InvalidInput("--since needs a year (e.g. 2021-12-01)")
        last = _as_date(until, "--until").last_day() if until else None
        if until and last is None:
            raise InvalidInput("--until needs a year (e.g. 2021-12-31)")
        tag = tag.strip().lstrip("#") if tag else None
        return cls(outlet or None, first, last, actor_id, tag or None)

    def __bool__(self) -> bool:
        return any(
            v is not None for v in (self.outlet, self.since, self.until, self.actor_id, self.tag)
        )

    def index_match(self, conn: sqlite3.Connection, match: str) -> str | None:
        """The FTS5 query `match` narrowed to the outlet, for the article index; None when
        no article has the outlet (nothing can match)."""
        if not self.outlet:
            return match
        spellings = [
            row[0]
            for row in conn.execute(
                "SELECT DISTINCT outlet FROM articles INDEXED BY articles_outlet"
                " WHERE outlet = ? COLLATE NOCASE",
                [self.outlet],
            )
        ]
        if not spellings:
            return None
        keys = " OR ".join(f'"{outlet_key(spelling)}"' for spelling in spellings)
        return f"({match}) AND outlet_key : ({keys})"

    def beyond_index(self) -> Filters:
        """The filters that `index_match()` leaves to SQL: all but the outlet."""
        return replace(self, outlet=None)

    def article_sql(self) -> tuple[str, dict[str, object]]:
        """` AND ...` clauses on `a` (the articles table), with named parameters."""
        clauses: list[str] = []
        params: dict[str, object] = {}
        if self.outlet:
            clauses.append("a.outlet = :outlet COLLATE NOCASE")
            params["outlet"] = self.outlet
        if self.since:
            # A partial date matches when any day it can mean is in range.
            clauses.append("a.date_end >= :since")
            params["since"] = self.since
        if self.until:
            clauses.append("a.date_start <= :until")
            params["until"] = self.until
        if self.actor_id is not None:
            clauses.append(_ACTOR_IN_ARTICLE)
            params["actor"] = self.actor_id
        if self.tag:
            clauses.append(_TAG_ON_ARTICLE)
            params["tag"] = self.tag
        return "".join(f" AND {c}" for c in clauses), params


def _as_date(value: str | PartialDate, option: str) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    try:
        return PartialDate.parse(value)
    except InvalidInput as exc:
        raise InvalidInput(f"{option}: {exc}") from None

"""The filters a search can carry, as SQL over the articles table (aliased `a`).

One place builds them, so that article hits and claim hits are narrowed alike: a claim is in
range when its article is. A date without a year belongs to no date range.

The outlet is the one the lists show: the article's outlet, or its agency when it has none
(core/articles/outlets.py). A search over the article index (articles_fts) is narrowed by
outlet without reading an article: `outlet_sql()` tests each match's rowid against the
outlet's ids, which SQLite reads once from the articles_outlet index (outlet COLLATE NOCASE)
and the agency-only articles' index (db/011) into a list. The outlet is not in the search
index (db/009_outlet_beside_the_index.sql): there, an outlet edit re-indexed the whole
article. `beyond_outlet()` is what is left, tested on `a`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from briefing.core.articles.outlets import OUTLET_CONDITION, OUTLET_IDS
from briefing.core.dates import PartialDate
from briefing.core.errors import InvalidInput

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

    def outlet_sql(self, rowid: str) -> tuple[str, dict[str, object]]:
        """` AND ...` narrowing to the outlet a statement whose article id is `rowid` (an
        expression: `articles_fts.rowid`), with its parameters; ("", {}) without an outlet.

        The list is read once a statement from the two outlet indexes, so it compares as
        COLLATE NOCASE does; the unary + keeps SQLite from handing `rowid IN` to FTS5,
        which would seek the index once per id of the outlet (thousands)."""
        if not self.outlet:
            return "", {}
        return f" AND +{rowid} IN ({OUTLET_IDS})", {"outlet": self.outlet}

    def beyond_outlet(self) -> Filters:
        """The filters that `outlet_sql()` leaves to `article_sql()`: all but the outlet."""
        return replace(self, outlet=None)

    def article_sql(self) -> tuple[str, dict[str, object]]:
        """` AND ...` clauses on `a` (the articles table), with named parameters."""
        clauses: list[str] = []
        params: dict[str, object] = {}
        if self.outlet:
            clauses.append(OUTLET_CONDITION)
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

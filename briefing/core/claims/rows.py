"""Every claim in the library as one flat row each: what the claims table lists.

`ClaimService.list` builds full `Claim`s (sources, links, span, prefix and suffix), which is
right for one article and wasteful for a table of every claim in the library. A `ClaimRow`
carries only what a row shows or is filtered by, and `claim_rows` reads them all in three
queries whatever their number (rows, subjects, tags), so thousands list in milliseconds.

Rows come in reading order: articles by date (undated last), claims by position within each
article, orphans at the end of theirs. Each row carries its place in that order
(`reading_order`), so a view that re-reads a few rows puts them back where a full read would
have. Sorting and filtering them is claim_row_order.py.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from briefing.core.claims.model import ActorRef
from briefing.core.dates import PartialDate, parse_stored

if TYPE_CHECKING:
    from briefing.core.library import Library

TagsBy = dict[int, tuple[str, ...]]
# undated?, first day, article id, orphaned?, start (-1: none), claim id
ReadingOrder = tuple[bool, str, int, int, int, int]
_MAX_IDS = 400  # ids per narrowed read; more than that and reading them all is as quick


@dataclass(frozen=True)
class ClaimRow:
    id: int
    quote: str
    speaker: ActorRef | None
    about: tuple[ActorRef, ...]
    status: str
    grade: int | None
    article_id: int
    article_title: str
    outlet: str  # the outlet, else the agency, else ""
    date: PartialDate | None  # the article's published date
    orphaned: bool
    tags: tuple[str, ...]  # the claim's own tags
    article_tags: tuple[str, ...] = field(default=())
    # The ORDER BY of `claim_rows`, as values: sorting rows by it gives the order one query
    # over all of them gives (the other sorts are stable, so their ties follow it too).
    reading_order: ReadingOrder = field(default=(True, "", 0, 0, -1, 0), repr=False)

    @property
    def speaker_name(self) -> str:
        return self.speaker.name if self.speaker else ""

    @property
    def about_names(self) -> str:
        return ", ".join(actor.name for actor in self.about)

    @cached_property
    def haystack(self) -> str:
        """Everything a search box should find this row by, folded (see `fold`)."""
        parts = [
            self.quote,
            self.speaker_name,
            *(actor.name for actor in self.about),
            self.article_title,
            self.outlet,
            *self.tags,
            *self.article_tags,
        ]
        return fold("\n".join(parts))


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Économie" and "economie" fold alike.

    NFKD splits "é" into "e" and a combining accent, which is dropped; casefold then does
    what lower() does and more ("ß" is "ss"). Typographic quotes become plain ones so that
    typing 'China's' finds "China’s".
    """
    text = text.translate(_QUOTES)
    if text.isascii():  # nothing to take apart: the common case, twenty times faster
        return text.casefold()
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()


# The combining diacritics of Latin, Greek and Cyrillic letters: what FTS5's remove_diacritics
# drops too, so the table's search box and the library's search agree on "é" and "e".
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def claim_rows(library: Library, ids: list[int] | None = None) -> list[ClaimRow]:
    """All the library's claims, in reading order (see the module docstring); or only those
    of `ids` (a view refreshing what a change touched), each query narrowed to them."""
    conn = library.connection()
    if ids is not None and len(ids) > _MAX_IDS:
        wanted = set(ids)
        return [row for row in claim_rows(library) if row.id in wanted]
    only = "" if ids is None else f"WHERE c.annotation_id IN ({','.join('?' * len(ids))})"
    rows = conn.execute(
        f"""SELECT n.id, n.quote, c.speaker_id, s.name, c.status, c.grade, n.article_id,
                  ar.title, coalesce(nullif(ar.outlet, ''), nullif(ar.agency, ''), ''),
                  ar.date, n.orphaned, ar.date_start, n.start
           FROM claims c JOIN annotations n ON n.id = c.annotation_id
           JOIN articles ar ON ar.id = n.article_id
           LEFT JOIN actors s ON s.id = c.speaker_id {only}
           ORDER BY ar.date_start IS NULL, ar.date_start, ar.id, n.orphaned, n.start, n.id""",
        ids or [],
    ).fetchall()
    actors: dict[int, ActorRef] = {}  # one ActorRef per actor, shared by its rows
    about = _about(conn, actors, ids)
    claim_tags, article_tags = _tags(conn, ids)
    dates: dict[str | None, PartialDate | None] = {}
    out = []
    for row in rows:
        id_, quote, speaker_id, speaker, status, grade, article_id, title, outlet = row[:9]
        date, orphaned, date_start, start = row[9:]
        if date not in dates:
            dates[date] = parse_stored(date)
        out.append(
            ClaimRow(
                id=id_,
                quote=quote,
                speaker=_actor(actors, speaker_id, speaker) if speaker_id is not None else None,
                about=about.get(id_, ()),
                status=status,
                grade=grade,
                article_id=article_id,
                article_title=title,
                outlet=outlet,
                date=dates[date],
                orphaned=bool(orphaned),
                tags=claim_tags.get(id_, ()),
                article_tags=article_tags.get(article_id, ()),
                reading_order=(
                    date_start is None,
                    date_start or "",
                    article_id,
                    orphaned,
                    -1 if start is None else start,  # SQLite puts NULL first
                    id_,
                ),
            )
        )
    return out


def _actor(actors: dict[int, ActorRef], actor_id: int, name: str) -> ActorRef:
    found = actors.get(actor_id)
    if found is None:
        found = actors[actor_id] = ActorRef(actor_id, name)
    return found


def _about(
    conn: sqlite3.Connection, actors: dict[int, ActorRef], ids: list[int] | None
) -> dict[int, tuple[ActorRef, ...]]:
    out: dict[int, list[ActorRef]] = {}
    only = "" if ids is None else f"WHERE b.claim_id IN ({','.join('?' * len(ids))})"
    for claim_id, actor_id, name in conn.execute(
        f"""SELECT b.claim_id, a.id, a.name FROM claim_about b JOIN actors a ON a.id = b.actor_id
           {only} ORDER BY b.claim_id, a.name COLLATE NOCASE""",
        ids or [],
    ):
        out.setdefault(claim_id, []).append(_actor(actors, actor_id, name))
    return {k: tuple(v) for k, v in out.items()}


def _tags(conn: sqlite3.Connection, ids: list[int] | None) -> tuple[TagsBy, TagsBy]:
    """The claims' own tags by claim id, and the tags of articles holding claims by article
    id, in one query (a claim tagged "Xinjiang" and one in an article so tagged are both
    found by the tag, as `briefing claims --tag` finds them)."""
    claims: dict[int, list[str]] = {}
    articles: dict[int, list[str]] = {}
    marks = "" if ids is None else ",".join("?" * len(ids))
    only_claims = "" if ids is None else f"WHERE t.annotation_id IN ({marks})"
    holding = (
        "SELECT article_id FROM annotations WHERE kind = 'claim'"
        if ids is None
        else f"SELECT article_id FROM annotations WHERE id IN ({marks})"
    )
    for on_claim, owner, name in conn.execute(
        f"""SELECT 1, t.annotation_id, g.name FROM annotation_tags t
               JOIN tags g ON g.id = t.tag_id
               JOIN claims c ON c.annotation_id = t.annotation_id {only_claims}
           UNION ALL
           SELECT 0, t.article_id, g.name FROM article_tags t JOIN tags g ON g.id = t.tag_id
           WHERE t.article_id IN ({holding})
           ORDER BY 3 COLLATE NOCASE""",
        [*(ids or []), *(ids or [])],
    ):
        (claims if on_claim else articles).setdefault(owner, []).append(name)
    return (
        {k: tuple(v) for k, v in claims.items()},
        {k: tuple(v) for k, v in articles.items()},
    )

"""An actor's page in one read: who it is, what names it goes by, where the library mentions
it, the claims it makes and the claims about it, and the suggested mentions waiting for it.

An actor of a large library may have thousands of mentions, so each list is capped at
`limit` rows (newest articles first) and carries its full count: a page says "and 4,210
more" rather than loading them all. Each list costs a count and one query for its rows
(claims one more, for their subjects), whatever its length; the words around a mention are
cut from the article text by SQLite (substr), so no whole article text comes into Python.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from briefing.core.actors.model import Actor, Alias
from briefing.core.claims.details import load_about
from briefing.core.claims.model import ActorRef

if TYPE_CHECKING:
    from briefing.core.library import Library

LIMIT = 500
CONTEXT = 70  # characters of text taken on each side of a mention, trimmed to whole words
# Newest first; undated articles last, then by id so the order is stable.
_ARTICLE_ORDER = "ar.date_start IS NULL, ar.date_start DESC, ar.date DESC, ar.id DESC"
T = TypeVar("T")


@dataclass(frozen=True)
class PageAlias:
    alias: Alias
    article_title: str | None  # the article an article-bound alias belongs to


@dataclass(frozen=True)
class Passage:
    """A mention or a suggested mention, with the words around it."""

    id: int  # the mention's annotation id, or the suggestion's id
    article_id: int
    article_title: str
    article_date: str | None
    text: str
    before: str
    after: str
    orphaned: bool = False


@dataclass(frozen=True)
class PageClaim:
    id: int
    article_id: int
    article_title: str
    article_date: str | None
    quote: str
    status: str
    grade: int | None
    speaker: ActorRef | None
    about: tuple[ActorRef, ...]


@dataclass(frozen=True)
class Capped(Generic[T]):
    """The first `limit` rows of a list and how many there are in all."""

    rows: tuple[T, ...]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


@dataclass(frozen=True)
class ActorPage:
    actor: Actor
    aliases: tuple[PageAlias, ...]
    mentions: Capped[Passage]
    claims_made: Capped[PageClaim]
    claims_about: Capped[PageClaim]
    suggestions: Capped[Passage]  # pending only

    @property
    def mention_articles(self) -> int:
        """In how many articles the shown mentions are."""
        return len({m.article_id for m in self.mentions.rows})


def actor_page(library: Library, actor_id: int, *, limit: int = LIMIT) -> ActorPage:
    """Everything the actor page shows; NotFound for an unknown actor."""
    actor = library.actors.get(actor_id)
    conn = library.connection()
    return ActorPage(
        actor=actor,
        aliases=_aliases(conn, actor),
        mentions=_mentions(conn, actor_id, limit),
        claims_made=_claims(conn, "c.speaker_id = ?", actor_id, limit),
        claims_about=_claims(
            conn,
            "c.annotation_id IN (SELECT claim_id FROM claim_about WHERE actor_id = ?)",
            actor_id,
            limit,
        ),
        suggestions=_suggestions(conn, actor_id, limit),
    )


def words_before(text: str) -> str:
    """The words of `text` that lead up to a mention: from its paragraph's start, or from
    the first whole word when the cut fell mid-word."""
    if "\n\n" in text:
        text = text.rsplit("\n\n", 1)[1]
    elif len(text) >= CONTEXT:
        text = re.split(r"\s", text, maxsplit=1)[-1]
    return " ".join(text.split())


def words_after(text: str) -> str:
    """The words that follow a mention, to its paragraph's end or the last whole word."""
    if "\n\n" in text:
        text = text.split("\n\n", 1)[0]
    elif len(text) >= CONTEXT:
        text = re.split(r"\s", text[::-1], maxsplit=1)[-1][::-1]
    return " ".join(text.split())


# Reading ----------------------------------------------------------------------------------


def _aliases(conn: sqlite3.Connection, actor: Actor) -> tuple[PageAlias, ...]:
    bound = [a.article_id for a in actor.aliases if a.article_id is not None]
    titles: dict[int, str] = {}
    if bound:
        marks = ",".join("?" * len(bound))
        titles = dict(conn.execute(f"SELECT id, title FROM articles WHERE id IN ({marks})", bound))
    return tuple(
        PageAlias(a, titles.get(a.article_id) if a.article_id is not None else None)
        for a in actor.aliases
    )


def _count(conn: sqlite3.Connection, sql: str, actor_id: int) -> int:
    return int(conn.execute(sql, (actor_id,)).fetchone()[0])


def _context_columns(start: str, end: str) -> str:
    """SQL for the text before and after a span (substr is 1-based and counts characters,
    as Python's offsets do)."""
    return (
        f"substr(ar.text, max(1, {start} + 1 - {CONTEXT}), min({start}, {CONTEXT})), "
        f"substr(ar.text, {end} + 1, {CONTEXT})"
    )


def _mentions(conn: sqlite3.Connection, actor_id: int, limit: int) -> Capped[Passage]:
    total = _count(conn, "SELECT count(*) FROM mentions WHERE actor_id = ?", actor_id)
    rows = conn.execute(
        f"""SELECT n.id, n.article_id, ar.title, ar.date, n.quote, n.prefix, n.suffix,
                   n.orphaned, {_context_columns("n.start", 'n."end"')}
            FROM mentions m JOIN annotations n ON n.id = m.annotation_id
            JOIN articles ar ON ar.id = n.article_id
            WHERE m.actor_id = ?
            ORDER BY {_ARTICLE_ORDER}, n.orphaned, n.start, n.id LIMIT ?""",
        (actor_id, limit),
    )
    passages = []
    for id_, art, title, date, quote, prefix, suffix, orphaned, before, after in rows:
        if orphaned:  # no place in the text now: the words it was last found between
            before, after = prefix, suffix
        passages.append(
            Passage(
                id_, art, title, date, quote, words_before(before or ""),
                words_after(after or ""), bool(orphaned),
            )
        )  # fmt: skip
    return Capped(tuple(passages), total)


def _suggestions(conn: sqlite3.Connection, actor_id: int, limit: int) -> Capped[Passage]:
    total = _count(
        conn,
        "SELECT count(*) FROM mention_suggestions WHERE actor_id = ? AND state = 'pending'",
        actor_id,
    )
    rows = conn.execute(
        f"""SELECT s.id, s.article_id, ar.title, ar.date, s.text,
                   {_context_columns("s.start", 's."end"')}
            FROM mention_suggestions s JOIN articles ar ON ar.id = s.article_id
            WHERE s.actor_id = ? AND s.state = 'pending'
            ORDER BY {_ARTICLE_ORDER}, s.start, s.id LIMIT ?""",
        (actor_id, limit),
    )
    return Capped(
        tuple(
            Passage(id_, art, title, date, text, words_before(before), words_after(after))
            for id_, art, title, date, text, before, after in rows
        ),
        total,
    )


def _claims(conn: sqlite3.Connection, where: str, actor_id: int, limit: int) -> Capped[PageClaim]:
    total = _count(conn, f"SELECT count(*) FROM claims c WHERE {where}", actor_id)
    rows = conn.execute(
        f"""SELECT n.id, n.article_id, ar.title, ar.date, n.quote, c.status, c.grade,
                   c.speaker_id, s.name
            FROM claims c JOIN annotations n ON n.id = c.annotation_id
            JOIN articles ar ON ar.id = n.article_id
            LEFT JOIN actors s ON s.id = c.speaker_id
            WHERE {where}
            ORDER BY {_ARTICLE_ORDER}, n.orphaned, n.start, n.id LIMIT ?""",
        (actor_id, limit),
    ).fetchall()
    about = load_about(conn, [r[0] for r in rows])
    claims = tuple(
        PageClaim(
            id_, art, title, date, quote, status, grade,
            ActorRef(speaker_id, name) if speaker_id is not None else None,
            about.get(id_, ()),
        )
        for id_, art, title, date, quote, status, grade, speaker_id, name in rows
    )  # fmt: skip
    return Capped(claims, total)

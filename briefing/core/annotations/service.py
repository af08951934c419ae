"""Annotations: spans of one article, anchored by position and by quote.

Every kind (claim, mention, highlight, note) is an annotation row; claims and mentions add
their own rows beside it. Creating one from a quote alone works when the quote is unique and
asks for a prefix or an occurrence number when it is not (anchoring.find_quote).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core.anchoring.selectors import Selector, find_quote, selector_at
from briefing.core.clock import now
from briefing.core.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from briefing.core.library import Library

KINDS = ("claim", "mention", "highlight", "note")


@dataclass(frozen=True)
class Annotation:
    id: int
    article_id: int
    kind: str
    start: int | None  # None when orphaned
    end: int | None
    quote: str
    prefix: str
    suffix: str
    orphaned: bool
    note: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Span:
    """Where a new annotation goes: a position, or a quote to look for."""

    start: int | None = None
    end: int | None = None
    quote: str | None = None
    prefix: str | None = None
    occurrence: int | None = None
    placed: Selector | None = None  # already placed (re-anchored by an import)
    orphaned: bool = False  # `placed` could not be placed: keep it without a position

    def locate(self, text: str) -> Selector:
        if self.placed is not None:
            return self.placed
        if self.start is not None or self.end is not None:
            if self.start is None or self.end is None:
                raise InvalidInput("a span needs both a start and an end")
            selector = selector_at(text, self.start, self.end)
            if self.quote is not None and self.quote != selector.exact:
                raise InvalidInput("the quote is not the text at that position")
            return selector
        if self.quote is None:
            raise InvalidInput("say where: give the quote (or a start and an end)")
        return find_quote(text, self.quote, prefix=self.prefix, occurrence=self.occurrence)


_COLUMNS = (
    'a.id, a.article_id, a.kind, a.start, a."end", a.quote, a.prefix, a.suffix, a.orphaned, a.note'
)


def require_article(conn: sqlite3.Connection, article_id: int) -> None:
    """NotFound unless the article exists: checked before writing anything that points at it."""
    if not conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
        raise NotFound(f"no article with id {article_id}")


def article_text(conn: sqlite3.Connection, article_id: int) -> str:
    row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFound(f"no article with id {article_id}")
    return row[0]


def insert_annotation(
    conn: sqlite3.Connection,
    article_id: int,
    kind: str,
    selector: Selector,
    note: str = "",
    *,
    orphaned: bool = False,
) -> int:
    """The annotation row for a located span, inside the caller's transaction. An orphan
    keeps the selector's quote and context but no position."""
    start, end = (None, None) if orphaned else (selector.start, selector.end)
    cursor = conn.execute(
        """INSERT INTO annotations (article_id, kind, start, "end", quote, prefix, suffix,
                                    orphaned, note, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            article_id,
            kind,
            start,
            end,
            selector.exact,
            selector.prefix,
            selector.suffix,
            int(orphaned),
            note.strip(),
            now(),
        ),
    )
    return cursor.lastrowid


def tags_of(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"""SELECT t.annotation_id, g.name FROM annotation_tags t JOIN tags g ON g.id = t.tag_id
                WHERE t.annotation_id IN ({marks}) ORDER BY g.name COLLATE NOCASE""",
            chunk,
        )
        for annotation_id, name in rows:
            out.setdefault(annotation_id, []).append(name)
    return {k: tuple(v) for k, v in out.items()}


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


class AnnotationService:
    def __init__(self, library: Library) -> None:
        self._library = library

    def add(self, article_id: int, kind: str, span: Span, *, note: str = "") -> Annotation:
        """A highlight or a note (claims and mentions have their own services)."""
        if kind not in ("highlight", "note"):
            raise InvalidInput("use the claims or mentions service for claims and mentions")
        with self._library.transaction() as conn:
            selector = span.locate(article_text(conn, article_id))
            annotation_id = insert_annotation(
                conn, article_id, kind, selector, note, orphaned=span.orphaned
            )
        return self.get(annotation_id)

    def get(self, annotation_id: int) -> Annotation:
        conn = self._library.connection()
        row = conn.execute(f"SELECT {_COLUMNS} FROM annotations a WHERE a.id = ?", (annotation_id,))
        found = row.fetchone()
        if found is None:
            raise NotFound(f"no annotation with id {annotation_id}")
        return _annotation(found, tags_of(conn, [annotation_id]).get(annotation_id, ()))

    def for_article(self, article_id: int, *, kind: str | None = None) -> list[Annotation]:
        """In reading order; orphaned ones (no position) last."""
        conn = self._library.connection()
        where, params = "a.article_id = ?", [article_id]
        if kind:
            where += " AND a.kind = ?"
            params.append(kind)
        rows = conn.execute(
            f"""SELECT {_COLUMNS} FROM annotations a WHERE {where}
                ORDER BY a.orphaned, a.start, a."end" DESC, a.id""",
            params,
        ).fetchall()
        tags = tags_of(conn, [r[0] for r in rows])
        return [_annotation(r, tags.get(r[0], ())) for r in rows]

    def set_note(self, annotation_id: int, note: str) -> Annotation:
        with self._library.transaction() as conn:
            cursor = conn.execute(
                "UPDATE annotations SET note = ?, updated_at = ? WHERE id = ?",
                (note.strip(), now(), annotation_id),
            )
            if cursor.rowcount == 0:
                raise NotFound(f"no annotation with id {annotation_id}")
        return self.get(annotation_id)

    def delete(self, annotation_id: int) -> Annotation:
        gone = self.get(annotation_id)
        with self._library.transaction() as conn:
            conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
        return gone


def _annotation(row: tuple, tags: tuple[str, ...]) -> Annotation:
    id_, article_id, kind, start, end, quote, prefix, suffix, orphaned, note = row
    return Annotation(
        id_, article_id, kind, start, end, quote, prefix, suffix, bool(orphaned), note, tags
    )

"""Sources: what a claim rests on, graded for reliability the Admiralty way (A to F).

A source is an article in the library, a URL, a document or an official statement. One
source backs any number of claims; the claim says how (cites, supports, contradicts).
"""

from __future__ import annotations

import builtins  # the service has a list() method: its annotations say builtins.list
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core.articles.rows import require_article
from briefing.core.clock import now
from briefing.core.dates import parse_optional
from briefing.core.errors import InvalidInput, NotFound
from briefing.core.rowid import inserted_id
from briefing.core.urls import checked_url

if TYPE_CHECKING:
    from briefing.core.library import Library

KINDS = ("article", "url", "document", "statement")
GRADES = ("A", "B", "C", "D", "E", "F")
GRADE_MEANINGS = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}


@dataclass(frozen=True)
class Source:
    id: int
    kind: str
    title: str
    url: str | None
    publisher: str | None
    date: str | None  # ISO 8601, possibly partial
    grade: str | None
    article_id: int | None
    note: str
    claims: int = 0
    uid: str = ""


def normalise_grade(grade: str | None) -> str | None:
    if grade is None or not str(grade).strip():
        return None
    value = str(grade).strip().upper()
    if value not in GRADES:
        raise InvalidInput(f"reliability grade {grade!r} is not one of A to F")
    return value


class SourceService:
    def __init__(self, library: Library) -> None:
        self._library = library

    def add(
        self,
        title: str,
        *,
        kind: str | None = None,
        url: str | None = None,
        publisher: str | None = None,
        date: str | None = None,
        grade: str | None = None,
        article_id: int | None = None,
        note: str = "",
    ) -> Source:
        """Add a source. Its kind defaults to `article` with an article, `url` with a URL,
        else `document`."""
        title = " ".join(title.split())
        if not title:
            raise InvalidInput("a source needs a title")
        kind = kind or ("article" if article_id else "url" if url else "document")
        if kind not in KINDS:
            raise InvalidInput(f"unknown source kind {kind!r}: use one of {', '.join(KINDS)}")
        parsed = parse_optional(date)
        from briefing.core.journal import new_uid  # not at import: `briefing --help` lists KINDS

        with self._library.transaction() as conn:
            if article_id is not None:
                require_article(conn, article_id)
            cursor = conn.execute(
                """INSERT INTO sources (kind, title, url, publisher, date, grade, article_id,
                                        note, created_at, uid)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    kind,
                    title,
                    checked_url(url, "a source's URL"),
                    (publisher or "").strip() or None,
                    parsed.iso() if parsed else None,
                    normalise_grade(grade),
                    article_id,
                    note.strip(),
                    now(),
                    new_uid(),
                ),
            )
        return self.get(inserted_id(cursor))

    def get(self, source_id: int) -> Source:
        rows = self._select("WHERE s.id = ?", [source_id])
        if not rows:
            raise NotFound(f"no source with id {source_id}")
        return rows[0]

    def resolve(self, ref: str | int) -> Source:
        """A source by id, or by its exact title when that is unique."""
        text = str(ref).strip()
        if text.isascii() and text.isdigit():
            return self.get(int(text))
        rows = self._select("WHERE s.title = ? COLLATE NOCASE", [text])
        if len(rows) == 1:
            return rows[0]
        if rows:
            raise InvalidInput(f"several sources are titled {text!r}; use an id")
        raise NotFound(f"no source {text!r} (by id or title)")

    def list(self, *, article_id: int | None = None) -> builtins.list[Source]:
        if article_id is None:
            return self._select("", [])
        return self._select("WHERE s.article_id = ?", [article_id])

    def delete(self, source_id: int) -> Source:
        gone = self.get(source_id)
        with self._library.transaction() as conn:
            conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))
        return gone

    def _select(self, where: str, params: builtins.list[object]) -> builtins.list[Source]:
        rows = self._library.connection().execute(
            f"""SELECT s.id, s.kind, s.title, s.url, s.publisher, s.date, s.grade, s.article_id,
                       s.note, (SELECT count(*) FROM claim_sources c WHERE c.source_id = s.id),
                       s.uid
                FROM sources s {where} ORDER BY s.id""",
            params,
        )
        return [Source(*row) for row in rows]

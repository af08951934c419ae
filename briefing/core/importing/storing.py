"""Storing a batch of read articles: one short transaction, one INSERT for the batch.

Why one statement for many rows rather than one per article: SQLite opens a statement
savepoint for every statement that writes to a virtual table (here through the articles'
index trigger), and FTS5 writes its pending terms out as a new index segment at every
savepoint. One INSERT per article made one tiny segment per article, and FTS5 spent most
of a large import merging them (a 100k import: 35 s of SQL, against 18 s for inserting the
rows and building the index once; bench/build_library.py). One INSERT for a batch of a few
hundred articles gives the index a few large segments, while the index stays up to date in
the same transaction as the rows: a search sees every article that is committed, and a
crash or a cancel never leaves an article unindexed.

Duplicates (the same normalised text) are found before inserting: against the library,
and within the batch (the second copy is a duplicate of the first, which the batch adds).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from briefing.core.articles.rows import date_columns
from briefing.core.clock import now
from briefing.core.importing.extracted import Extracted
from briefing.core.journal import new_uid
from briefing.core.text_input import printable
from briefing.core.urls import web_address

COLUMNS = (
    "title",
    "title_proposed",
    "outlet",
    "agency",
    "author",
    "dateline",
    "date",
    "date_start",
    "date_end",
    "url",
    "language",
    "source_format",
    "source_path",
    "content_hash",
    "imported_at",
    "text",
    "original",
    "uid",
)
_LOOKUP_CHUNK = 500  # under SQLite's oldest limit of 999 variables


@dataclass(frozen=True)
class Parsed:
    """One input read and understood, waiting to be stored with its batch."""

    name: str  # as the caller gave it: the path, or the name of a pasted text
    article: Extracted
    digest: str
    path: Path | None

    @property
    def size(self) -> int:
        return len(self.article.text) + len(self.article.original or "")


@dataclass(frozen=True)
class Stored:
    """What became of one parsed input: `id`, `title` and `uid` are the new article's, or
    those of the article it duplicates (`duplicate` says which)."""

    parsed: Parsed
    id: int
    title: str
    uid: str
    duplicate: bool
    reason: str | None = None  # why it could not be stored, when it could not (id is 0)


def store(conn: sqlite3.Connection, batch: list[Parsed]) -> list[Stored]:
    """Store a batch inside the caller's transaction; one `Stored` per input, in order."""
    known = _existing(conn, sorted({p.digest for p in batch}))
    first: dict[str, Parsed] = {}
    for parsed in batch:
        if parsed.digest not in known:
            first.setdefault(parsed.digest, parsed)
    rows = {digest: _row(parsed) for digest, parsed in first.items()}
    added, failed = _insert(conn, list(rows.values()))
    out = []
    for parsed in batch:
        if parsed.digest in known:
            id_, title, uid = known[parsed.digest]
            out.append(Stored(parsed, id_, title, uid, duplicate=True))
            continue
        uid = str(rows[parsed.digest]["uid"])
        original = first[parsed.digest]
        if uid in added:
            title = original.article.title
            out.append(Stored(parsed, added[uid], title, uid, duplicate=original is not parsed))
        else:
            reason = failed.get(uid, "could not be stored")
            out.append(Stored(parsed, 0, "", "", duplicate=False, reason=reason))
    return out


def _existing(conn: sqlite3.Connection, digests: list[str]) -> dict[str, tuple[int, str, str]]:
    found: dict[str, tuple[int, str, str]] = {}
    for start in range(0, len(digests), _LOOKUP_CHUNK):
        chunk = digests[start : start + _LOOKUP_CHUNK]
        marks = ",".join("?" * len(chunk))
        for digest, id_, title, uid in conn.execute(
            f"SELECT content_hash, id, title, uid FROM articles WHERE content_hash IN ({marks})",
            chunk,
        ):
            found[digest] = (id_, title, uid)
    return found


def _insert(
    conn: sqlite3.Connection, rows: list[dict[str, object]]
) -> tuple[dict[str, int], dict[str, str]]:
    """Insert the rows; their ids by uid, and why any row could not be stored (by uid).

    Every row at once; should that fail (a constraint no check above foresaw), each row on
    its own in a savepoint, so that one bad row is reported and the others are stored.
    """
    if not rows:
        return {}, {}
    before = conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
    per_statement = max(1, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(COLUMNS))
    failed: dict[str, str] = {}
    try:
        conn.execute("SAVEPOINT import_rows")
        try:
            for start in range(0, len(rows), per_statement):
                _insert_rows(conn, rows[start : start + per_statement])
        except sqlite3.IntegrityError:
            conn.execute("ROLLBACK TO import_rows")
            for row in rows:
                try:
                    _insert_rows(conn, [row])
                except sqlite3.IntegrityError as exc:
                    failed[str(row["uid"])] = f"could not be stored ({exc})"
    finally:
        conn.execute("RELEASE import_rows")
    added = dict(conn.execute("SELECT uid, id FROM articles WHERE id > ?", (before,)).fetchall())
    return added, failed


def _insert_rows(conn: sqlite3.Connection, rows: list[dict[str, object]]) -> None:
    one = "(" + ",".join("?" * len(COLUMNS)) + ")"
    values = [row[column] for row in rows for column in COLUMNS]
    conn.execute(
        f"INSERT INTO articles ({', '.join(COLUMNS)}) VALUES {','.join([one] * len(rows))}",
        values,
    )


def _row(parsed: Parsed) -> dict[str, object]:
    article = parsed.article
    return {
        "title": article.title,
        "title_proposed": int(article.title_proposed),
        "outlet": article.outlet,
        "agency": article.agency,
        "author": article.author,
        "dateline": article.dateline,
        **date_columns(article.date),
        "url": web_address(article.url),  # a page's own `javascript:` address is no address
        "language": article.language,
        "source_format": article.source_format,
        "source_path": printable(str(parsed.path.resolve())) if parsed.path else None,
        "content_hash": parsed.digest,
        "imported_at": now(),
        "text": article.text,
        "original": article.original,
        "uid": new_uid(),
    }

"""Storing a batch of read articles: one short transaction, one INSERT for the rows, one
for their search index.

Why statements for many rows rather than one per article: SQLite opens a statement
savepoint for every statement that writes to a virtual table, and FTS5 writes its pending
terms out as a new index segment at every savepoint. One INSERT per article made one tiny
segment per article, and FTS5 spent most of a large import merging them. One INSERT for the
batch's rows, then one INSERT ... SELECT that indexes them all (the insert trigger stands
aside while journal_head.bulk is set: db/010), gives the index a few large segments and
spares the trigger's work per row (about a fifth of the SQL's CPU). Both run in the same
transaction: a search sees every article that is committed, and a crash or a cancel never
leaves an article unindexed.

The rows are built on the reading thread (`row` below, called by the import's parse), so
the storing thread, the slower of the two, does only SQL.

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
_UID = COLUMNS.index("uid")
_LOOKUP_CHUNK = 500  # under SQLite's oldest limit of 999 variables
# What the insert trigger (db/010) would index for each row, for the batch's rows at once.
# It must index the columns the trigger does: tests compare the index with a 'rebuild'.
_INDEX_BATCH = (
    "INSERT INTO articles_fts (rowid, title, text) "
    "SELECT id, title, text FROM articles WHERE id > ?"
)


@dataclass(frozen=True)
class Parsed:
    """One input read and understood, waiting to be stored with its batch."""

    name: str  # as the caller gave it: the path, or the name of a pasted text
    article: Extracted
    digest: str
    path: Path | None
    row: tuple[object, ...]  # the articles row it would be, in COLUMNS' order (`row`)

    @property
    def uid(self) -> str:
        return str(self.row[_UID])

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
    added, failed = _insert(conn, [parsed.row for parsed in first.values()])
    out = []
    for parsed in batch:
        if parsed.digest in known:
            id_, title, uid = known[parsed.digest]
            out.append(Stored(parsed, id_, title, uid, duplicate=True))
            continue
        original = first[parsed.digest]
        uid = original.uid
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
    conn: sqlite3.Connection, rows: list[tuple[object, ...]]
) -> tuple[dict[str, int], dict[str, str]]:
    """Insert the rows and index them; their ids by uid, and why any row could not be stored
    (by uid).

    Every row at once; should that fail (a constraint no check above foresaw), each row on
    its own, so that one bad row is reported and the others are stored. Then the index of
    every row stored, in one statement. All of it in a savepoint, so that a failure takes
    back the rows and the flag that held the trigger back together.
    """
    if not rows:
        return {}, {}
    before = conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
    per_statement = max(1, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(COLUMNS))
    failed: dict[str, str] = {}
    conn.execute("SAVEPOINT import_rows")
    try:
        was_bulk = _hold_back_the_trigger(conn)
        try:
            for start in range(0, len(rows), per_statement):
                _insert_rows(conn, rows[start : start + per_statement])
        except sqlite3.IntegrityError:
            conn.execute("ROLLBACK TO import_rows")  # the flag too
            was_bulk = _hold_back_the_trigger(conn)
            for row in rows:
                try:
                    _insert_rows(conn, [row])
                except sqlite3.IntegrityError as exc:
                    failed[str(row[_UID])] = f"could not be stored ({exc})"
        if was_bulk is not None:
            conn.execute(_INDEX_BATCH, (before,))
            conn.execute("UPDATE journal_head SET bulk = ? WHERE id = 1", (was_bulk,))
    except BaseException:
        conn.execute("ROLLBACK TO import_rows")
        raise
    finally:
        conn.execute("RELEASE import_rows")
    added = dict(conn.execute("SELECT uid, id FROM articles WHERE id > ?", (before,)).fetchall())
    return added, failed


def _hold_back_the_trigger(conn: sqlite3.Connection) -> int | None:
    """Set journal_head.bulk, so the insert trigger leaves the index to `_insert`; the flag
    as it was, or None when there is no journal head (lost: the library repairs it when
    opened next), in which case the trigger indexes each row and `_insert` must not."""
    row = conn.execute("SELECT bulk FROM journal_head WHERE id = 1").fetchone()
    if row is None:
        return None
    conn.execute("UPDATE journal_head SET bulk = 1 WHERE id = 1")
    return int(row[0])


def index_missing(conn: sqlite3.Connection) -> int:
    """Index every article the search index lacks; how many. For a library found with the
    bulk flag set (which `_insert` sets and clears in one transaction, so only a bug leaves
    it): the rows inserted under it went in without their index entries. FTS5 keeps one
    docsize row per article it indexed, so the missing ones are those without one."""
    return conn.execute(
        "INSERT INTO articles_fts (rowid, title, text) SELECT id, title, text FROM articles "
        "WHERE id NOT IN (SELECT id FROM articles_fts_docsize)"
    ).rowcount


def _insert_rows(conn: sqlite3.Connection, rows: list[tuple[object, ...]]) -> None:
    one = "(" + ",".join("?" * len(COLUMNS)) + ")"
    values = [value for row in rows for value in row]
    conn.execute(
        f"INSERT INTO articles ({', '.join(COLUMNS)}) VALUES {','.join([one] * len(rows))}",
        values,
    )


def row(article: Extracted, digest: str, path: Path | None) -> tuple[object, ...]:
    """The articles row of a parsed input, in COLUMNS' order, with a new uid; built on the
    reading thread (see the module docstring)."""
    values = {
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
        "source_path": printable(str(path.resolve())) if path else None,
        "content_hash": digest,
        "imported_at": now(),
        "text": article.text,
        "original": article.original,
        "uid": new_uid(),
    }
    return tuple(values[column] for column in COLUMNS)

"""The change journal: what changed since a version, and keeping the journal honest.

Migration 004 (db/004_change_journal.sql, which says how it works) gives every record a
journal row and triggers that keep it, so reading "what changed since N" is a range of one
index: time in proportion to the changes, not to the library. This module reads it, and
repairs it when it finds that it was cut short behind the library's back (triggers dropped,
rows deleted in the sqlite3 shell): the gap is noted by raising `floor`, and whoever asks
from below the floor is told to reload everything (`Changes.full`) rather than given a
partial answer that would look complete.

`JournalEntry` is the same information with uids, for what outlives one library file (a
team library's sync, an export): ids are local, uids are not.
"""

from __future__ import annotations

import os
import random
import re
import sqlite3
import time
import uuid
from dataclasses import dataclass
from functools import cache

from briefing.core.bundled import migrations_dir
from briefing.core.changes import Changes, Kind
from briefing.core.clock import now
from briefing.core.errors import InvalidInput

JOURNAL_MIGRATION = "004_change_journal.sql"

# The tables whose rows are records, with the kind each row files under.
RECORD_TABLES: dict[str, str] = {
    "articles": "'article'",
    "annotations": "CASE kind WHEN 'claim' THEN 'claim' ELSE 'annotation' END",
    "actors": "'actor'",
    "sources": "'source'",
    "tags": "'tag'",
    "briefings": "'briefing'",
}
TABLE_OF_KIND: dict[Kind, str] = {
    Kind.ARTICLE: "articles",
    Kind.ANNOTATION: "annotations",
    Kind.CLAIM: "annotations",
    Kind.ACTOR: "actors",
    Kind.SOURCE: "sources",
    Kind.TAG: "tags",
    Kind.BRIEFING: "briefings",
}


def new_uid() -> str:
    """A record's stable identity, as text (the form W3C and JSON carry): a UUID version 7
    (RFC 9562), the time in milliseconds then 74 random bits. Time first, so new records
    land at the end of the uid indexes (the records' and the journal's) instead of at random
    places in them: a 100k import writes pages in order."""
    millis = time.time_ns() // 1_000_000
    rand = _random.getrandbits(74)
    value = (millis & (1 << 48) - 1) << 80 | 0x7 << 76 | (rand >> 62 & 0xFFF) << 64
    value |= 0b10 << 62 | rand & (1 << 62) - 1
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# Seeded from the system's randomness once: uids must not collide between libraries and
# machines (74 random bits a millisecond), not be secret; a syscall per uid costs an import
# of 100k articles a second.
_random = random.Random(os.urandom(32))


@dataclass(frozen=True)
class Head:
    base: int
    version: int
    floor: int
    library_uid: str


@dataclass(frozen=True)
class JournalEntry:
    """One record's change since the version asked about: `op` is added, updated or deleted."""

    kind: Kind
    uid: str
    record_id: int
    op: str
    version: int


@cache
def _trigger_names() -> frozenset[str]:
    return frozenset(_trigger_statements())


@cache
def _trigger_statements() -> dict[str, str]:
    """The journal's triggers as the migrations leave them, by name, to put back a dropped
    one: migration 004 creates them, and a later one may replace one (the last wins)."""
    from briefing.core.migrate import split_statements

    found = {}
    for script in sorted(migrations_dir().glob("[0-9][0-9][0-9]_*.sql")):
        if script.name < JOURNAL_MIGRATION:
            continue
        for statement in split_statements(script.read_text("utf-8")):
            match = re.search(r"^CREATE TRIGGER (journal_\w+)", statement, re.M)
            if match:
                found[match[1]] = statement
    return found


def head(conn: sqlite3.Connection) -> Head | None:
    row = conn.execute(
        "SELECT base, version, floor, library_uid FROM journal_head WHERE id = 1"
    ).fetchone()
    return Head(*row) if row else None


def current_version(conn: sqlite3.Connection) -> int | None:
    """The head's version; None when there is no head (lost, or a schema before 004)."""
    try:
        row = conn.execute("SELECT version FROM journal_head WHERE id = 1").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def is_consistent(conn: sqlite3.Connection) -> bool:
    """Cheap (a few index reads): the head is there, not left in bulk mode (a bulk writer
    sets it and clears it within one transaction), the newest row carries its version
    (unless nothing was written since the floor was set) and every trigger is in place."""
    top = head(conn)
    if top is None or in_bulk(conn):
        return False
    newest = conn.execute("SELECT max(version) FROM journal").fetchone()[0]
    if newest is not None and newest > top.version:
        return False
    if newest != top.version and top.version != top.floor:
        return False
    names = {
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'journal_*'"
        )
    }
    return names == _trigger_names()


def repair(conn: sqlite3.Connection) -> Head:
    """Make the journal whole again and note the gap. Call inside a write transaction.

    Costs a pass over every record (rare: only when `is_consistent` failed). Afterwards the
    floor is the head: any version asked about from before it gets a full refresh.
    """
    present = {
        row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    for name, statement in _trigger_statements().items():
        if name not in present:
            conn.execute(statement)
    top = head(conn)
    newest = conn.execute("SELECT max(version) FROM journal").fetchone()[0] or 0
    if top is None:
        base = (1 + uuid.uuid4().int % 1_000_000_000) * 1_000_000
        conn.execute(
            "INSERT INTO journal_head (id, base, version, floor, library_uid) "
            "VALUES (1, ?, ?, ?, ?)",
            (base, max(base, newest), max(base, newest), uuid.uuid4().hex),
        )
    # Rows that lost their uid (inserted while the triggers were gone) get one now; the
    # update trigger, back in place, files them.
    for table in RECORD_TABLES:
        for (row_id,) in conn.execute(f"SELECT id FROM {table} WHERE uid IS NULL").fetchall():
            conn.execute(f"UPDATE {table} SET uid = ? WHERE id = ?", (new_uid(), row_id))
    version = max(current_version(conn) or 0, newest) + 1
    conn.execute(
        "UPDATE journal_head SET version = ?, floor = ?, gap_at = ? WHERE id = 1",
        (version, version, now()),
    )
    if in_bulk(conn):  # committed half-way through a bulk write: what it skipped is lost
        conn.execute("UPDATE journal_head SET bulk = 0 WHERE id = 1")
    for table, kind in RECORD_TABLES.items():
        # Records the journal lost, or files under another id or kind.
        conn.execute(
            f"""INSERT INTO journal (kind, uid, record_id, added, version)
                SELECT {kind}, t.uid, t.id, :v, :v FROM {table} t WHERE true
                ON CONFLICT (kind, uid) DO UPDATE SET
                    record_id = excluded.record_id, deleted = 0, version = excluded.version
                WHERE record_id IS NOT excluded.record_id OR deleted""",
            {"v": version},
        )
    for kind, table in TABLE_OF_KIND.items():
        # Records that went while nobody was writing it down.
        conn.execute(
            f"""UPDATE journal SET deleted = 1, version = :v, gone = :v
                WHERE kind = :kind AND deleted = 0 AND NOT EXISTS
                    (SELECT 1 FROM {table} t WHERE t.uid = journal.uid)""",
            {"v": version, "kind": str(kind)},
        )
    result = head(conn)
    assert result is not None
    return result


def in_bulk(conn: sqlite3.Connection) -> bool:
    try:
        return conn.execute("SELECT 1 FROM journal_head WHERE bulk = 1").fetchone() is not None
    except sqlite3.OperationalError:  # a schema before migration 008
        return False


def entries_since(conn: sqlite3.Connection, version: int) -> list[JournalEntry]:
    """Every record changed after `version`, oldest change first; no checks (see
    `changes_since`). A record added and deleted since is left out: nobody saw it.

    A record deleted and brought back (an undo) is "updated" to whoever saw it before the
    deletion, and "added" to whoever saw it gone.
    """
    entries = []
    for kind, uid, record_id, added, changed, deleted, gone in conn.execute(
        "SELECT kind, uid, record_id, added, version, deleted, gone FROM journal "
        "WHERE version > ? ORDER BY version",
        (version,),
    ):
        if deleted:
            if added > version:
                continue
            op = "deleted"
        elif added > version or (gone is not None and gone <= version):
            op = "added"
        else:
            op = "updated"
        entries.append(JournalEntry(Kind(kind), uid, record_id, op, changed))
    return entries


def changes_between(conn: sqlite3.Connection, version: int, to: int) -> Changes:
    """What changed after `version` as a `Changes` at version `to`: the caller knows both
    are this library's (a transaction reading its own start)."""
    parts: dict[str, dict[Kind, set[int]]] = {"added": {}, "updated": {}, "deleted": {}}
    for entry in entries_since(conn, version):
        parts[entry.op].setdefault(entry.kind, set()).add(entry.record_id)
    return Changes.of(
        added=parts["added"],
        updated=parts["updated"],
        deleted=parts["deleted"],
        version=to,
        since=version,
    )


def everything(conn: sqlite3.Connection, to: int) -> Changes:  # since 0
    """Every live record, as added: the answer to "what changed since nothing"."""
    added: dict[Kind, set[int]] = {}
    for kind, record_id in conn.execute("SELECT kind, record_id FROM journal WHERE deleted = 0"):
        added.setdefault(Kind(kind), set()).add(record_id)
    return Changes.of(added=added, version=to)


def check_version(top: Head, version: int) -> None:
    """Refuse a version this library never gave out (InvalidInput)."""
    if isinstance(version, bool) or not isinstance(version, int):
        raise InvalidInput(f"a journal version is a whole number, not {version!r}")
    if version == 0:
        return
    if version > top.version:
        raise InvalidInput(
            f"version {version} is ahead of this library's journal (it is at {top.version}): "
            "it comes from another library, or from a copy of this one that has moved on"
        )
    if version < top.base:
        raise InvalidInput(
            f"version {version} does not come from this library (its versions run from "
            f"{top.base} to {top.version}); ask from 0 for everything"
        )


def uids_of(conn: sqlite3.Connection, kind: Kind | str, ids: list[int]) -> dict[int, str]:
    """The uids of some records of one kind, by id (a missing record is left out)."""
    table = TABLE_OF_KIND[Kind(kind)]
    found: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            conn.execute(f"SELECT id, uid FROM {table} WHERE id IN ({marks})", chunk).fetchall()
        )
    return found

"""What the local library keeps about its team: the link, the bases, the conflicts.

All of it lives in the library file (db/006_team.sql) and is written only inside the sync's
own transactions, so that the link's versions move with what they describe: a batch pulled
is written together with the version it brings the library to; a push is marked done in the
same transaction that records what the team now holds.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from briefing.core.changes import Kind
from briefing.core.clock import now
from briefing.core.team.fingerprints import fingerprints
from briefing.core.team.records import Data


@dataclass(frozen=True)
class Link:
    url: str
    team: str
    team_uid: str
    joined_at: str
    pushed_version: int
    pulled_version: int
    last_sync_at: str | None
    last_error: str | None
    active: bool = True


@dataclass(frozen=True)
class Base:
    version: int
    deleted: bool
    data: Data


def read_link(conn: sqlite3.Connection) -> Link | None:
    row = conn.execute(
        "SELECT url, team, team_uid, joined_at, pushed_version, pulled_version, last_sync_at, "
        "last_error, active FROM team_link WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    url, team, team_uid, joined, pushed, pulled, synced, error, active = row
    return Link(url, team, team_uid, joined, pushed, pulled, synced, error, bool(active))


def write_link(conn: sqlite3.Connection, link: Link) -> None:
    conn.execute(
        """INSERT INTO team_link (id, url, team, team_uid, joined_at, pushed_version,
                                  pulled_version, last_sync_at, last_error, active)
           VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET url = excluded.url, team = excluded.team,
               team_uid = excluded.team_uid, joined_at = excluded.joined_at,
               pushed_version = excluded.pushed_version,
               pulled_version = excluded.pulled_version,
               last_sync_at = excluded.last_sync_at, last_error = excluded.last_error,
               active = excluded.active""",
        (
            link.url,
            link.team,
            link.team_uid,
            link.joined_at,
            link.pushed_version,
            link.pulled_version,
            link.last_sync_at,
            link.last_error,
            int(link.active),
        ),
    )


def set_versions(
    conn: sqlite3.Connection, *, pushed: int | None = None, pulled: int | None = None
) -> None:
    if pushed is not None:
        conn.execute("UPDATE team_link SET pushed_version = ? WHERE id = 1", (pushed,))
    if pulled is not None:
        conn.execute(
            "UPDATE team_link SET pulled_version = max(pulled_version, ?) WHERE id = 1", (pulled,)
        )


def bases(
    conn: sqlite3.Connection, keys: Iterable[tuple[Kind, str]]
) -> dict[tuple[Kind, str], Base]:
    found: dict[tuple[Kind, str], Base] = {}
    by_kind: dict[Kind, list[str]] = {}
    for kind, uid in keys:
        by_kind.setdefault(kind, []).append(uid)
    for kind, uids in by_kind.items():
        for start in range(0, len(uids), 500):
            chunk = uids[start : start + 500]
            for uid, version, deleted, data in conn.execute(
                f"SELECT uid, version, deleted, data FROM team_base WHERE kind = ? "
                f"AND uid IN ({','.join('?' * len(chunk))})",
                [str(kind), *chunk],
            ):
                found[(kind, uid)] = Base(version, bool(deleted), json.loads(data))
    return found


BaseRow = tuple[str, str, int, int, str]


def base_rows(rows: Iterable[tuple[Kind, str, int, bool, Data]]) -> list[BaseRow]:
    """Bases as team_base stores them: worked out apart from writing them, so that a push
    can do it while the server takes in what it sent."""
    return [
        (str(kind), uid, version, int(deleted), json.dumps(fingerprints(data), ensure_ascii=False))
        for kind, uid, version, deleted, data in rows
    ]


def put_bases(conn: sqlite3.Connection, rows: Iterable[tuple[Kind, str, int, bool, Data]]) -> None:
    put_base_rows(conn, base_rows(rows))


def put_base_rows(conn: sqlite3.Connection, rows: list[BaseRow]) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO team_base (kind, uid, version, deleted, data) "
        "VALUES (?, ?, ?, ?, ?)",
        rows,
    )


def add_conflict(
    conn: sqlite3.Connection,
    kind: Kind,
    uid: str,
    field: str,
    mine: Any,
    theirs: Any,
    theirs_by: str | None,
) -> None:
    """Record (or bring up to date) a conflict: one per record and field."""
    conn.execute(
        """INSERT INTO team_conflicts (kind, uid, field, mine, theirs, theirs_by, found_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (kind, uid, field) DO UPDATE SET mine = excluded.mine,
               theirs = excluded.theirs, theirs_by = excluded.theirs_by,
               found_at = excluded.found_at""",
        (
            str(kind),
            uid,
            field,
            json.dumps(mine, ensure_ascii=False),
            json.dumps(theirs, ensure_ascii=False),
            theirs_by,
            now(),
        ),
    )

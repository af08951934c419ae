"""The conflicts a sync left, as the analyst sees them (`library.team.conflicts()`).

A sync files a conflict in the library's team_conflicts table (link.py) with what it knows
then: the record's kind and uid, the field, both values as JSON. Showing one takes more: the
record's local id, if it is still here, and a few words that say which record it is. That
reading is this module's, with the Conflict record it gives, so that the service (service.py)
keeps the link, the sync and settling, and the command line and the app get one shape.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from briefing.core.changes import Kind
from briefing.core.errors import NotFound
from briefing.core.team.records import local_ids

_COLUMNS = "id, kind, uid, field, mine, theirs, theirs_by, found_at"


@dataclass(frozen=True)
class Conflict:
    """A field both sides changed: the team's value (`theirs`) is in the record, the local
    one (`mine`) kept here until the analyst chooses. `field` "deleted" is an edit against a
    deletion: mine and theirs say whether each side deleted the record."""

    id: int
    kind: Kind
    uid: str
    record_id: int | None  # None when the record is not here (any more)
    label: str
    field: str
    mine: Any
    theirs: Any
    theirs_by: str | None
    found_at: str

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": str(self.kind),
            "uid": self.uid,
            "record": self.record_id,
            "label": self.label,
            "field": self.field,
            "mine": self.mine,
            "theirs": self.theirs,
            "theirs_by": self.theirs_by,
            "found_at": self.found_at,
        }


def all_conflicts(conn: sqlite3.Connection) -> list[Conflict]:
    """Every conflict waiting, oldest first."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM team_conflicts ORDER BY id").fetchall()
    return [_conflict(conn, row) for row in rows]


def one_conflict(conn: sqlite3.Connection, conflict_id: int) -> Conflict:
    """The conflict with this id; NotFound when there is none (settled, or never was)."""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM team_conflicts WHERE id = ?", (conflict_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"no conflict with id {conflict_id} (see briefing team conflicts)")
    return _conflict(conn, row)


def _conflict(conn: sqlite3.Connection, row: tuple[Any, ...]) -> Conflict:
    id_, kind, uid, field, mine, theirs, by, found = row
    kind = Kind(kind)
    record_id = local_ids(conn, kind, [uid]).get(uid)
    return Conflict(
        id_,
        kind,
        uid,
        record_id,
        _label(conn, kind, record_id),
        field,
        json.loads(mine) if mine is not None else None,
        json.loads(theirs) if theirs is not None else None,
        by,
        found,
    )


def _label(conn: sqlite3.Connection, kind: Kind, record_id: int | None) -> str:
    """A few words that say which record: a claim's quote, an article's title."""
    if record_id is None:
        return "(not in this library)"
    sql = {
        Kind.ARTICLE: "SELECT title FROM articles WHERE id = ?",
        Kind.CLAIM: "SELECT quote FROM annotations WHERE id = ?",
        Kind.ANNOTATION: "SELECT quote FROM annotations WHERE id = ?",
        Kind.ACTOR: "SELECT name FROM actors WHERE id = ?",
        Kind.SOURCE: "SELECT title FROM sources WHERE id = ?",
        Kind.TAG: "SELECT name FROM tags WHERE id = ?",
        Kind.BRIEFING: "SELECT title FROM briefings WHERE id = ?",
    }[kind]
    row = conn.execute(sql, (record_id,)).fetchone()
    text = " ".join(str(row[0]).split()) if row else ""
    return text if len(text) <= 60 else text[:59] + "…"

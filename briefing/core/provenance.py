"""Who created and last changed each record, and when: `library.provenance`.

Kept on the record's journal row (db/006_team.sql), so it covers every kind of record and
every part of one (a claim's new subject names the claim's changer) without a column per
table. The library writes it as each transaction commits, for the records the transaction
touched, with the name `briefing whoami` gives; a team sync writes the names the team
library holds for what it brings in. A record made before migration 6, or written by another
program (the sqlite3 shell), has no name: None, shown as unknown.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core.changes import Kind
from briefing.core.clock import now

if TYPE_CHECKING:
    from briefing.core.library import Library


@dataclass(frozen=True)
class Provenance:
    created_by: str | None
    changed_by: str | None
    changed_at: str | None  # UTC, ISO 8601

    def as_json(self) -> dict[str, str | None]:
        return {
            "created_by": self.created_by,
            "changed_by": self.changed_by,
            "changed_at": self.changed_at,
        }


UNKNOWN = Provenance(None, None, None)


def stamp(conn: sqlite3.Connection, since: int, user: str, at: str | None = None) -> None:
    """Sign every record changed after journal version `since` (one range of the journal's
    version index); a record new since then gets its maker too."""
    conn.execute(
        """UPDATE journal SET changed_by = :user, changed_at = :at,
                  created_by = CASE WHEN added > :since THEN coalesce(created_by, :user)
                                    ELSE created_by END
           WHERE version > :since""",
        {"user": user or None, "at": at or now(), "since": since},
    )


class ProvenanceService:
    def __init__(self, library: Library) -> None:
        self._library = library

    def of(self, kind: Kind | str, ids: list[int]) -> dict[int, Provenance]:
        """Who made and changed these records of one kind, by id (unknown ones left out)."""
        kind = Kind(kind)
        conn = self._library.connection()
        found: dict[int, Provenance] = {}
        kinds = (str(Kind.CLAIM), str(Kind.ANNOTATION)) if kind is Kind.ANNOTATION else (kind,)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for record_id, created, changed, at in conn.execute(
                f"""SELECT record_id, created_by, changed_by, changed_at FROM journal
                    WHERE kind IN ({",".join("?" * len(kinds))}) AND deleted = 0
                      AND record_id IN ({marks})""",
                [*kinds, *chunk],
            ):
                found[record_id] = Provenance(created, changed, at)
        return found

    def get(self, kind: Kind | str, record_id: int) -> Provenance:
        return self.of(kind, [record_id]).get(record_id, UNKNOWN)

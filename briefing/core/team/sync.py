"""One sync: pull what the team changed, push what this library changed, pull again.

The Zotero way, over PostgreSQL. Every record has a uid and, in the team, the version of its
last change; the library keeps, for each record it synced, the base: the team's fields as
they were then, and that version.

Pull: the team's records changed after the version last pulled, in version order, a batch at
a time; each batch is written in one local transaction together with the version it brings
the library to, so a connection lost mid-pull loses nothing and repeats nothing: the next
sync asks from there. A record the library also changed since its base is merged field by
field (merge.py); the rest are written as the team has them.

Push: the records the journal says changed since the version last pushed, read as the team
holds them and compared with their bases (a change that came from a pull is its own base,
so nothing pulled is ever pushed back). In PostgreSQL, one transaction per batch takes the
head's row lock (pushes follow one another; versions are given in commit order), locks the
records' rows, merges each with what another analyst pushed since this library's base, and
writes it with a new version. Then one local transaction records what the team now holds
and brings the local records to it (another analyst's fields, the team's side of a
conflict). A connection lost between the two leaves the team ahead of the library, which
the next pull finds: the same values on both sides merge to nothing, so no change is lost or
applied twice.

An edit against a deletion keeps the edit and says so (a conflict on the field "deleted");
an actor merged into another is re-pointed, not lost; a briefing whose owner stopped sharing
it stays, private, in each library that had it. A session-level advisory lock on the
library's uid keeps two syncs of one library (the app and the command line) from
interleaving.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Any

from briefing.core.clock import now
from briefing.core.errors import TeamUnavailable
from briefing.core.team.push import Push
from briefing.core.team.session import SyncReport, one

__all__ = ["Engine", "SyncReport", "schema_sql"]

LOCK_WAIT_S = 30.0


def schema_sql(team: str) -> Any:
    from psycopg import sql

    return sql.Identifier(team)


class Engine(Push):
    """One sync of a library with its team."""

    def run(self) -> SyncReport:
        with self.library_lock():
            self.pull()
            if self.push():
                self.pull()
            self.note_member()
        return self.report

    @contextmanager
    def library_lock(self) -> Any:
        """The advisory lock that keeps two syncs of this library apart (session-level: it
        goes with the connection, whatever happens)."""
        key = f"briefing-sync:{self.library_uid}"
        deadline = time.monotonic() + LOCK_WAIT_S
        while not one(self.pg.execute("SELECT pg_try_advisory_lock(hashtext(%s))", (key,))):
            if time.monotonic() > deadline:
                raise TeamUnavailable(
                    "another sync of this library is still running; try again when it ends"
                )
            time.sleep(0.2)
        try:
            yield
        finally:
            if not self.pg.closed:
                try:
                    self.pg.execute("SELECT pg_advisory_unlock(hashtext(%s))", (key,))
                except Exception:  # noqa: BLE001 - the lock goes with the session anyway
                    pass

    def note_member(self) -> None:
        self.pg.execute(
            self.q(
                "INSERT INTO {s}.members (library_uid, name, joined_at, last_sync_at, seen_version)"
                " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (library_uid) DO UPDATE SET "
                "name = excluded.name, last_sync_at = excluded.last_sync_at, "
                "seen_version = excluded.seen_version"
            ),
            (self.library_uid, self.user, self.link.joined_at, now(), self.report.team_version),
        )

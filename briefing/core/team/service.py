"""`library.team`: join a team library in PostgreSQL, sync with it, settle conflicts, leave.

    library.team.join("postgresql://analyst@db.example.org/newsroom", team="xinjiang")
    library.team.sync()          # pull the team's changes, push ours
    library.team.status()        # the team, the last sync, what waits on each side
    library.team.conflicts()     # fields both sides changed: the team's value won, ours kept
    library.team.resolve(3, keep="mine")
    library.team.leave()         # unlink; the library keeps everything

Every failure to reach or use the team is a TeamUnavailable with one line to show (a wrong
URL, a refused password, a server that is not PostgreSQL or has a newer team schema, a
connection lost). Checks come before any write, so a join that is refused changes nothing on
either side; a sync cut short is finished by the next one (sync.py says how). What a
conflict says and how it is read is conflicts.py's; settling one is here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefing.core.clock import now
from briefing.core.errors import BriefingError, InvalidInput, TeamUnavailable
from briefing.core.progress import Progress
from briefing.core.team import (  # KEEP there: the command line reads it alone
    KEEP,
    link as links,
    server,
)
from briefing.core.team.apply import Applier
from briefing.core.team.conflicts import Conflict, all_conflicts, one_conflict
from briefing.core.team.records import read
from briefing.core.team.session import one
from briefing.core.team.sync import Engine, SyncReport

if TYPE_CHECKING:
    from briefing.core.library import Library

# A connection lost in the middle of a sync (not one that could not be made: that is being
# offline) is made again and the sync goes on from where it was, this many times, waiting
# RETRY_WAIT_S, then twice that...: on a network that drops every few seconds a sync still
# gets to the end, each attempt finishing what the one before left.
RETRIES = 5
RETRY_WAIT_S = 0.5


@dataclass(frozen=True)
class TeamStatus:
    """Where this library stands with its team. `team_changes` and `online` are None when
    the server was not asked (status(online=False))."""

    joined: bool
    team: str | None = None
    url: str | None = None
    joined_at: str | None = None
    last_sync_at: str | None = None
    last_error: str | None = None
    local_changes: int = 0
    team_changes: int | None = None
    conflicts: int = 0
    online: bool | None = None
    members: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "joined": self.joined,
            "team": self.team,
            "url": self.url,
            "joined_at": self.joined_at,
            "last_sync_at": self.last_sync_at,
            "last_error": self.last_error,
            "local_changes": self.local_changes,
            "team_changes": self.team_changes,
            "conflicts": self.conflicts,
            "online": self.online,
            "members": list(self.members),
        }


class TeamService:
    def __init__(self, library: Library) -> None:
        self._library = library

    # The link --------------------------------------------------------------------------------

    def link(self) -> links.Link | None:
        found = links.read_link(self._library.connection())
        return found if found is not None and found.active else None

    def _require(self) -> links.Link:
        found = self.link()
        if found is None:
            raise InvalidInput(
                "this library is in no team library; join one: briefing team join URL"
            )
        return found

    def join(
        self,
        url: str,
        team: str | None = None,
        *,
        progress: Progress | None = None,
        retries: int = RETRIES,
    ) -> SyncReport:
        """Link this library to a team library (made on first use) and sync with it."""
        name = server.check_team_name(team or server.DEFAULT_TEAM)
        url = server.check_url(url)
        current = self.link()
        if current is not None:
            raise InvalidInput(
                f"this library is in the team library {current.team!r} at {current.url} "
                "already; leave it first (briefing team leave)"
            )
        pg = server.connect(url)
        try:
            try:
                team_uid = server.ensure_schema(pg, name, create=True)
            except BriefingError:
                raise
            except Exception as exc:
                raise TeamUnavailable(server.describe(exc, url)) from exc
            with self._library.remote_writes(), self._library.transaction() as conn:
                old = links.read_link(conn)
                if old is None or old.team_uid != team_uid:
                    # Another team's bases and conflicts mean nothing here.
                    conn.execute("DELETE FROM team_base")
                    conn.execute("DELETE FROM team_conflicts")
                links.write_link(
                    conn,
                    links.Link(
                        url=server.without_password(url),
                        team=name,
                        team_uid=team_uid,
                        joined_at=now(),
                        pushed_version=0,  # everything is looked at once (against the bases)
                        pulled_version=old.pulled_version
                        if old is not None and old.team_uid == team_uid
                        else 0,
                        last_sync_at=None,
                        last_error=None,
                    ),
                )
        except BaseException:
            pg.close()
            raise
        return self._run_again(pg, url, None, progress, retries)

    def sync(
        self,
        *,
        progress: Progress | None = None,
        password: str | None = None,
        retries: int = RETRIES,
    ) -> SyncReport:
        """Pull the team's changes and push this library's; see sync.py. The password is
        not stored: libpq finds it in PGPASSWORD or ~/.pgpass, or the app passes the one it
        asked for. `retries`: how many times a connection lost mid-sync is made again."""
        current = self._require()
        try:
            pg = server.connect(current.url, password)
        except TeamUnavailable as exc:
            self._note(error=str(exc))
            raise
        return self._run_again(pg, current.url, password, progress, retries)

    def _run_again(
        self, pg: Any, url: str, password: str | None, progress: Progress | None, retries: int
    ) -> SyncReport:
        """Run the sync on `pg`; when the connection is lost mid-way, connect again and go on
        (the sync is resumable: sync.py), up to `retries` times."""
        import time

        for attempt in range(retries + 1):
            try:
                return self._run(pg, url, progress)
            except TeamUnavailable:
                if attempt == retries or not pg.broken:
                    raise
            finally:
                pg.close()
            time.sleep(RETRY_WAIT_S * 2**attempt)
            if progress is not None:
                progress.check()
            try:
                pg = server.connect(url, password)
            except TeamUnavailable as exc:
                self._note(error=str(exc))
                raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _run(self, pg: Any, url: str, progress: Progress | None) -> SyncReport:
        import psycopg

        current = self._require()
        try:
            team_uid = server.ensure_schema(pg, current.team, create=False)
            if team_uid != current.team_uid:
                raise TeamUnavailable(
                    f"the team library {current.team!r} at {current.url} is not the one this "
                    "library joined (it was made again); leave and join it again"
                )
            report = Engine(self._library, pg, current, progress).run()
        except psycopg.Error as exc:
            message = server.describe(exc, url)
            self._note(error=message)
            raise TeamUnavailable(message) from exc
        except TeamUnavailable as exc:
            self._note(error=str(exc))
            raise
        self._note(synced=True)
        return report

    def _note(self, *, error: str | None = None, synced: bool = False) -> None:
        try:
            with self._library.remote_writes(), self._library.transaction() as conn:
                if synced:
                    conn.execute(
                        "UPDATE team_link SET last_sync_at = ?, last_error = NULL WHERE id = 1",
                        (now(),),
                    )
                else:
                    conn.execute("UPDATE team_link SET last_error = ? WHERE id = 1", (error,))
        except BriefingError:  # pragma: no cover - the library is busy: the note can wait
            pass

    def leave(self) -> links.Link:
        """Unlink from the team. The library keeps every record; what it knew of the team
        stays too, so that joining the same team again picks up where it left."""
        current = self._require()
        with self._library.remote_writes(), self._library.transaction() as conn:
            conn.execute("UPDATE team_link SET active = 0 WHERE id = 1")
        return current

    # Where things stand ----------------------------------------------------------------------

    def local_changes(self) -> int:
        """Records changed here since the last sync (private briefings aside): cheap."""
        current = self.link()
        if current is None:
            return 0
        row = (
            self._library.connection()
            .execute(
                """SELECT count(*) FROM journal j WHERE j.version > ?
               AND NOT (j.kind = 'briefing' AND j.deleted = 0
                        AND EXISTS (SELECT 1 FROM briefings b
                                    WHERE b.id = j.record_id AND b.shared = 0)
                        AND NOT EXISTS (SELECT 1 FROM team_base t
                                        WHERE t.kind = 'briefing' AND t.uid = j.uid))""",
                (current.pushed_version,),
            )
            .fetchone()
        )
        return int(row[0])

    def status(self, *, online: bool = True, password: str | None = None) -> TeamStatus:
        current = self.link()
        if current is None:
            return TeamStatus(joined=False)
        conflicts = (
            self._library.connection().execute("SELECT count(*) FROM team_conflicts").fetchone()[0]
        )
        team_changes: int | None = None
        members: tuple[str, ...] = ()
        reached: bool | None = None
        if online:
            reached = False
            try:
                pg = server.connect(current.url, password)
            except TeamUnavailable:
                pass
            else:
                try:
                    from psycopg import sql

                    s = sql.Identifier(current.team)
                    team_changes = one(
                        pg.execute(
                            sql.SQL(
                                "SELECT count(*) FROM {}.records WHERE version > %s "
                                "AND changed_in IS DISTINCT FROM %s"
                            ).format(s),
                            (current.pulled_version, self._library.uid),
                        )
                    )
                    members = tuple(
                        r[0] or "?"
                        for r in pg.execute(
                            sql.SQL("SELECT name FROM {}.members ORDER BY joined_at").format(s)
                        )
                    )
                    reached = True
                except Exception:  # noqa: BLE001 - no team schema, lost connection: offline
                    reached = False
                finally:
                    pg.close()
        return TeamStatus(
            joined=True,
            team=current.team,
            url=current.url,
            joined_at=current.joined_at,
            last_sync_at=current.last_sync_at,
            last_error=current.last_error,
            local_changes=self.local_changes(),
            team_changes=team_changes,
            conflicts=int(conflicts),
            online=reached,
            members=members,
        )

    # Conflicts -------------------------------------------------------------------------------

    def conflicts(self) -> list[Conflict]:
        return all_conflicts(self._library.connection())

    def conflict(self, conflict_id: int) -> Conflict:
        return one_conflict(self._library.connection(), conflict_id)

    def resolve(self, conflict_id: int, keep: str) -> Conflict:
        """Settle a conflict: `theirs` leaves the team's value (or deletion) in place;
        `mine` puts this library's back, as an edit of its own that the next sync pushes."""
        if keep not in KEEP:
            raise InvalidInput(f"keep 'mine' or 'theirs', not {keep!r}")
        found = self.conflict(conflict_id)
        library = self._library
        with library.transaction() as conn:
            if found.field == "deleted":
                # mine/theirs: whether that side deleted the record.
                delete = found.mine if keep == "mine" else found.theirs
                if delete and found.record_id is not None:
                    Applier(library, conn).delete(found.kind, found.record_id)
            elif found.field == "clash":
                pass  # nothing was written: the local record stays as it is
            elif keep == "mine" and found.record_id is not None:
                current = read(conn, found.kind, [found.record_id]).get(found.record_id)
                if current is not None:
                    wanted = {**current, found.field: found.mine}
                    Applier(library, conn).upsert(found.kind, found.uid, wanted, current)
            conn.execute("DELETE FROM team_conflicts WHERE id = ?", (conflict_id,))
        return found

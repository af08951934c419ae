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

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from briefing.core import journal
from briefing.core.changes import Kind
from briefing.core.clock import now
from briefing.core.errors import InvalidInput, TeamUnavailable
from briefing.core.progress import NoProgress, Progress
from briefing.core.team import link as links
from briefing.core.team.apply import Applier, Missing
from briefing.core.team.merge import changed_fields, edited, equal, merge
from briefing.core.team.records import (
    ORDER,
    Data,
    fingerprints,
    link_refs,
    local_ids,
    match_key,
    read,
    refs,
)

if TYPE_CHECKING:
    import psycopg

    from briefing.core.library import Library

PULL_BATCH = 2000
PUSH_BATCH = 2000
LOCK_WAIT_S = 30.0
# Pairs of keys given as one JSON text: psycopg builds a text[] parameter in Python, element
# by element, which cost a first join of 100k articles seconds; JSON is written in C and
# read by the server in C.
_PAIRS = "(SELECT e->>0, e->>1 FROM jsonb_array_elements(%s::jsonb) e)"
_COLUMNS = (
    "kind, uid, version, deleted, merged_into, withdrawn, data, created_by, changed_by, changed_at"
)


@dataclass(frozen=True)
class Remote:
    """A record as the team holds it."""

    kind: Kind
    uid: str
    version: int
    deleted: bool
    merged_into: str | None
    withdrawn: bool
    data: Data
    created_by: str | None
    changed_by: str | None
    changed_at: str | None

    @classmethod
    def of(cls, row: tuple[Any, ...]) -> Remote:
        kind, uid, version, deleted, into, withdrawn, data, created, changed, at = row
        return cls(
            Kind(kind), uid, version, deleted, into, withdrawn, data or {}, created, changed, at
        )


@dataclass
class SyncReport:
    """What one sync did. `conflicts` counts those it found (see TeamService.conflicts)."""

    pulled: int = 0
    pushed: int = 0
    conflicts: int = 0
    team_version: int = 0
    kept: list[str] = field(default_factory=list)  # edits kept against deletions, said once


@dataclass
class _Outgoing:
    kind: Kind
    uid: str
    data: Data | None  # None: deleted here (or a briefing no longer shared)
    base: links.Base | None
    merged_into: str | None = None
    withdrawn: bool = False


def schema_sql(team: str) -> Any:
    from psycopg import sql

    return sql.Identifier(team)


class Engine:
    def __init__(
        self,
        library: Library,
        pg: psycopg.Connection[Any],
        link: links.Link,
        progress: Progress | None = None,
    ) -> None:
        self.library = library
        self.pg = pg
        self.link = link
        self.report = SyncReport(team_version=link.pulled_version)
        self.progress = progress or NoProgress()
        self.user = library.settings.user_name
        self.library_uid = library.uid  # read once: every pushed row carries it
        from psycopg import sql

        self._s = sql.Identifier(link.team)
        self._sql = sql

    def q(self, text: str) -> Any:
        """A statement on the team's schema: {s} stands for it."""
        return self._sql.SQL(text).format(s=self._s)

    # The whole sync ---------------------------------------------------------------------------

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
        while not _one(self.pg.execute("SELECT pg_try_advisory_lock(hashtext(%s))", (key,))):
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

    # Pull -------------------------------------------------------------------------------------

    def pull(self) -> None:
        while True:
            rows = self.pg.execute(
                self.q(
                    f"SELECT {_COLUMNS} FROM {{s}}.records WHERE version > %s "
                    "ORDER BY version LIMIT %s"
                ),
                (self.report.team_version, PULL_BATCH),
            ).fetchall()
            if not rows:
                return
            remotes = [Remote.of(r) for r in rows]
            self.progress.check()
            self.apply_batch(remotes, pulled=remotes[-1].version)
            self.progress.update(self.report.pulled, self.report.pulled, "pulled")
            if len(rows) < PULL_BATCH:
                return

    def fetch(self, keys: Iterable[tuple[Kind, str]]) -> list[Remote]:
        keys = list(keys)
        if not keys:
            return []
        rows = self.pg.execute(
            self.q(f"SELECT {_COLUMNS} FROM {{s}}.records WHERE (kind, uid) IN {_PAIRS}"),
            (_json([[str(k), u] for k, u in keys]),),
        ).fetchall()
        return [Remote.of(r) for r in rows]

    def apply_batch(
        self,
        remotes: list[Remote],
        *,
        pulled: int | None = None,
        sent: dict[tuple[Kind, str], Data] | None = None,
        conflicts: Sequence[tuple[Kind, str, str, Any, Any, str | None]] = (),
        pushed: int | None = None,
        exact: list[links.BaseRow] | None = None,
    ) -> None:
        """Write the team's records here, one transaction. `sent`: for records this library
        just pushed, what it sent (their base for the merge: only what the team added to them
        is written); `pushed`: the journal version the push read up to."""
        library = self.library
        with library.remote_writes(), library.transaction() as conn:
            before = journal.current_version(conn) or 0
            keyed = {(r.kind, r.uid): r for r in remotes}
            bases = links.bases(conn, keyed)
            if sent:
                # What was just sent is the base of what the team made of it (only those the
                # team holds otherwise come back here: the rest need no fingerprints).
                for key in keyed.keys() & sent.keys():
                    old = bases.get(key)
                    bases[key] = links.Base(old.version if old else 0, False, _fp(sent[key]))
            todo = [
                r
                for r in remotes
                if sent
                and (r.kind, r.uid) in sent
                or (r.kind, r.uid) not in bases
                or bases[(r.kind, r.uid)].version < r.version
            ]
            applier = Applier(library, conn)
            extra = self.dependencies(conn, applier, todo, keyed)
            bases.update(links.bases(conn, ((r.kind, r.uid) for r in extra)))
            needed = {(r.kind, r.uid) for r in extra}
            stamped: list[Remote] = []
            links_to_set: list[tuple[str, list[list[str]]]] = []
            new_bases: list[tuple[Kind, str, int, bool, Data]] = []
            order = {k: i for i, k in enumerate(ORDER)}
            live = sorted(
                (r for r in [*extra, *todo] if not r.deleted), key=lambda r: order[r.kind]
            )
            gone = sorted((r for r in todo if r.deleted), key=lambda r: -order[r.kind])
            fresh = self._fresh_articles(conn, live, bases)
            done: set[int] = set()
            for remote in live:
                if fresh and order[remote.kind] >= order[Kind.ARTICLE]:
                    # The tags are in: the articles never seen here go in together.
                    try:
                        with library.transaction():
                            applier.insert_articles([(r.uid, r.data) for r in fresh])
                    except sqlite3.IntegrityError:
                        pass  # one of them clashes after all: each goes the careful way
                    else:
                        stamped += fresh
                        new_bases += [(r.kind, r.uid, r.version, False, r.data) for r in fresh]
                        done = {id(r) for r in fresh}
                    fresh = []
                if id(remote) in done:
                    continue
                base = bases.get((remote.kind, remote.uid))
                key = (remote.kind, remote.uid)
                try:
                    with library.transaction():
                        wrote = self.apply_live(conn, applier, remote, base, needed=key in needed)
                except Missing:
                    continue  # what it belongs to is gone from the team too: nothing to hang it on
                except sqlite3.IntegrityError as exc:
                    # A name taken here by another record that is the team's too (two actors
                    # renamed onto one name): kept apart, and said.
                    self.conflict(
                        remote.kind,
                        remote.uid,
                        "clash",
                        str(exc),
                        remote.data.get("name"),
                        remote.changed_by,
                    )
                    continue
                if wrote:
                    stamped.append(remote)
                if remote.kind is Kind.CLAIM:
                    links_to_set.append((remote.uid, self._links_after(conn, remote, base)))
                new_bases.append((remote.kind, remote.uid, remote.version, False, remote.data))
            for uid, claim_links in links_to_set:
                claim_id = applier.local_id(Kind.CLAIM, uid)
                if claim_id is not None:
                    applier.set_links(claim_id, claim_links)
            for remote in gone:
                base = bases.get((remote.kind, remote.uid))
                with library.transaction():
                    self.apply_deleted(conn, applier, remote, base)
                new_bases.append((remote.kind, remote.uid, remote.version, True, remote.data))
            links.put_bases(conn, new_bases)
            if exact:  # written in the team as sent: that is now their base, nothing to apply
                links.put_base_rows(conn, exact)
            for kind, uid, fld, mine, theirs, by in conflicts:
                links.add_conflict(conn, kind, uid, fld, mine, theirs, by)
                self.report.conflicts += 1
            self._stamp(conn, stamped)
            self.report.pulled += len(stamped)
            after = journal.current_version(conn) or 0
            link_now = links.read_link(conn)
            assert link_now is not None
            if pushed is not None:
                # Everything up to where the push read is with the team; what this
                # transaction wrote came from the team.
                links.set_versions(
                    conn,
                    pushed=after
                    if link_now.pushed_version >= before or pushed >= before
                    else pushed,
                )
            elif link_now.pushed_version >= before:
                links.set_versions(conn, pushed=after)  # nothing was waiting: still nothing
            if pulled is not None:
                links.set_versions(conn, pulled=pulled)
                self.report.team_version = max(self.report.team_version, pulled)

    def _fresh_articles(
        self,
        conn: sqlite3.Connection,
        live: list[Remote],
        bases: dict[tuple[Kind, str], links.Base],
    ) -> list[Remote]:
        """The batch's articles that this library has never had, under any uid: nothing to
        merge, nothing to adopt; written together."""
        new = [r for r in live if r.kind is Kind.ARTICLE and (r.kind, r.uid) not in bases]
        if not new:
            return []
        here = local_ids(conn, Kind.ARTICLE, [r.uid for r in new])
        hashes = [str(r.data.get("content_hash")) for r in new]
        known: set[str] = set()
        for start in range(0, len(hashes), 500):
            chunk = hashes[start : start + 500]
            known.update(
                row[0]
                for row in conn.execute(
                    f"SELECT content_hash FROM articles WHERE content_hash IN "
                    f"({','.join('?' * len(chunk))})",
                    chunk,
                )
            )
        fresh = []
        for remote in new:
            key = str(remote.data.get("content_hash"))
            if (
                remote.uid in here
                or key in known
                or self._deleted_here(conn, remote.kind, remote.uid)
            ):
                continue
            known.add(key)
            fresh.append(remote)
        return fresh

    def _links_after(
        self, conn: sqlite3.Connection, remote: Remote, base: links.Base | None
    ) -> list[list[str]]:
        claim_id = Applier(self.library, conn).local_id(Kind.CLAIM, remote.uid)
        if claim_id is None:
            return []
        current = read(conn, Kind.CLAIM, [claim_id]).get(claim_id) or {}
        merged, _ = merge(
            None if base is None or base.deleted else base.data,
            {"links": current.get("links", [])},
            {"links": remote.data.get("links", [])},
        )
        return list(merged["links"])

    def dependencies(
        self,
        conn: sqlite3.Connection,
        applier: Applier,
        todo: list[Remote],
        keyed: dict[tuple[Kind, str], Remote],
    ) -> list[Remote]:
        """The records the batch names that are neither here nor in it (a first pull reads
        an annotation before its article's later version), fetched from the team; merged
        actors and tags give their redirect instead."""
        extra: list[Remote] = []
        known = set(keyed)
        wanted = [r for r in todo if not r.deleted]
        for _ in range(4):  # an annotation names an article; an alias's article; no deeper
            needed: set[tuple[Kind, str]] = set()
            for remote in wanted:
                for kind, uid in [
                    *refs(remote.kind, remote.data),
                    *((Kind.CLAIM, u) for u in link_refs(remote.data)),
                ]:
                    if (kind, uid) not in known:
                        needed.add((kind, uid))
            if not needed:
                break
            here: set[tuple[Kind, str]] = set()
            by_kind: dict[Kind, list[str]] = {}
            for kind, uid in needed:
                by_kind.setdefault(kind, []).append(uid)
            for kind, uids in by_kind.items():
                here |= {(kind, u) for u in local_ids(conn, kind, uids)}
            missing = needed - here
            known |= needed
            fetched = self.fetch(missing)
            wanted = []
            for remote in fetched:
                if remote.deleted:
                    if remote.merged_into:
                        applier.redirects[(remote.kind, remote.uid)] = remote.merged_into
                        if (remote.kind, remote.merged_into) not in known:
                            wanted.append(
                                Remote(
                                    remote.kind,
                                    remote.merged_into,
                                    0,
                                    False,
                                    None,
                                    False,
                                    {},
                                    None,
                                    None,
                                    None,
                                )
                            )
                    continue
                extra.append(remote)
                wanted.append(remote)
            # A redirect's target: fetch it as a record of its own.
            targets = [(r.kind, r.uid) for r in wanted if not r.version]
            wanted = [r for r in wanted if r.version]
            for remote in self.fetch(t for t in targets if t not in known):
                known.add((remote.kind, remote.uid))
                if not remote.deleted:
                    extra.append(remote)
                    wanted.append(remote)
        return extra

    def apply_live(
        self,
        conn: sqlite3.Connection,
        applier: Applier,
        remote: Remote,
        base: links.Base | None,
        *,
        needed: bool = False,
    ) -> bool:
        """Bring one record here as the team has it, merged with what changed here since
        its base. Whether anything was written. `needed`: a record of the batch names it, so
        it comes back even if it was deleted here."""
        kind, uid = remote.kind, remote.uid
        local_id = applier.local_id(kind, uid)
        merge_base = None if base is None or base.deleted else base.data
        if local_id is None:
            twin = self._twin(conn, kind, remote.data)
            if twin is not None:
                applier.adopt(kind, twin, uid)
                local_id = twin
            elif base is not None and not base.deleted and self._deleted_here(conn, kind, uid):
                if not needed and not changed_fields(base.data, remote.data):
                    return False  # our deletion is on its way to the team
                self.conflict(kind, uid, "deleted", True, False, remote.changed_by)
                self.report.kept.append(
                    f"{kind} {uid}: deleted here, edited by {remote.changed_by or 'someone'}; kept"
                )
        if local_id is None:
            applier.upsert(kind, uid, remote.data, None)
            return True
        current = read(conn, kind, [local_id]).get(local_id)
        if current is None:  # a briefing made private here since: the team's edit wins
            applier.upsert(kind, uid, remote.data, None)
            return True
        merged, conflicts = merge(merge_base, current, remote.data)
        for c in conflicts:
            self.conflict(kind, uid, c.field, c.mine, c.theirs, remote.changed_by)
        if kind is Kind.CLAIM:
            merged["links"] = current.get("links", [])  # set after the batch (set_links)
        if _same(merged, current):
            return False
        applier.upsert(kind, uid, merged, current)
        return True

    def apply_deleted(
        self,
        conn: sqlite3.Connection,
        applier: Applier,
        remote: Remote,
        base: links.Base | None,
    ) -> None:
        kind, uid = remote.kind, remote.uid
        local_id = applier.local_id(kind, uid)
        if local_id is None:
            return
        if kind is Kind.BRIEFING and remote.withdrawn:
            applier.unshare(local_id)
            return
        current = read(conn, kind, [local_id]).get(local_id)
        if current is None:
            return  # a private briefing: not the team's business
        changed = base is None or base.deleted or edited(base.data, current)
        reason = "edited here" if changed else self._still_needed(conn, kind, local_id)
        if reason:
            self.conflict(kind, uid, "deleted", False, True, remote.changed_by)
            self.report.kept.append(
                f"{kind} {uid}: deleted by {remote.changed_by or 'someone'}, {reason}; kept"
            )
            return
        applier.delete(kind, local_id, merged_into=remote.merged_into)

    def _still_needed(self, conn: sqlite3.Connection, kind: Kind, local_id: int) -> str:
        """Why a record deleted in the team must stay here: what hangs on it changed here and
        is not with the team yet (it would go with it), or claims name it."""
        pushed = self.link.pushed_version
        if kind is Kind.ARTICLE:
            rows = conn.execute(
                "SELECT j.kind, j.uid FROM annotations n JOIN journal j ON j.uid = n.uid "
                "AND j.kind IN ('claim', 'annotation') WHERE n.article_id = ? AND j.version > ?",
                (local_id, pushed),
            ).fetchall()
            if self._any_edited(conn, [(Kind(k), u) for k, u in rows]):
                return "its annotations were edited here"
        if kind is Kind.ACTOR:
            named = conn.execute(
                "SELECT (SELECT count(*) FROM claims WHERE speaker_id = :a) + "
                "(SELECT count(*) FROM claim_about WHERE actor_id = :a)",
                {"a": local_id},
            ).fetchone()[0]
            if named:
                return "1 claim here names it" if named == 1 else f"{named} claims here name it"
        return ""

    def _any_edited(self, conn: sqlite3.Connection, keys: list[tuple[Kind, str]]) -> bool:
        if not keys:
            return False
        bases = links.bases(conn, keys)
        for kind, uid in keys:
            base = bases.get((kind, uid))
            local_id = local_ids(conn, kind, [uid]).get(uid)
            if local_id is None:
                continue
            current = read(conn, kind, [local_id]).get(local_id)
            if base is None or base.deleted or (current and edited(base.data, current)):
                return True
        return False

    def _twin(self, conn: sqlite3.Connection, kind: Kind, data: Data) -> int | None:
        """A record here that is the team's under another uid, not yet shared as itself."""
        key = match_key(kind, data) if data else None
        if key is None:
            return None
        if kind is Kind.ARTICLE:
            row = conn.execute("SELECT id, uid FROM articles WHERE content_hash = ?", (key,))
        elif kind is Kind.ACTOR:
            row = conn.execute("SELECT id, uid FROM actors WHERE name = ? COLLATE NOCASE", (key,))
        else:
            row = conn.execute("SELECT id, uid FROM tags WHERE name = ? COLLATE NOCASE", (key,))
        found = row.fetchone()
        if found is None:
            return None
        shared = conn.execute(
            "SELECT deleted FROM team_base WHERE kind = ? AND uid = ?", (str(kind), found[1])
        ).fetchone()
        if shared is not None and not shared[0]:
            return None  # it is in the team as itself: a clash of names, not a twin
        return int(found[0])

    @staticmethod
    def _deleted_here(conn: sqlite3.Connection, kind: Kind, uid: str) -> bool:
        row = conn.execute(
            "SELECT deleted FROM journal WHERE kind = ? AND uid = ?", (str(kind), uid)
        ).fetchone()
        return bool(row and row[0])

    def conflict(
        self, kind: Kind, uid: str, fld: str, mine: Any, theirs: Any, by: str | None
    ) -> None:
        links.add_conflict(self.library.connection(), kind, uid, fld, mine, theirs, by)
        self.report.conflicts += 1

    def _stamp(self, conn: sqlite3.Connection, remotes: list[Remote]) -> None:
        conn.executemany(
            "UPDATE journal SET created_by = coalesce(?, created_by), changed_by = ?, "
            "changed_at = ? WHERE kind = ? AND uid = ?",
            [(r.created_by, r.changed_by, r.changed_at, str(r.kind), r.uid) for r in remotes],
        )

    # Push -------------------------------------------------------------------------------------

    def outgoing(self) -> tuple[list[_Outgoing], int]:
        """What changed here since the last push, as the team would hold it, and the journal
        version it was read at."""
        conn = self.library.connection()
        start = self.library.version
        # As the pull just left it: a library that had nothing waiting when it joined (an
        # empty one downloading the team) has nothing to look through once the pull is in.
        current = links.read_link(conn) or self.link
        full = current.pushed_version == 0
        keys: dict[Kind, dict[str, int | None]] = {}
        if not full:
            try:
                entries = self.library.journal_since(current.pushed_version)
            except InvalidInput:  # a gap in the journal: look at everything
                full = True
            else:
                for entry in entries:
                    keys.setdefault(entry.kind, {})[entry.uid] = (
                        None if entry.op == "deleted" else entry.record_id
                    )
        if full:
            for kind, uid, record_id, deleted in conn.execute(
                "SELECT kind, uid, record_id, deleted FROM journal WHERE deleted = 0"
            ):
                keys.setdefault(Kind(kind), {})[uid] = None if deleted else record_id
            for kind, uid in conn.execute("SELECT kind, uid FROM team_base WHERE deleted = 0"):
                keys.setdefault(Kind(kind), {}).setdefault(uid, None)
        out: list[_Outgoing] = []
        for kind in ORDER:
            wanted = keys.get(kind, {})
            if not wanted:
                continue
            bases = links.bases(conn, ((kind, u) for u in wanted))
            ids = {i: u for u, i in wanted.items() if i is not None}
            data = read(conn, kind, ids)
            redirects = (
                dict(
                    conn.execute(
                        "SELECT uid, into_uid FROM record_redirects WHERE kind = ?", (str(kind),)
                    ).fetchall()
                )
                if kind in (Kind.ACTOR, Kind.TAG)
                else {}
            )
            for uid, record_id in wanted.items():
                base = bases.get((kind, uid))
                now_data = data.get(record_id) if record_id is not None else None
                if now_data is None:
                    if base is None or base.deleted:
                        continue  # never with the team, or gone from it already
                    if record_id is not None and kind is not Kind.BRIEFING:
                        continue
                    out.append(
                        _Outgoing(
                            kind,
                            uid,
                            None,
                            base,
                            redirects.get(uid),
                            withdrawn=record_id is not None,
                        )
                    )
                elif base is None or base.deleted or changed_fields(base.data, now_data):
                    out.append(_Outgoing(kind, uid, now_data, base))
        return out, start

    def push(self) -> bool:
        """Push what changed here. Whether the team moved on meanwhile (pull again)."""
        out, start = self.outgoing()
        if not out:
            with self.library.remote_writes(), self.library.transaction() as conn:
                links.set_versions(conn, pushed=start)
            return False
        moved = False
        for first in range(0, len(out), PUSH_BATCH):
            self.progress.check()
            batch = out[first : first + PUSH_BATCH]
            last = first + PUSH_BATCH >= len(out)
            moved = self._push_batch(batch, start if last else None, (first, len(out))) or moved
        return moved

    def _provenance(self, batch: list[_Outgoing]) -> dict[tuple[Kind, str], tuple[Any, ...]]:
        conn = self.library.connection()
        found: dict[tuple[Kind, str], tuple[Any, ...]] = {}
        by_kind: dict[Kind, list[str]] = {}
        for o in batch:
            by_kind.setdefault(o.kind, []).append(o.uid)
        for kind, uids in by_kind.items():
            for i in range(0, len(uids), 500):
                chunk = uids[i : i + 500]
                for uid, created, changed, at in conn.execute(
                    f"SELECT uid, created_by, changed_by, changed_at FROM journal WHERE kind = ? "
                    f"AND uid IN ({','.join('?' * len(chunk))})",
                    [str(kind), *chunk],
                ):
                    found[(kind, uid)] = (created, changed, at)
        return found

    def _push_batch(
        self, batch: list[_Outgoing], done_at: int | None, where: tuple[int, int] = (0, 0)
    ) -> bool:
        pg = self.pg
        who = self._provenance(batch)
        conflicts: list[tuple[Kind, str, str, Any, Any, str | None]] = []
        sent: dict[tuple[Kind, str], Data] = {}
        with pg.transaction():
            head = int(
                _one(pg.execute(self.q("SELECT version FROM {s}.head WHERE id = 1 FOR UPDATE")))
            )
            moved = head != self.report.team_version
            version = head
            server = {(r.kind, r.uid): r for r in self.fetch((o.kind, o.uid) for o in batch)}
            twins = self._server_twins(
                [o for o in batch if o.data is not None and (o.kind, o.uid) not in server]
            )
            inserts: list[tuple[Any, ...]] = []
            updates: list[tuple[Any, ...]] = []
            touched: list[tuple[Kind, str]] = []  # the team holds other than what we sent
            exact: dict[tuple[Kind, str], tuple[int, bool, Data]] = {}  # what we sent, as is
            for o in batch:
                key = (o.kind, o.uid)
                s = server.get(key)
                base_version = o.base.version if o.base else 0
                created, changed, at = who.get(key, (None, None, None))
                created = created or self.user
                changed, at = changed or self.user, at or now()
                if o.data is None:
                    if s is None or s.deleted:
                        continue
                    if s.version != base_version:
                        # Edited in the team since: the edit stays, and comes back here (the
                        # pull below says so).
                        touched.append(key)
                        continue
                    version += 1
                    updates.append(
                        (
                            version,
                            True,
                            o.merged_into,
                            o.withdrawn,
                            None,
                            s.data,
                            s.created_by,
                            changed,
                            at,
                            self.library_uid,
                            str(o.kind),
                            o.uid,
                        )
                    )
                    exact[key] = (version, True, {})
                    continue
                data = o.data
                sent[key] = data
                if s is None:
                    twin = twins.get((o.kind, match_key(o.kind, data)))
                    if twin is not None:
                        # The same record, made apart: one record, under the team's uid.
                        merged, found = merge(None, data, twin.data)
                        conflicts += [
                            (o.kind, twin.uid, c.field, c.mine, c.theirs, twin.changed_by)
                            for c in found
                        ]
                        version += 1
                        updates.append(
                            (
                                version,
                                False,
                                None,
                                False,
                                match_key(o.kind, merged),
                                merged,
                                twin.created_by,
                                changed,
                                at,
                                self.library_uid,
                                str(o.kind),
                                twin.uid,
                            )
                        )
                        version += 1
                        inserts.append(
                            (
                                str(o.kind),
                                o.uid,
                                version,
                                True,
                                twin.uid,
                                False,
                                None,
                                {},
                                created,
                                changed,
                                at,
                                self.library_uid,
                            )
                        )
                        touched += [(o.kind, twin.uid), key]
                        sent[(o.kind, twin.uid)] = data
                        continue
                    version += 1
                    inserts.append(
                        (
                            str(o.kind),
                            o.uid,
                            version,
                            False,
                            None,
                            False,
                            match_key(o.kind, data),
                            data,
                            created,
                            changed,
                            at,
                            self.library_uid,
                        )
                    )
                    exact[key] = (version, False, data)
                    continue
                if s.deleted and s.version != base_version:
                    conflicts.append((o.kind, o.uid, "deleted", False, True, s.changed_by))
                    self.report.kept.append(
                        f"{o.kind} {o.uid}: deleted by "
                        f"{s.changed_by or 'someone'}, edited here; kept"
                    )
                merged = data
                if not s.deleted and s.version != base_version:
                    base_data = o.base.data if o.base and not o.base.deleted else None
                    merged, found = merge(base_data, data, s.data)
                    conflicts += [
                        (o.kind, o.uid, c.field, c.mine, c.theirs, s.changed_by) for c in found
                    ]
                    if _same(merged, s.data):
                        touched.append(key)
                        continue
                version += 1
                updates.append(
                    (
                        version,
                        False,
                        None,
                        False,
                        match_key(o.kind, merged),
                        merged,
                        s.created_by or created,
                        changed,
                        at,
                        self.library_uid,
                        str(o.kind),
                        o.uid,
                    )
                )
                if merged is data:
                    exact[key] = (version, False, data)
                else:
                    touched.append(key)
            prepared: list[links.BaseRow] = []

            def prepare() -> None:
                prepared.extend(
                    links.base_rows((k, u, v, d, data) for (k, u), (v, d, data) in exact.items())
                )

            self._write(inserts, updates, meanwhile=prepare)
            if version != head:
                pg.execute(self.q("UPDATE {s}.head SET version = %s WHERE id = 1"), (version,))
        self.report.pushed += len(inserts) + len(updates)
        # Committed in the team; the library hears of it next (a connection lost between the
        # two is what the next pull repairs).
        self.progress.update(min(where[0] + len(batch), where[1]), where[1], "pushed")
        # What the team holds now, brought here with what this library sent as its base.
        result = self.fetch(touched)
        if not moved and version != head:
            pulled: int | None = version
        else:
            pulled = None
        self.apply_batch(
            result, pulled=pulled, sent=sent, conflicts=conflicts, pushed=done_at, exact=prepared
        )
        return moved

    def _server_twins(self, new: list[_Outgoing]) -> dict[tuple[Kind, str | None], Remote]:
        keys = [(o.kind, match_key(o.kind, o.data)) for o in new if o.data is not None]
        keys = [(k, m) for k, m in keys if m is not None]
        if not keys:
            return {}
        rows = self.pg.execute(
            self.q(
                f"SELECT {_COLUMNS}, match_key FROM {{s}}.records WHERE NOT deleted AND "
                f"(kind, match_key) IN {_PAIRS} FOR UPDATE"
            ),
            (_json([[str(k), m] for k, m in keys]),),
        ).fetchall()
        return {(Kind(r[0]), r[-1]): Remote.of(r[:-1]) for r in rows}

    def _write(
        self,
        inserts: list[tuple[Any, ...]],
        updates: list[tuple[Any, ...]],
        meanwhile: Callable[[], None],
    ) -> None:
        """Send the batch's rows; `meanwhile` runs while the server takes in the last of
        them (the local work that needs no answer from it)."""
        from psycopg.types.json import Jsonb

        if inserts:
            from psycopg.copy import QueuedLibpqWriter

            # Rows are formatted here while a worker thread sends the ones before: the server
            # takes them in as fast as Python writes them.
            cursor = self.pg.cursor()
            with cursor.copy(
                self.q(
                    "COPY {s}.records (kind, uid, version, deleted, merged_into, withdrawn, "
                    "match_key, data, created_by, changed_by, changed_at, changed_in) FROM STDIN"
                ),
                writer=QueuedLibpqWriter(cursor),
            ) as copy:
                for row in inserts:
                    copy.write_row([*row[:7], _json(row[7]), *row[8:]])
                meanwhile()
        if updates:
            self.pg.cursor().executemany(
                self.q(
                    "UPDATE {s}.records SET version = %s, deleted = %s, merged_into = %s, "
                    "withdrawn = %s, match_key = %s, data = %s, created_by = %s, "
                    "changed_by = %s, changed_at = %s, changed_in = %s "
                    "WHERE kind = %s AND uid = %s"
                ),
                [(*u[:5], Jsonb(u[5]), *u[6:]) for u in updates],
            )
        if not inserts:
            meanwhile()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _fp(data: Data) -> Data:
    return fingerprints(data)


def _same(a: Data, b: Data) -> bool:
    return bool(equal(a, b))


def _one(cursor: Any) -> Any:
    """The first column of the one row a statement gives."""
    row = cursor.fetchone()
    assert row is not None
    return row[0]

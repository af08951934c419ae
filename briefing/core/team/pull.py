"""Pull: the team's records changed after the version last pulled, in version order, a batch
at a time, each batch written in one local transaction together with the version it brings
the library to (sync.py tells the whole story); a record the library also changed since its
base is merged field by field (merge.py). The records a batch names but does not bring are
found first (dependencies.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from briefing.core import journal
from briefing.core.changes import Kind
from briefing.core.team import link as links
from briefing.core.team.apply import Applier, Missing
from briefing.core.team.dependencies import dependencies
from briefing.core.team.fingerprints import fingerprints
from briefing.core.team.merge import changed_fields, edited, equal, merge
from briefing.core.team.records import ORDER, Data, local_ids, match_key, read
from briefing.core.team.session import COLUMNS, Remote, Session

PULL_BATCH = 2000


class Pull(Session):
    def pull(self) -> None:
        while True:
            rows = self.pg.execute(
                self.q(
                    f"SELECT {COLUMNS} FROM {{s}}.records WHERE version > %s "
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
                    bases[key] = links.Base(
                        old.version if old else 0, False, fingerprints(sent[key])
                    )
            todo = [
                r
                for r in remotes
                if sent
                and (r.kind, r.uid) in sent
                or (r.kind, r.uid) not in bases
                or bases[(r.kind, r.uid)].version < r.version
            ]
            applier = Applier(library, conn)
            extra = dependencies(self.fetch, conn, applier, todo, keyed)
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
        if bool(equal(merged, current)):
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

"""Push: the records the journal says changed since the version last pushed, merged in
PostgreSQL with what another analyst pushed since this library's base, one server
transaction per batch, then brought back here as the team now holds them (sync.py tells
the whole story)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefing.core.changes import Kind
from briefing.core.clock import now
from briefing.core.errors import InvalidInput
from briefing.core.team import link as links
from briefing.core.team.merge import changed_fields, equal, merge
from briefing.core.team.pull import Pull
from briefing.core.team.records import (
    ORDER,
    Data,
    match_key,
    read,
)
from briefing.core.team.session import COLUMNS, PAIRS, Remote, json_text, one

PUSH_BATCH = 2000


@dataclass
class Outgoing:
    kind: Kind
    uid: str
    data: Data | None  # None: deleted here (or a briefing no longer shared)
    base: links.Base | None
    merged_into: str | None = None
    withdrawn: bool = False


class Push(Pull):
    def outgoing(self) -> tuple[list[Outgoing], int]:
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
        out: list[Outgoing] = []
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
                        Outgoing(
                            kind,
                            uid,
                            None,
                            base,
                            redirects.get(uid),
                            withdrawn=record_id is not None,
                        )
                    )
                elif base is None or base.deleted or changed_fields(base.data, now_data):
                    out.append(Outgoing(kind, uid, now_data, base))
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

    def _provenance(self, batch: list[Outgoing]) -> dict[tuple[Kind, str], tuple[Any, ...]]:
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
        self, batch: list[Outgoing], done_at: int | None, where: tuple[int, int] = (0, 0)
    ) -> bool:
        pg = self.pg
        who = self._provenance(batch)
        conflicts: list[tuple[Kind, str, str, Any, Any, str | None]] = []
        sent: dict[tuple[Kind, str], Data] = {}
        with pg.transaction():
            head = int(
                one(pg.execute(self.q("SELECT version FROM {s}.head WHERE id = 1 FOR UPDATE")))
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
                    if bool(equal(merged, s.data)):
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

    def _server_twins(self, new: list[Outgoing]) -> dict[tuple[Kind, str | None], Remote]:
        keys = [(o.kind, match_key(o.kind, o.data)) for o in new if o.data is not None]
        keys = [(k, m) for k, m in keys if m is not None]
        if not keys:
            return {}
        rows = self.pg.execute(
            self.q(
                f"SELECT {COLUMNS}, match_key FROM {{s}}.records WHERE NOT deleted AND "
                f"(kind, match_key) IN {PAIRS} FOR UPDATE"
            ),
            (json_text([[str(k), m] for k, m in keys]),),
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
                    copy.write_row([*row[:7], json_text(row[7]), *row[8:]])
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

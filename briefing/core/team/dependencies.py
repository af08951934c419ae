"""What a pulled batch needs besides itself: the records it names that are neither in it
nor here, fetched from the team.

A batch is the team's records changed after a version, so it can name a record that changed
before it (a first pull reads an annotation before its article's later version; an alias
names an article; a claim links to another) and that this library has never had. Those are
fetched by uid before the batch is written, a few rounds deep; a record the team merged
into another (an actor, a tag) gives its redirect instead, followed to the record it now is.
Separate from pull.py, which writes a batch: this only finds what the batch stands on, and
is used through one function.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable

from briefing.core.changes import Kind
from briefing.core.team.apply import Applier
from briefing.core.team.records import link_refs, local_ids, refs
from briefing.core.team.session import Remote

Fetch = Callable[[Iterable[tuple[Kind, str]]], list[Remote]]


def dependencies(
    fetch: Fetch,
    conn: sqlite3.Connection,
    applier: Applier,
    todo: list[Remote],
    keyed: dict[tuple[Kind, str], Remote],
) -> list[Remote]:
    """The records the batch names that are neither here nor in it (a first pull reads
    an annotation before its article's later version), fetched from the team; merged
    actors and tags give their redirect instead (into `applier.redirects`)."""
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
        fetched = fetch(missing)
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
        for remote in fetch(t for t in targets if t not in known):
            known.add((remote.kind, remote.uid))
            if not remote.deleted:
                extra.append(remote)
                wanted.append(remote)
    return extra

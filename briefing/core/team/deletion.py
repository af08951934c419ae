"""Deleting here a record the team deleted, as the analyst's own deletion would.

Writing a record (apply.py) is plain SQL on its rows; a deletion is not: what hangs on the
record goes through the services' own helpers, so that briefings keep what a deleted claim
said (snapshots), an annotation goes with its mentions and claims, and an actor or tag merged
into another in the team is folded into it here as a local merge would (its mentions, claims,
aliases and taggings move to the one kept). Separate from apply.py because it is the one
part of a sync's writing that leans on the domain services; apply.py's Applier.delete
resolves what the record was merged into and hands over to `delete_here`.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from briefing.core.actors.merge import _fold
from briefing.core.annotations.restore import remove_annotations
from briefing.core.briefings.rows import keep_snapshots
from briefing.core.briefings.snapshot import SnapshotMaker
from briefing.core.changes import Kind
from briefing.core.tags import move_taggings

if TYPE_CHECKING:
    from briefing.core.library import Library


def delete_here(
    library: Library, conn: sqlite3.Connection, kind: Kind, local_id: int, kept: int | None
) -> None:
    """Delete the local record `local_id`; `kept`: the local id of the actor or tag it was
    merged into in the team, when that one is here (None: a plain deletion)."""
    if kind is Kind.ACTOR:
        if kept is not None and kept != local_id:
            actors = library.actors
            _fold(conn, actors.get(kept), actors.get(local_id))
            return
        mentions = [
            r[0]
            for r in conn.execute(
                "SELECT annotation_id FROM mentions WHERE actor_id = ?", (local_id,)
            )
        ]
        remove_annotations(library, mentions)
        conn.execute("DELETE FROM actors WHERE id = ?", (local_id,))
    elif kind is Kind.TAG:
        if kept is not None and kept != local_id:
            move_taggings(conn, local_id, kept)
        conn.execute("DELETE FROM tags WHERE id = ?", (local_id,))
    elif kind is Kind.ARTICLE:
        keep_snapshots(
            conn,
            SnapshotMaker(library),
            "i.claim_id IN (SELECT id FROM annotations WHERE article_id = ?)",
            local_id,
        )
        conn.execute("DELETE FROM articles WHERE id = ?", (local_id,))
    elif kind in (Kind.ANNOTATION, Kind.CLAIM):
        remove_annotations(library, [local_id])
    elif kind is Kind.SOURCE:
        conn.execute("DELETE FROM sources WHERE id = ?", (local_id,))
    elif kind is Kind.BRIEFING:
        conn.execute("DELETE FROM briefings WHERE id = ?", (local_id,))

"""Where annotations are and whom they name: what a view asks of the ids a change gives it.

A `Changes` says "claims 7 and 9 were added"; the reader must know whether they are on the
article it shows, the actor page whether they are by or about its actor. Reading whole
claims for that would cost a query per claim (sources, links, tags); this is one statement
per 500 ids, reading only the annotation's row and the actor ids beside it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

_CHUNK = 500


@dataclass(frozen=True)
class AnnotationRefs:
    """An annotation's article, kind, and every actor it names: a mention's actor, a
    claim's speaker and subjects (none for a highlight or a note)."""

    id: int
    article_id: int
    kind: str
    actor_ids: frozenset[int]


def annotation_refs(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, AnnotationRefs]:
    """By id; ids that are not (or no longer) annotations are left out."""
    wanted = sorted(set(ids))
    out: dict[int, AnnotationRefs] = {}
    for first in range(0, len(wanted), _CHUNK):
        chunk = wanted[first : first + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"""SELECT n.id, n.article_id, n.kind, m.actor_id, c.speaker_id,
                       (SELECT group_concat(b.actor_id) FROM claim_about b
                        WHERE b.claim_id = n.id)
                FROM annotations n
                LEFT JOIN mentions m ON m.annotation_id = n.id
                LEFT JOIN claims c ON c.annotation_id = n.id
                WHERE n.id IN ({marks})""",
            chunk,
        )
        for id_, article_id, kind, mentioned, speaker, about in rows:
            actors = {int(a) for a in about.split(",")} if about else set()
            actors.update(a for a in (mentioned, speaker) if a is not None)
            out[id_] = AnnotationRefs(id_, article_id, kind, frozenset(actors))
    return out

"""Deleting annotations so that they can come back exactly, with the same ids.

Undo needs two things the plain `delete()` methods do not give: what was removed, and a way
to put it back under its old id (so a briefing item, a claim link or an undo command that
holds the id finds it again). `remove_annotations()` deletes and returns an
`AnnotationSnapshot` per annotation: its row and every row that hangs off it (claim,
mention, subjects, sources, links, tags, anchoring history, the briefing items that quote
it, the suggestions it came from). `restore_annotations()` re-inserts all of it, one
transaction, like calibre's trash and `move_book_from_trash()`.

Beware: what the snapshot points at may have gone meanwhile. A deleted article or speaker
makes the restore fail (InvalidInput, nothing written); a deleted source, linked claim or
briefing item is simply left out, since the link has nothing to point at any more.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from briefing.core.briefings.rows import keep_snapshots
from briefing.core.briefings.snapshot import SnapshotMaker
from briefing.core.errors import InvalidInput, NotFound
from briefing.core.tags import tag_id

if TYPE_CHECKING:
    from briefing.core.library import Library

_ANNOTATION = (
    'id, article_id, kind, start, "end", quote, prefix, suffix, orphaned, note, created_at, '
    "updated_at, uid"
)
_HISTORY = 'id, annotation_id, start, "end", quote, prefix, suffix, outcome, changed_at'
Row = tuple[object, ...]


@dataclass(frozen=True)
class AnnotationSnapshot:
    """Everything one annotation was, as plain rows (see the module docstring)."""

    annotation: Row  # the annotations row, columns as in _ANNOTATION
    claim: Row | None  # speaker_id, status, grade
    actor_id: int | None  # a mention's actor
    about: tuple[int, ...]
    sources: tuple[tuple[int, str], ...]  # (source_id, relation)
    links: tuple[tuple[int, int, str], ...]  # (from_claim_id, to_claim_id, relation)
    tags: tuple[str, ...]
    history: tuple[Row, ...]
    briefing_items: tuple[int, ...]  # items whose claim_id pointed here
    suggestions: tuple[tuple[int, str], ...]  # (suggestion id, state) this mention matches

    @property
    def id(self) -> int:
        return cast(int, self.annotation[0])  # the INTEGER PRIMARY KEY

    @property
    def article_id(self) -> int:
        return cast(int, self.annotation[1])  # NOT NULL

    @property
    def kind(self) -> str:
        return str(self.annotation[2])


def snapshot_annotation(library: Library, annotation_id: int) -> AnnotationSnapshot:
    """What deleting the annotation would remove; reads only."""
    return _snapshot(library.connection(), annotation_id)


def remove_annotations(
    library: Library, ids: Iterable[int], *, reopen_suggestions: bool = False
) -> tuple[AnnotationSnapshot, ...]:
    """Delete annotations of any kind, one transaction, keeping what was removed.

    `reopen_suggestions` puts the accepted suggestions a removed mention came from back to
    pending: what undoing "Accept suggestion" means.
    """
    snapshots = []
    maker = SnapshotMaker(library)
    with library.transaction() as conn:
        for annotation_id in dict.fromkeys(ids):
            snapshot = _snapshot(conn, annotation_id)
            keep_snapshots(conn, maker, "i.claim_id = ?", annotation_id)
            conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
            if reopen_suggestions:
                for suggestion_id, state in snapshot.suggestions:
                    if state == "accepted":
                        conn.execute(
                            "UPDATE mention_suggestions SET state = 'pending' WHERE id = ?",
                            (suggestion_id,),
                        )
            snapshots.append(snapshot)
    return tuple(snapshots)


def restore_annotations(library: Library, snapshots: Iterable[AnnotationSnapshot]) -> None:
    """Put removed annotations back with their ids, all or nothing."""
    snapshots = list(snapshots)
    with library.transaction() as conn:
        for snapshot in snapshots:
            _restore_rows(conn, snapshot)
        # Links last: two claims removed together link to each other again.
        for snapshot in snapshots:
            for from_id, to_id, relation in snapshot.links:
                if _exists(conn, "claims", "annotation_id", from_id) and _exists(
                    conn, "claims", "annotation_id", to_id
                ):
                    conn.execute(
                        "INSERT OR IGNORE INTO claim_links (from_claim_id, to_claim_id, relation)"
                        " VALUES (?, ?, ?)",
                        (from_id, to_id, relation),
                    )


def restore_annotation(library: Library, snapshot: AnnotationSnapshot) -> None:
    restore_annotations(library, [snapshot])


# Reading ----------------------------------------------------------------------------------


def _snapshot(conn: sqlite3.Connection, annotation_id: int) -> AnnotationSnapshot:
    row = conn.execute(
        f"SELECT {_ANNOTATION} FROM annotations WHERE id = ?", (annotation_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"no annotation with id {annotation_id}")
    claim = conn.execute(
        "SELECT speaker_id, status, grade FROM claims WHERE annotation_id = ?", (annotation_id,)
    ).fetchone()
    mention = conn.execute(
        "SELECT actor_id FROM mentions WHERE annotation_id = ?", (annotation_id,)
    ).fetchone()
    suggestions: tuple[tuple[int, str], ...] = ()
    if mention is not None and row[3] is not None:
        suggestions = tuple(
            conn.execute(
                "SELECT id, state FROM mention_suggestions WHERE article_id = ? AND actor_id = ? "
                'AND start = ? AND "end" = ?',
                (row[1], mention[0], row[3], row[4]),
            )
        )
    return AnnotationSnapshot(
        annotation=tuple(row),
        claim=tuple(claim) if claim else None,
        actor_id=mention[0] if mention else None,
        about=_column(conn, "SELECT actor_id FROM claim_about WHERE claim_id = ?", annotation_id),
        sources=tuple(
            conn.execute(
                "SELECT source_id, relation FROM claim_sources WHERE claim_id = ?",
                (annotation_id,),
            )
        ),
        links=tuple(
            conn.execute(
                "SELECT from_claim_id, to_claim_id, relation FROM claim_links "
                "WHERE from_claim_id = ? OR to_claim_id = ?",
                (annotation_id, annotation_id),
            )
        ),
        tags=_column(
            conn,
            "SELECT g.name FROM annotation_tags t JOIN tags g ON g.id = t.tag_id "
            "WHERE t.annotation_id = ?",
            annotation_id,
        ),
        history=tuple(
            tuple(r)
            for r in conn.execute(
                f"SELECT {_HISTORY} FROM annotation_history WHERE annotation_id = ?",
                (annotation_id,),
            )
        ),
        briefing_items=_column(
            conn, "SELECT id FROM briefing_items WHERE claim_id = ?", annotation_id
        )
        if claim
        else (),
        suggestions=suggestions,
    )


def _column(conn: sqlite3.Connection, sql: str, value: int) -> tuple[Any, ...]:
    return tuple(r[0] for r in conn.execute(sql, (value,)))


def _exists(conn: sqlite3.Connection, table: str, column: str, value: object) -> bool:
    sql = f"SELECT 1 FROM {table} WHERE {column} = ?"
    return conn.execute(sql, (value,)).fetchone() is not None


# Writing ----------------------------------------------------------------------------------


def _restore_rows(conn: sqlite3.Connection, snapshot: AnnotationSnapshot) -> None:
    annotation_id, article_id = snapshot.id, snapshot.article_id
    if _exists(conn, "annotations", "id", annotation_id):
        raise InvalidInput(f"annotation {annotation_id} is already in the library")
    if not _exists(conn, "articles", "id", article_id):
        raise InvalidInput(f"cannot bring back annotation {annotation_id}: its article was deleted")
    actors = [a for a in (snapshot.actor_id, *snapshot.about) if a is not None]
    speaker = snapshot.claim[0] if snapshot.claim is not None else None
    if isinstance(speaker, int):  # a claim's speaker_id: an id or NULL
        actors.append(speaker)
    for actor_id in actors:
        if not _exists(conn, "actors", "id", actor_id):
            raise InvalidInput(
                f"cannot bring back annotation {annotation_id}: actor {actor_id} was deleted"
            )
    marks = ", ".join("?" * len(snapshot.annotation))
    conn.execute(f"INSERT INTO annotations ({_ANNOTATION}) VALUES ({marks})", snapshot.annotation)
    if snapshot.claim is not None:
        conn.execute(
            "INSERT INTO claims (annotation_id, speaker_id, status, grade) VALUES (?, ?, ?, ?)",
            (annotation_id, *snapshot.claim),
        )
    if snapshot.actor_id is not None:
        conn.execute(
            "INSERT INTO mentions (annotation_id, actor_id) VALUES (?, ?)",
            (annotation_id, snapshot.actor_id),
        )
    for actor_id in snapshot.about:
        conn.execute(
            "INSERT INTO claim_about (claim_id, actor_id) VALUES (?, ?)", (annotation_id, actor_id)
        )
    for source_id, relation in snapshot.sources:
        if _exists(conn, "sources", "id", source_id):
            conn.execute(
                "INSERT INTO claim_sources (claim_id, source_id, relation) VALUES (?, ?, ?)",
                (annotation_id, source_id, relation),
            )
    for name in snapshot.tags:
        conn.execute(
            "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
            (annotation_id, tag_id(conn, name)),
        )
    for row in snapshot.history:
        conn.execute(
            f"INSERT OR IGNORE INTO annotation_history ({_HISTORY}) "
            f"VALUES ({', '.join('?' * len(row))})",
            row,
        )
    for item_id in snapshot.briefing_items:
        conn.execute(
            "UPDATE briefing_items SET claim_id = ? WHERE id = ? AND claim_id IS NULL",
            (annotation_id, item_id),
        )
    for suggestion_id, state in snapshot.suggestions:
        conn.execute(
            "UPDATE mention_suggestions SET state = ? WHERE id = ?", (state, suggestion_id)
        )

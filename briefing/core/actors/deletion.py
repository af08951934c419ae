"""Deleting an actor so that the deletion can be undone: `delete_actor` and `undelete_actor`.

A mention is an annotation that says "these words name this actor"; without the actor it
says nothing, so the actor's mentions go with it (they used to lose only their link to the
actor and linger as mentions of nobody). Claims are another matter: who said what is the
reader's record, so an actor that a claim names as speaker or subject is refused; merge it
into another actor instead (actor_merge).

The same transaction records what it removes: the actor's row, its aliases, its suggested
mentions and each mention as a restore.AnnotationSnapshot. `undelete_actor` puts all of it
back under the old ids, so an undo, and a redo after it, find the same rows.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from briefing.core.actors.model import Actor
from briefing.core.annotations.restore import (
    AnnotationSnapshot,
    remove_annotations,
    restore_annotations,
)
from briefing.core.errors import InvalidInput

if TYPE_CHECKING:
    from briefing.core.library import Library

Row = tuple[object, ...]
_ACTOR = "id, name, kind, description, created_at, uid"
_ALIAS = "id, actor_id, alias, article_id, case_sensitive"
_SUGGESTION = 'id, article_id, actor_id, start, "end", text, state'


@dataclass(frozen=True)
class DeletedActor:
    """What deleting an actor removed, enough to bring it back."""

    actor: Row  # id, name, kind, description, created_at, uid
    aliases: tuple[Row, ...]
    suggestions: tuple[Row, ...]
    mentions: tuple[AnnotationSnapshot, ...]

    @property
    def id(self) -> int:
        return cast(int, self.actor[0])  # the INTEGER PRIMARY KEY

    @property
    def name(self) -> str:
        return str(self.actor[1])


def check_deletable(conn: sqlite3.Connection, actor: Actor) -> None:
    """Refuse (InvalidInput) an actor that a claim names as speaker or subject."""
    used = conn.execute(
        """SELECT (SELECT count(*) FROM claims WHERE speaker_id = :a)
                + (SELECT count(*) FROM claim_about WHERE actor_id = :a)""",
        {"a": actor.id},
    ).fetchone()[0]
    if used:
        raise InvalidInput(
            f"{actor.name!r} is the speaker or subject of 1 claim; reassign it to another actor"
            " (merge) or edit that claim first"
            if used == 1
            else f"{actor.name!r} is the speaker or subject of {used} claims; reassign them to"
            " another actor (merge) or edit those claims first"
        )


def delete_actor(library: Library, target: Actor) -> DeletedActor:
    """Delete the actor with its aliases, suggestions and mentions, one transaction.
    Refused (InvalidInput, nothing changed) while a claim names it."""
    with library.transaction() as conn:
        check_deletable(conn, target)
        row = conn.execute(f"SELECT {_ACTOR} FROM actors WHERE id = ?", (target.id,)).fetchone()
        aliases = _rows(conn, f"SELECT {_ALIAS} FROM actor_aliases WHERE actor_id = ?", target.id)
        suggestions = _rows(
            conn, f"SELECT {_SUGGESTION} FROM mention_suggestions WHERE actor_id = ?", target.id
        )
        mention_ids = [
            r[0]
            for r in conn.execute(
                "SELECT annotation_id FROM mentions WHERE actor_id = ? ORDER BY annotation_id",
                (target.id,),
            )
        ]
        mentions = remove_annotations(library, mention_ids)
        conn.execute("DELETE FROM actors WHERE id = ?", (target.id,))
    return DeletedActor(tuple(row), aliases, suggestions, mentions)


def undelete_actor(library: Library, record: DeletedActor) -> Actor:
    """Bring a deleted actor back with everything `delete_actor` took, but for what was on
    articles deleted since; all or nothing. Refused if its name or id has been taken."""
    with library.transaction() as conn:
        undo = f"cannot bring back {record.name!r}"
        if conn.execute("SELECT 1 FROM actors WHERE id = ?", (record.id,)).fetchone():
            raise InvalidInput(f"{undo}: a newer actor has taken its id {record.id}")
        if conn.execute(
            "SELECT 1 FROM actors WHERE name = ? COLLATE NOCASE", (record.name,)
        ).fetchone():
            raise InvalidInput(f"{undo}: another actor is now named so")
        conn.execute(f"INSERT INTO actors ({_ACTOR}) VALUES (?, ?, ?, ?, ?, ?)", record.actor)
        # An alias, suggestion or mention on an article deleted since is left out, as the
        # article's deletion would have removed it.
        conn.executemany(
            f"INSERT INTO actor_aliases ({_ALIAS}) SELECT ?, ?, ?, ?, ? "
            "WHERE ?4 IS NULL OR EXISTS (SELECT 1 FROM articles WHERE id = ?4)",
            record.aliases,
        )
        conn.executemany(
            f"INSERT INTO mention_suggestions ({_SUGGESTION}) SELECT ?, ?, ?, ?, ?, ?, ? "
            "WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?2)",
            record.suggestions,
        )
        wanted = sorted({m.article_id for m in record.mentions})
        marks = ",".join("?" * len(wanted))
        there = {
            r[0] for r in conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", wanted)
        }
        restore_annotations(library, [m for m in record.mentions if m.article_id in there])
    return library.actors.get(record.id)


def _rows(conn: sqlite3.Connection, sql: str, value: object) -> tuple[Row, ...]:
    return tuple(tuple(r) for r in conn.execute(sql, (value,)))

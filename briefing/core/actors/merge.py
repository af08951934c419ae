"""Merging two actors so that the merge can be undone: `merge_actors` and `unmerge_actors`.

Merging folds one actor into another and deletes it. To take that back, the
same transaction first records what the merge is about to change, by id: the actor's row
and aliases, the mentions, claims and subjects that point at it, its suggestions, and which
aliases the kept actor gains. `unmerge_actors` puts every one of them back, so the actor
returns under its own id with everything that was its own, and the kept actor is as it was.

What happened in between is respected: a mention or claim deleted since stays deleted, and
anything added to the kept actor since stays with it. If the old name has meanwhile been
given to another actor, or the kept actor is gone, the unmerge is refused (InvalidInput)
and nothing changes.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, cast

from briefing.core.actors.aliases import insert_alias
from briefing.core.actors.model import Actor, Alias
from briefing.core.errors import InvalidInput

if TYPE_CHECKING:
    from briefing.core.library import Library

Row = tuple[object, ...]
_SUGGESTION = 'id, article_id, actor_id, start, "end", text, state'


@dataclass(frozen=True)
class MergeRecord:
    """What a merge changed, enough to take it back (see the module docstring)."""

    kept_id: int
    actor: Row  # the merged actor's row: id, name, kind, description, created_at, uid
    aliases: tuple[Row, ...]  # its aliases: id, alias, article_id, case_sensitive
    mentions: tuple[int, ...]  # annotation ids of its mentions
    spoken: tuple[int, ...]  # claims it was the speaker of
    about: tuple[int, ...]  # claims it was a subject of
    about_both: tuple[int, ...]  # of those, the claims the kept actor was a subject of too
    suggestions: tuple[Row, ...]  # its suggestions, whole rows
    added_aliases: tuple[int, ...]  # ids of the aliases the kept actor gained
    kept: Actor | None = None  # the kept actor, as the merge left it

    @property
    def id(self) -> int:
        """The merged (deleted) actor's id."""
        return cast(int, self.actor[0])  # the INTEGER PRIMARY KEY

    @property
    def name(self) -> str:
        return str(self.actor[1])


def merge_actors(library: Library, kept: Actor, gone: Actor) -> MergeRecord:
    """Fold `gone` into `kept`, one transaction; the record `unmerge_actors` takes back."""
    with library.transaction() as conn:
        record = _record(conn, kept.id, gone.id)
        before = set(_column(conn, "SELECT id FROM actor_aliases WHERE actor_id = ?", kept.id))
        _fold(conn, kept, gone)
        now_kept = library.actors.get(kept.id)
        added = tuple(a.id for a in now_kept.aliases if a.id not in before)
    return replace(record, added_aliases=added, kept=now_kept)


def _fold(conn: sqlite3.Connection, kept: Actor, gone: Actor) -> None:
    """Move everything of `gone` over to `kept`; its name becomes an alias; then delete it."""
    conn.execute("UPDATE mentions SET actor_id = ? WHERE actor_id = ?", (kept.id, gone.id))
    conn.execute("UPDATE claims SET speaker_id = ? WHERE speaker_id = ?", (kept.id, gone.id))
    conn.execute(
        "INSERT OR IGNORE INTO claim_about (claim_id, actor_id) "
        "SELECT claim_id, ? FROM claim_about WHERE actor_id = ?",
        (kept.id, gone.id),
    )
    conn.execute("DELETE FROM claim_about WHERE actor_id = ?", (gone.id,))
    conn.execute(
        "UPDATE OR IGNORE mention_suggestions SET actor_id = ? WHERE actor_id = ?",
        (kept.id, gone.id),
    )
    for alias in (*gone.aliases, Alias(0, gone.name, None, False)):
        if alias.text.lower() != kept.name.lower():
            insert_alias(
                conn,
                kept.id,
                alias.text,
                alias.article_id,
                alias.case_sensitive,
                ignore_existing=True,
            )
    # A team hears "merged into", and re-points what it still says about the old actor.
    conn.execute(
        "INSERT OR REPLACE INTO record_redirects (kind, uid, into_uid) "
        "SELECT 'actor', g.uid, k.uid FROM actors g, actors k WHERE g.id = ? AND k.id = ?",
        (gone.id, kept.id),
    )
    conn.execute("DELETE FROM actors WHERE id = ?", (gone.id,))


def unmerge_actors(library: Library, record: MergeRecord) -> Actor:
    """Take a merge back; the actor that had been merged, as it is again."""
    actor_id, keep = record.id, record.kept_id
    with library.transaction() as conn:
        undo = f"cannot undo the merge of {record.name!r}"
        if not _exists(conn, "SELECT 1 FROM actors WHERE id = ?", keep):
            raise InvalidInput(f"{undo}: the actor it went into is gone")
        if _exists(conn, "SELECT 1 FROM actors WHERE name = ? COLLATE NOCASE", record.name):
            raise InvalidInput(f"{undo}: another actor is now named so")
        if _exists(conn, "SELECT 1 FROM actors WHERE id = ?", actor_id):
            raise InvalidInput(f"{undo}: a newer actor has taken its id {actor_id}")
        conn.execute(
            "INSERT INTO actors (id, name, kind, description, created_at, uid) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            record.actor,
        )
        conn.execute(
            "DELETE FROM record_redirects WHERE kind = 'actor' AND uid = ?", (record.actor[5],)
        )
        _in(conn, "DELETE FROM actor_aliases WHERE actor_id = ? AND id IN ({})", keep,
            record.added_aliases)  # fmt: skip
        conn.executemany(
            "INSERT OR IGNORE INTO actor_aliases (id, actor_id, alias, article_id, "
            "case_sensitive) VALUES (?, ?, ?, ?, ?)",
            [(a[0], actor_id, *a[1:]) for a in record.aliases],
        )
        _in(conn, "UPDATE mentions SET actor_id = ? WHERE annotation_id IN ({})", actor_id,
            record.mentions)  # fmt: skip
        conn.executemany(
            "UPDATE claims SET speaker_id = ? WHERE annotation_id = ? AND speaker_id = ?",
            [(actor_id, claim_id, keep) for claim_id in record.spoken],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO claim_about (claim_id, actor_id) "
            "SELECT annotation_id, ? FROM claims WHERE annotation_id = ?",
            [(actor_id, claim_id) for claim_id in record.about],
        )
        conn.executemany(
            "DELETE FROM claim_about WHERE claim_id = ? AND actor_id = ?",
            [(c, keep) for c in record.about if c not in set(record.about_both)],
        )
        for row in record.suggestions:
            _restore_suggestion(conn, row)
    return library.actors.get(actor_id)


# Helpers ----------------------------------------------------------------------------------


def _record(conn: sqlite3.Connection, keep: int, other: int) -> MergeRecord:
    actor = conn.execute(
        "SELECT id, name, kind, description, created_at, uid FROM actors WHERE id = ?", (other,)
    ).fetchone()
    if actor is None or keep == other:
        return MergeRecord(keep, (), (), (), (), (), (), (), ())  # merge() says what is wrong
    about = _column(conn, "SELECT claim_id FROM claim_about WHERE actor_id = ?", other)
    kept_about = set(_column(conn, "SELECT claim_id FROM claim_about WHERE actor_id = ?", keep))
    return MergeRecord(
        kept_id=keep,
        actor=tuple(actor),
        aliases=tuple(
            tuple(r)
            for r in conn.execute(
                "SELECT id, alias, article_id, case_sensitive FROM actor_aliases "
                "WHERE actor_id = ? ORDER BY id",
                (other,),
            )
        ),
        mentions=_column(conn, "SELECT annotation_id FROM mentions WHERE actor_id = ?", other),
        spoken=_column(conn, "SELECT annotation_id FROM claims WHERE speaker_id = ?", other),
        about=about,
        about_both=tuple(c for c in about if c in kept_about),
        suggestions=tuple(
            tuple(r)
            for r in conn.execute(
                f"SELECT {_SUGGESTION} FROM mention_suggestions WHERE actor_id = ?", (other,)
            )
        ),
        added_aliases=(),
    )


def _restore_suggestion(conn: sqlite3.Connection, row: Row) -> None:
    """Give a suggestion back to the actor: moved by the merge, it moves back (keeping the
    state it has now); dropped as a duplicate of the kept actor's, it is re-inserted."""
    suggestion_id, actor_id = row[0], row[2]
    if _exists(conn, "SELECT 1 FROM mention_suggestions WHERE id = ?", suggestion_id):
        conn.execute(
            "UPDATE OR IGNORE mention_suggestions SET actor_id = ? WHERE id = ?",
            (actor_id, suggestion_id),
        )
    elif _exists(conn, "SELECT 1 FROM articles WHERE id = ?", row[1]):
        conn.execute(
            f"INSERT OR IGNORE INTO mention_suggestions ({_SUGGESTION}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            row,
        )


def _column(conn: sqlite3.Connection, sql: str, value: object) -> tuple[Any, ...]:
    return tuple(r[0] for r in conn.execute(sql, (value,)))


def _exists(conn: sqlite3.Connection, sql: str, value: object) -> bool:
    return conn.execute(sql, (value,)).fetchone() is not None


def _in(conn: sqlite3.Connection, sql: str, first: object, ids: tuple[int, ...]) -> None:
    """Run `sql` with an `IN ({})` list, in chunks below SQLite's limit on parameters."""
    for n in range(0, len(ids), 500):
        chunk = ids[n : n + 500]
        conn.execute(sql.format(",".join("?" * len(chunk))), (first, *chunk))

"""Actors: the people, organisations, states and groups that claims come from and are about.

An actor is named by id, by name or by any library-wide alias wherever a user names one
(`--speaker "US Treasury"`, `--speaker Washington`). An alias bound to one article ("the
company" for SenseTime in the sample) names the actor only there, so it is not used to
resolve names across the library.
"""

from __future__ import annotations

import builtins  # the service has a list() method: its annotations say builtins.list
import sqlite3
from typing import TYPE_CHECKING

from briefing.core.actors import aliases as alias_rows
from briefing.core.actors.aliases import ActorAlias, insert_alias
from briefing.core.actors.deletion import (
    DeletedActor,
    check_deletable,
    delete_actor,
    undelete_actor,
)
from briefing.core.actors.kind_guess import KindGuesser
from briefing.core.actors.merge import MergeRecord, merge_actors, unmerge_actors
from briefing.core.actors.model import (
    KINDS,
    Actor,
    ActorListing,
    Alias,
    clean_name,
    normalise_kind,
)
from briefing.core.actors.page import LIMIT, ActorPage, actor_page
from briefing.core.articles.rows import require_article
from briefing.core.changes import Changes
from briefing.core.clock import now
from briefing.core.errors import InvalidInput, NotFound
from briefing.core.journal import new_uid
from briefing.core.rowid import inserted_id

if TYPE_CHECKING:
    from briefing.core.claims.state import NewActor
    from briefing.core.library import Library

__all__ = [
    "KINDS",
    "Actor",
    "ActorAlias",
    "ActorListing",
    "ActorService",
    "Alias",
    "DeletedActor",
    "MergeRecord",
    "clean_name",
    "normalise_kind",
]


class ActorService:
    def __init__(self, library: Library) -> None:
        self._library = library

    # Reading --------------------------------------------------------------------------------

    def get(self, actor_id: int) -> Actor:
        conn = self._library.connection()
        row = conn.execute(
            "SELECT id, name, kind, description, uid FROM actors WHERE id = ?", (actor_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no actor with id {actor_id}")
        id_, name, kind, description, uid = row
        return Actor(id_, name, kind, description, self._aliases(conn, actor_id), uid)

    def resolve(self, ref: str | int) -> Actor:
        """The actor a user means by an id, a name or a library-wide alias."""
        conn = self._library.connection()
        text = str(ref).strip()
        if not text:
            raise InvalidInput("name an actor by id, name or alias")
        if text.isascii() and text.isdigit():
            row = conn.execute("SELECT id FROM actors WHERE id = ?", (int(text),)).fetchone()
            if row:
                return self.get(row[0])
        row = conn.execute(
            "SELECT id FROM actors WHERE name = ? COLLATE NOCASE", (text,)
        ).fetchone()
        if row:
            return self.get(row[0])
        rows = conn.execute(
            """SELECT DISTINCT a.id, a.name FROM actor_aliases l JOIN actors a ON a.id = l.actor_id
               WHERE l.article_id IS NULL AND (l.alias = ? OR (l.case_sensitive = 0
                     AND l.alias = ? COLLATE NOCASE)) ORDER BY a.id""",
            (text, text),
        ).fetchall()
        if len(rows) == 1:
            return self.get(rows[0][0])
        if len(rows) > 1:
            names = ", ".join(f"{name} ({id_})" for id_, name in rows)
            raise InvalidInput(f"{text!r} is an alias of several actors: {names}; use an id")
        raise NotFound(f"no actor named {text!r} (by id, name or alias)")

    def list(self, *, kind: str | None = None) -> builtins.list[ActorListing]:
        conn = self._library.connection()
        where, params = "", []
        if kind:
            where, params = "WHERE a.kind = ?", [normalise_kind(kind)]
        rows = conn.execute(
            f"""SELECT a.id, a.name, a.kind, a.description, a.uid,
                   (SELECT count(*) FROM mentions m WHERE m.actor_id = a.id),
                   (SELECT count(*) FROM claims c WHERE c.speaker_id = a.id),
                   (SELECT count(*) FROM claim_about b WHERE b.actor_id = a.id)
                FROM actors a {where} ORDER BY a.name COLLATE NOCASE""",
            params,
        ).fetchall()
        aliases = self._all_aliases(conn)
        return [
            ActorListing(Actor(id_, name, kind_, desc, aliases.get(id_, ()), uid), m, made, about)
            for id_, name, kind_, desc, uid, m, made, about in rows
        ]

    def kind_guesser(self) -> KindGuesser:
        """Guesses at a new actor's kind with what this library knows: its actors' names
        and kinds, and its outlets (read from their index, as the outlet filter does). Made
        once per form; its `guess(name)` then follows every keystroke without a query."""
        conn = self._library.connection()
        actors = tuple((name, kind) for name, kind in conn.execute("SELECT name, kind FROM actors"))
        outlets = tuple(outlet for outlet, _ in self._library.articles.outlets())
        return KindGuesser(actors, outlets)

    def aliases_for_matching(self) -> builtins.list[tuple[int, str, int | None, bool]]:
        """Every name and alias as (actor_id, text, article_id, case_sensitive), for the
        mention finder. Names themselves are library-wide and case-blind unless written
        as an acronym (the finder decides)."""
        conn = self._library.connection()
        names = [
            (id_, name, None, False) for id_, name in conn.execute("SELECT id, name FROM actors")
        ]
        aliases = conn.execute(
            "SELECT actor_id, alias, article_id, case_sensitive FROM actor_aliases"
        ).fetchall()
        return names + [(a, t, art, bool(cs)) for a, t, art, cs in aliases]

    # Writing --------------------------------------------------------------------------------

    def add(
        self,
        name: str,
        *,
        kind: str = "other",
        aliases: tuple[str, ...] | builtins.list[str] = (),
        description: str = "",
    ) -> Actor:
        name = clean_name(name)
        kind = normalise_kind(kind)
        with self._library.transaction() as conn:
            if conn.execute(
                "SELECT 1 FROM actors WHERE name = ? COLLATE NOCASE", (name,)
            ).fetchone():
                raise InvalidInput(f"there is already an actor named {name!r}")
            cursor = conn.execute(
                "INSERT INTO actors (name, kind, description, created_at, uid) "
                "VALUES (?, ?, ?, ?, ?)",
                (name, kind, description.strip(), now(), new_uid()),
            )
            actor_id = inserted_id(cursor)
            for alias in aliases:
                insert_alias(conn, actor_id, alias, None, None)
        return self.get(actor_id)

    def ensure(self, actor: int | NewActor) -> int:
        """The id of an actor given by id, or of a `NewActor` (the claim editor's typed
        speaker): the one of that name or alias when there is one, else made now."""
        from briefing.core.claims.state import NewActor

        if not isinstance(actor, NewActor):
            return self.get(actor).id
        try:
            return self.resolve(actor.name).id
        except NotFound:
            return self.add(actor.name, kind=actor.kind).id

    def add_alias(
        self,
        actor: str | int,
        alias: str,
        *,
        article_id: int | None = None,
        case_sensitive: bool | None = None,
    ) -> Actor:
        """Add an alias, library-wide or for one article only."""
        target = self.resolve(actor)
        with self._library.transaction() as conn:
            if article_id is not None:
                require_article(conn, article_id)
            insert_alias(conn, target.id, alias, article_id, case_sensitive)
        return self.get(target.id)

    # One alias at a time, as the actor page edits them (each undoable) -------------------------

    def alias(self, alias_id: int) -> ActorAlias:
        return alias_rows.get_alias(self._library, alias_id)

    def new_alias(self, actor_id: int, text: str, *, article_id: int | None = None) -> ActorAlias:
        """Give the actor a new alias, checked as a reader would (not its own name, not one
        it has in any letter case); the alias made, for `remove_alias` to take back."""
        return alias_rows.add_alias(self._library, actor_id, text, article_id=article_id)

    def rename_alias(
        self, alias_id: int, text: str, *, case_sensitive: bool | None = None
    ) -> ActorAlias:
        return alias_rows.rename_alias(self._library, alias_id, text, case_sensitive=case_sensitive)

    def remove_alias(self, alias_id: int) -> ActorAlias:
        """Remove an alias; what went, for `restore_alias`."""
        return alias_rows.remove_alias(self._library, alias_id)

    def restore_alias(self, removed: ActorAlias) -> Changes:
        """Put a removed alias back under its own id (undo)."""
        alias_rows.restore_alias(self._library, removed)
        return self._library.last_changes

    def edit(
        self,
        actor: str | int,
        *,
        name: str | None = None,
        kind: str | None = None,
        description: str | None = None,
    ) -> Actor:
        target = self.resolve(actor)
        values: dict[str, str] = {}
        if name is not None:
            values["name"] = clean_name(name)
        if kind is not None:
            values["kind"] = normalise_kind(kind)
        if description is not None:
            values["description"] = description.strip()
        if values:
            with self._library.transaction() as conn:
                try:
                    conn.execute(
                        f"UPDATE actors SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                        [*values.values(), target.id],
                    )
                except sqlite3.IntegrityError:
                    raise InvalidInput(
                        f"there is already an actor named {values['name']!r}"
                    ) from None
        return self.get(target.id)

    def merge(self, keep: str | int, other: str | int) -> MergeRecord:
        """Fold `other` into `keep`: its mentions, claims, suggestions and aliases move over,
        and its name becomes an alias. One transaction; the record that `unmerge` takes
        back, with the kept actor as it is now (`record.kept`)."""
        kept, gone = self.resolve(keep), self.resolve(other)
        if kept.id == gone.id:
            raise InvalidInput(f"cannot merge {kept.name!r} with itself")
        return merge_actors(self._library, kept, gone)

    def unmerge(self, record: MergeRecord) -> Actor:
        """Take a merge back: the merged actor returns under its own id and uid."""
        return unmerge_actors(self._library, record)

    def mentions_to_delete(self, actor: str | int) -> int:
        """How many mentions deleting the actor would delete with it. InvalidInput when it
        cannot be deleted at all (claims name it), so nobody is asked about a refused delete."""
        target = self.resolve(actor)
        conn = self._library.connection()
        check_deletable(conn, target)
        row = conn.execute(
            "SELECT count(*) FROM mentions WHERE actor_id = ?", (target.id,)
        ).fetchone()
        return int(row[0])

    def delete(
        self, actor: str | int, *, reassign_to: str | int | None = None
    ) -> DeletedActor | MergeRecord:
        """Delete an actor with its aliases, suggestions and mentions; the record that
        `undelete` brings back. Refused (InvalidInput) while claims name it, unless they
        are reassigned: with `reassign_to` it is a merge into that actor, and the merge's
        record is returned (`unmerge` takes it back)."""
        target = self.resolve(actor)
        if reassign_to is not None:
            return self.merge(reassign_to, target.id)
        return delete_actor(self._library, target)

    def undelete(self, record: DeletedActor) -> Actor:
        """Bring back what `delete` removed, under the same ids and uid."""
        return undelete_actor(self._library, record)

    def page(self, actor_id: int, *, limit: int = LIMIT) -> ActorPage:
        """Everything the actor page shows, in one read."""
        return actor_page(self._library, actor_id, limit=limit)

    # Helpers --------------------------------------------------------------------------------

    @staticmethod
    def _aliases(conn: sqlite3.Connection, actor_id: int) -> tuple[Alias, ...]:
        rows = conn.execute(
            "SELECT id, alias, article_id, case_sensitive FROM actor_aliases "
            "WHERE actor_id = ? ORDER BY id",
            (actor_id,),
        )
        return tuple(Alias(id_, text, art, bool(cs)) for id_, text, art, cs in rows)

    @staticmethod
    def _all_aliases(conn: sqlite3.Connection) -> dict[int, tuple[Alias, ...]]:
        out: dict[int, builtins.list[Alias]] = {}
        rows = conn.execute(
            "SELECT actor_id, id, alias, article_id, case_sensitive FROM actor_aliases ORDER BY id"
        )
        for actor_id, id_, text, art, cs in rows:
            out.setdefault(actor_id, []).append(Alias(id_, text, art, bool(cs)))
        return {k: tuple(v) for k, v in out.items()}

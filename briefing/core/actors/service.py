"""Actors: the people, organisations, states and groups that claims come from and are about.

An actor is named by id, by name or by any library-wide alias wherever a user names one
(`--speaker "US Treasury"`, `--speaker Washington`). An alias bound to one article ("the
company" for SenseTime in the sample) names the actor only there, so it is not used to
resolve names across the library.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core.annotations.service import require_article
from briefing.core.clock import now
from briefing.core.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from briefing.core.library import Library

KINDS = ("person", "organisation", "government body", "state", "group", "place", "other")
_KIND_SYNONYMS = {
    "organization": "organisation",
    "org": "organisation",
    "government": "government body",
    "gov": "government body",
    "country": "state",
    "people": "group",
}


@dataclass(frozen=True)
class Alias:
    id: int
    text: str
    article_id: int | None  # None: library-wide
    case_sensitive: bool


@dataclass(frozen=True)
class Actor:
    id: int
    name: str
    kind: str
    description: str
    aliases: tuple[Alias, ...] = ()


@dataclass(frozen=True)
class ActorListing:
    """An actor with how much of the library points at it."""

    actor: Actor
    mentions: int
    claims_made: int
    claims_about: int


def normalise_kind(kind: str) -> str:
    value = " ".join(kind.lower().replace("_", " ").replace("-", " ").split())
    value = _KIND_SYNONYMS.get(value, value)
    if value not in KINDS:
        raise InvalidInput(f"unknown actor kind {kind!r}: use one of {', '.join(KINDS)}")
    return value


def clean_name(text: str, what: str = "name") -> str:
    name = " ".join(text.split())
    if not name:
        raise InvalidInput(f"an actor's {what} cannot be empty")
    return name


class ActorService:
    def __init__(self, library: Library) -> None:
        self._library = library

    # Reading --------------------------------------------------------------------------------

    def get(self, actor_id: int) -> Actor:
        conn = self._library.connection()
        row = conn.execute(
            "SELECT id, name, kind, description FROM actors WHERE id = ?", (actor_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no actor with id {actor_id}")
        return Actor(*row, aliases=self._aliases(conn, actor_id))

    def resolve(self, ref: str | int) -> Actor:
        """The actor a user means by an id, a name or a library-wide alias."""
        conn = self._library.connection()
        text = str(ref).strip()
        if not text:
            raise InvalidInput("name an actor by id, name or alias")
        if text.isdigit():
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

    def list(self, *, kind: str | None = None) -> list[ActorListing]:
        conn = self._library.connection()
        where, params = "", []
        if kind:
            where, params = "WHERE a.kind = ?", [normalise_kind(kind)]
        rows = conn.execute(
            f"""SELECT a.id, a.name, a.kind, a.description,
                   (SELECT count(*) FROM mentions m WHERE m.actor_id = a.id),
                   (SELECT count(*) FROM claims c WHERE c.speaker_id = a.id),
                   (SELECT count(*) FROM claim_about b WHERE b.actor_id = a.id)
                FROM actors a {where} ORDER BY a.name COLLATE NOCASE""",
            params,
        ).fetchall()
        aliases = self._all_aliases(conn)
        return [
            ActorListing(Actor(id_, name, kind_, desc, aliases.get(id_, ())), m, made, about)
            for id_, name, kind_, desc, m, made, about in rows
        ]

    def aliases_for_matching(self) -> list[tuple[int, str, int | None, bool]]:
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
        aliases: tuple[str, ...] | list[str] = (),
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
                "INSERT INTO actors (name, kind, description, created_at) VALUES (?, ?, ?, ?)",
                (name, kind, description.strip(), now()),
            )
            actor_id = cursor.lastrowid
            for alias in aliases:
                self._insert_alias(conn, actor_id, alias, None, None)
        return self.get(actor_id)

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
            self._insert_alias(conn, target.id, alias, article_id, case_sensitive)
        return self.get(target.id)

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

    def merge(self, keep: str | int, other: str | int) -> Actor:
        """Fold `other` into `keep`: its mentions, claims, suggestions and aliases move over,
        and its name becomes an alias. One transaction."""
        kept, gone = self.resolve(keep), self.resolve(other)
        if kept.id == gone.id:
            raise InvalidInput(f"cannot merge {kept.name!r} with itself")
        with self._library.transaction() as conn:
            conn.execute("UPDATE mentions SET actor_id = ? WHERE actor_id = ?", (kept.id, gone.id))
            conn.execute(
                "UPDATE claims SET speaker_id = ? WHERE speaker_id = ?", (kept.id, gone.id)
            )
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
                    self._insert_alias(
                        conn,
                        kept.id,
                        alias.text,
                        alias.article_id,
                        alias.case_sensitive,
                        ignore_existing=True,
                    )
            conn.execute("DELETE FROM actors WHERE id = ?", (gone.id,))
        return self.get(kept.id)

    def delete(self, actor: str | int, *, reassign_to: str | int | None = None) -> Actor:
        """Delete an actor with its aliases and mentions (see actor_delete). Refused while
        claims point to it, unless they are reassigned (a merge into `reassign_to`)."""
        target = self.resolve(actor)
        if reassign_to is not None:
            return self.merge(reassign_to, target.id)
        from briefing.core.actors.deletion import delete_actor  # it builds on this module

        delete_actor(self._library, target.id)
        return target

    # Helpers --------------------------------------------------------------------------------

    def _insert_alias(
        self,
        conn: sqlite3.Connection,
        actor_id: int,
        alias: str,
        article_id: int | None,
        case_sensitive: bool | None,
        *,
        ignore_existing: bool = False,
    ) -> None:
        text = clean_name(alias, "alias")
        if case_sensitive is None:
            case_sensitive = text.isupper() and len(text) <= 5
        existing = conn.execute(
            "SELECT 1 FROM actor_aliases "
            "WHERE actor_id = ? AND alias = ? AND ifnull(article_id, 0) = ?",
            (actor_id, text, article_id or 0),
        ).fetchone()
        if existing:
            if ignore_existing:
                return
            raise InvalidInput(f"{text!r} is already an alias of this actor")
        conn.execute(
            "INSERT INTO actor_aliases (actor_id, alias, article_id, case_sensitive) "
            "VALUES (?, ?, ?, ?)",
            (actor_id, text, article_id, int(case_sensitive)),
        )

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
        out: dict[int, list[Alias]] = {}
        rows = conn.execute(
            "SELECT actor_id, id, alias, article_id, case_sensitive FROM actor_aliases ORDER BY id"
        )
        for actor_id, id_, text, art, cs in rows:
            out.setdefault(actor_id, []).append(Alias(id_, text, art, bool(cs)))
        return {k: tuple(v) for k, v in out.items()}

"""Editing an actor's aliases one by one: add, rename, remove, and put a removed one back.

`ActorService.add_alias` adds (through `insert_alias`, which every write of an alias uses);
the actor page also renames and removes, and its undo needs
the alias that went, to restore it under its own id. An alias is checked the way a reader
would: not empty, not the actor's own name, and not one it already has in the same scope
(library-wide, or the same article) in any letter case; "US" and "us" are different only
through the case-sensitive flag, which a new or renamed alias gets as `add_alias` gives it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core.actors.model import Alias, clean_name
from briefing.core.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from briefing.core.library import Library


@dataclass(frozen=True)
class ActorAlias:
    """An alias and the actor it belongs to."""

    actor_id: int
    alias: Alias


def insert_alias(
    conn: sqlite3.Connection,
    actor_id: int,
    alias: str,
    article_id: int | None,
    case_sensitive: bool | None,
    *,
    ignore_existing: bool = False,
) -> None:
    """Insert an alias inside the caller's transaction. An acronym ("US", "IMF") is case
    sensitive unless told otherwise, so that it does not match the word "us"."""
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


def get_alias(library: Library, alias_id: int) -> ActorAlias:
    return _get(library.connection(), alias_id)


def add_alias(
    library: Library, actor_id: int, text: str, *, article_id: int | None = None
) -> ActorAlias:
    """Give the actor a new alias, library-wide or for one article; the alias made."""
    text = clean_name(text, "alias")
    with library.transaction() as conn:
        _check(conn, actor_id, text, article_id, None)
        library.actors.add_alias(actor_id, text, article_id=article_id)
        row = conn.execute(
            "SELECT id FROM actor_aliases WHERE actor_id = ? AND alias = ? "
            "AND ifnull(article_id, 0) = ?",
            (actor_id, text, article_id or 0),
        ).fetchone()
        return _get(conn, row[0])


def rename_alias(
    library: Library, alias_id: int, text: str, *, case_sensitive: bool | None = None
) -> ActorAlias:
    """Change an alias's text; its case-sensitivity follows the new text unless given."""
    text = clean_name(text, "alias")
    if case_sensitive is None:
        case_sensitive = text.isupper() and len(text) <= 5  # as ActorService gives it
    with library.transaction() as conn:
        current = _get(conn, alias_id)
        _check(conn, current.actor_id, text, current.alias.article_id, alias_id)
        conn.execute(
            "UPDATE actor_aliases SET alias = ?, case_sensitive = ? WHERE id = ?",
            (text, int(case_sensitive), alias_id),
        )
        return _get(conn, alias_id)


def remove_alias(library: Library, alias_id: int) -> ActorAlias:
    """Remove an alias; what was removed, for `restore_alias`."""
    with library.transaction() as conn:
        gone = _get(conn, alias_id)
        conn.execute("DELETE FROM actor_aliases WHERE id = ?", (alias_id,))
    return gone


def restore_alias(library: Library, removed: ActorAlias) -> None:
    """Put a removed alias back under its own id (undoing a removal, or redoing an add)."""
    alias = removed.alias
    with library.transaction() as conn:
        if not conn.execute("SELECT 1 FROM actors WHERE id = ?", (removed.actor_id,)).fetchone():
            raise InvalidInput(f"cannot bring back the alias {alias.text!r}: its actor is gone")
        if (
            alias.article_id is not None
            and not conn.execute(
                "SELECT 1 FROM articles WHERE id = ?", (alias.article_id,)
            ).fetchone()
        ):
            raise InvalidInput(f"cannot bring back the alias {alias.text!r}: its article is gone")
        _check(conn, removed.actor_id, alias.text, alias.article_id, None)
        try:
            conn.execute(
                "INSERT INTO actor_aliases (id, actor_id, alias, article_id, case_sensitive) "
                "VALUES (?, ?, ?, ?, ?)",
                (alias.id, removed.actor_id, alias.text, alias.article_id,
                 int(alias.case_sensitive)),
            )  # fmt: skip
        except sqlite3.IntegrityError:
            raise InvalidInput(f"alias {alias.id} is already in the library") from None


# Helpers ----------------------------------------------------------------------------------


def _get(conn: sqlite3.Connection, alias_id: int) -> ActorAlias:
    row = conn.execute(
        "SELECT actor_id, id, alias, article_id, case_sensitive FROM actor_aliases WHERE id = ?",
        (alias_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"no alias with id {alias_id}")
    actor_id, id_, text, article_id, case_sensitive = row
    return ActorAlias(actor_id, Alias(id_, text, article_id, bool(case_sensitive)))


def _check(
    conn: sqlite3.Connection,
    actor_id: int,
    text: str,
    article_id: int | None,
    except_id: int | None,
) -> None:
    """InvalidInput when the actor already goes by `text` in that scope (any letter case)."""
    row = conn.execute("SELECT name FROM actors WHERE id = ?", (actor_id,)).fetchone()
    if row is None:
        raise NotFound(f"no actor with id {actor_id}")
    if row[0].casefold() == text.casefold():
        raise InvalidInput(f"{text!r} is the actor's name already; an alias is another name")
    for (other,) in conn.execute(
        "SELECT alias FROM actor_aliases WHERE actor_id = ? AND ifnull(article_id, 0) = ? "
        "AND id IS NOT ?",
        (actor_id, article_id or 0, except_id),
    ):
        if other.casefold() == text.casefold():
            scope = " for that article" if article_id is not None else ""
            raise InvalidInput(f"{row[0]} already has the alias {other!r}{scope}")

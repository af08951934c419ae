"""Adding, renaming, removing and restoring one alias at a time, with the reader's checks."""

from __future__ import annotations

import pytest

from briefing.core import InvalidInput, Kind, Library, NotFound
from briefing.core.actors.aliases import (
    add_alias,
    get_alias,
    remove_alias,
    rename_alias,
    restore_alias,
)


def texts(library: Library, actor_id: int) -> list[tuple[str, int | None]]:
    return [(a.text, a.article_id) for a in library.actors.get(actor_id).aliases]


def test_add_rename_remove_restore(library: Library, sample_article: int) -> None:
    china = library.actors.add("China", kind="state", aliases=["Beijing"])
    prc = add_alias(library, china.id, "  PRC ")
    assert prc.actor_id == china.id
    assert (prc.alias.text, prc.alias.case_sensitive) == ("PRC", True)
    local = add_alias(library, china.id, "the country", article_id=sample_article)
    assert local.alias.article_id == sample_article
    renamed = rename_alias(library, prc.alias.id, "People's Republic of China")
    assert renamed.alias.id == prc.alias.id and not renamed.alias.case_sensitive
    assert texts(library, china.id) == [
        ("Beijing", None),
        ("People's Republic of China", None),
        ("the country", sample_article),
    ]
    assert library.actors.resolve("people's republic of china").id == china.id

    gone = remove_alias(library, local.alias.id)
    assert gone == local
    with pytest.raises(NotFound):
        get_alias(library, local.alias.id)
    restore_alias(library, gone)
    assert get_alias(library, local.alias.id) == local


def test_bad_aliases_change_nothing(library: Library, sample_article: int) -> None:
    china = library.actors.add("China", kind="state", aliases=["Beijing"])
    before = library.actors.get(china.id)
    for text, match in [
        ("   ", "cannot be empty"),
        ("china", "name already"),
        ("BEIJING", "already has the alias 'Beijing'"),
    ]:
        with pytest.raises(InvalidInput, match=match):
            add_alias(library, china.id, text)
    beijing = before.aliases[0].id
    add_alias(library, china.id, "Beijing", article_id=sample_article)  # another scope
    with pytest.raises(InvalidInput, match="for that article"):
        add_alias(library, china.id, "beijing", article_id=sample_article)
    with pytest.raises(InvalidInput, match="cannot be empty"):
        rename_alias(library, beijing, "")
    with pytest.raises(InvalidInput, match="name already"):
        rename_alias(library, beijing, "CHINA")
    rename_alias(library, beijing, "beijing")  # its own letter case may change
    with pytest.raises(NotFound):
        add_alias(library, 99, "Somewhere")
    with pytest.raises(NotFound):
        rename_alias(library, 999, "Somewhere")


def test_restore_is_refused_when_the_actor_went(library: Library) -> None:
    actor = library.actors.add("Somebody", kind="person", aliases=["S."])
    gone = remove_alias(library, actor.aliases[0].id)
    library.actors.delete(actor.id)
    with pytest.raises(InvalidInput, match="actor is gone"):
        restore_alias(library, gone)


def test_restore_is_refused_when_the_alias_is_back(library: Library) -> None:
    actor = library.actors.add("Somebody", kind="person", aliases=["S."])
    gone = remove_alias(library, actor.aliases[0].id)
    add_alias(library, actor.id, "s.")
    with pytest.raises(InvalidInput, match="already has the alias"):
        restore_alias(library, gone)
    assert texts(library, actor.id) == [("s.", None)]


def _found_by(library: Library, words: str) -> list[int]:
    return [hit.id for hit in library.search.run(words, kinds=("actor",))]


def test_the_search_index_and_the_aliases_column_follow_every_alias_edit(
    library: Library,
) -> None:
    """The actors' index reads actors.aliases (db/007), which triggers keep: after each edit
    the index agrees with the table (FTS5's integrity check against its content) and finds
    the actor by what it is called now, and the journal tells of a change to the actor."""
    conn = library.connection()

    def sound() -> None:
        conn.execute("INSERT INTO actors_fts (actors_fts, rank) VALUES ('integrity-check', 1)")

    china = library.actors.add("China", kind="state", aliases=["Beijing"])
    assert _found_by(library, "Beijing") == [china.id]
    version = library.version
    prc = library.actors.new_alias(china.id, "PRC")
    assert library.changes_since(version).touches(Kind.ACTOR)
    assert library.db["actors"].get(china.id)["aliases"] == "Beijing | PRC"
    renamed = library.actors.rename_alias(prc.alias.id, "Middle Kingdom")
    assert _found_by(library, "PRC") == []
    assert _found_by(library, '"middle kingdom"') == [china.id]
    sound()
    removed = library.actors.remove_alias(renamed.alias.id)
    assert _found_by(library, "kingdom") == []
    library.actors.restore_alias(removed)
    assert _found_by(library, "kingdom") == [china.id]
    library.actors.edit(china.id, name="People's Republic of China")
    assert _found_by(library, "republic") == [china.id]
    sound()
    other = library.actors.add("PRC government", aliases=["Zhongnanhai"])
    library.actors.merge(china.id, other.id)
    assert _found_by(library, "Zhongnanhai") == [china.id]
    sound()
    library.actors.delete(china.id)
    assert _found_by(library, "Beijing") == []
    sound()

"""Deleting an actor takes its mentions with it, and can be taken back whole."""

from __future__ import annotations

import pytest

from briefing.core import InvalidInput, Library, NotFound
from briefing.core.annotations.service import Span
from briefing.core.sample import SampleLoaded, load_sample

TANG = "Tang Xiao'ou"  # in the sample: one mention, no claims


@pytest.fixture
def sample(library: Library) -> SampleLoaded:
    loaded = load_sample(library)
    library.mentions.suggest()
    return loaded


def rows(library: Library, sql: str, *params: object) -> list[tuple]:
    return [tuple(r) for r in library.connection().execute(sql, params)]


def mentions_of_nobody(library: Library) -> list[tuple]:
    return rows(
        library,
        "SELECT a.id FROM annotations a LEFT JOIN mentions m ON m.annotation_id = a.id "
        "WHERE a.kind = 'mention' AND m.annotation_id IS NULL",
    )


def everything(library: Library, actor_id: int) -> tuple:
    """The actor and every row that hangs off it, as plain values."""
    return (
        library.actors.get(actor_id),
        rows(library, "SELECT * FROM actor_aliases WHERE actor_id = ? ORDER BY id", actor_id),
        rows(library, "SELECT * FROM mention_suggestions WHERE actor_id = ? ORDER BY id", actor_id),
        rows(
            library,
            "SELECT a.*, (SELECT group_concat(g.name) FROM annotation_tags t JOIN tags g "
            "ON g.id = t.tag_id WHERE t.annotation_id = a.id) FROM annotations a "
            "JOIN mentions m ON m.annotation_id = a.id WHERE m.actor_id = ? ORDER BY a.id",
            actor_id,
        ),
    )


def test_the_mentions_go_with_the_actor_and_come_back_with_it(
    library: Library, sample: SampleLoaded
) -> None:
    tang = library.actors.resolve(TANG)
    library.actors.add_alias(tang.id, "Professor Tang")
    mention = library.actors.page(tang.id).mentions.rows[0].id
    library.annotations.set_note(mention, "the founder")
    library.tags.tag_annotation(mention, ["people"])
    before = everything(library, tang.id)
    assert len(before[3]) == 1 and before[3][0][-1] == "people"
    claims = rows(library, "SELECT * FROM claims ORDER BY annotation_id")

    record = library.actors.delete(TANG)
    with pytest.raises(NotFound):
        library.actors.get(tang.id)
    assert rows(library, "SELECT id FROM annotations WHERE id = ?", mention) == []
    assert mentions_of_nobody(library) == []
    assert rows(library, "SELECT * FROM actor_aliases WHERE actor_id = ?", tang.id) == []
    assert rows(library, "SELECT * FROM claims ORDER BY annotation_id") == claims

    assert library.actors.undelete(record) == before[0]
    assert everything(library, tang.id) == before

    library.actors.delete(tang.id)  # a redo finds the same rows
    assert mentions_of_nobody(library) == []


def test_the_service_and_the_cli_path_leave_no_mention_of_nobody(
    library: Library, sample: SampleLoaded
) -> None:
    """Before, deleting an actor dropped only the link of its mentions: the annotation
    stayed, a mention of nobody, shown and exported as such."""
    assert library.actors.delete(TANG).name == TANG
    assert mentions_of_nobody(library) == []


def test_an_actor_a_claim_names_is_refused_and_nothing_changes(
    library: Library, sample: SampleLoaded
) -> None:
    sensetime = library.actors.resolve("SenseTime").id
    before = everything(library, sensetime)
    with pytest.raises(InvalidInput, match="speaker or subject of 4 claim"):
        library.actors.delete("SenseTime")
    assert everything(library, sensetime) == before


def test_bringing_back_is_refused_when_the_name_was_taken_since(
    library: Library, sample: SampleLoaded
) -> None:
    record = library.actors.delete(TANG)
    library.actors.add(TANG, kind="person")
    with pytest.raises(InvalidInput, match="another actor is now named so"):
        library.actors.undelete(record)
    assert len(library.actors.resolve(TANG).aliases) == 0


def test_what_was_on_an_article_deleted_meanwhile_stays_deleted(
    library: Library, sample: SampleLoaded
) -> None:
    other = library.imports.texts([("other", "Tang Xiao'ou spoke.\n\nTang Xiao'ou left.")])[0].id
    library.mentions.suggest(other)
    tang = library.actors.resolve(TANG).id
    library.mentions.add(other, tang, Span(quote=TANG, occurrence=1))
    record = library.actors.delete(TANG)
    assert {m.annotation[1] for m in record.mentions} == {sample.article_id, other}
    library.articles.delete([other])

    library.actors.undelete(record)
    page = library.actors.page(tang)
    assert [m.article_id for m in page.mentions.rows] == [sample.article_id]
    assert {s.article_id for s in page.suggestions.rows} <= {sample.article_id}


def test_an_actor_with_nothing_but_aliases_comes_back(library: Library) -> None:
    added = library.actors.add("Nobody Special", kind="person", aliases=["N. S."])
    record = library.actors.delete(added.id)
    assert record.mentions == () and len(record.aliases) == 1
    assert library.actors.undelete(record) == added

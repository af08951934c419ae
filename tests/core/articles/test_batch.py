"""Setting outlet, agency, date and tags on many articles at once; undo and redo."""

from __future__ import annotations

import pytest

from briefing.core import InvalidInput, Library, NotFound, PartialDate
from tests.conftest import WIKINEWS


def _import(library: Library, count: int) -> list[int]:
    files = sorted(WIKINEWS.glob("*.txt"))[:count]
    return [r.id for r in library.imports.files(files) if r.id is not None]


def _state(library: Library, ids: list[int]) -> list[tuple[object, ...]]:
    out = []
    for i in ids:
        a = library.articles.get(i)
        out.append((a.outlet, a.agency, a.date, a.updated_at, library.tags.of_article(i)))
    return out


def test_a_batch_edit_is_one_transaction_and_its_undo_puts_back_each_articles_values(
    library: Library,
) -> None:
    ids = _import(library, 3)
    library.articles.edit(ids[0], outlet="Le Monde")
    library.tags.tag_article(ids[1], ["sahel"])
    before = _state(library, ids)
    version = library.version

    edit = library.articles.edit_many(
        ids, outlet="  Reuters ", date="14 Dec 2021", tags=["Sahel", "#wire"]
    )

    assert library.version > version  # one commit
    assert edit.changes.updated.get("article") == frozenset(ids)
    for i in ids:
        article = library.articles.get(i)
        assert (article.outlet, article.date) == ("Reuters", PartialDate(2021, 12, 14))
    assert library.tags.of_article(ids[1]) == ("sahel", "wire")  # the tag it had, kept once
    assert dict(edit.tagged)[ids[1]] == ("wire",)

    library.articles.revert_edit_many(edit)
    assert _state(library, ids) == before  # Le Monde and the old tag are back as they were

    again = library.articles.redo_edit_many(edit)
    assert [library.articles.get(i).outlet for i in ids] == ["Reuters"] * 3
    library.articles.revert_edit_many(again)
    assert _state(library, ids) == before


def test_an_invalid_date_changes_nothing(library: Library) -> None:
    ids = _import(library, 2)
    before = _state(library, ids)
    version = library.version
    with pytest.raises(InvalidInput, match="cannot read the date 'someday'"):
        library.articles.edit_many(ids, outlet="Reuters", date="someday", tags=["x"])
    assert _state(library, ids) == before and library.version == version
    assert library.tags.list() == []


def test_bad_input_is_refused_whole(library: Library) -> None:
    ids = _import(library, 2)
    before = _state(library, ids)
    with pytest.raises(NotFound, match="no article with id 999"):
        library.articles.edit_many([*ids, 999], outlet="Reuters")
    with pytest.raises(InvalidInput, match="cannot set title"):
        library.articles.edit_many(ids, title="All the same")
    with pytest.raises(InvalidInput, match="nothing to set"):
        library.articles.edit_many(ids)
    with pytest.raises(InvalidInput, match="tag cannot be empty"):
        library.articles.edit_many(ids, outlet="Reuters", tags=["  "])
    assert _state(library, ids) == before


def test_clearing_a_field_and_its_undo(library: Library) -> None:
    ids = _import(library, 2)
    library.articles.edit(ids[0], agency="AFP")
    edit = library.articles.edit_many(ids, agency="")
    assert [library.articles.get(i).agency for i in ids] == [None, None]
    library.articles.revert_edit_many(edit)
    assert library.articles.get(ids[0]).agency == "AFP"

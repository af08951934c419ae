"""Removing articles for undo (an import undone) and putting them back exactly."""

from __future__ import annotations

import pytest

from briefing.core import InvalidInput, Library, Span
from tests.conftest import WIKINEWS


def _import(library: Library, count: int) -> list[int]:
    files = sorted(WIKINEWS.glob("*.txt"))[:count]
    return [r.id for r in library.imports.files(files) if r.id is not None]


def test_removed_articles_come_back_with_ids_uids_tags_annotations_and_search(
    library: Library,
) -> None:
    ids = _import(library, 3)
    before = {a.id: a for a in (library.articles.get(i) for i in ids)}
    library.tags.tag_article(ids[0], ["kept", "also"])
    quote = before[ids[1]].text.split()[3]
    start = before[ids[1]].text.index(quote)
    note = library.annotations.add(ids[1], "note", Span(start, start + len(quote)), note="mine")
    word = before[ids[2]].title.split()[0]

    snapshots = library.articles.remove(ids)

    assert [s.id for s in snapshots] == ids
    assert library.articles.count() == 0
    assert library.annotations.for_article(ids[1]) == []
    assert not any(h.article_id == ids[2] for h in library.search.run(word))
    changes = library.articles.restore(snapshots)
    assert changes.added.get("article") == frozenset(ids)
    for article_id, article in before.items():
        back = library.articles.get(article_id)
        assert (back.uid, back.text, back.title, back.date) == (
            article.uid,
            article.text,
            article.title,
            article.date,
        )
    assert library.tags.of_article(ids[0]) == ("also", "kept")
    assert [a.id for a in library.annotations.for_article(ids[1])] == [note.id]
    assert any(h.article_id == ids[2] for h in library.search.run(word))


def test_an_article_imported_again_since_cannot_come_back_and_nothing_changes(
    library: Library,
) -> None:
    ids = _import(library, 2)
    snapshots = library.articles.remove(ids)
    again = _import(library, 1)  # the first text, under a new id
    with pytest.raises(InvalidInput, match="imported again"):
        library.articles.restore(snapshots)
    assert [a.id for a in library.articles.list()] == again


def test_ids_no_longer_there_are_skipped(library: Library) -> None:
    ids = _import(library, 2)
    library.articles.delete([ids[0]])
    assert [s.id for s in library.articles.remove(ids)] == [ids[1]]

"""Removing articles so that they can come back exactly: what undoing an import needs.

`ArticleService.delete()` forgets what it deleted. Undoing an import must be redoable, and
between the import and its undo the reader may have annotated or tagged the new articles,
so `remove_articles()` keeps each article's whole row, its tags and its annotations (as
`AnnotationSnapshot`s, with all that hangs off them), and `restore_articles()` puts all of it
back under the same ids and uids, one transaction, all or nothing. Suggested mentions are
not kept: a suggestion run finds them again.

An article whose text was imported again meanwhile (the same text under another id) cannot
come back beside its copy: the restore refuses, changing nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core.annotations.restore import (
    AnnotationSnapshot,
    remove_annotations,
    restore_annotations,
)
from briefing.core.errors import InvalidInput
from briefing.core.tags import tag_id

if TYPE_CHECKING:
    from briefing.core.library import Library

_CHUNK = 500  # ids per statement, under SQLite's oldest limit of 999 variables


@dataclass(frozen=True)
class ArticleSnapshot:
    """One removed article as plain values: its stored columns, its tags, its annotations."""

    id: int
    columns: tuple[str, ...]
    row: tuple[object, ...]
    tags: tuple[str, ...]
    annotations: tuple[AnnotationSnapshot, ...]


def remove_articles(library: Library, ids: Iterable[int]) -> tuple[ArticleSnapshot, ...]:
    """Delete the articles (those still there; others are skipped), one transaction."""
    wanted = list(dict.fromkeys(ids))
    snapshots: list[ArticleSnapshot] = []
    with library.transaction() as conn:
        columns = stored_columns(conn)
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            notes = [
                row[0]
                for row in conn.execute(
                    f"SELECT id FROM annotations WHERE article_id IN ({marks})", chunk
                )
            ]
            by_article: dict[int, list[AnnotationSnapshot]] = {}
            if notes:
                for snapshot in remove_annotations(library, notes):
                    by_article.setdefault(snapshot.article_id, []).append(snapshot)
            tags: dict[int, list[str]] = {}
            for article_id, name in conn.execute(
                f"SELECT t.article_id, g.name FROM article_tags t JOIN tags g ON g.id = t.tag_id"
                f" WHERE t.article_id IN ({marks}) ORDER BY g.name",
                chunk,
            ):
                tags.setdefault(article_id, []).append(name)
            rows = {
                row[0]: tuple(row)
                for row in conn.execute(
                    f"SELECT {', '.join(columns)} FROM articles WHERE id IN ({marks})", chunk
                )
            }
            for article_id in chunk:
                if article_id in rows:
                    snapshots.append(
                        ArticleSnapshot(
                            article_id,
                            columns,
                            rows[article_id],
                            tuple(tags.get(article_id, ())),
                            tuple(by_article.get(article_id, ())),
                        )
                    )
            conn.execute(f"DELETE FROM articles WHERE id IN ({marks})", chunk)
    return tuple(snapshots)


def restore_articles(library: Library, snapshots: Iterable[ArticleSnapshot]) -> None:
    """Put removed articles back with their ids, uids, tags and annotations; all or none."""
    snapshots = list(snapshots)
    if not snapshots:
        return
    with library.transaction() as conn:
        for snapshot in snapshots:
            marks = ",".join("?" * len(snapshot.row))
            try:
                conn.execute(
                    f"INSERT INTO articles ({', '.join(snapshot.columns)}) VALUES ({marks})",
                    snapshot.row,
                )
            except sqlite3.IntegrityError as exc:
                raise InvalidInput(
                    f"article {snapshot.id} cannot come back: its text or id was imported "
                    "again since"
                ) from exc
            for name in snapshot.tags:
                conn.execute(
                    "INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)",
                    (snapshot.id, tag_id(conn, name)),
                )
        notes = [a for s in snapshots for a in s.annotations]
        if notes:
            restore_annotations(library, notes)


def stored_columns(conn: sqlite3.Connection) -> tuple[str, ...]:
    """The articles table's columns that hold values (not generated ones), id first."""
    return tuple(row[1] for row in conn.execute("PRAGMA table_xinfo(articles)") if row[6] == 0)

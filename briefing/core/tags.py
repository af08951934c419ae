"""Tags: free labels on articles and claims, renamed or merged across the whole library.

Names compare without case ("Xinjiang" and "xinjiang" are one tag). Renaming a tag to a name
that exists merges the two, which is what a reader who renames means.
"""

from __future__ import annotations

import builtins  # the service has a list() method: its annotations say builtins.list
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core.articles.rows import require_article
from briefing.core.changes import Changes
from briefing.core.errors import InvalidInput, NotFound
from briefing.core.journal import new_uid
from briefing.core.rowid import inserted_id

if TYPE_CHECKING:
    from briefing.core.library import Library


@dataclass(frozen=True)
class TagUse:
    name: str
    articles: int
    claims: int
    uid: str = ""


def clean_tag(name: str) -> str:
    tag = " ".join(str(name).split()).lstrip("#")
    if not tag:
        raise InvalidInput("a tag cannot be empty")
    return tag


def tag_id(conn: sqlite3.Connection, name: str, *, create: bool = True) -> int:
    """The id of a tag, made when new (inside the caller's transaction)."""
    tag = clean_tag(name)
    row = conn.execute("SELECT id FROM tags WHERE name = ? COLLATE NOCASE", (tag,)).fetchone()
    if row:
        return int(row[0])
    if not create:
        raise NotFound(f"no tag {tag!r}")
    return inserted_id(conn.execute("INSERT INTO tags (name, uid) VALUES (?, ?)", (tag, new_uid())))


class TagService:
    def __init__(self, library: Library) -> None:
        self._library = library

    def tag_article(self, article_id: int, names: builtins.list[str]) -> tuple[str, ...]:
        with self._library.transaction() as conn:
            require_article(conn, article_id)
            for name in names:
                conn.execute(
                    "INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)",
                    (article_id, tag_id(conn, name)),
                )
        return self.of_article(article_id)

    def untag_article(self, article_id: int, names: builtins.list[str]) -> tuple[str, ...]:
        with self._library.transaction() as conn:
            for name in names:
                conn.execute(
                    "DELETE FROM article_tags WHERE article_id = ? AND tag_id = ?",
                    (article_id, tag_id(conn, name, create=False)),
                )
        return self.of_article(article_id)

    def tag_annotation(self, annotation_id: int, names: builtins.list[str]) -> Changes:
        with self._library.transaction() as conn:
            if not conn.execute(
                "SELECT 1 FROM annotations WHERE id = ?", (annotation_id,)
            ).fetchone():
                raise NotFound(f"no claim or annotation with id {annotation_id}")
            for name in names:
                conn.execute(
                    "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
                    (annotation_id, tag_id(conn, name)),
                )
        return self._library.last_changes

    def of_article(self, article_id: int) -> tuple[str, ...]:
        rows = self._library.connection().execute(
            """SELECT g.name FROM article_tags t JOIN tags g ON g.id = t.tag_id
               WHERE t.article_id = ? ORDER BY g.name COLLATE NOCASE""",
            (article_id,),
        )
        return tuple(r[0] for r in rows)

    def list(self) -> builtins.list[TagUse]:
        rows = self._library.connection().execute(
            """SELECT g.name,
                      (SELECT count(*) FROM article_tags a WHERE a.tag_id = g.id),
                      (SELECT count(*) FROM annotation_tags n WHERE n.tag_id = g.id),
                      g.uid
               FROM tags g ORDER BY g.name COLLATE NOCASE"""
        )
        return [TagUse(*row) for row in rows]

    def rename(self, old: str, new: str) -> TagUse:
        """Rename a tag everywhere; onto an existing name, the two merge."""
        return self.merge([old], new)

    def merge(self, sources: builtins.list[str], into: str) -> TagUse:
        target_name = clean_tag(into)
        with self._library.transaction() as conn:
            ids = [tag_id(conn, name, create=False) for name in sources]
            existing = conn.execute(
                "SELECT id FROM tags WHERE name = ? COLLATE NOCASE", (target_name,)
            ).fetchone()
            keep = existing[0] if existing else ids[0]
            # The spelling the reader typed wins, also for a change of case only.
            conn.execute("UPDATE tags SET name = ? WHERE id = ?", (target_name, keep))
            for old in ids:
                if old == keep:
                    continue
                move_taggings(conn, old, keep)
                # A team hears "merged into", and re-points what it still tags so.
                conn.execute(
                    "INSERT OR REPLACE INTO record_redirects (kind, uid, into_uid) "
                    "SELECT 'tag', g.uid, k.uid FROM tags g, tags k WHERE g.id = ? AND k.id = ?",
                    (old, keep),
                )
                conn.execute("DELETE FROM tags WHERE id = ?", (old,))
        return next(t for t in self.list() if t.name.lower() == target_name.lower())


def move_taggings(conn: sqlite3.Connection, old: int, keep: int) -> None:
    """What tag `old` tags, tagged `keep` too (once): a merge here, and a team's merge
    arriving by sync (team/deletion.py), fold a tag the same way."""
    for table, column in (("article_tags", "article_id"), ("annotation_tags", "annotation_id")):
        conn.execute(
            f"INSERT OR IGNORE INTO {table} ({column}, tag_id) "
            f"SELECT {column}, ? FROM {table} WHERE tag_id = ?",
            (keep, old),
        )

"""Articles: reading, listing, correcting and deleting them.

Rows become frozen dataclasses here and nowhere else. Listing never reads the text column
(it sits last in the row, on overflow pages), so a page of 200 summaries costs the same
whether articles are 1 KB or 1 MB.
"""

from __future__ import annotations

import builtins  # the service has a list() method: its annotations say builtins.list
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.core.articles.outlets import SHOWN_OUTLET, counted_outlets, ids_by_shown_outlet
from briefing.core.articles.rows import date_columns
from briefing.core.briefings.rows import keep_snapshots
from briefing.core.briefings.snapshot import SnapshotMaker
from briefing.core.clock import now
from briefing.core.dates import PartialDate, parse_optional, parse_stored
from briefing.core.errors import InvalidInput, NotFound
from briefing.core.search.filters import Filters
from briefing.core.urls import checked_url

if TYPE_CHECKING:
    from briefing.core.articles.batch import BatchEdit
    from briefing.core.articles.trash import ArticleSnapshot
    from briefing.core.articles.update import UpdateReport
    from briefing.core.changes import Changes
    from briefing.core.library import Library

# How each list order is written, ascending and descending. The date orders keep undated
# articles last either way and match indexes of db/002 exactly, so 100k rows need no sort.
SORT_KEYS = {
    "date": ("a.date_start IS NULL, a.date_start, a.date, a.id",
             "a.date_start DESC, a.date DESC, a.id DESC"),
    "title": ("a.title COLLATE NOCASE, a.id", "a.title COLLATE NOCASE DESC, a.id DESC"),
    "outlet": (f"{SHOWN_OUTLET} IS NULL, {SHOWN_OUTLET} COLLATE NOCASE, a.id",
               f"{SHOWN_OUTLET} IS NULL, {SHOWN_OUTLET} COLLATE NOCASE DESC, a.id DESC"),
    "imported": ("a.imported_at, a.id", "a.imported_at DESC, a.id DESC"),
    "id": ("a.id", "a.id DESC"),
    "claims": ("coalesce(c.n, 0), a.id", "coalesce(c.n, 0) DESC, a.id DESC"),
}  # fmt: skip
_CLAIM_COUNTS = """LEFT JOIN (SELECT article_id, count(*) AS n FROM annotations
                              WHERE kind = 'claim' GROUP BY article_id) c
                   ON c.article_id = a.id"""
_CLAIMED = "SELECT article_id FROM annotations WHERE kind = 'claim'"
EDITABLE = ("title", "outlet", "agency", "author", "dateline", "date", "url", "language")
_SUMMARY_COLUMNS = """
    a.id, a.title, a.title_proposed, a.outlet, a.agency, a.date, a.imported_at,
    (SELECT count(*) FROM annotations n WHERE n.article_id = a.id AND n.kind = 'claim') AS claims,
    a.uid
"""


@dataclass(frozen=True)
class ArticleSummary:
    """What a list of articles shows: everything but the text."""

    id: int
    title: str
    title_proposed: bool
    outlet: str | None
    agency: str | None
    date: PartialDate | None
    imported_at: str
    claims: int
    uid: str = ""


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    title_proposed: bool
    outlet: str | None
    agency: str | None
    author: str | None
    dateline: str | None
    date: PartialDate | None
    url: str | None
    language: str | None
    source_format: str
    source_path: str | None
    content_hash: str
    imported_at: str
    updated_at: str | None
    text: str
    annotations: int
    uid: str = ""


@dataclass(frozen=True)
class DeletedArticle:
    id: int
    title: str
    annotations: int
    uid: str = ""


def _sorted_parts(sort: str, descending: bool) -> list[tuple[str, str, str]] | None:
    """The whole list for the sorts whose one ORDER BY would sort every article in a
    temporary tree, read instead as parts that each follow an index, one after the other
    (join, condition, order of each); by outlet, see outlets.ids_by_shown_outlet. By claims:
    counting every article's claims and
    sorting all 100k by the count took 76-85 ms, where most have none; those with claims,
    counted and sorted (a few thousand), and those without in id order, after or before
    them."""
    way = " DESC" if descending else ""
    if sort == "claims":
        counted = (_CLAIM_COUNTS.replace("LEFT JOIN", "JOIN"), "1", f"c.n{way}, a.id{way}")
        none = ("", f"a.id NOT IN ({_CLAIMED})", f"a.id{way}")
        return [counted, none] if descending else [none, counted]
    return None


class ArticleService:
    def __init__(self, library: Library) -> None:
        self._library = library

    def get(self, article_id: int) -> Article:
        conn = self._library.connection()
        row = conn.execute(
            """SELECT a.id, a.title, a.title_proposed, a.outlet, a.agency, a.author,
                      a.dateline, a.date, a.url, a.language, a.source_format, a.source_path,
                      a.content_hash, a.imported_at, a.updated_at, a.text,
                      (SELECT count(*) FROM annotations n WHERE n.article_id = a.id), a.uid
               FROM articles a WHERE a.id = ?""",
            (article_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        values = list(row)
        values[2] = bool(values[2])
        values[7] = parse_stored(values[7])
        return Article(*values)

    def exists(self, article_id: int) -> bool:
        conn = self._library.connection()
        return (
            conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            is not None
        )

    def count(self) -> int:
        row = self._library.connection().execute("SELECT count(*) FROM articles").fetchone()
        return int(row[0])

    def outlets(self) -> builtins.list[tuple[str, int]]:
        """Every outlet the lists show (an agency standing in for a missing outlet) with its
        number of articles, the most used first: what a reader picks from when narrowing by
        outlet (see core/articles/outlets.py)."""
        return counted_outlets(self._library.connection())

    def list(
        self,
        *,
        sort: str = "date",
        descending: bool | None = None,
        outlet: str | None = None,
        contains: str | None = None,
        tag: str | None = None,
        actor_id: int | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> builtins.list[ArticleSummary]:
        """Summaries in the order asked (see `ids`), optionally one page of them."""
        ids = self.ids(
            sort=sort,
            descending=descending,
            outlet=outlet,
            contains=contains,
            tag=tag,
            actor_id=actor_id,
            limit=limit,
            offset=offset,
        )
        return [s for i in range(0, len(ids), 500) for s in self.summaries(ids[i : i + 500])]

    def ids(
        self,
        *,
        sort: str = "date",
        descending: bool | None = None,
        outlet: str | None = None,
        contains: str | None = None,
        tag: str | None = None,
        actor_id: int | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> builtins.list[int]:
        """Article ids in the order asked, and nothing else: what a lazy list of 100k rows
        needs to know up front (its length and order). Rows come later, a page at a time,
        from `summaries(ids)`. Newest first by default for dates and imports. With `limit`
        (and `offset`), one page of them: SQLite stops there (all 100k ids are 90 ms).

        `contains` keeps articles whose title or outlet holds every word (case-insensitive,
        literal: % and _ match themselves), the agency standing in for a missing outlet as it
        does in the lists; `tag` and `actor_id` narrow as search does (an
        article tagged so or holding a claim tagged so; an article that mentions the actor
        or holds a claim by or about it). Sorting by claims counts them per article, so it
        costs a scan of the annotations index; the other keys read only the articles table.
        """
        if sort not in SORT_KEYS:
            raise InvalidInput(f"cannot sort by {sort!r}: use one of {', '.join(SORT_KEYS)}")
        if descending is None:
            descending = sort in ("date", "imported", "claims")
        clauses, params = Filters.build(outlet=outlet, tag=tag, actor_id=actor_id).article_sql()
        for i, word in enumerate((contains or "").split()):
            clauses += (
                f" AND (a.title LIKE :w{i} ESCAPE '\\' OR a.outlet LIKE :w{i} ESCAPE '\\'"
                f" OR (ifnull(a.outlet, '') = '' AND a.agency LIKE :w{i} ESCAPE '\\'))"
            )
            params[f"w{i}"] = _like_pattern(word)
        counts = _CLAIM_COUNTS if sort == "claims" else ""
        order = SORT_KEYS[sort][1 if descending else 0]
        sql = f"SELECT a.id FROM articles a {counts} WHERE 1{clauses} ORDER BY {order}"
        conn = self._library.connection()
        if limit is not None or offset:
            sql += " LIMIT :page_limit OFFSET :page_offset"
            params.update(page_limit=-1 if limit is None else limit, page_offset=offset)
            return [row[0] for row in conn.execute(sql, params)]
        # Every id: one JSON array built by SQLite and parsed in C (100k ids: 15-25 ms, where
        # a Python row each took 50-70 ms of every start of the app and every re-sort). The
        # subquery's LIMIT keeps its ORDER BY, which SQLite may otherwise leave out of a
        # subquery under an aggregate; the aggregate reads the rows in that order.
        if sort == "outlet":
            return ids_by_shown_outlet(conn, clauses, params, descending=descending)
        parts = _sorted_parts(sort, descending)
        if parts:
            # Each part a JSON array of its own, all in one statement: one snapshot.
            arrays = ", ".join(
                f"(SELECT json_group_array(id) FROM (SELECT a.id FROM articles a {join}"
                f" WHERE {where}{clauses} ORDER BY {order} LIMIT -1))"
                for join, where, order in parts
            )
            row = conn.execute(f"SELECT {arrays}", params).fetchone()
            return [int(id_) for part in row for id_ in json.loads(part)]
        (ids,) = conn.execute(
            f"SELECT json_group_array(id) FROM ({sql} LIMIT -1)", params
        ).fetchone()
        return [int(id_) for id_ in json.loads(ids)]

    def summaries(self, ids: builtins.list[int]) -> builtins.list[ArticleSummary]:
        """Summaries of the given articles, in the order of `ids` (missing ones left out)."""
        if not ids:
            return []
        conn = self._library.connection()
        marks = ",".join("?" * len(ids))
        rows = conn.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM articles a WHERE a.id IN ({marks})", ids
        )
        by_id = {row[0]: _summary(row) for row in rows}
        return [by_id[i] for i in ids if i in by_id]

    def edit(self, article_id: int, **changes: str | PartialDate | None) -> Article:
        """Correct metadata. A value of None or "" clears a field (the title cannot be empty).

        `date` takes a PartialDate or a string in any form PartialDate.parse reads.
        """
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise InvalidInput(f"cannot edit {', '.join(sorted(unknown))}")
        values: dict[str, object] = {}
        for field, value in changes.items():
            if field == "date":
                date = value if isinstance(value, PartialDate) else parse_optional(value)
                values.update(date_columns(date))
            elif field == "title":
                title = " ".join(str(value or "").split())
                if not title:
                    raise InvalidInput("the title cannot be empty")
                values["title"] = title
                values["title_proposed"] = 0
            elif field == "url":
                values["url"] = checked_url(str(value or ""), "the article's URL")
            else:
                text = str(value).strip() if value is not None else ""
                values[field] = text or None
        if not values:
            return self.get(article_id)
        values["updated_at"] = now()
        with self._library.transaction() as conn:
            assignments = ", ".join(f"{column} = ?" for column in values)
            cursor = conn.execute(
                f"UPDATE articles SET {assignments} WHERE id = ?", [*values.values(), article_id]
            )
            if cursor.rowcount == 0:
                raise NotFound(f"no article with id {article_id}")
        return self.get(article_id)

    def deletion_preview(self, article_id: int) -> DeletedArticle:
        """What deleting would remove, for the question asked before deleting."""
        article = self.get(article_id)
        return DeletedArticle(article.id, article.title, article.annotations, article.uid)

    def delete(self, article_ids: builtins.list[int]) -> builtins.list[DeletedArticle]:
        """Delete articles with their annotations, all in one transaction.

        Any unknown id fails the whole call and deletes nothing.
        """
        deleted = []
        maker = SnapshotMaker(self._library)
        with self._library.transaction() as conn:
            for article_id in dict.fromkeys(article_ids):
                preview = self.deletion_preview(article_id)
                keep_snapshots(
                    conn,
                    maker,
                    "i.claim_id IN (SELECT id FROM annotations WHERE article_id = ?)",
                    article_id,
                )
                conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
                deleted.append(preview)
        self._library.reclaim_space()  # when it pays: a large deletion
        return deleted

    def remove(self, article_ids: builtins.list[int]) -> tuple[ArticleSnapshot, ...]:
        """Delete articles keeping everything that went with them (annotations, tags), for
        `restore`: what undoing an import does. One transaction; ids not there are skipped."""
        from briefing.core.articles.trash import remove_articles

        return remove_articles(self._library, article_ids)

    def restore(self, snapshots: tuple[ArticleSnapshot, ...]) -> Changes:
        """Put removed articles back under their own ids and uids, all or nothing."""
        from briefing.core.articles.trash import restore_articles

        restore_articles(self._library, snapshots)
        return self._library.last_changes

    def edit_many(
        self,
        article_ids: builtins.list[int],
        *,
        tags: builtins.list[str] | None = None,
        **fields: str | PartialDate | None,
    ) -> BatchEdit:
        """Set the outlet, agency or date of many articles at once and add tags to them, in
        one transaction; everything is checked first, so bad input (a date that cannot be
        read) changes nothing. The result undoes it: `revert_edit_many`."""
        from briefing.core.articles.batch import batch_edit

        return batch_edit(self._library, article_ids, fields, tags or ())

    def revert_edit_many(self, edit: BatchEdit) -> Changes:
        """Undo `edit_many`: each article's values back as they were, its new tags off."""
        from briefing.core.articles.batch import revert_batch_edit

        return revert_batch_edit(self._library, edit)

    def redo_edit_many(self, edit: BatchEdit) -> BatchEdit:
        """Do an undone `edit_many` again, as it was asked."""
        from briefing.core.articles.batch import redo_batch_edit

        return redo_batch_edit(self._library, edit)

    def update(self, article_id: int, path: str | Path) -> UpdateReport:
        """Replace an article's text with a corrected version read from a file; every
        annotation is placed again (kept, moved, fuzzily placed or orphaned). One
        transaction."""
        # Imported here: reading the file needs the importers (trafilatura takes half a
        # second to import), which a script that only reads the library should not pay for.
        from briefing.core.articles.update import update_article

        return update_article(self._library, article_id, path)


def _like_pattern(word: str) -> str:
    """A LIKE pattern that finds `word` literally anywhere (escape character: backslash)."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _summary(row: sqlite3.Row | tuple[Any, ...]) -> ArticleSummary:
    id_, title, proposed, outlet, agency, date, imported_at, claims, uid = row
    return ArticleSummary(
        id_, title, bool(proposed), outlet, agency, parse_stored(date), imported_at, claims, uid
    )

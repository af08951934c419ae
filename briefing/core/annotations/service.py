"""Annotations: spans of one article, anchored by position and by quote.

Every kind (claim, mention, highlight, note) is an annotation row; claims and mentions add
their own rows beside it. Creating one from a quote alone works when the quote is unique and
asks for a prefix or an occurrence number when it is not (anchoring.find_quote).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from briefing.core.anchoring.selectors import Selector
from briefing.core.annotations import restore
from briefing.core.annotations.model import KINDS, Annotation, Span
from briefing.core.annotations.refs import AnnotationRefs, annotation_refs
from briefing.core.annotations.restore import AnnotationSnapshot
from briefing.core.articles.rows import article_text
from briefing.core.briefings.rows import keep_snapshots
from briefing.core.briefings.snapshot import SnapshotMaker
from briefing.core.changes import Changes
from briefing.core.clock import now
from briefing.core.errors import InvalidInput, NotFound
from briefing.core.journal import new_uid
from briefing.core.rowid import inserted_id

if TYPE_CHECKING:
    from briefing.core.annotations.w3c_import import W3CImportReport
    from briefing.core.library import Library

__all__ = ["KINDS", "Annotation", "AnnotationRefs", "AnnotationService", "Span"]

_COLUMNS = (
    'a.id, a.article_id, a.kind, a.start, a."end", a.quote, a.prefix, a.suffix, a.orphaned, '
    "a.note, a.uid"
)


def insert_annotation(
    conn: sqlite3.Connection,
    article_id: int,
    kind: str,
    selector: Selector | None,
    note: str = "",
    *,
    orphaned: bool = False,
    uid: str | None = None,
) -> int:
    """The annotation row for a located span, inside the caller's transaction. An orphan
    keeps the selector's quote and context but no position; no selector at all is a note on
    the whole article (stored as an orphan with no quote). `uid` keeps the identity an
    annotation had elsewhere (a W3C import); by default it gets a new one."""
    start = end = None
    exact = prefix = suffix = ""
    if selector is not None:
        exact, prefix, suffix = selector.exact, selector.prefix, selector.suffix
        if not orphaned:
            start, end = selector.start, selector.end
    cursor = conn.execute(
        """INSERT INTO annotations (article_id, kind, start, "end", quote, prefix, suffix,
                                    orphaned, note, created_at, uid)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            article_id,
            kind,
            start,
            end,
            exact,
            prefix,
            suffix,
            int(orphaned or selector is None),
            note.strip(),
            now(),
            uid or new_uid(),
        ),
    )
    return inserted_id(cursor)


def tags_of(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"""SELECT t.annotation_id, g.name FROM annotation_tags t JOIN tags g ON g.id = t.tag_id
                WHERE t.annotation_id IN ({marks}) ORDER BY g.name COLLATE NOCASE""",
            chunk,
        )
        for annotation_id, name in rows:
            out.setdefault(annotation_id, []).append(name)
    return {k: tuple(v) for k, v in out.items()}


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


class AnnotationService:
    def __init__(self, library: Library) -> None:
        self._library = library

    def add(self, article_id: int, kind: str, span: Span, *, note: str = "") -> Annotation:
        """A highlight or a note (claims and mentions have their own services)."""
        if kind not in ("highlight", "note"):
            raise InvalidInput("use the claims or mentions service for claims and mentions")
        if span.whole and kind != "note":
            raise InvalidInput("only a note can be on the whole article: say which words")
        with self._library.transaction() as conn:
            text = article_text(conn, article_id)
            selector = None if span.whole else span.locate(text)
            annotation_id = insert_annotation(
                conn, article_id, kind, selector, note, orphaned=span.orphaned
            )
        return self.get(annotation_id)

    def get(self, annotation_id: int) -> Annotation:
        conn = self._library.connection()
        row = conn.execute(f"SELECT {_COLUMNS} FROM annotations a WHERE a.id = ?", (annotation_id,))
        found = row.fetchone()
        if found is None:
            raise NotFound(f"no annotation with id {annotation_id}")
        return _annotation(found, tags_of(conn, [annotation_id]).get(annotation_id, ()))

    def for_article(self, article_id: int, *, kind: str | None = None) -> list[Annotation]:
        """In reading order; orphaned ones (no position) last."""
        conn = self._library.connection()
        where = "a.article_id = ?"
        params: list[object] = [article_id]
        if kind:
            where += " AND a.kind = ?"
            params.append(kind)
        rows = conn.execute(
            f"""SELECT {_COLUMNS} FROM annotations a WHERE {where}
                ORDER BY a.orphaned, a.start, a."end" DESC, a.id""",
            params,
        ).fetchall()
        tags = tags_of(conn, [r[0] for r in rows])
        return [_annotation(r, tags.get(r[0], ())) for r in rows]

    def refs(self, annotation_ids: Iterable[int]) -> dict[int, AnnotationRefs]:
        """Each annotation's article and the actors it names, by id: what a view asks of
        the ids a change announces ("is it on my article? about my actor?"), one statement
        for hundreds of them. Ids that are gone are left out."""
        return annotation_refs(self._library.connection(), annotation_ids)

    def set_note(self, annotation_id: int, note: str) -> Annotation:
        with self._library.transaction() as conn:
            cursor = conn.execute(
                "UPDATE annotations SET note = ?, updated_at = ? WHERE id = ?",
                (note.strip(), now(), annotation_id),
            )
            if cursor.rowcount == 0:
                raise NotFound(f"no annotation with id {annotation_id}")
        return self.get(annotation_id)

    def delete(self, annotation_id: int) -> Annotation:
        gone = self.get(annotation_id)
        with self._library.transaction() as conn:
            keep_snapshots(conn, SnapshotMaker(self._library), "i.claim_id = ?", annotation_id)
            conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
        return gone

    def quote_with_citation(self, annotation_id: int) -> str:
        """Its words in quotation marks, a claim's speaker, and the article's citation: one
        line to paste elsewhere (export/quotation.py)."""
        from briefing.core.export.quotation import quote_with_citation

        return quote_with_citation(self._library, annotation_id)

    # Undoable removal -----------------------------------------------------------------------

    def remove(
        self, annotation_ids: Iterable[int], *, reopen_suggestions: bool = False
    ) -> tuple[AnnotationSnapshot, ...]:
        """Delete annotations of any kind in one transaction, keeping everything that went
        with them, for `restore`. `reopen_suggestions` puts the accepted suggestions a removed
        mention came from back to pending (what undoing "Accept suggestion" means)."""
        return restore.remove_annotations(
            self._library, annotation_ids, reopen_suggestions=reopen_suggestions
        )

    def restore(self, snapshots: Iterable[AnnotationSnapshot]) -> Changes:
        """Put removed annotations back under their own ids and uids, all or nothing."""
        restore.restore_annotations(self._library, snapshots)
        return self._library.last_changes

    # W3C Web Annotation ----------------------------------------------------------------------

    def export_w3c(self, article_id: int | None = None) -> dict[str, Any]:
        """The annotations of one article, or of the library, as a W3C AnnotationCollection."""
        from briefing.core.annotations import w3c_export  # not at start-up: 30 ms, metadata

        return w3c_export.export_annotations(self._library, article_id)

    def import_w3c(self, data: str | bytes) -> W3CImportReport:
        """Annotations from W3C JSON-LD, matched to articles and re-anchored (docs/w3c.md)."""
        from briefing.core.annotations import w3c_import  # not at start-up: rapidfuzz

        return w3c_import.import_annotations(self._library, data)


def _annotation(row: tuple[Any, ...], tags: tuple[str, ...]) -> Annotation:
    id_, article_id, kind, start, end, quote, prefix, suffix, orphaned, note, uid = row
    return Annotation(
        id_, article_id, kind, start, end, quote, prefix, suffix, bool(orphaned), note, tags, uid
    )

"""Where a search's terms are in one article's text, for the reader to highlight them.

FTS5's own `highlight()` marks them, on the same index the search used: so `sanction`
marks `sanctions`, `resume` marks `résumé`, a phrase marks only where its words stand
together, and a prefix marks every word it starts. Matching the words again in Python
would disagree with the search on stemming, diacritics and tokenising sooner or later.
The query is translated exactly as the search translates it, with the same fallback to
literal words when FTS5 cannot parse it, so anything the search answered can be marked.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from briefing.core.search import query as fts_query
from briefing.core.search.hit import HIT_END, HIT_START

if TYPE_CHECKING:
    from briefing.core.library import Library

TEXT_COLUMN = 1  # articles_fts(title, text)


def term_spans(library: Library, article_id: int, query: str) -> list[tuple[int, int]]:
    """The (start, end) offsets in the article's canonical text of every word `query`
    matched there, in order. [] when it matched none there (only the title, say), when the
    article does not match at all, or when the query has no words."""
    translated = fts_query.translate(query)
    if not translated:
        return []
    conn = library.connection()
    try:
        marked = _highlighted(conn, article_id, translated)
    except sqlite3.OperationalError as exc:
        if not fts_query.is_syntax_error(exc):
            raise
        fallback = fts_query.literal(query)
        marked = _highlighted(conn, article_id, fallback) if fallback else None
    return _spans(marked) if marked else []


def _highlighted(conn: sqlite3.Connection, article_id: int, match: str) -> str | None:
    row = conn.execute(
        f"""SELECT highlight(articles_fts, {TEXT_COLUMN}, ?, ?) FROM articles_fts
            WHERE articles_fts MATCH ? AND rowid = ?""",
        [HIT_START, HIT_END, match, article_id],
    ).fetchone()
    return row[0] if row else None


def _spans(marked: str) -> list[tuple[int, int]]:
    """Offsets in the text without the markers (the canonical text)."""
    spans: list[tuple[int, int]] = []
    pieces = marked.split(HIT_START)
    offset = len(pieces[0])  # in the canonical text
    for piece in pieces[1:]:
        hit, _, rest = piece.partition(HIT_END)
        spans.append((offset, offset + len(hit)))
        offset += len(hit) + len(rest)
    return spans

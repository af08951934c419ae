"""Search hits in claims and notes (their quotes and notes) and in actors (names, aliases).

Small indexes next to the articles' one: claims and notes are found by what they quote or
say, actors by any of their names. A claim is filtered by its article (outlet, dates), and
by the actor it is made by or about and the tag on it or its article.
"""

from __future__ import annotations

import sqlite3

from briefing.core.dates import parse_stored
from briefing.core.search.filters import Filters
from briefing.core.search.hit import HIT_END, HIT_START, SearchHit

SNIPPET_TOKENS = 24

_CLAIM_ACTOR = """(c.speaker_id = :actor OR EXISTS (SELECT 1 FROM claim_about b
                   WHERE b.claim_id = n.id AND b.actor_id = :actor))"""
_CLAIM_TAG = """EXISTS (SELECT 1 FROM tags g WHERE g.name = :tag COLLATE NOCASE AND (
    EXISTS (SELECT 1 FROM annotation_tags t WHERE t.annotation_id = n.id AND t.tag_id = g.id)
    OR EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag_id = g.id)))"""


# A page of claims and notes in each order SORTS names (service.py): best first, their
# article's date newest first, their article's title.
_ANNOTATION_ORDER = {
    "relevance": "9, n.id DESC",
    "date": "a.date_start DESC, a.date DESC, n.id DESC",
    "title": "a.title COLLATE NOCASE, a.id, n.id",
}
_ACTOR_ORDER = {"relevance": "5, a.id", "date": "5, a.id", "title": "a.name COLLATE NOCASE, a.id"}


def annotation_hits(
    conn: sqlite3.Connection,
    match: str,
    filters: Filters,
    limit: int,
    kinds: tuple[str, ...],
    offset: int = 0,
    sort: str = "relevance",
) -> list[SearchHit]:
    clauses, params = _annotation_filters(filters, kinds)
    rows = conn.execute(
        f"""SELECT n.id, n.kind, n.article_id, a.title, a.outlet, a.date, s.name,
                   snippet(annotations_fts, -1, :hs, :he, '…', {SNIPPET_TOKENS}),
                   bm25(annotations_fts, 2.0, 1.0), n.uid, a.agency
            FROM annotations_fts CROSS JOIN annotations n ON n.id = annotations_fts.rowid
            JOIN articles a ON a.id = n.article_id
            LEFT JOIN claims c ON c.annotation_id = n.id
            LEFT JOIN actors s ON s.id = c.speaker_id
            WHERE annotations_fts MATCH :match {clauses}
            ORDER BY {_ANNOTATION_ORDER[sort]} LIMIT :limit OFFSET :offset""",
        {
            **params,
            "match": match,
            "limit": limit,
            "offset": offset,
            "hs": HIT_START,
            "he": HIT_END,
        },
    )
    return [
        SearchHit(
            kind,
            id_,
            article_id,
            title,
            outlet,
            parse_stored(date),
            snippet,
            -score,
            speaker,
            uid,
            agency,
        )
        for id_, kind, article_id, title, outlet, date, speaker, snippet, score, uid, agency in rows
    ]


def count_annotation_hits(
    conn: sqlite3.Connection, match: str, filters: Filters, kinds: tuple[str, ...]
) -> dict[str, int]:
    """How many claims and how many notes match, with the filters: {kind: n}."""
    clauses, params = _annotation_filters(filters, kinds)
    counts = dict.fromkeys(kinds, 0)
    for kind, n in conn.execute(
        f"""SELECT n.kind, count(*)
            FROM annotations_fts CROSS JOIN annotations n ON n.id = annotations_fts.rowid
            JOIN articles a ON a.id = n.article_id
            LEFT JOIN claims c ON c.annotation_id = n.id
            WHERE annotations_fts MATCH :match {clauses} GROUP BY n.kind""",
        {**params, "match": match},
    ):
        counts[kind] = n
    return counts


def _annotation_filters(filters: Filters, kinds: tuple[str, ...]) -> tuple[str, dict[str, object]]:
    """` AND ...` on the annotation `n`, its claim `c` and its article `a`."""
    # The article-level filters, except actor and tag, which a claim answers for itself.
    article_only = Filters(filters.outlet, filters.since, filters.until)
    clauses, params = article_only.article_sql()
    if filters.actor_id is not None:
        clauses += f" AND {_CLAIM_ACTOR}"
        params["actor"] = filters.actor_id
    if filters.tag:
        clauses += f" AND {_CLAIM_TAG}"
        params["tag"] = filters.tag
    marks = ", ".join(f":kind{i}" for i in range(len(kinds)))
    params.update({f"kind{i}": kind for i, kind in enumerate(kinds)})
    return f" AND n.kind IN ({marks}){clauses}", params


def actor_hits(
    conn: sqlite3.Connection, match: str, limit: int, offset: int = 0, sort: str = "relevance"
) -> list[SearchHit]:
    """Actors by name or alias; by date they stay best first (an actor has no date)."""
    rows = conn.execute(
        f"""SELECT a.id, a.name, a.kind,
                   snippet(actors_fts, -1, :hs, :he, '…', {SNIPPET_TOKENS}),
                   bm25(actors_fts, 2.0, 1.0), a.uid
            FROM actors_fts CROSS JOIN actors a ON a.id = actors_fts.rowid
            WHERE actors_fts MATCH :match ORDER BY {_ACTOR_ORDER[sort]}
            LIMIT :limit OFFSET :offset""",
        {"match": match, "limit": limit, "offset": offset, "hs": HIT_START, "he": HIT_END},
    )
    return [
        SearchHit("actor", id_, None, name, None, None, snippet, -score, kind, uid)
        for id_, name, kind, snippet, score, uid in rows
    ]


def count_actor_hits(conn: sqlite3.Connection, match: str) -> int:
    (n,) = conn.execute(
        "SELECT count(*) FROM actors_fts WHERE actors_fts MATCH ?", [match]
    ).fetchone()
    return int(n)

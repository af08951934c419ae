"""Records as a team library holds them: plain fields, other records named by uid.

A local id means nothing in another analyst's library, so every reference here is a uid: a
claim's article, speaker, subjects, sources and links; an alias's article; a tag on an
article or a claim. Each kind is read in batches with joins (a first join reads 100k
articles), and written back by core/team/apply.py.

A record's parts belong to it, as the journal files them: an actor's aliases, a claim's
subjects, sources, links (those it makes) and tags, a briefing's sections and items. What is
derived or local stays out: an article's source path, mention suggestions, anchoring history,
the full-text indexes.

Fields whose value is a set (SET_FIELDS) merge element by element; the others as a whole.
What a base remembers of a record (fingerprints of its fields) is fingerprints.py's.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from briefing.core.changes import Kind

Data = dict[str, Any]

# Kinds in the order a batch is written: what a record names comes before it.
ORDER: tuple[Kind, ...] = (
    Kind.TAG,
    Kind.ARTICLE,
    Kind.ACTOR,
    Kind.SOURCE,
    Kind.ANNOTATION,
    Kind.CLAIM,
    Kind.BRIEFING,
)
TABLES: dict[Kind, str] = {
    Kind.TAG: "tags",
    Kind.ARTICLE: "articles",
    Kind.ACTOR: "actors",
    Kind.SOURCE: "sources",
    Kind.ANNOTATION: "annotations",
    Kind.CLAIM: "annotations",
    Kind.BRIEFING: "briefings",
}
SET_FIELDS = frozenset({"tags", "about", "sources", "links", "aliases"})
# Set when a record is made and never edited: two copies of one record (the same wire story
# imported twice) keep the earlier without calling it a conflict.
QUIET_FIELDS = frozenset({"imported_at", "created_at"})

_ARTICLE = """a.id, a.uid, a.title, a.title_proposed, a.outlet, a.agency, a.author, a.dateline,
    a.date, a.url, a.language, a.source_format, a.content_hash, a.imported_at, a.text, a.original"""
_ARTICLE_FIELDS = (
    "title title_proposed outlet agency author dateline date url language source_format "
    "content_hash imported_at text original"
).split()


def match_key(kind: Kind, data: Data) -> str | None:
    """What makes two records one though their uids differ: the same text (an article
    imported by two analysts), the same name (an actor or a tag, names being unique here)."""
    if kind is Kind.ARTICLE:
        return str(data["content_hash"])
    if kind in (Kind.ACTOR, Kind.TAG):
        return fold_name(str(data["name"]))
    return None


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold_name(name: str) -> str:
    """Names compared as SQLite's NOCASE does (ASCII letters only), as the local tables do."""
    return name.translate(_ASCII_LOWER)


def refs(kind: Kind, data: Data) -> list[tuple[Kind, str]]:
    """The records this one names, by kind and uid: they must be there before it is written."""
    found: list[tuple[Kind, str]] = [(Kind.TAG, t) for t in data.get("tags", ())]
    if kind in (Kind.ANNOTATION, Kind.CLAIM):
        found.append((Kind.ARTICLE, data["article"]))
        if data.get("actor"):
            found.append((Kind.ACTOR, data["actor"]))
        if data.get("speaker"):
            found.append((Kind.ACTOR, data["speaker"]))
        found += [(Kind.ACTOR, a) for a in data.get("about", ())]
        found += [(Kind.SOURCE, s) for s, _ in data.get("sources", ())]
    elif kind is Kind.ACTOR:
        found += [(Kind.ARTICLE, a) for _, a, _ in data.get("aliases", ()) if a]
    elif kind is Kind.SOURCE and data.get("article"):
        found.append((Kind.ARTICLE, data["article"]))
    return found


def link_refs(data: Data) -> list[str]:
    """The claims a claim links to: written after every claim of a batch is there."""
    return [to for to, _ in data.get("links", ())]


# Reading ------------------------------------------------------------------------------------


def read(conn: sqlite3.Connection, kind: Kind, ids: Iterable[int]) -> dict[int, Data]:
    """The records of one kind with these local ids, as the team holds them (missing ids,
    and records that are not shared, such as private briefings, are left out)."""
    found: dict[int, Data] = {}
    ids = list(ids)
    for start in range(0, len(ids), 500):
        found.update(_READERS[kind](conn, ids[start : start + 500]))
    return found


def _in(ids: list[int] | list[str]) -> str:
    return ",".join("?" * len(ids))


def _sets(conn: sqlite3.Connection, sql: str, ids: list[int]) -> dict[int, list[Any]]:
    """id -> sorted list of what the query gives for it (a uid, or a [uid, relation] pair)."""
    out: dict[int, list[Any]] = {}
    for row in conn.execute(sql.format(_in(ids)), ids):
        value = row[1] if len(row) == 2 else list(row[1:])
        out.setdefault(row[0], []).append(value)
    for values in out.values():
        values.sort(key=lambda v: json.dumps(v))
    return out


def _articles(conn: sqlite3.Connection, ids: list[int]) -> dict[int, Data]:
    tags = _sets(
        conn,
        "SELECT x.article_id, t.uid FROM article_tags x JOIN tags t ON t.id = x.tag_id "
        "WHERE x.article_id IN ({})",
        ids,
    )
    found = {}
    for row in conn.execute(f"SELECT {_ARTICLE} FROM articles a WHERE a.id IN ({_in(ids)})", ids):
        data = dict(zip(_ARTICLE_FIELDS, row[2:], strict=True))
        data["title_proposed"] = bool(data["title_proposed"])
        data["tags"] = tags.get(row[0], [])
        found[row[0]] = data
    return found


def _annotations(conn: sqlite3.Connection, ids: list[int]) -> dict[int, Data]:
    tags = _sets(
        conn,
        "SELECT x.annotation_id, t.uid FROM annotation_tags x JOIN tags t ON t.id = x.tag_id "
        "WHERE x.annotation_id IN ({})",
        ids,
    )
    about = _sets(
        conn,
        "SELECT x.claim_id, a.uid FROM claim_about x JOIN actors a ON a.id = x.actor_id "
        "WHERE x.claim_id IN ({})",
        ids,
    )
    sources = _sets(
        conn,
        "SELECT x.claim_id, s.uid, x.relation FROM claim_sources x "
        "JOIN sources s ON s.id = x.source_id WHERE x.claim_id IN ({})",
        ids,
    )
    links = _sets(
        conn,
        "SELECT x.from_claim_id, c.uid, x.relation FROM claim_links x "
        "JOIN annotations c ON c.id = x.to_claim_id WHERE x.from_claim_id IN ({})",
        ids,
    )
    found = {}
    for row in conn.execute(
        f"""SELECT n.id, n.kind, ar.uid, n.start, n."end", n.quote, n.prefix, n.suffix,
                   n.orphaned, n.note, n.created_at, ma.uid, c.annotation_id, sp.uid,
                   c.status, c.grade
            FROM annotations n JOIN articles ar ON ar.id = n.article_id
            LEFT JOIN mentions m ON m.annotation_id = n.id
            LEFT JOIN actors ma ON ma.id = m.actor_id
            LEFT JOIN claims c ON c.annotation_id = n.id
            LEFT JOIN actors sp ON sp.id = c.speaker_id
            WHERE n.id IN ({_in(ids)})""",
        ids,
    ):
        (
            id_,
            kind,
            article,
            start,
            end,
            quote,
            prefix,
            suffix,
            orphaned,
            note,
            created,
            actor,
            claim,
            speaker,
            status,
            grade,
        ) = row
        data: Data = {
            "kind": kind,
            "article": article,
            "start": start,
            "end": end,
            "quote": quote,
            "prefix": prefix,
            "suffix": suffix,
            "orphaned": bool(orphaned),
            "note": note,
            "created_at": created,
            "tags": tags.get(id_, []),
        }
        if kind == "mention":
            data["actor"] = actor
        if claim is not None:
            data.update(
                speaker=speaker,
                status=status,
                grade=grade,
                about=about.get(id_, []),
                sources=sources.get(id_, []),
                links=links.get(id_, []),
            )
        found[id_] = data
    return found


def _actors(conn: sqlite3.Connection, ids: list[int]) -> dict[int, Data]:
    aliases = _sets(
        conn,
        "SELECT x.actor_id, x.alias, a.uid, x.case_sensitive FROM actor_aliases x "
        "LEFT JOIN articles a ON a.id = x.article_id WHERE x.actor_id IN ({})",
        ids,
    )
    for values in aliases.values():
        for alias in values:
            alias[2] = bool(alias[2])
    return {
        row[0]: {
            "name": row[1],
            "kind": row[2],
            "description": row[3],
            "created_at": row[4],
            "aliases": aliases.get(row[0], []),
        }
        for row in conn.execute(
            f"SELECT id, name, kind, description, created_at FROM actors WHERE id IN ({_in(ids)})",
            ids,
        )
    }


def _sources(conn: sqlite3.Connection, ids: list[int]) -> dict[int, Data]:
    return {
        row[0]: dict(
            zip(
                (
                    "kind",
                    "title",
                    "url",
                    "publisher",
                    "date",
                    "grade",
                    "article",
                    "note",
                    "created_at",
                ),
                row[1:],
                strict=True,
            )
        )
        for row in conn.execute(
            f"""SELECT s.id, s.kind, s.title, s.url, s.publisher, s.date, s.grade, a.uid, s.note,
                       s.created_at
                FROM sources s LEFT JOIN articles a ON a.id = s.article_id
                WHERE s.id IN ({_in(ids)})""",
            ids,
        )
    }


def _tags(conn: sqlite3.Connection, ids: list[int]) -> dict[int, Data]:
    return {
        row[0]: {"name": row[1]}
        for row in conn.execute(f"SELECT id, name FROM tags WHERE id IN ({_in(ids)})", ids)
    }


def _briefings(conn: sqlite3.Connection, ids: list[int]) -> dict[int, Data]:
    """Shared briefings only: a private one is not the team's."""
    sections: dict[int, list[Data]] = {}
    section_of: dict[int, Data] = {}
    for section_id, briefing_id, heading in conn.execute(
        f"SELECT id, briefing_id, heading FROM briefing_sections WHERE briefing_id IN ({_in(ids)}) "
        "ORDER BY briefing_id, position, id",
        ids,
    ):
        section: Data = {"heading": heading, "items": []}
        sections.setdefault(briefing_id, []).append(section)
        section_of[section_id] = section
    if section_of:
        section_ids = list(section_of)
        for start in range(0, len(section_ids), 500):
            chunk = section_ids[start : start + 500]
            for row in conn.execute(
                f"""SELECT i.section_id, i.kind, c.uid, i.text, i.quote_snapshot,
                           i.speaker_snapshot, i.citation_snapshot
                    FROM briefing_items i LEFT JOIN annotations c ON c.id = i.claim_id
                    WHERE i.section_id IN ({_in(chunk)}) ORDER BY i.section_id, i.position, i.id""",
                chunk,
            ):
                section_of[row[0]]["items"].append(
                    dict(
                        zip(
                            ("kind", "claim", "text", "quote", "speaker", "citation"),
                            row[1:],
                            strict=True,
                        )
                    )
                )
    return {
        row[0]: {
            "title": row[1],
            "author": row[2],
            "date": row[3],
            "bluf": row[4],
            "created_at": row[5],
            "sections": sections.get(row[0], []),
        }
        for row in conn.execute(
            f"SELECT id, title, author, date, bluf, created_at FROM briefings "
            f"WHERE shared = 1 AND id IN ({_in(ids)})",
            ids,
        )
    }


_READERS = {
    Kind.ARTICLE: _articles,
    Kind.ANNOTATION: _annotations,
    Kind.CLAIM: _annotations,
    Kind.ACTOR: _actors,
    Kind.SOURCE: _sources,
    Kind.TAG: _tags,
    Kind.BRIEFING: _briefings,
}


def local_ids(conn: sqlite3.Connection, kind: Kind, uids: Iterable[str]) -> dict[str, int]:
    """uid -> local id, for the records of this kind that are here."""
    table = TABLES[kind]
    uids = list(uids)
    found: dict[str, int] = {}
    for start in range(0, len(uids), 500):
        chunk = uids[start : start + 500]
        for uid, id_ in conn.execute(
            f"SELECT uid, id FROM {table} WHERE uid IN ({_in(chunk)})", chunk
        ):
            found[uid] = id_
    return found

"""Annotations in from W3C Web Annotation JSON-LD, or from Hypothesis's API JSON.

Targets are grouped by the page they name, and each page is resolved to an article once:
by URL, else by content hash, else by the quotes of all its annotations (the article that
holds most of them). Every annotation of that page then goes to that article, placed by
position, exact quote or fuzzy match (anchoring/reanchor.py), else kept there as an orphan
with its quote: one whose quote changed slightly is not lost because it alone would have
found no article. A page note (a target with no selector, or a target that is only the
page's address) becomes a note on the whole article. A page that matches no article is
reported for each of its annotations and nothing of it is written.

Hypothesis's own JSON (one annotation, a list of them, or a search result `{total, rows}`)
is read too: highlights (no text) and notes (with text) with their tags, on the article whose
URL is the annotation's `uri`; replies are reported and skipped.

Importing a file twice adds nothing the second time: an annotation keeps its identity (its
`urn:uuid:` id as its uid, or a uid made from any other id, such as a Hypothesis link), and
one without an id is known by where it sits, or for an orphan and a page note by its text.

The file is read and checked whole first (w3c_read.py); what it holds that cannot be
written is reported by its index and the others are imported. Each annotation is written in a
savepoint, so that what a service refuses still is one report and not a failed file. The
import is one transaction.
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from briefing.core.anchoring.reanchor import reanchor
from briefing.core.anchoring.selectors import Selector, selector_at
from briefing.core.annotations.model import Span
from briefing.core.annotations.w3c_pages import Pages
from briefing.core.annotations.w3c_read import Broken, Item, parse_document
from briefing.core.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from briefing.core.library import Library

WHOLE_ARTICLE = "article"  # the outcome of a note on the whole article


@dataclass(frozen=True)
class Unplaced:
    id: str
    reason: str


@dataclass(frozen=True)
class W3CImportReport:
    imported: int
    outcomes: dict[str, int]  # kept / moved / fuzzy / orphaned / article (a page note)
    duplicates: int
    unplaced: tuple[Unplaced, ...] = field(default=())
    broken: tuple[Broken, ...] = field(default=())
    format: str = "w3c"  # or "hypothesis"


def import_annotations(library: Library, data: str | bytes) -> W3CImportReport:
    parsed = parse_document(data)
    outcomes: Counter[str] = Counter()
    unplaced: list[Unplaced] = []
    broken = list(parsed.broken)
    new_ids: dict[str, int] = {}
    links: list[tuple[str, str, str]] = []
    duplicates = 0
    with library.transaction() as conn:
        pages = Pages(library, parsed.items)
        texts: dict[int, str] = {}
        for item in parsed.items:
            if item.reply:
                unplaced.append(Unplaced(item.iri, "a reply to another annotation: not imported"))
                continue
            article_id, reason = pages.resolve(item)
            if article_id is None:
                unplaced.append(Unplaced(item.iri, reason))
                continue
            if article_id not in texts:
                texts[article_id] = conn.execute(
                    "SELECT text FROM articles WHERE id = ?", (article_id,)
                ).fetchone()[0]
            uid = _uid(item.iri)
            if uid and _taken(conn, "annotations", uid):
                duplicates += 1
                continue
            span, outcome = _place(item, texts[article_id])
            if span is None:
                unplaced.append(Unplaced(item.iri, outcome))
                continue
            if _already_there(conn, article_id, item, span):
                duplicates += 1
                continue
            try:
                # A savepoint each: what the checks let through and a service refuses (a
                # name, an alias) is reported by its index, and the others go on.
                with library.transaction():
                    created = _create(library, article_id, item, span)
                    if uid:
                        _keep_uid(conn, "annotations", created, uid)
                    if item.created:
                        conn.execute(
                            "UPDATE annotations SET created_at = ? WHERE id = ?",
                            (item.created, created),
                        )
            except (InvalidInput, NotFound) as exc:
                broken.append(Broken(item.where, str(exc)))
                continue
            outcomes[outcome] += 1
            if _stored_kind(item) == "claim" and item.claim is not None:  # only claims link
                new_ids[item.iri] = created
                links += [
                    (item.iri, link["relation"], link["target"])
                    for link in item.claim.get("links", [])
                ]
        for source, relation, target in links:
            if source in new_ids and target in new_ids:
                library.claims.link(new_ids[source], new_ids[target], relation)
    return W3CImportReport(
        sum(outcomes.values()),
        dict(outcomes),
        duplicates,
        tuple(unplaced),
        tuple(broken),
        parsed.format,
    )


def _place(item: Item, text: str) -> tuple[Span | None, str]:
    """Where the annotation goes in its article's text, and how it got there."""
    if item.whole_article:
        return Span.whole_article(), WHOLE_ARTICLE
    if not item.exact:  # a position alone: the text there is the quote
        assert item.start is not None and item.end is not None
        if item.end > len(text):
            return None, "its position is beyond the end of the article's text"
        return Span(placed=selector_at(text, item.start, item.end)), "kept"
    start, end = (
        (item.start, item.end)
        if item.start is not None and item.end is not None  # given together or not at all
        else (0, len(item.exact))
    )
    placement = reanchor(Selector(start, end, item.exact, item.prefix, item.suffix), text)
    if placement.selector is None:
        lost = Selector(0, len(item.exact), item.exact, item.prefix, item.suffix)
        return Span(placed=lost, orphaned=True), placement.outcome
    return Span(placed=placement.selector), placement.outcome


# Creating ---------------------------------------------------------------------------------


def _create(library: Library, article_id: int, item: Item, span: Span) -> int:
    if item.whole_article:
        return library.annotations.add(article_id, "note", span, note=item.note).id
    if item.kind == "claim" and item.claim is not None:
        claim = item.claim
        speaker = _actor(library, claim.get("speaker"), article_id)
        return library.claims.add(
            article_id,
            span,
            speaker=speaker,
            about=[
                actor_id
                for a in claim.get("about", [])
                if (actor_id := _actor(library, a, article_id)) is not None
            ],
            status=claim.get("status") or "asserted",
            grade=claim.get("grade"),
            note=item.note,
            sources=[
                (_source(library, s), s.get("relation") or "cites")
                for s in claim.get("sources", [])
            ],
            tags=item.tags,
        ).id
    if item.kind == "mention" and item.mention is not None:
        actor = _actor(library, item.mention.get("actor"), article_id)
        if actor is not None:
            return library.mentions.add(article_id, actor, span).id
    kind = item.kind if item.kind in ("highlight", "note") else "highlight"
    annotation = library.annotations.add(article_id, kind, span, note=item.note)
    if item.tags:
        library.tags.tag_annotation(annotation.id, list(item.tags))
    return annotation.id


def _actor(library: Library, spec: Any, article_id: int) -> int | None:
    """None for a spec that names nobody: the claim gets no speaker, or one subject fewer."""
    if not isinstance(spec, dict) or not spec.get("name"):
        return None
    conn = library.connection()
    uid = _uid(spec.get("uid"))
    known = _by_uid(conn, "actors", uid)
    if known is not None:
        actor = library.actors.get(known)
    else:
        try:
            actor = library.actors.resolve(spec["name"])
        except NotFound:
            actor = library.actors.add(
                spec["name"],
                kind=spec.get("kind") or "other",
                aliases=[a for a in spec.get("aliases", []) if a != spec["name"]],
                description=spec.get("description") or "",
            )
            if uid:
                _keep_uid(conn, "actors", actor.id, uid)
    has = {(a.text, a.article_id) for a in actor.aliases}
    for alias in spec.get("articleAliases", []):
        if (alias, article_id) not in has:
            library.actors.add_alias(actor.id, alias, article_id=article_id)
    return actor.id


def _source(library: Library, spec: dict[str, Any]) -> int:
    conn = library.connection()
    uid = _uid(spec.get("uid"))
    known = _by_uid(conn, "sources", uid)
    if known is not None:
        return known
    for source in library.sources.list():
        if source.title == spec.get("title") and source.url == spec.get("url"):
            return source.id
    source_id = library.sources.add(
        spec.get("title") or "untitled source",
        kind=spec.get("kind"),
        url=spec.get("url"),
        publisher=spec.get("publisher"),
        date=spec.get("date"),
        grade=spec.get("grade"),
    ).id
    if uid:
        _keep_uid(conn, "sources", source_id, uid)
    return source_id


# Identities -------------------------------------------------------------------------------

_UUID = re.compile(r"(?:urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")
_GENERATED = re.compile(r"(?:items|rows)\[\d+\]\Z")  # where an annotation without an id sat


def _uid(value: Any) -> str | None:
    """The uid a record had where it was exported: its `urn:uuid:` (or bare UUID), else a
    UUID made from whatever other id it had (a Hypothesis link, an https IRI), so that a
    second import of the same file knows it. None when it had no id."""
    if not isinstance(value, str) or not value.strip() or _GENERATED.fullmatch(value):
        return None
    match = _UUID.fullmatch(value.strip().lower())
    return match[1] if match else str(uuid.uuid5(uuid.NAMESPACE_URL, value.strip()))


def _taken(conn: sqlite3.Connection, table: str, uid: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} WHERE uid = ?", (uid,)).fetchone() is not None


def _by_uid(conn: sqlite3.Connection, table: str, uid: str | None) -> int | None:
    if uid is None:
        return None
    row = conn.execute(f"SELECT id FROM {table} WHERE uid = ?", (uid,)).fetchone()
    return row[0] if row else None


def _keep_uid(conn: sqlite3.Connection, table: str, row_id: int, uid: str) -> None:
    """Give a record made by the import the identity it had where it came from (unless a
    record here has it already), inside the import's transaction."""
    if not _taken(conn, table, uid):
        conn.execute(f"UPDATE {table} SET uid = ? WHERE id = ?", (uid, row_id))


def _already_there(conn: sqlite3.Connection, article_id: int, item: Item, span: Span) -> bool:
    """An annotation without a known identity, already in the article: a placed one of the
    same kind at the same place; an orphan of the same kind with the same quote; a page
    note with the same text."""
    kind = _stored_kind(item)
    if span.whole or span.orphaned:
        return (
            conn.execute(
                "SELECT 1 FROM annotations WHERE article_id = ? AND kind = ? AND orphaned = 1 "
                "AND quote = ? AND (quote != '' OR note = ?)",
                (article_id, kind, item.exact, item.note.strip()),
            ).fetchone()
            is not None
        )
    assert span.placed is not None
    return (
        conn.execute(
            "SELECT 1 FROM annotations "
            'WHERE article_id = ? AND kind = ? AND start = ? AND "end" = ?',
            (article_id, kind, span.placed.start, span.placed.end),
        ).fetchone()
        is not None
    )


def _stored_kind(item: Item) -> str:
    """What _create makes of the item: a target on the whole page is a note, whatever the
    item called itself (a claim needs words of the text to rest on)."""
    if item.whole_article:
        return "note"
    if item.kind == "claim" and item.claim is not None:
        return "claim"
    if item.kind == "mention" and item.mention is not None:
        return "mention"
    return item.kind if item.kind in ("highlight", "note") else "highlight"

"""Annotations in from W3C Web Annotation JSON-LD: matched to articles, re-anchored, reported.

Each annotation's target is matched to an article by URL, else by content hash, else by
its quote (the one article whose text holds it). Its selectors are then re-anchored against
that article's text as after a correction (reanchoring.reanchor). An annotation that matches
an article but cannot be placed is kept there as an orphan, with its quote: what someone
made is not thrown away. One that matches no article is reported and skipped.

The file is untrusted. It is checked whole before anything is written: wrong types, strings
over MAX_STRING characters, nesting deeper than JSON's parser allows or a file over
MAX_BYTES are refused with a message saying where, and nothing changes. The import is one
transaction.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from briefing.core.anchoring.reanchor import reanchor
from briefing.core.anchoring.selectors import Selector
from briefing.core.annotations.model import Span
from briefing.core.annotations.w3c_export import KINDS_BY_MOTIVATION, W3C_CONTEXT
from briefing.core.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from briefing.core.library import Library

MAX_BYTES = 64 * 1024 * 1024
MAX_STRING = 1_000_000


@dataclass(frozen=True)
class Unplaced:
    id: str
    reason: str


@dataclass(frozen=True)
class W3CImportReport:
    imported: int
    outcomes: dict[str, int]  # kept / moved / fuzzy / orphaned
    duplicates: int
    unplaced: tuple[Unplaced, ...] = field(default=())


@dataclass(frozen=True)
class _Item:
    iri: str
    kind: str
    exact: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    source: str | None
    content_hash: str | None
    note: str
    tags: tuple[str, ...]
    claim: dict[str, Any] | None
    mention: dict[str, Any] | None


def parse_document(data: str | bytes) -> list[_Item]:
    """Check the whole document; InvalidInput says what is wrong and where."""
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"the file is too large ({len(data) // 1_048_576} MB; limit 64 MB)")
    try:
        document = json.loads(data)
    except RecursionError:
        raise InvalidInput("the JSON is nested too deeply to be annotations") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"not JSON: {exc}") from None
    raw: object
    if isinstance(document, list):
        raw = document
    elif isinstance(document, dict):
        _check_context(document.get("@context"))
        kind = document.get("type")
        if kind in ("AnnotationPage", "AnnotationCollection"):
            raw = document.get(
                "items",
                document.get("first", {}).get("items")
                if isinstance(document.get("first"), dict)
                else None,
            )
        else:
            raw = [document]
    else:
        raise InvalidInput("not W3C annotations: expected an object or a list")
    if not isinstance(raw, list):
        raise InvalidInput("not W3C annotations: `items` must be a list")
    return [_item(entry, f"items[{i}]") for i, entry in enumerate(raw)]


def import_annotations(library: Library, data: str | bytes) -> W3CImportReport:
    items = parse_document(data)
    outcomes: Counter[str] = Counter()
    unplaced: list[Unplaced] = []
    new_ids: dict[str, int] = {}
    links: list[tuple[str, str, str]] = []
    duplicates = 0
    with library.transaction() as conn:
        for item in items:
            article_id, reason = _match_article(library, item)
            if article_id is None:
                unplaced.append(Unplaced(item.iri, reason))
                continue
            text = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[
                0
            ]
            start, end = (
                (item.start, item.end)
                if item.start is not None and item.end is not None  # given together or not at all
                else (0, len(item.exact))
            )
            placement = reanchor(Selector(start, end, item.exact, item.prefix, item.suffix), text)
            selector = placement.selector or Selector(
                0, len(item.exact), item.exact, item.prefix, item.suffix
            )
            orphaned = placement.selector is None
            uid = _uid(item.iri)
            if (uid and _taken(conn, "annotations", uid)) or (
                not orphaned and _exists(conn, article_id, item.kind, selector)
            ):
                duplicates += 1
                continue
            span = Span(placed=selector, orphaned=orphaned)
            new_ids[item.iri] = _create(library, article_id, item, span)
            if uid:
                _keep_uid(conn, "annotations", new_ids[item.iri], uid)
            outcomes[placement.outcome] += 1
            if item.claim:
                links += [
                    (item.iri, link["relation"], link["target"])
                    for link in item.claim.get("links", [])
                ]
        for source, relation, target in links:
            if source in new_ids and target in new_ids:
                library.claims.link(new_ids[source], new_ids[target], relation)
    return W3CImportReport(sum(outcomes.values()), dict(outcomes), duplicates, tuple(unplaced))


# Creating ---------------------------------------------------------------------------------


def _create(library: Library, article_id: int, item: _Item, span: Span) -> int:
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


def _uid(value: Any) -> str | None:
    """The uid a record had where it was exported (`urn:uuid:...`, or a bare UUID)."""
    if not isinstance(value, str):
        return None
    match = _UUID.fullmatch(value.strip().lower())
    return match[1] if match else None


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


def _exists(conn: sqlite3.Connection, article_id: int, kind: str, selector: Selector) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM annotations "
            'WHERE article_id = ? AND kind = ? AND start = ? AND "end" = ?',
            (article_id, kind, selector.start, selector.end),
        ).fetchone()
        is not None
    )


def _match_article(library: Library, item: _Item) -> tuple[int | None, str]:
    conn = library.connection()
    if item.source and item.source.startswith(("http://", "https://")):
        row = conn.execute("SELECT id FROM articles WHERE url = ?", (item.source,)).fetchone()
        if row:
            return row[0], ""
    digest = item.content_hash
    if digest is None and item.source and item.source.startswith("urn:sha256:"):
        digest = item.source.removeprefix("urn:sha256:")
    if digest:
        row = conn.execute("SELECT id FROM articles WHERE content_hash = ?", (digest,)).fetchone()
        if row:
            return row[0], ""
    phrase = '"' + item.exact.replace('"', '""') + '"'
    try:
        candidates = [
            r[0]
            for r in conn.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 50", (phrase,)
            )
        ]
    except sqlite3.OperationalError:  # a quote the index cannot take matches nothing here
        candidates = []
    holding = [
        i
        for i in candidates
        if item.exact in conn.execute("SELECT text FROM articles WHERE id = ?", (i,)).fetchone()[0]
    ]
    if len(holding) == 1:
        return holding[0], ""
    if holding:
        return None, f"its quote is in {len(holding)} articles; cannot tell which"
    return None, "no article in the library matches its target (URL, content hash or quote)"


# Checking ---------------------------------------------------------------------------------


def _check_context(context: Any) -> None:
    contexts = context if isinstance(context, list) else [context]
    if W3C_CONTEXT not in contexts:
        raise InvalidInput(f"not W3C annotations: the @context does not name {W3C_CONTEXT}")


def _item(entry: Any, where: str) -> _Item:
    obj = _dict(entry, where)
    kinds = obj.get("type")
    if kinds != "Annotation" and not (isinstance(kinds, list) and "Annotation" in kinds):
        raise InvalidInput(f"{where}: type must be Annotation")
    target = obj.get("target")
    if isinstance(target, list) and target:
        target = target[0]
    target = _dict(target, f"{where}.target")
    selectors = target.get("selector")
    selectors = selectors if isinstance(selectors, list) else [selectors]
    quote = position = None
    for i, selector in enumerate(selectors):
        selector = _dict(selector, f"{where}.target.selector[{i}]")
        if selector.get("type") == "TextQuoteSelector":
            quote = selector
        elif selector.get("type") == "TextPositionSelector":
            position = selector
    if quote is None:
        raise InvalidInput(f"{where}: a TextQuoteSelector is needed")
    exact = _string(quote.get("exact"), f"{where}: exact")
    if not exact:
        raise InvalidInput(f"{where}: the quote is empty")
    start = end = None
    if position is not None:
        start, end = position.get("start"), position.get("end")
        if (
            not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end)
            or isinstance(start, bool)
            or isinstance(end, bool)
        ):
            raise InvalidInput(f"{where}: TextPositionSelector needs whole numbers start < end")
    bodies = obj.get("body", [])
    bodies = bodies if isinstance(bodies, list) else [bodies]
    notes: list[str] = []
    tags: list[str] = []
    for i, body in enumerate(bodies):
        if isinstance(body, str):
            notes.append(_string(body, f"{where}.body[{i}]"))
            continue
        body = _dict(body, f"{where}.body[{i}]")
        value = _string(body.get("value", ""), f"{where}.body[{i}].value")
        (tags if body.get("purpose") == "tagging" else notes).append(value)
    kind = obj.get("briefing:kind") or KINDS_BY_MOTIVATION.get(
        str(obj.get("motivation")), "highlight"
    )
    article = target.get("briefing:article")
    claim, mention = obj.get("briefing:claim"), obj.get("briefing:mention")
    return _Item(
        iri=_string(obj.get("id", where), f"{where}.id"),
        kind=kind if kind in ("claim", "mention", "highlight", "note") else "highlight",
        exact=exact,
        prefix=_string(quote.get("prefix", ""), f"{where}: prefix"),
        suffix=_string(quote.get("suffix", ""), f"{where}: suffix"),
        start=start,
        end=end,
        source=_string(target.get("source", ""), f"{where}.target.source") or None,
        content_hash=_string(article.get("contentHash"), f"{where}: contentHash")
        if isinstance(article, dict) and article.get("contentHash")
        else None,
        note="\n\n".join(n for n in notes if n),
        tags=tuple(t for t in tags if t),
        claim=_claim(claim, f"{where}.briefing:claim") if claim is not None else None,
        mention=_dict(mention, f"{where}.briefing:mention") if mention is not None else None,
    )


def _claim(value: Any, where: str) -> dict[str, Any]:
    claim = _dict(value, where)
    for key in ("about", "sources", "links"):
        if not isinstance(claim.get(key, []), list):
            raise InvalidInput(f"{where}.{key} must be a list")
    for i, source in enumerate(claim.get("sources", [])):
        _dict(source, f"{where}.sources[{i}]")
    for i, link in enumerate(claim.get("links", [])):
        link = _dict(link, f"{where}.links[{i}]")
        if link.get("relation") not in ("supports", "contradicts", "repeats"):
            raise InvalidInput(f"{where}.links[{i}]: unknown relation")
        _string(link.get("target"), f"{where}.links[{i}].target")
    return claim


def _dict(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidInput(f"{where} must be an object")
    return value


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"{where} must be text")
    if len(value) > MAX_STRING:
        raise InvalidInput(f"{where} is too long ({len(value):,} characters)")
    return value

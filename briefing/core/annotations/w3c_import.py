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

The file is untrusted. A file that is not JSON, too large or too deep, or not annotations at
all is refused whole. Within it, an annotation that is malformed (wrong types, strings over
MAX_STRING characters or not Unicode, an address that could run code, an actor's name or
alias that is not text, empty or holding control characters, a kind, status, grade or
relation the library does not know) is reported by its index and the others are imported;
each annotation is checked whole before anything of it is written, and written in a
savepoint, so that what a service refuses still is one report and not a failed file. The
import is one transaction.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
import urllib.parse
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from briefing.core.actors.model import normalise_kind
from briefing.core.anchoring.reanchor import reanchor
from briefing.core.anchoring.selectors import Selector, selector_at
from briefing.core.annotations.model import Span
from briefing.core.annotations.w3c_export import KINDS_BY_MOTIVATION, W3C_CONTEXT
from briefing.core.claims.model import CLAIM_RELATIONS, SOURCE_RELATIONS, STATUSES
from briefing.core.dates import parse_optional
from briefing.core.errors import InvalidInput, NotFound
from briefing.core.sources import GRADES as SOURCE_GRADES
from briefing.core.sources import KINDS as SOURCE_KINDS
from briefing.core.text_input import has_surrogates
from briefing.core.urls import checked_url

if TYPE_CHECKING:
    from briefing.core.library import Library

MAX_BYTES = 64 * 1024 * 1024
MAX_STRING = 1_000_000
HYPOTHESIS_LINK = "https://hypothes.is/a/{}"
WHOLE_ARTICLE = "article"  # the outcome of a note on the whole article


@dataclass(frozen=True)
class Unplaced:
    id: str
    reason: str


@dataclass(frozen=True)
class Broken:
    """An annotation of the file that could not be read: where it is and what is wrong."""

    where: str  # "items[3]", "rows[12]"
    reason: str


@dataclass(frozen=True)
class W3CImportReport:
    imported: int
    outcomes: dict[str, int]  # kept / moved / fuzzy / orphaned / article (a page note)
    duplicates: int
    unplaced: tuple[Unplaced, ...] = field(default=())
    broken: tuple[Broken, ...] = field(default=())
    format: str = "w3c"  # or "hypothesis"


@dataclass(frozen=True)
class _Item:
    where: str  # "items[3]": where in the file, for messages
    iri: str
    kind: str
    exact: str  # "" with a position alone, or with no selector (a page note)
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
    created: str | None = None
    hypothesis: bool = False
    reply: bool = False

    @property
    def whole_article(self) -> bool:
        return not self.exact and self.start is None

    @property
    def page(self) -> tuple[str, ...]:
        """What resolves to one article: the page the target names."""
        if self.hypothesis:
            return ("hypothesis", self.source or "")
        if self.source or self.content_hash:
            return ("w3c", self.source or "", self.content_hash or "")
        return ("alone", self.iri)  # no page named: its quote alone can tell


@dataclass
class _Parsed:
    items: list[_Item]
    broken: list[Broken]
    format: str


def parse_document(data: str | bytes) -> _Parsed:
    """Read the file; InvalidInput when it is not annotations at all. Each annotation that
    cannot be read is listed in `broken` with its index, and the others are kept."""
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"the file is too large ({len(data) // 1_048_576} MB; limit 64 MB)")
    try:
        document = json.loads(data)
    except RecursionError:
        raise InvalidInput("the JSON is nested too deeply to be annotations") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"not JSON: {exc}") from None
    entries, path = _entries(document)
    parsed = _Parsed([], [], "w3c")
    for i, entry in enumerate(entries):
        where = f"{path}[{i}]"
        try:
            if _is_hypothesis(entry):
                parsed.items.append(_hypothesis_item(entry, where))
                parsed.format = "hypothesis"
            else:
                parsed.items.append(_item(entry, where))
        except InvalidInput as exc:
            parsed.broken.append(Broken(where, str(exc)))
    return parsed


def _entries(document: Any) -> tuple[list[Any], str]:
    if isinstance(document, list):
        return document, "items"
    if not isinstance(document, dict):
        raise InvalidInput("not annotations: expected an object or a list")
    if "rows" in document and "total" in document:  # a Hypothesis search result
        if not isinstance(document["rows"], list):
            raise InvalidInput("not Hypothesis annotations: `rows` must be a list")
        return document["rows"], "rows"
    if _is_hypothesis(document):
        return [document], "items"
    _check_context(document.get("@context"))
    kind = document.get("type")
    if kind in ("AnnotationPage", "AnnotationCollection"):
        first = document.get("first")
        raw = document.get("items", first.get("items") if isinstance(first, dict) else None)
        if not isinstance(raw, list):
            raise InvalidInput("not W3C annotations: `items` must be a list")
        return raw, "items"
    return [document], "items"


def _is_hypothesis(entry: Any) -> bool:
    """Hypothesis's API speaks of `uri` and `text` where W3C says `target` and `body`."""
    return isinstance(entry, dict) and "uri" in entry and "type" not in entry


def import_annotations(library: Library, data: str | bytes) -> W3CImportReport:
    parsed = parse_document(data)
    outcomes: Counter[str] = Counter()
    unplaced: list[Unplaced] = []
    broken = list(parsed.broken)
    new_ids: dict[str, int] = {}
    links: list[tuple[str, str, str]] = []
    duplicates = 0
    with library.transaction() as conn:
        pages = _Pages(library, parsed.items)
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


def _place(item: _Item, text: str) -> tuple[Span | None, str]:
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


def _create(library: Library, article_id: int, item: _Item, span: Span) -> int:
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


def _already_there(conn: sqlite3.Connection, article_id: int, item: _Item, span: Span) -> bool:
    """An annotation without a known identity, already in the article: a placed one of the
    same kind at the same place; an orphan of the same kind with the same quote; a page
    note with the same text."""
    kind = "note" if item.whole_article else _stored_kind(item)
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


def _stored_kind(item: _Item) -> str:
    if item.kind == "claim" and item.claim is not None:
        return "claim"
    if item.kind == "mention" and item.mention is not None:
        return "mention"
    return item.kind if item.kind in ("highlight", "note") else "highlight"


# Which article ----------------------------------------------------------------------------


class _Pages:
    """Resolves each page a file names to one article, once."""

    def __init__(self, library: Library, items: list[_Item]) -> None:
        self._conn = library.connection()
        self._pages: dict[tuple[str, ...], list[_Item]] = {}
        for item in items:
            self._pages.setdefault(item.page, []).append(item)
        self._resolved: dict[tuple[str, ...], tuple[int | None, str]] = {}
        self._by_normal_url: dict[str, int] | None = None

    def resolve(self, item: _Item) -> tuple[int | None, str]:
        key = item.page
        if key not in self._resolved:
            self._resolved[key] = self._find(item, self._pages[key])
        return self._resolved[key]

    def _find(self, item: _Item, same: list[_Item]) -> tuple[int | None, str]:
        if item.source:
            found = self._by_url(item.source)
            if found is not None:
                return found, ""
        if item.hypothesis:
            return None, f"no article for URL {item.source}"
        digest = item.content_hash
        if digest is None and item.source and item.source.startswith("urn:sha256:"):
            digest = item.source.removeprefix("urn:sha256:")
        if digest:
            row = self._conn.execute(
                "SELECT id FROM articles WHERE content_hash = ?", (digest,)
            ).fetchone()
            if row:
                return row[0], ""
        return self._by_quotes([i.exact for i in same if i.exact])

    def _by_url(self, url: str) -> int | None:
        row = self._conn.execute("SELECT id FROM articles WHERE url = ?", (url,)).fetchone()
        if row:
            return int(row[0])
        if not url.lower().startswith(("http://", "https://")):
            return None
        if self._by_normal_url is None:
            rows = self._conn.execute("SELECT id, url FROM articles WHERE url IS NOT NULL")
            self._by_normal_url = {}
            for article_id, address in rows:
                self._by_normal_url.setdefault(normal_url(address), article_id)
        return self._by_normal_url.get(normal_url(url))

    def _by_quotes(self, quotes: list[str]) -> tuple[int | None, str]:
        """The article that holds the most of a page's quotes (the quotes of one page are all
        in one article; a slightly changed one is in none, and must not decide)."""
        votes: Counter[int] = Counter()
        for quote in dict.fromkeys(quotes):
            votes.update(self._holding(quote))
        if not votes:
            return None, "no article in the library matches its target (URL, content hash or quote)"
        ranked = votes.most_common(2)
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None, f"its quotes are in {len(votes)} articles alike; cannot tell which"
        return ranked[0][0], ""

    def _holding(self, quote: str) -> list[int]:
        phrase = '"' + quote.replace('"', '""') + '"'
        try:
            candidates = [
                r[0]
                for r in self._conn.execute(
                    "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 50", (phrase,)
                )
            ]
        except sqlite3.OperationalError:  # a quote the index cannot take matches nothing here
            return []
        return [
            i
            for i in candidates
            if quote
            in self._conn.execute("SELECT text FROM articles WHERE id = ?", (i,)).fetchone()[0]
        ]


def normal_url(url: str) -> str:
    """An address as two tools may each have written it: http or https alike, host in
    lower case, no default port, no fragment, no trailing slash."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
    except ValueError:
        return url
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        host += f":{parts.port}"
    path = parts.path.rstrip("/")
    return urllib.parse.urlunsplit(("http", host, path, parts.query, ""))


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
    if isinstance(target, str):  # the page's address alone: a note on the whole page
        target = {"source": target}
    target = _dict(target, f"{where}.target")
    exact, prefix, suffix, start, end = _selectors(target.get("selector"), where)
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
        where=where,
        iri=_string(obj.get("id", where), f"{where}.id"),
        kind=kind if kind in ("claim", "mention", "highlight", "note") else "highlight",
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        start=start,
        end=end,
        source=_string(target.get("source", target.get("id", "")), f"{where}.target.source")
        or None,
        content_hash=_string(article.get("contentHash"), f"{where}: contentHash")
        if isinstance(article, dict) and article.get("contentHash")
        else None,
        note="\n\n".join(n for n in notes if n),
        tags=tuple(t for t in tags if t),
        claim=_claim(claim, f"{where}.briefing:claim") if claim is not None else None,
        mention=_mention(mention, f"{where}.briefing:mention") if mention is not None else None,
        created=_timestamp(obj.get("created")),
    )


def _selectors(value: Any, where: str) -> tuple[str, str, str, int | None, int | None]:
    """The quote and position a target's selectors give (exact, prefix, suffix, start, end);
    no usable selector at all is a target on the whole page ("" and None)."""
    selectors = value if isinstance(value, list) else [] if value is None else [value]
    quote = position = None
    for i, selector in enumerate(selectors):
        selector = _dict(selector, f"{where}.target.selector[{i}]")
        if selector.get("type") == "TextQuoteSelector":
            quote = selector
        elif selector.get("type") == "TextPositionSelector":
            position = selector
    start = end = None
    if position is not None:
        start, end = position.get("start"), position.get("end")
        if (
            not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end)
            or isinstance(start, bool)
            or isinstance(end, bool)
        ):
            raise InvalidInput(f"{where}: TextPositionSelector needs whole numbers start < end")
    if quote is None:
        return "", "", "", start, end
    exact = _string(quote.get("exact"), f"{where}: exact")
    if not exact:
        raise InvalidInput(f"{where}: the quote is empty")
    return (
        exact,
        _string(quote.get("prefix", ""), f"{where}: prefix"),
        _string(quote.get("suffix", ""), f"{where}: suffix"),
        start,
        end,
    )


def _hypothesis_item(entry: Any, where: str) -> _Item:
    """One annotation as Hypothesis's API gives it (h/docs: the annotation schema)."""
    obj = _dict(entry, where)
    uri = _string(obj.get("uri"), f"{where}.uri")
    if not uri:
        raise InvalidInput(f"{where}: uri is empty")
    targets = obj.get("target", [])
    targets = targets if isinstance(targets, list) else [targets]
    target = _dict(targets[0], f"{where}.target[0]") if targets else {}
    exact, prefix, suffix, start, end = _selectors(target.get("selector"), where)
    text = _string(obj.get("text") or "", f"{where}.text")
    tags = obj.get("tags") or []
    if not isinstance(tags, list):
        raise InvalidInput(f"{where}.tags must be a list")
    ident = obj.get("id")
    links = obj.get("links")
    link = links.get("html") if isinstance(links, dict) else None
    iri = (
        link
        if isinstance(link, str) and link
        else HYPOTHESIS_LINK.format(ident)
        if isinstance(ident, str) and ident
        else where
    )
    source = target.get("source") if isinstance(target.get("source"), str) else None
    return _Item(
        where=where,
        iri=_string(iri, f"{where}.id"),
        kind="note" if text.strip() else "highlight",
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        start=start,
        end=end,
        source=source or uri,
        content_hash=None,
        note=text,
        tags=tuple(_string(t, f"{where}.tags[{i}]") for i, t in enumerate(tags) if t),
        claim=None,
        mention=None,
        created=_timestamp(obj.get("created")),
        hypothesis=True,
        reply=bool(obj.get("references")),
    )


def _timestamp(value: Any) -> str | None:
    """A `created` time as the library stores times (UTC, seconds), or None when it is not
    one: a wrong time is not worth refusing an annotation for."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _claim(value: Any, where: str) -> dict[str, Any]:
    claim = _dict(value, where)
    for key in ("about", "sources", "links"):
        if not isinstance(claim.get(key, []), list):
            raise InvalidInput(f"{where}.{key} must be a list")
    _actor_spec(claim.get("speaker"), f"{where}.speaker")
    for i, actor in enumerate(claim.get("about", [])):
        _actor_spec(actor, f"{where}.about[{i}]")
    status = claim.get("status")
    if status is not None and status != "":
        if not isinstance(status, str) or status.strip().lower() not in STATUSES:
            raise InvalidInput(f"{where}.status must be one of {', '.join(STATUSES)}")
    grade = claim.get("grade")
    if grade is not None and (
        isinstance(grade, bool) or not isinstance(grade, int) or not 1 <= grade <= 6
    ):
        raise InvalidInput(f"{where}.grade must be a whole number from 1 to 6, or null")
    for i, source in enumerate(claim.get("sources", [])):
        _source_spec(source, f"{where}.sources[{i}]")
    for i, link in enumerate(claim.get("links", [])):
        link = _dict(link, f"{where}.links[{i}]")
        if link.get("relation") not in CLAIM_RELATIONS:
            raise InvalidInput(f"{where}.links[{i}]: unknown relation")
        _string(link.get("target"), f"{where}.links[{i}].target")
    return claim


def _mention(value: Any, where: str) -> dict[str, Any]:
    mention = _dict(value, where)
    _actor_spec(mention.get("actor"), f"{where}.actor")
    return mention


def _actor_spec(value: Any, where: str) -> None:
    """An actor as a claim or mention names it. One that is not an object, or has no name,
    names nobody and is left out (the claim gets no speaker, or a subject fewer); one with a
    name must be right in every part, since it may create an actor."""
    if not isinstance(value, dict) or value.get("name") in (None, ""):
        return
    _name(value.get("name"), f"{where}.name")
    kind = _optional_string(value.get("kind"), f"{where}.kind")
    if kind:
        try:
            normalise_kind(kind)
        except InvalidInput as exc:
            raise InvalidInput(f"{where}.kind: {exc}") from None
    _optional_string(value.get("description"), f"{where}.description")
    _optional_string(value.get("uid"), f"{where}.uid")
    for key in ("aliases", "articleAliases"):
        aliases = value.get(key, [])
        if not isinstance(aliases, list):
            raise InvalidInput(f"{where}.{key} must be a list")
        for i, alias in enumerate(aliases):
            _name(alias, f"{where}.{key}[{i}]")


def _source_spec(value: Any, where: str) -> None:
    source = _dict(value, where)
    for key in ("title", "kind", "url", "publisher", "date", "grade", "relation", "uid"):
        _optional_string(source.get(key), f"{where}.{key}")
    if source.get("url") is not None:
        checked_url(source["url"], f"{where}: a URL")
    if source.get("kind") and source["kind"] not in SOURCE_KINDS:
        raise InvalidInput(f"{where}.kind must be one of {', '.join(SOURCE_KINDS)}")
    if source.get("grade") and source["grade"] not in SOURCE_GRADES:
        raise InvalidInput(f"{where}.grade must be one of {', '.join(SOURCE_GRADES)}")
    if source.get("relation") and source["relation"] not in SOURCE_RELATIONS:
        raise InvalidInput(f"{where}.relation must be one of {', '.join(SOURCE_RELATIONS)}")
    try:
        parse_optional(source.get("date"))
    except InvalidInput as exc:
        raise InvalidInput(f"{where}.date: {exc}") from None


def _name(value: Any, where: str) -> str:
    """A name or an alias: text, not empty, without control characters (a NUL, a newline)."""
    text = _string(value, where)
    if not text.strip():
        raise InvalidInput(f"{where} is empty")
    if any(unicodedata.category(c) == "Cc" for c in text):
        raise InvalidInput(f"{where} holds control characters")
    return text


def _optional_string(value: Any, where: str) -> str | None:
    return None if value is None else _string(value, where)


def _dict(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidInput(f"{where} must be an object")
    return value


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"{where} must be text")
    if len(value) > MAX_STRING:
        raise InvalidInput(f"{where} is too long ({len(value):,} characters)")
    if has_surrogates(value):  # JSON's "\ud800": not text that can be stored
        raise InvalidInput(f"{where} is not valid Unicode (a lone surrogate)")
    return value

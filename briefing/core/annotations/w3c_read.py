"""Reading a W3C Web Annotation or Hypothesis file into items, before anything is written.

The file is untrusted. A file that is not JSON, too large or too deep, or not annotations at
all is refused whole. Within it, an annotation that is malformed (wrong types, strings over
MAX_STRING characters or not Unicode, an address that could run code, an actor's name or
alias that is not text, empty or holding control characters, a kind, status, grade or
relation the library does not know) is listed as broken with its index and the others are
read: each annotation is checked whole here, so that w3c_import.py writes only what can be
written.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from briefing.core.actors.model import normalise_kind
from briefing.core.annotations.w3c_export import KINDS_BY_MOTIVATION, W3C_CONTEXT
from briefing.core.claims.model import CLAIM_RELATIONS, SOURCE_RELATIONS, STATUSES
from briefing.core.dates import parse_optional
from briefing.core.errors import InvalidInput
from briefing.core.sources import GRADES as SOURCE_GRADES, KINDS as SOURCE_KINDS
from briefing.core.text_input import has_surrogates
from briefing.core.urls import checked_url

MAX_BYTES = 64 * 1024 * 1024
MAX_STRING = 1_000_000
HYPOTHESIS_LINK = "https://hypothes.is/a/{}"


@dataclass(frozen=True)
class Broken:
    """An annotation of the file that could not be read: where it is and what is wrong."""

    where: str  # "items[3]", "rows[12]"
    reason: str


@dataclass(frozen=True)
class Item:
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
class Parsed:
    items: list[Item]
    broken: list[Broken]
    format: str


def parse_document(data: str | bytes) -> Parsed:
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
    parsed = Parsed([], [], "w3c")
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


def _check_context(context: Any) -> None:
    contexts = context if isinstance(context, list) else [context]
    if W3C_CONTEXT not in contexts:
        raise InvalidInput(f"not W3C annotations: the @context does not name {W3C_CONTEXT}")


def _item(entry: Any, where: str) -> Item:
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
    return Item(
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


def _hypothesis_item(entry: Any, where: str) -> Item:
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
    return Item(
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

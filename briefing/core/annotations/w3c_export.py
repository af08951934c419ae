"""Annotations out as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/).

The document is an AnnotationPage of Annotations. Each target names the article (its URL
when known, else `urn:sha256:<content hash>`) and carries both selectors: a
TextPositionSelector and a TextQuoteSelector (an orphan has only the quote; a note on the
whole article has none). Notes and tags are TextualBody bodies with the purposes `commenting`
and `tagging`. Each annotation says when it was `created` and `modified`, and its `creator`
is the library's user (`library.settings.user_name`).

What the W3C model has no words for (the speaker of a claim, its subjects, status, grade,
sources and links; the actor of a mention; the article's metadata) sits under terms of our
own, prefixed `briefing:`. Their definitions are resources/w3c/briefing.jsonld, put into the
export's `@context` whole, so that any JSON-LD processor expands every one of them with no
document to fetch but the W3C's own context: a term without a definition would be dropped.
A value that is unknown is left out rather than written as null, which expansion drops too.
Other tools ignore the terms; we read them back (w3c_import.py).
"""

from __future__ import annotations

import json
import uuid
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from briefing import __version__
from briefing.core.annotations.model import Annotation
from briefing.core.bundled import resources_dir
from briefing.core.claims.model import Claim
from briefing.core.clock import now
from briefing.core.journal import uids_of

if TYPE_CHECKING:
    from briefing.core.library import Library

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NAMESPACE = "urn:briefing:ns:"
CONTEXT_FILE = "w3c/briefing.jsonld"
MOTIVATIONS = {
    "claim": "assessing",
    "mention": "identifying",
    "highlight": "highlighting",
    "note": "commenting",
}
KINDS_BY_MOTIVATION = {value: key for key, value in MOTIVATIONS.items()}
# Page ids: a name-based UUID of the library and what the page holds, so the same export
# made twice names the same page.
_PAGES = uuid.UUID("8d4e0b7a-2f61-4c39-9a57-3e1f0c6b2d84")


@lru_cache(maxsize=1)
def briefing_context() -> dict[str, Any]:
    """The definitions of the `briefing:` terms (resources/w3c/briefing.jsonld)."""
    document = json.loads((resources_dir() / CONTEXT_FILE).read_text("utf-8"))
    context: dict[str, Any] = document["@context"]
    return context


def context() -> list[Any]:
    return [W3C_CONTEXT, briefing_context()]


def annotation_iri(uid: str) -> str:
    """An annotation's id in the file: its uid as a URN, the same in every export and kept
    by an import, so that importing a file twice, or a colleague's file, knows it again."""
    return f"urn:uuid:{uid}"


def export_annotations(library: Library, article_id: int | None = None) -> dict[str, Any]:
    """The annotations of one article, or of the whole library, as one JSON-LD document."""
    ids = [article_id] if article_id is not None else _annotated_articles(library)
    creator = _creator(library)
    items = []
    for art_id in ids:
        article = library.articles.get(art_id)
        target_base = {
            "source": article.url or f"urn:sha256:{article.content_hash}",
            "briefing:article": _present(
                {
                    "uid": article.uid,
                    "title": article.title,
                    "outlet": article.outlet,
                    "agency": article.agency,
                    "author": article.author,
                    "date": article.date.iso() if article.date else None,
                    "url": article.url,
                    "contentHash": article.content_hash,
                }
            ),
        }
        claims = {c.id: c for c in library.claims.list(article_id=art_id)}
        mentions = {m.id: m for m in library.mentions.list(article_id=art_id)}
        times = _times(library, art_id)
        for annotation in library.annotations.for_article(art_id):
            item = _annotation(annotation, target_base, times.get(annotation.id), creator)
            if annotation.id in claims:
                item["briefing:claim"] = _claim(library, claims[annotation.id], art_id)
            if annotation.id in mentions:
                actor_id = mentions[annotation.id].actor.id
                item["briefing:mention"] = {"actor": _actor(library, actor_id, art_id)}
            items.append(item)
    scope = f"article:{library.articles.get(article_id).uid}" if article_id else "library"
    return {
        "@context": context(),
        "id": f"urn:uuid:{uuid.uuid5(_PAGES, f'{library.uid}/{scope}')}",
        "type": "AnnotationPage",
        "generator": {"type": "Software", "name": f"Briefing {__version__}"},
        "generated": now(),
        "items": items,
    }


def _creator(library: Library) -> dict[str, Any] | None:
    name = library.settings.user_name
    return {"type": "Person", "name": name} if name else None


def _times(library: Library, article_id: int) -> dict[int, tuple[str, str | None]]:
    rows = library.connection().execute(
        "SELECT id, created_at, updated_at FROM annotations WHERE article_id = ?", (article_id,)
    )
    return {row[0]: (row[1], row[2]) for row in rows}


def _present(values: dict[str, Any]) -> dict[str, Any]:
    """Known values only: JSON-LD expansion drops a null, and so would every processor."""
    return {key: value for key, value in values.items() if value is not None}


def _annotated_articles(library: Library) -> list[int]:
    rows = library.connection().execute(
        "SELECT DISTINCT article_id FROM annotations ORDER BY article_id"
    )
    return [row[0] for row in rows]


def _annotation(
    annotation: Annotation,
    target_base: dict[str, Any],
    times: tuple[str, str | None] | None,
    creator: dict[str, Any] | None,
) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = []
    if not annotation.orphaned:
        selectors.append(
            {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end}
        )
    if not annotation.on_whole_article:
        selectors.append(
            {
                "type": "TextQuoteSelector",
                "exact": annotation.quote,
                "prefix": annotation.prefix,
                "suffix": annotation.suffix,
            }
        )
    bodies: list[dict[str, Any]] = []
    if annotation.note:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": annotation.note,
                "format": "text/plain",
            }
        )
    bodies += [
        {"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in annotation.tags
    ]
    target = {**target_base, "selector": selectors} if selectors else dict(target_base)
    item: dict[str, Any] = {
        "id": annotation_iri(annotation.uid),
        "type": "Annotation",
        "motivation": MOTIVATIONS[annotation.kind],
    }
    if times is not None:
        item["created"] = times[0]
        if times[1]:
            item["modified"] = times[1]
    if creator is not None:
        item["creator"] = creator
    if bodies:
        item["body"] = bodies
    item["target"] = target
    item["briefing:kind"] = annotation.kind
    if annotation.orphaned and not annotation.on_whole_article:
        item["briefing:orphaned"] = True
    return item


def _actor(library: Library, actor_id: int, article_id: int) -> dict[str, Any]:
    actor = library.actors.get(actor_id)
    return _present(
        {
            "uid": actor.uid,
            "name": actor.name,
            "kind": actor.kind,
            "description": actor.description,
            "aliases": [a.text for a in actor.aliases if a.article_id is None],
            "articleAliases": [a.text for a in actor.aliases if a.article_id == article_id],
        }
    )


def _claim(library: Library, claim: Claim, article_id: int) -> dict[str, Any]:
    linked = [link.claim_id for link in claim.links if link.outgoing]
    uids = uids_of(library.connection(), "claim", linked)
    return _present(
        {
            "speaker": _actor(library, claim.speaker.id, article_id) if claim.speaker else None,
            "about": [_actor(library, a.id, article_id) for a in claim.about],
            "status": claim.status,
            "grade": claim.grade,
            "sources": [
                _present(
                    {
                        "uid": library.sources.get(s.id).uid,
                        "title": s.title,
                        "kind": s.kind,
                        "url": s.url,
                        "publisher": s.publisher,
                        "date": s.date,
                        "grade": s.grade,
                        "relation": s.relation,
                    }
                )
                for s in claim.sources
            ],
            "links": [
                {"relation": link.relation, "target": annotation_iri(uids[link.claim_id])}
                for link in claim.links
                if link.outgoing and link.claim_id in uids
            ],
        }
    )

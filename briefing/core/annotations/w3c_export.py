"""Annotations out as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/).

The document is an AnnotationPage of Annotations. Each target names the article (its URL
when known, else `urn:sha256:<content hash>`) and carries both selectors: a
TextPositionSelector and a TextQuoteSelector (an orphan has only the quote). Notes and tags
are TextualBody bodies with the purposes `commenting` and `tagging`. What the W3C model has
no words for (the speaker of a claim, its subjects, status, grade, sources and links; the
actor of a mention) sits under terms of our own, declared in the `@context` under the prefix
`briefing:` and documented in docs/w3c.md. Other tools ignore them; we read them back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefing.core.annotations.model import Annotation
from briefing.core.claims.model import Claim
from briefing.core.journal import uids_of

if TYPE_CHECKING:
    from briefing.core.library import Library

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NAMESPACE = "urn:briefing:ns:"
CONTEXT = [W3C_CONTEXT, {"briefing": NAMESPACE}]
MOTIVATIONS = {
    "claim": "assessing",
    "mention": "identifying",
    "highlight": "highlighting",
    "note": "commenting",
}
KINDS_BY_MOTIVATION = {value: key for key, value in MOTIVATIONS.items()}


def annotation_iri(uid: str) -> str:
    """An annotation's id in the file: its uid as a URN, the same in every export and kept
    by an import, so that importing a file twice, or a colleague's file, knows it again."""
    return f"urn:uuid:{uid}"


def export_annotations(library: Library, article_id: int | None = None) -> dict[str, Any]:
    """The annotations of one article, or of the whole library, as one JSON-LD document."""
    ids = [article_id] if article_id is not None else _annotated_articles(library)
    items = []
    for art_id in ids:
        article = library.articles.get(art_id)
        target_base = {
            "source": article.url or f"urn:sha256:{article.content_hash}",
            "briefing:article": {
                "title": article.title,
                "outlet": article.outlet,
                "date": article.date.iso() if article.date else None,
                "url": article.url,
                "contentHash": article.content_hash,
            },
        }
        claims = {c.id: c for c in library.claims.list(article_id=art_id)}
        mentions = {m.id: m for m in library.mentions.list(article_id=art_id)}
        for annotation in library.annotations.for_article(art_id):
            item = _annotation(annotation, target_base)
            if annotation.id in claims:
                item["briefing:claim"] = _claim(library, claims[annotation.id], art_id)
            if annotation.id in mentions:
                actor_id = mentions[annotation.id].actor.id
                item["briefing:mention"] = {"actor": _actor(library, actor_id, art_id)}
            items.append(item)
    return {"@context": CONTEXT, "type": "AnnotationPage", "items": items}


def _annotated_articles(library: Library) -> list[int]:
    rows = library.connection().execute(
        "SELECT DISTINCT article_id FROM annotations ORDER BY article_id"
    )
    return [row[0] for row in rows]


def _annotation(annotation: Annotation, target_base: dict[str, Any]) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = []
    if not annotation.orphaned:
        selectors.append(
            {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end}
        )
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
    item: dict[str, Any] = {
        "id": annotation_iri(annotation.uid),
        "type": "Annotation",
        "motivation": MOTIVATIONS[annotation.kind],
        "target": {**target_base, "selector": selectors},
        "briefing:kind": annotation.kind,
    }
    if bodies:
        item["body"] = bodies
    if annotation.orphaned:
        item["briefing:orphaned"] = True
    return item


def _actor(library: Library, actor_id: int, article_id: int) -> dict[str, Any]:
    actor = library.actors.get(actor_id)
    return {
        "uid": actor.uid,
        "name": actor.name,
        "kind": actor.kind,
        "description": actor.description,
        "aliases": [a.text for a in actor.aliases if a.article_id is None],
        "articleAliases": [a.text for a in actor.aliases if a.article_id == article_id],
    }


def _claim(library: Library, claim: Claim, article_id: int) -> dict[str, Any]:
    linked = [link.claim_id for link in claim.links if link.outgoing]
    uids = uids_of(library.connection(), "claim", linked)
    return {
        "speaker": _actor(library, claim.speaker.id, article_id) if claim.speaker else None,
        "about": [_actor(library, a.id, article_id) for a in claim.about],
        "status": claim.status,
        "grade": claim.grade,
        "sources": [
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
            for s in claim.sources
        ],
        "links": [
            {"relation": link.relation, "target": annotation_iri(uids[link.claim_id])}
            for link in claim.links
            if link.outgoing and link.claim_id in uids
        ],
    }

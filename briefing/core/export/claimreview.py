"""Claims as schema.org ClaimReview JSON-LD: the format fact-checkers publish in.

One ClaimReview per claim (docs/claimreview.md has the mapping):
- `claimReviewed`: the quote;
- `itemReviewed`: a `Claim` with its `author` (the speaker, a `Person` for a person and an
  `Organization` for every other kind of actor), its `appearance` (the article: a
  `NewsArticle` with `headline`, `url`, `publisher` and `datePublished`) and, when the
  article's date has a year, the claim's own `datePublished`;
- `reviewRating`: a `Rating` whose `alternateName` is the claim's status (asserted,
  disputed, ...) and, for a graded claim, whose `ratingValue` is the Admiralty credibility
  grade on its own scale: `bestRating` 1 (confirmed) to `worstRating` 6 (truth cannot be
  judged), said in words in `ratingExplanation`;
- `author`: the analyst (the briefing's author, else the library's user name), a `Person`;
- `datePublished`: the briefing's date, or today for claims exported on their own.

Unknown values are left out, never null; a URL is given only when it may be a link.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from briefing.core.claims.model import GRADE_MEANINGS
from briefing.core.dates import parse_stored
from briefing.core.export.document import ExportDocument, Reference
from briefing.core.urls import is_linkable

if TYPE_CHECKING:
    from briefing.core.claims.model import Claim
    from briefing.core.library import Library

SCHEMA = "https://schema.org"
BEST, WORST = 1, 6


@dataclass(frozen=True)
class ReviewedClaim:
    """What a ClaimReview says of one claim, from a briefing or from the library."""

    quote: str
    speaker: str | None
    speaker_kind: str | None
    status: str
    grade: int | None
    article: Reference | None


def claim_review(claim: ReviewedClaim, *, author: str, published: str) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.speaker:
        kind = "Person" if claim.speaker_kind == "person" else "Organization"
        item["author"] = {"@type": kind, "name": claim.speaker}
    if claim.article is not None:
        item["appearance"] = _appearance(claim.article)
        when = _schema_date(claim.article.date)
        if when:
            item["datePublished"] = when
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": claim.status}
    if claim.grade is not None:
        rating |= {
            "ratingValue": claim.grade,
            "bestRating": BEST,
            "worstRating": WORST,
            "ratingExplanation": (
                f"Admiralty credibility {claim.grade}: {GRADE_MEANINGS[claim.grade]} "
                f"(1 confirmed … 6 truth cannot be judged)"
            ),
        }
    review: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "ClaimReview",
        "claimReviewed": " ".join(claim.quote.split()),
        "itemReviewed": item,
        "reviewRating": rating,
    }
    if author:
        review["author"] = {"@type": "Person", "name": author}
    review["datePublished"] = published
    return review


def _appearance(article: Reference) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "NewsArticle", "headline": article.title}
    if article.url and is_linkable(article.url):
        work["url"] = article.url
    publisher = article.container or article.agency
    if publisher:
        work["publisher"] = {"@type": "Organization", "name": publisher}
    when = _schema_date(article.date)
    if when:
        work["datePublished"] = when
    return work


def _schema_date(iso: str | None) -> str | None:
    """A stored date as schema.org reads one (ISO 8601 with a year), else None: a date
    without a year ('--12-14') says nothing a reader of the review could place."""
    date = parse_stored(iso)
    if date is None or date.year is None:
        return None
    return date.iso()


def today() -> str:
    return datetime.now(UTC).date().isoformat()


def render_claimreview(reviews: list[dict[str, Any]]) -> str:
    return json.dumps(reviews, ensure_ascii=False, indent=2) + "\n"


def from_document(document: ExportDocument, *, author: str) -> list[dict[str, Any]]:
    """The claims of a briefing, in its order, as the briefing shows them."""
    kinds = {actor.name: actor.kind for actor in document.actors}
    published = _schema_date(document.date) or today()
    reviews = []
    for claim in document.claims:
        article = next((c.reference for c in claim.cited if c.reference.kind == "article"), None)
        reviewed = ReviewedClaim(
            claim.quote,
            claim.speaker,
            kinds.get(claim.speaker) if claim.speaker else None,
            claim.status,
            claim.grade,
            article,
        )
        reviews.append(claim_review(reviewed, author=author, published=published))
    return reviews


def from_claims(library: Library, claims: list[Claim], *, author: str) -> list[dict[str, Any]]:
    """Claims from the library, each with its article and its speaker as they are now."""
    articles: dict[int, Reference] = {}
    kinds: dict[int, str] = {}
    reviews = []
    published = today()
    for claim in claims:
        if claim.article_id not in articles:
            a = library.articles.get(claim.article_id)
            articles[claim.article_id] = Reference(
                "",
                f"article-{a.id}",
                "article",
                a.title,
                a.outlet,
                a.agency,
                a.author,
                a.date.iso() if a.date else None,
                a.url,
            )
        speaker = claim.speaker
        if speaker is not None and speaker.id not in kinds:
            kinds[speaker.id] = library.actors.get(speaker.id).kind
        reviewed = ReviewedClaim(
            claim.quote,
            speaker.name if speaker else None,
            kinds[speaker.id] if speaker else None,
            claim.status,
            claim.grade,
            articles[claim.article_id],
        )
        reviews.append(claim_review(reviewed, author=author, published=published))
    return reviews

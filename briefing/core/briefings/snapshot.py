"""What a briefing keeps of each claim it quotes, so the briefing outlives the claim.

A claim can be deleted, and deleting an article deletes its claims; a briefing that quoted
one must still say what was quoted, by whom, from which article. So each claim item stores
a snapshot in its row: the quote and speaker name in their own columns (readable with any
SQLite tool) and the rest as JSON in `citation_snapshot`: the article's citation, the linked
sources with their grades, the speaker's and subjects' kinds, status, grade, orphaned flag.

The same `ClaimSnapshot` value is built from a live claim at export time, so the export has
one code path whether the claim still exists or not. Snapshots are taken when a claim is
added and refreshed for every live claim whenever the briefing changes.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from briefing.core.errors import NotFound

if TYPE_CHECKING:
    from briefing.core.claims.model import Claim
    from briefing.core.library import Library

SNAPSHOT_VERSION = 1


@dataclass(frozen=True)
class CitedActor:
    id: int
    name: str
    kind: str


@dataclass(frozen=True)
class CitedArticle:
    id: int
    title: str
    outlet: str | None = None
    agency: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601, possibly partial ('--12-14')
    url: str | None = None


@dataclass(frozen=True)
class CitedSource:
    id: int
    title: str
    kind: str
    relation: str
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    grade: str | None = None
    article_id: int | None = None


@dataclass(frozen=True)
class CitedLink:
    claim_id: int
    relation: str
    outgoing: bool


@dataclass(frozen=True)
class ClaimSnapshot:
    quote: str
    speaker: CitedActor | None
    article: CitedArticle
    status: str = "asserted"
    grade: int | None = None
    orphaned: bool = False
    about: tuple[CitedActor, ...] = ()
    sources: tuple[CitedSource, ...] = ()
    links: tuple[CitedLink, ...] = field(default_factory=tuple)

    # Stored form ---------------------------------------------------------------------------

    def columns(self) -> tuple[str, str | None, str]:
        """(quote_snapshot, speaker_snapshot, citation_snapshot) for a briefing_items row."""
        rest = asdict(self)
        rest.pop("quote")
        rest["v"] = SNAPSHOT_VERSION
        citation = json.dumps(rest, ensure_ascii=False, sort_keys=True)
        return self.quote, self.speaker.name if self.speaker else None, citation

    @classmethod
    def from_columns(
        cls, quote: str | None, speaker: str | None, citation: str | None
    ) -> ClaimSnapshot:
        """Read a stored snapshot; a damaged or foreign JSON keeps at least quote and speaker."""
        try:
            data = json.loads(citation or "{}")
            if not isinstance(data, dict):
                data = {}
        except ValueError:
            data = {}
        try:
            article = CitedArticle(**data["article"])
        except (KeyError, TypeError):
            article = CitedArticle(0, "")
        try:
            speaker_ref = CitedActor(**data["speaker"]) if data.get("speaker") else None
            about = tuple(CitedActor(**a) for a in data.get("about", ()))
            sources = tuple(CitedSource(**s) for s in data.get("sources", ()))
            links = tuple(CitedLink(**link) for link in data.get("links", ()))
        except TypeError:
            speaker_ref, about, sources, links = None, (), (), ()
        if speaker_ref is None and speaker:
            speaker_ref = CitedActor(0, speaker, "")
        return cls(
            quote=quote or "",
            speaker=speaker_ref,
            article=article,
            status=str(data.get("status", "asserted")),
            grade=data.get("grade") if isinstance(data.get("grade"), int) else None,
            orphaned=bool(data.get("orphaned", False)),
            about=about,
            sources=sources,
            links=links,
        )


class SnapshotMaker:
    """Builds snapshots of live claims, reading each article and actor once.

    One maker per export or per write: its caches are not invalidated.
    """

    def __init__(self, library: Library) -> None:
        self._library = library
        self._articles: dict[int, CitedArticle] = {}
        self._actors: dict[int, CitedActor] = {}
        self._source_articles: dict[int, int | None] = {}

    def claim(self, claim_id: int) -> ClaimSnapshot | None:
        """The snapshot of a live claim, or None when it no longer exists."""
        try:
            claim = self._library.claims.get(claim_id)
        except NotFound:
            return None
        return self.of(claim)

    def of(self, claim: Claim) -> ClaimSnapshot:
        return ClaimSnapshot(
            quote=claim.quote,
            speaker=self._actor(claim.speaker.id) if claim.speaker else None,
            article=self._article(claim.article_id),
            status=claim.status,
            grade=claim.grade,
            orphaned=claim.orphaned,
            about=tuple(self._actor(a.id) for a in claim.about),
            sources=tuple(
                CitedSource(
                    s.id,
                    s.title,
                    s.kind,
                    s.relation,
                    s.publisher,
                    s.date,
                    s.url,
                    s.grade,
                    self._source_article(s.id),
                )
                for s in claim.sources
            ),
            links=tuple(CitedLink(k.claim_id, k.relation, k.outgoing) for k in claim.links),
        )

    def _article(self, article_id: int) -> CitedArticle:
        if article_id not in self._articles:
            a = self._library.articles.get(article_id)
            self._articles[article_id] = CitedArticle(
                a.id,
                a.title,
                a.outlet,
                a.agency,
                a.author,
                a.date.iso() if a.date else None,
                a.url,
            )
        return self._articles[article_id]

    def _actor(self, actor_id: int) -> CitedActor:
        if actor_id not in self._actors:
            actor = self._library.actors.get(actor_id)
            self._actors[actor_id] = CitedActor(actor.id, actor.name, actor.kind)
        return self._actors[actor_id]

    def _source_article(self, source_id: int) -> int | None:
        # LinkedSource does not carry the source's article; it tells a source that *is* the
        # quoted article apart from one that merely cites it.
        if source_id not in self._source_articles:
            self._source_articles[source_id] = self._library.sources.get(source_id).article_id
        return self._source_articles[source_id]

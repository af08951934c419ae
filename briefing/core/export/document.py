"""A briefing resolved for export: what every format shows, with nothing left to look up.

The Markdown template, the HTML page and the CSL-JSON all start from an `ExportDocument`:
claims with their current quote and speaker (or their snapshot when the claim or its
article is gone), a footnote label per claim, the cited articles and sources numbered S1,
S2, ... in order of first citation, and the actor index. Building it reads the library;
rendering it does not, so a test can build one by hand with any text at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from briefing.core.briefings.snapshot import ClaimSnapshot, SnapshotMaker
from briefing.core.dates import parse_stored

if TYPE_CHECKING:
    from briefing.core.library import Library

RELATION_WORDS = {
    ("supports", True): "supports",
    ("supports", False): "supported by",
    ("contradicts", True): "contradicts",
    ("contradicts", False): "contradicted by",
    ("repeats", True): "repeats",
    ("repeats", False): "repeated by",
}


@dataclass(frozen=True)
class Reference:
    """An article or a source the briefing cites, listed at the end as S1, S2, ..."""

    key: str
    ident: str  # stable across exports: 'article-12', 'source-3' (CSL-JSON ids)
    kind: str  # 'article' (a news article) or a source kind: url, document, statement
    title: str
    container: str | None = None  # the outlet of an article, the publisher of a source
    agency: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601, possibly partial
    url: str | None = None
    grade: str | None = None
    gone: bool = False  # an article deleted from the library since it was quoted


@dataclass(frozen=True)
class CitedRef:
    reference: Reference
    relation: str  # how the claim rests on it: quoted in, cites, supports, contradicts


@dataclass(frozen=True)
class Relation:
    words: str  # "contradicts", "supported by", ...
    speaker: str | None
    section: str


@dataclass(frozen=True)
class ExportClaim:
    label: str  # the footnote label: ASCII letters and digits only
    quote: str
    speaker: str | None
    status: str
    grade: int | None
    orphaned: bool
    gone: str | None  # None, 'claim' (deleted) or 'article' (its article was deleted)
    cited: tuple[CitedRef, ...]  # the article first, then linked sources
    relations: tuple[Relation, ...] = ()


@dataclass(frozen=True)
class ExportItem:
    kind: str  # claim, note, heading
    text: str = ""
    claim: ExportClaim | None = None


@dataclass(frozen=True)
class ExportSection:
    heading: str
    items: tuple[ExportItem, ...]


@dataclass(frozen=True)
class ActorEntry:
    name: str
    kind: str
    sections: tuple[str, ...]


@dataclass(frozen=True)
class ExportDocument:
    title: str
    author: str
    date: str | None
    bluf: str
    sections: tuple[ExportSection, ...]
    references: tuple[Reference, ...]
    actors: tuple[ActorEntry, ...]

    @property
    def claims(self) -> tuple[ExportClaim, ...]:
        """Every claim in reading order: the order of the footnotes."""
        return tuple(
            item.claim for s in self.sections for item in s.items if item.claim is not None
        )

    @property
    def articles(self) -> int:
        return sum(1 for r in self.references if r.kind == "article")

    @property
    def empty(self) -> bool:
        """Nothing in it, not even a section's heading (a new section shows, so a briefing
        that has one is not said to be empty above it)."""
        return not any(s.items or s.heading for s in self.sections)


def human_date(iso: str | None) -> str:
    """'2021-12-14' as '14 December 2021'; a date without a year says so."""
    date = parse_stored(iso)
    if date is None:
        return iso or ""
    return date.spelled() if date.year else f"{date.spelled()} (year unknown)"


def section_name(heading: str) -> str:
    return heading or "(untitled section)"


class _ClaimEntry(NamedTuple):
    """A claim item between build_document's two passes: the second needs every claim's
    section (for the relations between them) before it can write any."""

    label: str
    snapshot: ClaimSnapshot
    gone: str | None  # "claim" or "article" when that was deleted since
    claim_id: int | None


def build_document(library: Library, briefing_id: int) -> ExportDocument:
    """Resolve a briefing: live claims where they exist, snapshots where they do not."""
    briefing = library.briefings.get(briefing_id)
    maker = SnapshotMaker(library)
    refs = _References()
    actors: dict[object, tuple[str, str, list[str]]] = {}
    resolved: list[tuple[str, list[ExportItem | _ClaimEntry]]] = []
    by_claim: dict[int, tuple[str | None, str]] = {}  # claim id: speaker, section
    for section in briefing.sections:
        entries: list[ExportItem | _ClaimEntry] = []
        for item in section.items:
            if item.kind != "claim":
                entries.append(ExportItem(item.kind, item.text))
                continue
            snapshot = maker.claim(item.claim_id) if item.claim_id is not None else None
            gone = None
            if snapshot is None:
                snapshot = item.snapshot or ClaimSnapshot.from_columns(None, None, None)
                exists = snapshot.article.id and library.articles.exists(snapshot.article.id)
                gone = "claim" if exists else "article"
            label = f"c{item.claim_id}" if item.claim_id is not None else f"i{item.id}"
            entries.append(_ClaimEntry(label, snapshot, gone, item.claim_id))
            if item.claim_id is not None:
                speaker = snapshot.speaker.name if snapshot.speaker else None
                by_claim[item.claim_id] = (speaker, section_name(section.heading))
            for actor in ([snapshot.speaker] if snapshot.speaker else []) + list(snapshot.about):
                key = actor.id or actor.name.casefold()
                name, kind, where = actors.setdefault(key, (actor.name, actor.kind, []))
                if section_name(section.heading) not in where:
                    where.append(section_name(section.heading))
        resolved.append((section.heading, entries))

    sections = []
    for heading, entries in resolved:
        items = []
        for entry in entries:
            if isinstance(entry, ExportItem):
                items.append(entry)
                continue
            label, snapshot, gone, claim_id = entry
            relations = tuple(
                Relation(RELATION_WORDS[(link.relation, link.outgoing)], *by_claim[link.claim_id])
                for link in snapshot.links
                if link.claim_id in by_claim and link.claim_id != claim_id
            )
            claim = ExportClaim(
                label,
                snapshot.quote,
                snapshot.speaker.name if snapshot.speaker else None,
                snapshot.status,
                snapshot.grade,
                snapshot.orphaned,
                gone,
                refs.cite(snapshot, article_gone=gone == "article"),
                relations,
            )
            items.append(ExportItem("claim", claim=claim))
        sections.append(ExportSection(heading, tuple(items)))
    return ExportDocument(
        briefing.title,
        briefing.author,
        briefing.date.iso() if briefing.date else None,
        briefing.bluf,
        tuple(sections),
        refs.all(),
        tuple(
            ActorEntry(name, kind, tuple(where))
            for name, kind, where in sorted(actors.values(), key=lambda a: a[0].casefold())
        ),
    )


class _References:
    """Numbers each cited article and source once, in order of first citation.

    A source that *is* the quoted article (a source of kind article pointing at it) is not
    listed twice: it lends the article its reliability grade.
    """

    def __init__(self) -> None:
        self._refs: dict[tuple[str, int | str], Reference] = {}

    def cite(self, snapshot: ClaimSnapshot, *, article_gone: bool) -> tuple[CitedRef, ...]:
        article = snapshot.article
        own = [s for s in snapshot.sources if article.id and s.article_id == article.id]
        grade = next((s.grade for s in own if s.grade), None)
        key = ("article", article.id or f"{article.title}|{article.outlet}")
        if key not in self._refs:
            self._refs[key] = Reference(
                self._next(),
                f"article-{article.id}" if article.id else f"article-{len(self._refs) + 1}",
                "article",
                article.title or "(untitled article)",
                article.outlet,
                article.agency,
                article.author,
                article.date,
                article.url,
                grade,
                article_gone,
            )
        cited = [CitedRef(self._refs[key], "quoted in")]
        for source in snapshot.sources:
            if source in own:
                continue
            skey = ("source", source.id)
            if skey not in self._refs:
                self._refs[skey] = Reference(
                    self._next(),
                    f"source-{source.id}",
                    source.kind,
                    source.title,
                    source.publisher,
                    date=source.date,
                    url=source.url,
                    grade=source.grade,
                )
            cited.append(CitedRef(self._refs[skey], source.relation))
        return tuple(cited)

    def _next(self) -> str:
        return f"S{len(self._refs) + 1}"

    def all(self) -> tuple[Reference, ...]:
        return tuple(self._refs.values())

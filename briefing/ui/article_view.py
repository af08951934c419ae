"""Everything the reader and the side panel show of one article, read in one go.

Loaded on the GUI thread: it is a bounded read (one article, its annotations: a few
queries, a few milliseconds even for a thousand annotations), and both views need it at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.core import Annotation, Article, Claim, Library, Mention, Suggestion


@dataclass(frozen=True)
class Mark:
    """A placed annotation as the reader draws it."""

    annotation_id: int  # a suggestion's id for kind "suggestion"
    kind: str  # claim, mention, highlight, note, suggestion
    start: int
    end: int
    actor_kind: str | None = None  # mentions only


@dataclass(frozen=True)
class ArticleView:
    article: Article
    claims: tuple[Claim, ...]
    mentions: tuple[Mention, ...]
    highlights: tuple[Annotation, ...]
    notes: tuple[Annotation, ...]
    actor_kinds: dict[int, str]
    suggestions: tuple[Suggestion, ...] = ()

    def marks(self) -> list[Mark]:
        """Placed annotations (orphans have no position and are listed apart)."""
        marks = [Mark(c.id, "claim", c.start, c.end) for c in self.claims if not c.orphaned]
        marks += [
            Mark(m.id, "mention", m.start, m.end, self.actor_kinds.get(m.actor.id))
            for m in self.mentions
            if not m.orphaned
        ]
        marks += [
            Mark(a.id, a.kind, a.start, a.end)
            for a in (*self.highlights, *self.notes)
            if not a.orphaned
        ]
        marks += [Mark(s.id, "suggestion", s.start, s.end) for s in self.suggestions]
        return marks  # type: ignore[arg-type]  # placed ones have start and end

    def span_of(self, annotation_id: int, kind: str | None = None) -> tuple[int, int] | None:
        """Where an annotation is (or a suggestion, with kind="suggestion")."""
        for mark in self.marks():
            if mark.annotation_id == annotation_id and (
                mark.kind == kind if kind else mark.kind != "suggestion"
            ):
                return mark.start, mark.end
        return None

    @property
    def orphan_count(self) -> int:
        items = (*self.claims, *self.mentions, *self.highlights, *self.notes)
        return sum(1 for item in items if item.orphaned)


def load_article_view(library: Library, article_id: int) -> ArticleView:
    article = library.articles.get(article_id)
    claims = tuple(library.claims.list(article_id=article_id))
    mentions = tuple(library.mentions.list(article_id=article_id))
    others = library.annotations.for_article(article_id)
    suggestions = tuple(library.mentions.pending(article_id=article_id))
    kinds = {}
    for actor_id in {m.actor.id for m in mentions}:
        kinds[actor_id] = library.actors.get(actor_id).kind
    return ArticleView(
        article,
        claims,
        mentions,
        tuple(a for a in others if a.kind == "highlight"),
        tuple(a for a in others if a.kind == "note"),
        kinds,
        suggestions,
    )

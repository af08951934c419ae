"""Everything the reader and the side panel show of one article, read in one go.

Loaded on the GUI thread: it is a bounded read (one article, its annotations: a few
queries, a few milliseconds even for a thousand annotations), and both views need it at once.
It is read again only when a change touches what it holds (`shows_change`): a claim edited
in another article, an alias added to an actor this article never names, a briefing
rearranged, all leave the reader and the panel as they are, scroll position and all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from briefing.core import (
    Annotation,
    AnnotationRefs,
    Article,
    BriefingError,
    Changes,
    Claim,
    Kind,
    Library,
    Mention,
    Suggestion,
)

# Which of two marks of one span is on top (drawn last): a mention only colours the text,
# so it shows inside a claim; a suggestion only outlines the words.
_LAYER = {"mention": 0, "suggestion": 1, "note": 2, "highlight": 3, "claim": 4}


@dataclass(frozen=True)
class Mark:
    """A placed annotation as the reader draws it."""

    annotation_id: int  # a suggestion's id for kind "suggestion"
    kind: str  # claim, mention, highlight, note, suggestion
    start: int
    end: int
    actor_kind: str | None = None  # mentions only
    status: str | None = None  # claims only: asserted, disputed, ...

    @property
    def key(self) -> tuple[str, int]:
        """What the mark is, whatever its span: a suggestion's id is not an annotation's."""
        return self.kind, self.annotation_id


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
        return list(self._marks)

    @cached_property
    def _marks(self) -> tuple[Mark, ...]:
        # Read once per view: the pointer asks for the marks at every move over the text.
        marks = [
            Mark(c.id, "claim", c.start, c.end, status=c.status)
            for c in self.claims
            if not c.orphaned
        ]
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
        return tuple(marks)  # type: ignore[arg-type]  # placed ones have start and end

    def marks_at(self, offset: int) -> list[Mark]:
        """The marks covering the character at canonical `offset`, innermost first."""
        found = [m for m in self._marks if m.start <= offset < m.end]
        return sorted(found, key=lambda m: (m.end - m.start, _LAYER.get(m.kind, 9)))

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
        items = (*self.claims, *self.mentions, *self.highlights)
        lost_notes = sum(1 for n in self.notes if n.orphaned and not n.on_whole_article)
        return sum(1 for item in items if item.orphaned) + lost_notes

    @property
    def annotation_ids(self) -> frozenset[int]:
        items = (*self.claims, *self.mentions, *self.highlights, *self.notes)
        return frozenset(item.id for item in items)

    @property
    def actor_ids(self) -> frozenset[int]:
        """Every actor whose name or kind the reader or the panel shows."""
        ids = {m.actor.id for m in (*self.mentions, *self.suggestions)}
        for claim in self.claims:
            ids.update(actor.id for actor in claim.about)
            if claim.speaker is not None:
                ids.add(claim.speaker.id)
        return frozenset(ids)

    @property
    def source_ids(self) -> frozenset[int]:
        return frozenset(source.id for claim in self.claims for source in claim.sources)

    @property
    def shows_tags(self) -> bool:
        return any(item.tags for item in (*self.claims, *self.highlights, *self.notes))


def shows_change(
    library: Library,
    view: ArticleView | None,
    changes: Changes,
    refs: Mapping[int, AnnotationRefs] | None = None,
) -> bool:
    """Whether `changes` touch anything `view` shows, so that it must be read again.

    `refs` are the added claims' and annotations' `annotations.refs`, if the caller read
    them (else they are read here, one statement). A new actor or an actor's new alias may
    bring suggestions to this article whichever actor it is: that costs one bounded read of
    the article's pending suggestions, compared with those shown.
    """
    if view is None or changes.full:
        return True
    article_id = view.article.id
    if article_id in changes.updated_ids(Kind.ARTICLE) | changes.deleted_ids(Kind.ARTICLE):
        return True
    mine = view.annotation_ids
    for kind in (Kind.CLAIM, Kind.ANNOTATION):
        if mine & (changes.updated_ids(kind) | changes.deleted_ids(kind)):
            return True
    new = changes.added_ids(Kind.CLAIM) | changes.added_ids(Kind.ANNOTATION)
    if new:
        try:
            if refs is None or not new <= refs.keys():
                refs = library.annotations.refs(new)
        except BriefingError:
            return True
        if any(refs[i].article_id == article_id for i in new if i in refs):
            return True
    if view.actor_ids & changes.ids(Kind.ACTOR) or view.source_ids & changes.ids(Kind.SOURCE):
        return True
    if view.shows_tags and (changes.updated_ids(Kind.TAG) or changes.deleted_ids(Kind.TAG)):
        return True
    if changes.touches(Kind.ACTOR):  # suggestions of an actor this article does not show yet?
        try:
            pending = library.mentions.pending(article_id=article_id)
        except BriefingError:
            return True
        return [s.id for s in pending] != [s.id for s in view.suggestions]
    return False


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

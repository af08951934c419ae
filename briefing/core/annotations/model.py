"""What an annotation is, and where a new one goes (a `Span`), as scripts and the app see it."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.core.anchoring.selectors import Selector, find_quote, selector_at
from briefing.core.errors import InvalidInput

KINDS = ("claim", "mention", "highlight", "note")


@dataclass(frozen=True)
class Annotation:
    id: int
    article_id: int
    kind: str
    start: int | None  # None when orphaned
    end: int | None
    quote: str
    prefix: str
    suffix: str
    orphaned: bool
    note: str
    tags: tuple[str, ...] = ()
    uid: str = ""

    @property
    def on_whole_article(self) -> bool:
        """A note on the article as a whole, not on a passage (a W3C page note, or one whose
        target is the page's address alone): no position and no quote, by design. It is
        stored as an orphan with an empty quote; nothing re-anchors it."""
        return self.orphaned and not self.quote


@dataclass(frozen=True)
class Span:
    """Where a new annotation goes: a position, or a quote to look for."""

    start: int | None = None
    end: int | None = None
    quote: str | None = None
    prefix: str | None = None
    occurrence: int | None = None
    placed: Selector | None = None  # already placed (re-anchored by an import)
    orphaned: bool = False  # `placed` could not be placed: keep it without a position
    whole: bool = False  # no passage: a note on the whole article (see whole_article)

    @classmethod
    def whole_article(cls) -> Span:
        """No passage: a note on the whole article (Annotation.on_whole_article). Only notes
        take one; `locate` refuses it, since a claim or a mention is always of words."""
        return cls(whole=True)

    def locate(self, text: str) -> Selector:
        if self.whole:
            raise InvalidInput("only a note can be on the whole article: say which words")
        if self.placed is not None:
            return self.placed
        if self.start is not None or self.end is not None:
            if self.start is None or self.end is None:
                raise InvalidInput("a span needs both a start and an end")
            selector = selector_at(text, self.start, self.end)
            if self.quote is not None and self.quote != selector.exact:
                raise InvalidInput("the quote is not the text at that position")
            return selector
        if self.quote is None:
            raise InvalidInput("say where: give the quote (or a start and an end)")
        return find_quote(text, self.quote, prefix=self.prefix, occurrence=self.occurrence)

"""One search result, whatever it hit, and its snippet with the matched terms marked."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.core.dates import PartialDate

HIT_START = "\ue000"  # private-use characters: they never occur in article text
HIT_END = "\ue001"


@dataclass(frozen=True)
class SearchHit:
    """One result: an article, a claim or note that quotes the words, or an actor whose
    name or alias they are. `snippet` marks matched terms with HIT_START/HIT_END; use
    `snippet_parts()` or `marked_snippet()` rather than those characters directly."""

    kind: str  # "article", "claim", "note" or "actor"
    id: int  # of the article, the claim or note (an annotation), or the actor
    article_id: int | None  # where to open it; None for an actor
    title: str  # the article's title; an actor's name
    outlet: str | None
    date: PartialDate | None
    snippet: str
    score: float  # higher is better; comparable within one kind only
    detail: str | None = None  # a claim's speaker; an actor's kind
    uid: str = ""  # the record's stable identity (the article's, annotation's or actor's)
    agency: str | None = None  # the article's wire agency: what is shown where no outlet is

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_match) pieces, for drawing highlights."""
        parts: list[tuple[str, bool]] = []
        for i, piece in enumerate(self.snippet.split(HIT_START)):
            if i == 0:
                if piece:
                    parts.append((piece, False))
                continue
            hit, _, rest = piece.partition(HIT_END)
            if hit:
                parts.append((hit, True))
            if rest:
                parts.append((rest, False))
        return parts

    def marked_snippet(self, start: str = "**", end: str = "**") -> str:
        return self.snippet.replace(HIT_START, start).replace(HIT_END, end)

    def match_spans(self, start: str = "**", end: str = "**") -> list[tuple[int, int]]:
        """Where the matches sit in `marked_snippet(start, end)`, as (start, end) offsets."""
        spans, offset = [], 0
        for text, is_match in self.snippet_parts():
            if is_match:
                offset += len(start)
                spans.append((offset, offset + len(text)))
                offset += len(text) + len(end)
            else:
                offset += len(text)
        return spans

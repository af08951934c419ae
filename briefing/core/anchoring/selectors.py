"""Where an annotation sits in an article's text.

An annotation is anchored the W3C Web Annotation way: a TextPositionSelector (start and end
offsets into the canonical text) and a TextQuoteSelector (the exact quote with up to CONTEXT
characters of prefix and suffix), kept together in one `Selector`. Offsets are Python `str`
indices (code points), the unit every other part of Briefing counts in.

Creating an anchor from a quote alone refuses to guess: a quote that occurs more than once
needs a prefix or an occurrence number. Placing anchors again after the text changed is
reanchoring.py's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.core.errors import InvalidInput

CONTEXT = 32  # characters of prefix and suffix kept around a quote


@dataclass(frozen=True)
class Selector:
    """A TextPositionSelector and a TextQuoteSelector in one.

    When created by `selector_at`, exact == text[start:end]. A selector read back from
    storage or imported may be stale (that is what `reanchor` is for): start and end are then
    only a hint of where the quote used to be. For an annotation with no position left (an
    orphan), give 0 and len(exact).
    """

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str

    def __post_init__(self) -> None:
        if not self.exact:
            raise InvalidInput("an anchor needs a quote")
        if self.start < 0 or self.end <= self.start:
            raise InvalidInput(f"the span {self.start}-{self.end} is not a span of text")


def selector_at(text: str, start: int, end: int) -> Selector:
    """The selector for text[start:end], with its context; InvalidInput for a bad span."""
    if start >= end:
        raise InvalidInput(f"the span {start}-{end} is empty: it must end after it starts")
    if start < 0:
        raise InvalidInput(f"the span {start}-{end} starts before the text")
    if end > len(text):
        raise InvalidInput(
            f"the span {start}-{end} runs past the end of the text ({len(text)} characters)"
        )
    return Selector(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
    )


def find_quote(
    text: str, quote: str, *, prefix: str | None = None, occurrence: int | None = None
) -> Selector:
    """Anchor a quote given alone (a reader pasting a claim, a script), refusing to guess.

    A quote that occurs several times is ambiguous, and annotating the wrong occurrence is a
    silent error, so the reader must say which: `prefix` keeps the occurrences preceded by
    that text, `occurrence` counts from 1 (among those the prefix kept, when both are given).
    The quote and prefix are matched literally, but for white space when the quote as typed
    is not there: a hard-wrapped article (wire copy at 65 characters a line) keeps its line
    breaks, which the reader shows as spaces, so a quote copied from the reader or typed on
    one line has a space where the text breaks the line; any run of white space in the quote
    then matches any run in the text.
    """
    if not quote.strip():
        raise InvalidInput("the quote is empty")
    spans = [(start, start + len(quote)) for start in occurrences(text, quote)]
    if not spans:
        spans = _spans_across_white_space(text, quote)
    if not spans:
        raise InvalidInput("the quote is not in the article")
    if prefix:
        spans = [span for span in spans if text.endswith(prefix, 0, span[0])]
        if not spans:
            raise InvalidInput("the quote does not occur after that prefix")
    starts = [start for start, _ in spans]
    if occurrence is not None:
        if not 1 <= occurrence <= len(starts):
            raise InvalidInput(
                f"there is no occurrence {occurrence}: the quote occurs {_times(len(starts))}"
                + (" after that prefix" if prefix else "")
            )
        start, end = spans[occurrence - 1]
    elif len(starts) > 1:
        where = " after that prefix" if prefix else " in the article"
        raise InvalidInput(
            f"the quote occurs {_times(len(starts))}{where}: give --prefix (the text just "
            f"before it) or --occurrence N (1 to {len(starts)})"
        )
    else:
        start, end = spans[0]
    return selector_at(text, start, end)


def _spans_across_white_space(text: str, quote: str) -> list[tuple[int, int]]:
    """Where the quote's words stand in the text, in order, any white space between them."""
    pattern = re.compile(r"\s+".join(re.escape(word) for word in quote.split()))
    return [match.span() for match in pattern.finditer(text)]


def occurrences(text: str, needle: str) -> list[int]:
    """Every start of needle in text, overlapping ones included."""
    if not needle:
        return []
    starts = []
    at = text.find(needle)
    while at != -1:
        starts.append(at)
        at = text.find(needle, at + 1)
    return starts


def _times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"

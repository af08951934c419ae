"""What re-anchoring decides for one annotation, and the tests of context both steps share.

The floors and limits are explained in reanchoring.py's notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Levenshtein

from briefing.core.anchoring.selectors import Selector

FUZZY_FLOOR = 0.75
"""Least similarity between the old quote and a fuzzily placed span; below it, orphaned."""

CONTEXT_FLOOR = 0.6
"""Least similarity of each side's context for a fuzzy placement (see the module notes)."""

SHORT_QUOTE = 32
"""A quote shorter than this is placed verbatim only where one side of its context agrees."""

Outcome = Literal["kept", "moved", "fuzzy", "orphaned"]

# How well one side of a short quote's context must agree for a verbatim placement: a short
# quote is mostly its context, and unrelated 32-character stretches of news prose reach 0.5
# once in a thousand pairs, 0.7 now and then.
SHORT_CONTEXT_FLOOR = 0.8
# Characters inserted or deleted between a quote and its context that cost nothing when
# comparing contexts (see context_similarity).
CONTEXT_SLACK = 8
# A seed is widened by a third of the quote before aligning: an edit that moves an edge
# further leaves the quote below FUZZY_FLOOR anyway. Capped for very long quotes, where it
# would only cost time.
MAX_EDGE_SHIFT = 256
# How far an edge may move to the nearest word edge on either side (see _edge_options).
WORD_REACH = 24
# How many occurrences of the old prefix or suffix are tried as fuzzy seeds, nearest first;
# the context is 32 characters, so more than a handful means it is boilerplate.
MAX_CONTEXT_SEEDS = 8
# A context shorter than this (the quote sat at the very start or end of the text) is too
# common to prove anything by occurring inside a candidate span.
MIN_TELLING_CONTEXT = 16
# Approximate-search cut-off (RapidFuzz's 0-100 scale). The search scores fixed-length
# windows, which under-rate a span that grew by insertions, so it is looser than the floor;
# every span is rescored exactly before it is accepted.
SEARCH_CUTOFF = 60.0


@dataclass(frozen=True)
class Placement:
    """Where `reanchor` put an annotation in the new text, and how sure it is.

    selector is None when orphaned; otherwise selector.exact == new_text[start:end]. score is
    1.0 for kept and moved, the quote similarity for fuzzy, and the best similarity any
    rejected candidate had for orphaned (how close it came, for the reader to judge).
    """

    outcome: Outcome
    selector: Selector | None
    score: float


# -- Context and words --------------------------------------------------------------------


def context_before(old: Selector, text: str, start: int) -> float:
    """How well the text before `start` matches the old prefix (0 to 1)."""
    if not old.prefix:  # the quote began the text
        return 1.0 if start <= CONTEXT_SLACK else 0.0
    reach = len(old.prefix) + CONTEXT_SLACK
    return context_similarity(old.prefix, text[max(0, start - reach) : start])


def context_after(old: Selector, text: str, end: int) -> float:
    """How well the text after `end` matches the old suffix (0 to 1)."""
    if not old.suffix:  # the quote ended the text
        return 1.0 if len(text) - end <= CONTEXT_SLACK else 0.0
    return context_similarity(old.suffix, text[end : end + len(old.suffix) + CONTEXT_SLACK])


def context_similarity(context: str, window: str) -> float:
    """Levenshtein similarity of a context to a window up to CONTEXT_SLACK longer.

    The window's spare characters are forgiven wherever they are, so a few characters
    inserted between a quote and its context cost nothing: cheap and lenient, for accepting
    and ranking candidates. Where an edge goes is decided by _prefix_edits and _suffix_edits.
    """
    spare = max(0, len(window) - len(context))
    return max(0.0, 1 - (Levenshtein.distance(context, window) - spare) / len(context))


def keeps_words(old: Selector, text: str, start: int, end: int) -> bool:
    """Whether the span cuts a word only where the old quote did."""
    return keeps_word_start(old, text, start) and keeps_word_end(old, text, end)


def keeps_word_start(old: Selector, text: str, start: int) -> bool:
    if old.prefix and old.prefix[-1].isalnum() and old.exact[0].isalnum():
        return True  # the old quote began mid-word
    return not (0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum())


def keeps_word_end(old: Selector, text: str, end: int) -> bool:
    if old.suffix and old.exact[-1].isalnum() and old.suffix[0].isalnum():
        return True
    return not (0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum())


def nearest(starts: list[int], position: int) -> list[int]:
    return sorted(starts, key=lambda start: abs(start - position))[:MAX_CONTEXT_SEEDS]

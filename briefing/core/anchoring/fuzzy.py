"""The fuzzy step of re-anchoring: a quote that changed a little, between its old neighbours.

See reanchoring.py's notes for why each test is there and how the floors were chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein, Opcodes

from briefing.core.anchoring.placement import (
    CONTEXT_FLOOR,
    CONTEXT_SLACK,
    FUZZY_FLOOR,
    MAX_EDGE_SHIFT,
    MIN_TELLING_CONTEXT,
    SEARCH_CUTOFF,
    WORD_REACH,
    Placement,
    context_after,
    context_before,
    keeps_word_end,
    keeps_word_start,
    nearest,
)
from briefing.core.anchoring.selectors import CONTEXT, Selector, occurrences, selector_at

# -- Fuzzy ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    quote: float  # similarity of the span to the old quote
    before: float  # similarity of the text before it to the old prefix
    after: float  # ... and after it to the old suffix
    fit: float  # the three weighted by length: how many characters agree, roughly


def place_fuzzy(old: Selector, text: str) -> Placement:
    length = len(old.exact)
    reach = max(4 * CONTEXT, length)
    low, high = max(0, old.start - reach), min(len(text), old.end + reach)
    if low >= high:  # the text got shorter than the old position
        low = max(0, len(text) - length - 2 * reach)
        high = len(text)

    tried: dict[tuple[int, int], _Candidate | None] = {}
    best_score = 0.0

    def accepted(seeds: list[tuple[int, int, bool, bool]]) -> list[_Candidate]:
        nonlocal best_score
        found = []
        for start, end, start_fixed, end_fixed in seeds:
            key = (start, end)
            if key not in tried:
                tried[key] = _fit(old, text, start, end, start_fixed, end_fixed)
            candidate = tried[key]
            if candidate is None:
                continue
            best_score = max(best_score, candidate.quote)
            if _acceptable(old, text, candidate):
                found.append(candidate)
        return found

    found = accepted(_context_seeds(old, text) + _search_seeds(old, text, low, high))
    if not found and (low > 0 or high < len(text)):
        found = accepted(_search_seeds(old, text, 0, len(text)))
    if not found:
        return Placement("orphaned", None, best_score)
    best = max(found, key=lambda c: (c.fit, -abs(c.start - old.start)))
    selector = selector_at(text, best.start, best.end)
    if selector.exact == old.exact:
        # A short quote whose two sides both agree, each less than step 2 asks of one side.
        return Placement("kept" if best.start == old.start else "moved", selector, 1.0)
    return Placement("fuzzy", selector, best.quote)


def _context_seeds(old: Selector, text: str) -> list[tuple[int, int, bool, bool]]:
    """Spans between where the old prefix and suffix now occur: the quote edited in place.

    An edge found this way is exact and stays fixed; the other is fitted.
    """
    length = len(old.exact)
    seeds: list[tuple[int, int, bool, bool]] = []
    # An empty context means the quote began (or ended) the text: it "occurs" at that edge.
    prefix_ends = (
        [at + len(old.prefix) for at in occurrences(text, old.prefix)] if old.prefix else [0]
    )
    suffix_starts = occurrences(text, old.suffix) if old.suffix else [len(text)]
    suffix_starts = nearest(suffix_starts, old.end)
    for start in nearest(prefix_ends, old.start):
        ends = [e for e in suffix_starts if start < e <= start + 2 * length]
        if ends:
            seeds.extend((start, end, True, True) for end in ends)
        else:
            seeds.append((start, min(len(text), start + length), True, False))
    for end in suffix_starts:
        seeds.append((max(0, end - length), end, False, True))
    return seeds


def _search_seeds(
    old: Selector, text: str, low: int, high: int
) -> list[tuple[int, int, bool, bool]]:
    """Best approximate windows for the quote, and for the quote with its context, in a range.

    The quote alone finds it when the context changed; with its context it finds it when a
    lookalike of the quote alone scores better (the context is what tells them apart).
    """
    window = text[low:high]
    seeds = []
    patterns = [(old.exact, 0)]
    if old.prefix or old.suffix:
        patterns.append((old.prefix + old.exact + old.suffix, len(old.prefix)))
    for pattern, quote_at in patterns:
        if len(window) <= len(pattern):
            seeds.append((low, high, False, False))
            continue
        found = fuzz.partial_ratio_alignment(pattern, window, score_cutoff=SEARCH_CUTOFF)
        if found is None:
            continue
        # Map the quote's edges through the alignment, each from the nearer aligned end.
        start = low + found.dest_start + quote_at - found.src_start
        end = low + found.dest_end - (found.src_end - quote_at - len(old.exact))
        seeds.append((max(0, start), min(len(text), end), False, False))
    return seeds


def _fit(
    old: Selector, text: str, start: int, end: int, start_fixed: bool, end_fixed: bool
) -> _Candidate | None:
    """The span a seed stands for: the old quote's edges carried over by an alignment.

    The quote, with the context of each edge the seed does not fix, is aligned (Levenshtein,
    RapidFuzz's opcodes) with the seed widened by as much as an edit could have moved an
    edge, and its first and last characters are followed into the new text. Aligning the
    context too keeps a replaced first or last word inside the span.

    Where the quote meets its context an alignment may put inserted text on either side, so
    each edge is then also tried one word further in and out, and the span that needs the
    fewest edits to turn prefix, quote and suffix into the new text wins; on a tie, the span
    more like the quote, which leaves inserted words outside.
    """
    pad = min(MAX_EDGE_SHIFT, len(old.exact) // 3 + 8)
    before = "" if start_fixed else old.prefix
    after = "" if end_fixed else old.suffix
    low = start if start_fixed else max(0, start - len(before) - pad)
    high = end if end_fixed else min(len(text), end + len(after) + pad)
    if low >= high:
        return None
    opcodes = Levenshtein.opcodes(before + old.exact + after, text[low:high])
    first, last = len(before), len(before) + len(old.exact) - 1
    start = low + _carried(opcodes, first)
    end = low + _carried(opcodes, last, after_it=True)
    spans = [
        (s, e)
        for s in _edge_options(start, lambda at: _start_ok(old, text, at))
        for e in _edge_options(end, lambda at: _end_ok(old, text, at))
        if s < e
    ]
    if not spans:
        return None

    prefix_edits = {s: _prefix_edits(old.prefix, text, s) for s, _ in spans}
    suffix_edits = {e: _suffix_edits(old.suffix, text, e) for _, e in spans}

    def edits(span: tuple[int, int]) -> tuple[int, int]:
        s, e = span
        quote = Levenshtein.distance(old.exact, text[s:e])
        return quote + prefix_edits[s] + suffix_edits[e], quote

    return _score(old, text, *min(spans, key=edits))


def _carried(opcodes: Opcodes, index: int, *, after_it: bool = False) -> int:
    """Where character `index` of the aligned source lands in the destination.

    With after_it, the position just after it. A character the new text dropped lands where
    it would have been.
    """
    for op in opcodes:
        if op.src_start <= index < op.src_end:
            if op.tag == "delete":
                return op.dest_start
            return op.dest_start + index - op.src_start + (1 if after_it else 0)
    return opcodes.dest_len


def _edge_options(position: int, ok: Callable[[int], bool]) -> list[int]:
    """The position if an edge may go there, and the nearest places before and after it that
    may (an edge never cuts a word the quote did not cut; see _start_ok and _end_ok)."""
    options = [position] if ok(position) else []
    for step in (-1, 1):
        at = position + step
        while abs(at - position) <= WORD_REACH and not ok(at):
            at += step
        if abs(at - position) <= WORD_REACH:
            options.append(at)
    return options


def _prefix_edits(prefix: str, text: str, start: int) -> int:
    """Edits from the old prefix to the text ending at `start`, whatever that text's length.

    Text inserted or deleted right before `start` counts, text further out does not: this
    is what tells a word inserted next to the quote from a word of the quote.
    """
    if not prefix:
        return min(start, CONTEXT)
    return min(
        Levenshtein.distance(prefix, text[max(0, start - size) : start])
        for size in range(max(0, len(prefix) - CONTEXT_SLACK), len(prefix) + CONTEXT_SLACK + 1)
    )


def _suffix_edits(suffix: str, text: str, end: int) -> int:
    if not suffix:
        return min(len(text) - end, CONTEXT)
    return min(
        Levenshtein.distance(suffix, text[end : end + size])
        for size in range(max(0, len(suffix) - CONTEXT_SLACK), len(suffix) + CONTEXT_SLACK + 1)
    )


def _score(old: Selector, text: str, start: int, end: int) -> _Candidate:
    quote = Levenshtein.normalized_similarity(old.exact, text[start:end])
    before = context_before(old, text, start)
    after = context_after(old, text, end)
    fit = quote * len(old.exact) + before * len(old.prefix) + after * len(old.suffix)
    return _Candidate(start, end, quote, before, after, fit)


def _start_ok(old: Selector, text: str, at: int) -> bool:
    """Whether a fuzzy span may start here: no word cut, no space the quote did not have."""
    if not 0 <= at < len(text):
        return False
    return keeps_word_start(old, text, at) and (old.exact[0].isspace() or not text[at].isspace())


def _end_ok(old: Selector, text: str, at: int) -> bool:
    if not 0 < at <= len(text):
        return False
    return keeps_word_end(old, text, at) and (old.exact[-1].isspace() or not text[at - 1].isspace())


def _acceptable(old: Selector, text: str, candidate: _Candidate) -> bool:
    return (
        candidate.quote >= FUZZY_FLOOR
        and candidate.before >= CONTEXT_FLOOR
        and candidate.after >= CONTEXT_FLOOR
        and not _context_inside(old, text, candidate.start, candidate.end)
    )


def _context_inside(old: Selector, text: str, start: int, end: int) -> bool:
    """Whether the old prefix or suffix overlaps the span: it is a neighbour, not the quote."""
    for context in (old.prefix, old.suffix):
        if len(context) >= MIN_TELLING_CONTEXT:
            # An occurrence inside [start - len + 1, end + len - 1) shares a character with
            # the span; one that merely touches it is where the context belongs.
            reach = len(context) - 1
            if text.find(context, max(0, start - reach), end + reach) != -1:
                return True
    return False

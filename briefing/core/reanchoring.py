"""Where an annotation sits after its article's text changes.

When an article's text is replaced (a corrected re-import), `reanchor` places each
annotation again, trying in order, as the W3C model and Hypothesis do:

1. kept: the quote is still at its old offsets (and no better occurrence exists: see 2);
2. moved: the quote occurs verbatim elsewhere. Among several occurrences the one whose
   surrounding text matches the old prefix and suffix wins, and only among equally good
   contexts the one nearest the old position: context beats distance, because a repeated
   phrase near the old offset is more often a different sentence than the same one;
3. fuzzy: the quote changed a little (a word corrected, a typo fixed, punctuation changed)
   and stayed where it was, between its old prefix and suffix;
4. orphaned: anything else. The annotation is kept and shown as orphaned, never attached
   to other words.

The fuzzy step uses RapidFuzz (https://github.com/rapidfuzz/RapidFuzz, MIT):
`fuzz.partial_ratio_alignment` finds the best-matching window for a pattern in a longer text,
and `Levenshtein` scores spans and aligns the quote with one (opcodes), so its edges can be
followed into the new text; all in C++ with bit-parallel algorithms, for patterns of any
length. The other candidate, diff-match-patch's `match_main`, is Bitap with a location bias,
which is what Hypothesis used until 2020; but its Python port is pure Python, its patterns
stop at 32 characters (long quotes would have to be matched head and tail and stitched), and
the upstream repository is archived. RapidFuzz is actively maintained, has wheels for every
platform we build on and no dependencies, and ships its own PyInstaller hook.

How strict fuzzy placement is, and why. Hypothesis's matcher allows errors up to half the
quote's length, and its tracker shows what that costs: highlights that jump onto unrelated or
lookalike text (hypothesis/client#258, #7571). Here a fuzzy placement must pass all of these:

- Quote similarity (normalised Levenshtein, 1 - distance / longer length, between the old
  quote and the new span) of at least FUZZY_FLOOR = 0.75: at most one character in four
  differs. A word corrected or inserted in a 60-character quote scores about 0.85, a fixed
  typo or changed punctuation 0.95 and up. Once a claim's sentence is deleted from the
  worked example, the most similar span left anywhere in it scores 0.36-0.55, although the
  same names and phrases recur ("facial recognition software" in another paragraph, 0.36;
  the heading 'Caught in the middle' for "caught in the middle of geopolitical tension",
  0.52; "and Beijin" for "Wang Wenbin", 0.55).
- The context agrees on both sides: the text before and after the new span scores at least
  CONTEXT_FLOOR = 0.6 against the old prefix and suffix (a few characters inserted or
  deleted right beside the quote are forgiven). Two unrelated 32-character stretches of
  news prose score 0.25 on average, and one pair in a thousand 0.5. A quote that changed in
  place keeps its neighbours; a lookalike sentence elsewhere does not. The price: a quote
  edited *and* given new neighbours is orphaned. The reader can re-anchor it by hand,
  whereas a wrong placement would go unnoticed.
- The old context has not moved into the span. If the old suffix (or prefix) now overlaps
  the candidate, the candidate is the text that used to follow (or precede) the quote, e.g.
  the next of several parallel paragraphs after the annotated one was deleted (the #7571
  witness), however similar it looks and however well its other side agrees.
- The span cuts no word the original did not cut, so "Uighur" never lands inside "Uighurs"
  and a name never inside a longer name. This holds for step 2 as well.

Short quotes. A name or a word is mostly its context: the floor keeps "Friday" off "Sunday",
and the context rule makes a fuzzy short quote land only between its old neighbours. A short
quote also recurs verbatim all over an article, so in step 2 a quote shorter than
SHORT_QUOTE is taken only where at least one side of its context still agrees closely;
otherwise a deleted "China" would move to the nearest other "China", which is other words.

Cost: steps 1 and 2 are string comparisons and `str.find`, so 1,000 annotations on a
10,000-word article re-anchor in a few tens of milliseconds when they were only shifted.
Step 3 tries a handful of seeds: where the old prefix and suffix now occur, and the best
approximate window in a stretch around the old position; only if none passes does it search
the whole text. Each seed is aligned once, widened by a third of the quote (as far as an edit
can move an edge while the quote stays above the floor).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein, Opcodes

from briefing.core.anchoring import CONTEXT, Selector, occurrences, selector_at

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
_SHORT_CONTEXT_FLOOR = 0.8
# Characters inserted or deleted between a quote and its context that cost nothing when
# comparing contexts (see _context_similarity).
_CONTEXT_SLACK = 8
# A seed is widened by a third of the quote before aligning: an edit that moves an edge
# further leaves the quote below FUZZY_FLOOR anyway. Capped for very long quotes, where it
# would only cost time.
_MAX_EDGE_SHIFT = 256
# How far an edge may move to the nearest word edge on either side (see _edge_options).
_WORD_REACH = 24
# How many occurrences of the old prefix or suffix are tried as fuzzy seeds, nearest first;
# the context is 32 characters, so more than a handful means it is boilerplate.
_MAX_CONTEXT_SEEDS = 8
# A context shorter than this (the quote sat at the very start or end of the text) is too
# common to prove anything by occurring inside a candidate span.
_MIN_TELLING_CONTEXT = 16
# Approximate-search cut-off (RapidFuzz's 0-100 scale). The search scores fixed-length
# windows, which under-rate a span that grew by insertions, so it is looser than the floor;
# every span is rescored exactly before it is accepted.
_SEARCH_CUTOFF = 60.0


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


def reanchor(old: Selector, new_text: str) -> Placement:
    """Place an annotation in a new version of its article's text (see the module notes)."""
    start, end = old.start, old.end
    if (
        new_text[start:end] == old.exact
        and new_text.endswith(old.prefix, 0, start)
        and new_text.startswith(old.suffix, end)
    ):
        return Placement("kept", selector_at(new_text, start, end), 1.0)
    return _place_verbatim(old, new_text) or _place_fuzzy(old, new_text)


# -- Verbatim ------------------------------------------------------------------------------


def _place_verbatim(old: Selector, text: str) -> Placement | None:
    length = len(old.exact)
    short = length < SHORT_QUOTE
    starts = [
        start
        for start in occurrences(text, old.exact)
        if _keeps_words(old, text, start, start + length)
        and not (
            short
            and max(_before(old, text, start), _after(old, text, start + length))
            < _SHORT_CONTEXT_FLOOR
        )
    ]
    if not starts:
        return None
    best = max(
        starts,
        key=lambda start: (
            _before(old, text, start) + _after(old, text, start + length),
            -abs(start - old.start),
        ),
    )
    outcome: Outcome = "kept" if best == old.start else "moved"
    return Placement(outcome, selector_at(text, best, best + length), 1.0)


# -- Fuzzy ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    quote: float  # similarity of the span to the old quote
    before: float  # similarity of the text before it to the old prefix
    after: float  # ... and after it to the old suffix
    fit: float  # the three weighted by length: how many characters agree, roughly


def _place_fuzzy(old: Selector, text: str) -> Placement:
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
    suffix_starts = _nearest(suffix_starts, old.end)
    for start in _nearest(prefix_ends, old.start):
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
        found = fuzz.partial_ratio_alignment(pattern, window, score_cutoff=_SEARCH_CUTOFF)
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
    pad = min(_MAX_EDGE_SHIFT, len(old.exact) // 3 + 8)
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
        while abs(at - position) <= _WORD_REACH and not ok(at):
            at += step
        if abs(at - position) <= _WORD_REACH:
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
        for size in range(max(0, len(prefix) - _CONTEXT_SLACK), len(prefix) + _CONTEXT_SLACK + 1)
    )


def _suffix_edits(suffix: str, text: str, end: int) -> int:
    if not suffix:
        return min(len(text) - end, CONTEXT)
    return min(
        Levenshtein.distance(suffix, text[end : end + size])
        for size in range(max(0, len(suffix) - _CONTEXT_SLACK), len(suffix) + _CONTEXT_SLACK + 1)
    )


def _score(old: Selector, text: str, start: int, end: int) -> _Candidate:
    quote = Levenshtein.normalized_similarity(old.exact, text[start:end])
    before = _before(old, text, start)
    after = _after(old, text, end)
    fit = quote * len(old.exact) + before * len(old.prefix) + after * len(old.suffix)
    return _Candidate(start, end, quote, before, after, fit)


def _start_ok(old: Selector, text: str, at: int) -> bool:
    """Whether a fuzzy span may start here: no word cut, no space the quote did not have."""
    if not 0 <= at < len(text):
        return False
    return _keeps_word_start(old, text, at) and (old.exact[0].isspace() or not text[at].isspace())


def _end_ok(old: Selector, text: str, at: int) -> bool:
    if not 0 < at <= len(text):
        return False
    return _keeps_word_end(old, text, at) and (
        old.exact[-1].isspace() or not text[at - 1].isspace()
    )


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
        if len(context) >= _MIN_TELLING_CONTEXT:
            # An occurrence inside [start - len + 1, end + len - 1) shares a character with
            # the span; one that merely touches it is where the context belongs.
            reach = len(context) - 1
            if text.find(context, max(0, start - reach), end + reach) != -1:
                return True
    return False


# -- Shared --------------------------------------------------------------------------------


def _before(old: Selector, text: str, start: int) -> float:
    """How well the text before `start` matches the old prefix (0 to 1)."""
    if not old.prefix:  # the quote began the text
        return 1.0 if start <= _CONTEXT_SLACK else 0.0
    reach = len(old.prefix) + _CONTEXT_SLACK
    return _context_similarity(old.prefix, text[max(0, start - reach) : start])


def _after(old: Selector, text: str, end: int) -> float:
    """How well the text after `end` matches the old suffix (0 to 1)."""
    if not old.suffix:  # the quote ended the text
        return 1.0 if len(text) - end <= _CONTEXT_SLACK else 0.0
    return _context_similarity(old.suffix, text[end : end + len(old.suffix) + _CONTEXT_SLACK])


def _context_similarity(context: str, window: str) -> float:
    """Levenshtein similarity of a context to a window up to _CONTEXT_SLACK longer.

    The window's spare characters are forgiven wherever they are, so a few characters
    inserted between a quote and its context cost nothing: cheap and lenient, for accepting
    and ranking candidates. Where an edge goes is decided by _prefix_edits and _suffix_edits.
    """
    spare = max(0, len(window) - len(context))
    return max(0.0, 1 - (Levenshtein.distance(context, window) - spare) / len(context))


def _keeps_words(old: Selector, text: str, start: int, end: int) -> bool:
    """Whether the span cuts a word only where the old quote did."""
    return _keeps_word_start(old, text, start) and _keeps_word_end(old, text, end)


def _keeps_word_start(old: Selector, text: str, start: int) -> bool:
    if old.prefix and old.prefix[-1].isalnum() and old.exact[0].isalnum():
        return True  # the old quote began mid-word
    return not (0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum())


def _keeps_word_end(old: Selector, text: str, end: int) -> bool:
    if old.suffix and old.exact[-1].isalnum() and old.suffix[0].isalnum():
        return True
    return not (0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum())


def _nearest(starts: list[int], position: int) -> list[int]:
    return sorted(starts, key=lambda start: abs(start - position))[:_MAX_CONTEXT_SEEDS]

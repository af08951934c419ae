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

from briefing.core.anchoring.fuzzy import place_fuzzy
from briefing.core.anchoring.placement import (
    CONTEXT_FLOOR,
    FUZZY_FLOOR,
    SHORT_CONTEXT_FLOOR,
    SHORT_QUOTE,
    Outcome,
    Placement,
    context_after,
    context_before,
    keeps_words,
)
from briefing.core.anchoring.selectors import Selector, occurrences, selector_at

__all__ = ["CONTEXT_FLOOR", "FUZZY_FLOOR", "SHORT_QUOTE", "Outcome", "Placement", "reanchor"]


def reanchor(old: Selector, new_text: str) -> Placement:
    """Place an annotation in a new version of its article's text (see the module notes)."""
    start, end = old.start, old.end
    if (
        new_text[start:end] == old.exact
        and new_text.endswith(old.prefix, 0, start)
        and new_text.startswith(old.suffix, end)
    ):
        return Placement("kept", selector_at(new_text, start, end), 1.0)
    return _place_verbatim(old, new_text) or place_fuzzy(old, new_text)


# -- Verbatim ------------------------------------------------------------------------------


def _place_verbatim(old: Selector, text: str) -> Placement | None:
    length = len(old.exact)
    short = length < SHORT_QUOTE
    starts = [
        start
        for start in occurrences(text, old.exact)
        if keeps_words(old, text, start, start + length)
        and not (
            short
            and max(context_before(old, text, start), context_after(old, text, start + length))
            < SHORT_CONTEXT_FLOOR
        )
    ]
    if not starts:
        return None
    best = max(
        starts,
        key=lambda start: (
            context_before(old, text, start) + context_after(old, text, start + length),
            -abs(start - old.start),
        ),
    )
    outcome: Outcome = "kept" if best == old.start else "moved"
    return Placement(outcome, selector_at(text, best, best + length), 1.0)

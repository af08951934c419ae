"""Actor mentions across a library: MentionFinder against one compiled regex alternation.

    .venv/bin/python bench/mentions.py [N] [--regex-sample 10000]

The names are real: the most frequent capitalised words and 2-3 word capitalised phrases of
the 3,000 corpus texts (deterministic; see `corpus_names`), 2,000 of each, dealt out as
1,000 actors with a name and 3 aliases each (4,000 names).

The texts are the N articles (100,000 unless given) of the cached benchmark library
(built with build_library.py if missing), read with plain sqlite3; reading is not timed.

  ours   MentionFinder(names) built, then .find(text) on every article: word boundaries,
         case-sensitive acronyms, whitespace runs, leftmost-longest.
  regex  re.compile(r"(?<![^\\W_])(?:" + "|".join(longest first) + r")(?![^\\W_])",
         re.IGNORECASE), then finditer on every article. Python's re tries the alternatives
         one by one at each position, so it is run on an evenly spaced sample of the
         articles (every k-th, --regex-sample of them) and extrapolated linearly to N.

Prints both times, the matches each found and the speedup. Targets: ours under 30 s for
100,000 articles, at least 10x faster than the regex. Also compares the spans found on the
sample with the regex, ours made case-insensitive for every name as the regex is.
One process throughout.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import time
from collections import Counter

from _common import CORPUS_TEXT, ensure_library, peak_rss_mb, verdict

from briefing.core.actors.mention_finder import MentionFinder, Name

ACTORS = 1_000
ALIASES = 3  # per actor, besides its name
WORDS = PHRASES = ACTORS * (1 + ALIASES) // 2
TARGET_SECONDS = 30  # for 100,000 articles
TARGET_SPEEDUP = 10
_TOKEN = re.compile(r"[^\W\d_]+")  # letters only: "Brown's" is "Brown" then "s"


def corpus_names() -> tuple[list[str], list[str]]:
    """The most frequent capitalised words and 2-3 word capitalised phrases of the corpus.

    A capitalised word counts when it is not the first word of its sentence (the line has a
    word before it, followed by only " " or ", "), and is kept when that happens more often
    than the word appears in lowercase: "London", "BBC", "Blair" stay; "The", "However",
    "But" go. A phrase is a run of 2 or 3 capitalised words separated by single spaces whose
    first and last words were kept ("United States", "Tony Blair", "Bank of England" is
    not, "of" being lowercase). Ties are broken alphabetically; names that differ only in
    case are one name.
    """
    capitalised: Counter[str] = Counter()
    lowercase: Counter[str] = Counter()
    phrases: Counter[str] = Counter()
    for path in sorted(CORPUS_TEXT.glob("*.txt")):
        for line in path.read_text("utf-8").splitlines():
            run: list[str] = []
            previous_end = None
            for token in _TOKEN.finditer(line):
                word = token.group()
                gap = None if previous_end is None else line[previous_end : token.start()]
                previous_end = token.end()
                if not word[0].isupper():
                    lowercase[word] += 1
                    _count_phrases(run, phrases)
                    run = []
                    continue
                if gap in (" ", ", "):
                    capitalised[word] += 1
                if gap == " " and run:
                    run.append(word)
                else:
                    _count_phrases(run, phrases)
                    run = [word]
            _count_phrases(run, phrases)

    def kept(word: str) -> bool:
        return len(word) > 1 and capitalised[word] > lowercase[word.lower()]

    words = sorted((w for w in capitalised if kept(w)), key=lambda w: (-capitalised[w], w))
    runs = [p for p in phrases if kept(p.split()[0]) and kept(p.split()[-1])]
    runs.sort(key=lambda p: (-phrases[p], p))
    seen: set[str] = set()
    return _first(words, WORDS, seen), _first(runs, PHRASES, seen)


def _count_phrases(run: list[str], phrases: Counter[str]) -> None:
    for size in (2, 3):
        for start in range(len(run) - size + 1):
            phrases[" ".join(run[start : start + size])] += 1


def _first(candidates: list[str], count: int, seen: set[str]) -> list[str]:
    chosen = []
    for name in candidates:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            chosen.append(name)
            if len(chosen) == count:
                break
    if len(chosen) < count:
        raise SystemExit(f"the corpus gave only {len(chosen)} of {count} names")
    return chosen


def actor_names(words: list[str], phrases: list[str]) -> list[Name]:
    """Words and phrases alternately, four at a time: actor k's name and its 3 aliases."""
    texts = [text for pair in zip(words, phrases, strict=True) for text in pair]
    return [Name(index // (1 + ALIASES) + 1, text) for index, text in enumerate(texts)]


def regex_for(names: list[Name]) -> re.Pattern[str]:
    texts = sorted({name.text for name in names}, key=len, reverse=True)
    alternation = "|".join(map(re.escape, texts))
    return re.compile(r"(?<![^\W_])(?:" + alternation + r")(?![^\W_])", re.IGNORECASE)


def run_ours(names: list[Name], texts: list[str]) -> tuple[float, float, int]:
    """(build seconds, find seconds, matches). Each article's matches are counted and let
    go, as a caller that stores them elsewhere would: keeping millions of Match objects
    alive would time Python's garbage collector walking them, not the finder."""
    started = time.perf_counter()
    finder = MentionFinder(names)
    built = time.perf_counter()
    matches = 0
    for text in texts:
        matches += len(finder.find(text))
    done = time.perf_counter()
    return built - started, done - built, matches


def spans_of(names: list[Name], texts: list[str]) -> list[set[tuple[int, int]]]:
    """What ours finds in each text, as spans (not timed)."""
    finder = MentionFinder(names)
    return [{(m.start, m.end) for m in finder.find(text)} for text in texts]


def run_regex(
    pattern: re.Pattern[str], texts: list[str]
) -> tuple[float, list[set[tuple[int, int]]]]:
    started = time.perf_counter()
    spans = [{match.span() for match in pattern.finditer(text)} for text in texts]
    return time.perf_counter() - started, spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000, help="articles (100,000)")
    parser.add_argument(
        "--regex-sample", type=int, default=10_000, help="articles the regex runs on (10,000)"
    )
    args = parser.parse_args()

    path = ensure_library(args.n)
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT id, text FROM articles ORDER BY id").fetchall()
    texts = [text for _, text in rows]
    characters = sum(map(len, texts))
    print(f"{len(texts):,} articles ({path.name}), {characters / 1e6:.0f} M characters")

    words, phrases = corpus_names()
    names = actor_names(words, phrases)
    sensitive = sum(name.is_case_sensitive for name in names)
    print(
        f"{ACTORS:,} actors, {len(names):,} names ({ACTORS:,} names + {ACTORS * ALIASES:,} "
        f"aliases): {WORDS:,} words, {PHRASES:,} phrases of 2-3 words; "
        f"{sensitive} case-sensitive acronyms"
    )
    print(f"  e.g. {', '.join(words[:8])}; {', '.join(phrases[:6])}")

    build, find, ours_matches = run_ours(names, texts)
    ours_total = build + find
    print("\nours: MentionFinder (ahocorasick-rs)")
    print(f"  build {build:.2f} s, find {find:.2f} s, total {ours_total:.2f} s")
    print(f"  {len(texts) / find:,.0f} articles/s, {ours_matches:,} matches")
    if len(texts) >= 100_000:
        ok = ours_total < TARGET_SECONDS
        print(f"  target < {TARGET_SECONDS} s for {len(texts):,}: {verdict(ok)}")

    step = max(1, len(texts) // args.regex_sample)
    sample = texts[::step][: args.regex_sample]
    scale = len(texts) / len(sample)
    started = time.perf_counter()
    pattern = regex_for(names)
    compiled = time.perf_counter() - started
    regex_time, regex_spans = run_regex(pattern, sample)
    regex_matches = sum(map(len, regex_spans))
    regex_total = (compiled + regex_time) if scale == 1 else compiled + regex_time * scale
    print("\nregex: one compiled alternation, re.IGNORECASE, finditer")
    if scale == 1:
        print(f"  compile {compiled:.2f} s, finditer {regex_time:.1f} s, total {regex_total:.1f} s")
        print(f"  {regex_matches:,} matches")
    else:
        print(
            f"  on {len(sample):,} of {len(texts):,} articles (every {step}th), "
            f"extrapolated linearly x{scale:.1f}:"
        )
        print(
            f"  compile {compiled:.2f} s, finditer {regex_time:.1f} s on the sample, "
            f"est. {regex_total:.0f} s for {len(texts):,} (EXTRAPOLATED)"
        )
        print(
            f"  {regex_matches:,} matches on the sample, "
            f"est. {regex_matches * scale:,.0f} for {len(texts):,} (EXTRAPOLATED)"
        )

    speedup = regex_total / ours_total
    print(
        f"\nspeedup ours vs regex: {speedup:.0f}x "
        f"(target >= {TARGET_SPEEDUP}x: {verdict(speedup >= TARGET_SPEEDUP)})"
        + ("" if scale == 1 else " (regex time extrapolated)")
    )
    # Like for like on the sample: ours with every name case-insensitive, as the regex is.
    sample_time = run_ours(names, sample)[1]
    print(
        f"  on the same {len(sample):,} articles: ours find {sample_time:.2f} s, "
        f"regex {regex_time:.1f} s: {regex_time / sample_time:.0f}x"
    )

    insensitive = [Name(name.actor_id, name.text, case_sensitive=False) for name in names]
    loose_spans = spans_of(insensitive, sample)
    same = only_ours = only_regex = 0
    examples: dict[str, list[str]] = {"ours": [], "regex": []}
    for text, ours_set, regex_set in zip(sample, loose_spans, regex_spans, strict=True):
        same += len(ours_set & regex_set)
        only_ours += len(ours_set - regex_set)
        only_regex += len(regex_set - ours_set)
        for side, spans in (("ours", ours_set - regex_set), ("regex", regex_set - ours_set)):
            for start, end in sorted(spans)[: 3 - len(examples[side])]:
                examples[side].append(repr(text[max(0, start - 12) : end + 12]))
    ours_sample = sum(map(len, spans_of(names, sample)))
    print(f"\nmatches on the sample: ours {ours_sample:,}, regex {regex_matches:,}")
    print(
        f"  ours with every name case-insensitive (as the regex): {same + only_ours:,}; "
        f"same spans {same:,}, only ours {only_ours:,}, only regex {only_regex:,}"
    )
    for side, shown in examples.items():
        if shown:
            print(f"  only {side}, e.g. {'; '.join(shown)}")
    print(f"\npeak RSS of this process: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

"""Find every known actor name and alias in article texts: pure functions, no database, no Qt.

    finder = MentionFinder([Name(1, "SenseTime"), Name(1, "the company"), Name(4, "US")])
    for match in finder.find(text):
        print(match.actor_id, match.start, match.end, match.text)

One Aho-Corasick automaton (ahocorasick-rs) holds every name, so a text is scanned once
whatever the number of names: that is what makes 100,000 articles against thousands of
aliases take seconds rather than the half hour a regex alternation needs. What
Aho-Corasick does not know (case, word boundaries, whitespace) is handled around it:

- **Case.** Text and names are lowercased one character for one character, so an offset in
  the folded text is the same offset in the original. The one character whose lowercase is
  longer ("İ" -> "i̇") folds to its first character ("i"); a few letters whose case folding is
  one other letter fold to it ("ſ" -> "s", final "ς" -> "σ"). "ß" stays "ß": it does not
  match "ss", because that fold would move every offset after it. A name is matched
  case-insensitively unless it is case-sensitive; by default short acronyms are (no
  lowercase letter, at most 5 characters: "US", "UN", "AFP"), so "US" never matches "us".
- **Word boundaries.** A match is never preceded or followed by a letter, digit or
  combining mark ("US" is not found in "USA" or "bus", "Wang" not in "Wangari"); the
  underscore and invisible format characters (zero-width joiner, soft hyphen) are
  boundaries. The automaton enforces this itself: it runs over a skeleton of the text in
  which every other character is a space, with each name padded by a space on both sides.
  An apostrophe between two word characters joins them into one word ("Xiao" is not
  found in "Tang Xiao'ou", "Brien" not in "O'Brien"), except the possessive:
  "SenseTime's" and "SenseTime’s" are a match of "SenseTime" whose span excludes the "'s".
- **Whitespace.** A space in a name matches any one whitespace character (space, newline,
  tab, no-break space) and any run of whitespace within a paragraph ("Hong  Kong",
  "Hong \\n Kong"). A run holding two or more line breaks is a paragraph break and matches
  nothing: a name does not run on from one paragraph into the next. Runs of whitespace in a
  name count as one space. Offsets always point into the original text.
- **Punctuation.** Punctuation in a name must be in the text as written ("U.S." does not
  match "U S"), apostrophes excepted: ', ’ and ʼ are the same character.
- **Overlaps.** Leftmost-longest: the earliest match wins, and of those starting there the
  longest; nothing is reported inside or across it. "US Department of Commerce" hides
  "US" and "Department of Commerce"; "The US Treasury" hides "US Treasury" and "US".
- **Ambiguity.** When two actors have the same name or alias ("Washington" the state and
  the city), both are reported, one `Match` each with the same span: the reader picks.
  Several names of one actor that fold to the same text at the same place give one match,
  for the name given first.

Names with no letter or digit at all ("—", "...") cannot be told apart from punctuation
and are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from ahocorasick_rs import AhoCorasick

# Above U+1FFFF there are only CJK ideographs, tags, variation selectors and private use:
# no case, no punctuation (checked against Python 3.11's Unicode 14). Scanning only below
# keeps the tables' build at import time short.
_LAST_CASED_OR_PUNCTUATION = 0x1FFFF

ACRONYM_MAX_LENGTH = 5  # "US", "UN", "AFP", "NATO", "OPEC": case-sensitive by default
APOSTROPHES = "'\u2019\u02bc"  # ' ’ ʼ: typewriter, typographic and modifier-letter apostrophe


@dataclass(frozen=True)
class Name:
    """A name or alias of an actor, as the reader wrote it."""

    actor_id: int
    text: str  # "US", "SenseTime", "Beijing", "the company"
    case_sensitive: bool | None = None  # None: decided by `is_case_sensitive`

    @property
    def is_case_sensitive(self) -> bool:
        """Whether case must match: as set, or by default for acronyms.

        An all-capitals short name is almost always an acronym, and its lowercase form is
        usually an ordinary word ("US"/"us", "WHO"/"who", "IT"/"it").
        """
        if self.case_sensitive is not None:
            return self.case_sensitive
        text = self.text.strip()
        return len(text) <= ACRONYM_MAX_LENGTH and not any(c.islower() for c in text)


class Match(NamedTuple):
    """One mention of an actor: a span of the original text and the name it matched.

    A named tuple rather than a dataclass: a library-wide run makes millions of them, and a
    tuple is made in a third of the time."""

    actor_id: int
    start: int  # offsets into the original text (Python str indices)
    end: int
    text: str  # == original_text[start:end]
    name: str  # the Name.text that matched


# Made without the named tuple's own __new__ (a Python function: 1.3 us a call against 0.2):
# a library-wide run makes 2.9 million matches.
_new_match = tuple.__new__


@dataclass(frozen=True)
class _Entry:
    """One name under an automaton key; several names can share a key ("US", "us", "U S")."""

    actor_id: int
    name: str  # Name.text as given
    exact: str | None  # case-sensitive: the name with whitespace and apostrophes normalised
    # (offset, character) the folded text must hold where the name has no word character;
    # " " stands for any whitespace, "'" for any apostrophe.
    punctuation: tuple[tuple[int, str], ...]


def _build_tables() -> tuple[dict[int, str], dict[int, str], bytes]:
    """The fold fix-ups and the skeleton tables, computed once from the Unicode database.

    expanding: characters whose lowercase is longer than one character, to its first
    character, so that `str.lower()` keeps every offset.
    skeleton: every character that is not part of a word (punctuation, symbols, separators,
    controls, and invisible format characters: zero-width space and joiners, soft hyphen,
    BOM, direction marks) to a space; plus the one-letter case folds that lower() does not
    do. Letters, digits and combining marks (part of the word in Devanagari, Arabic,
    Thai...) stay. A stray zero-width joiner before a word is common in pasted text; as a
    word character it would hide the name after it.
    latin1: the skeleton table for Latin-1 text, for `bytes.translate`, which is many times
    faster than `str.translate` with a dict. So that it needs nothing outside Latin-1, the
    one Latin-1 letter whose fold is not (the micro sign "µ", which casefolds to Greek "μ")
    is left as it is.
    """
    expanding: dict[int, str] = {}
    skeleton: dict[int, str] = {}
    for code in range(_LAST_CASED_OR_PUNCTUATION + 1):
        char = chr(code)
        lower = char.lower()
        if len(lower) != 1:
            expanding[code] = lower[0]
        category = unicodedata.category(char)
        if category[0] in "PSZ" or category in ("Cc", "Cf") or char == "\u02bc":
            skeleton[code] = " "
        elif category[0] == "L" and code > 0xFF:
            folded = char.casefold()
            if len(folded) == 1 and folded != lower and lower == char:
                skeleton[code] = folded
    latin1 = bytes(ord(skeleton.get(code, chr(code))) for code in range(256))
    return expanding, skeleton, latin1


@cache
def _tables() -> tuple[dict[int, str], dict[int, str], bytes]:
    """The tables, built on first use (60-160 ms): not when the app starts, which imports
    this module with the annotation services but finds no names until asked."""
    return _build_tables()


# Typographic punctuation that keeps most non-ASCII news text out of Latin-1. Replaced by a
# space first (str.replace is fast), such a text takes the bytes.translate path.
_TYPOGRAPHIC = "\u2019\u2018\u201c\u201d\u2014\u2013\u2015\u2026\u2022\u2009\u200b"
_ASCII_ODD_SPACE = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f"
_NEEDS_COLLAPSE = re.compile(r"[^\S\n]\s|\n[^\S\n]")  # two whitespace, not both line breaks
_RUN = re.compile(r"\s{2,}")


def _fold(text: str) -> str:
    """The text lowercased one character for one character: every offset stays true."""
    low = text.lower()
    if len(low) != len(text):
        low = text.translate(_tables()[0]).lower()
    return low


def _skeleton(folded: str) -> str:
    """Word characters kept (folded), every other character a space: same length."""
    _expanding, skeleton, latin1 = _tables()
    if folded.isascii():
        return folded.encode("latin-1").translate(latin1).decode("latin-1")
    narrowed = folded
    for char in _TYPOGRAPHIC:
        if char in narrowed:
            narrowed = narrowed.replace(char, " ")
    try:
        data = narrowed.encode("latin-1")
    except UnicodeEncodeError:
        return folded.translate(skeleton)
    return data.translate(latin1).decode("latin-1")


def _needs_collapse(folded: str) -> bool:
    """Whether the text has a run of whitespace that is more than one character and is not
    a paragraph break. Cheap substring tests first: most texts have only " " and "\\n\\n"."""
    if folded.isascii():
        if "  " in folded or " \n" in folded or "\n " in folded:
            return True
        if not any(char in folded for char in _ASCII_ODD_SPACE):
            return False
    return _NEEDS_COLLAPSE.search(folded) is not None


def _collapse(folded: str) -> tuple[str, list[int], list[int]]:
    """Each run of whitespace within a paragraph made one space, and the way back.

    Returns the collapsed text, and sorted positions in it from which on `shifts[i]` must be
    added to get the original offset. A run with two or more line breaks is kept as it is.
    """
    pieces: list[str] = []
    positions: list[int] = [0]
    shifts: list[int] = [0]
    done = 0
    shift = 0
    for run in _RUN.finditer(folded):
        start, end = run.span()
        if folded.count("\n", start, end) >= 2:
            continue
        pieces.append(folded[done:start])
        pieces.append(" ")
        done = end
        shift += end - start - 1
        positions.append(end - shift)  # the first position after the single space
        shifts.append(shift)
    pieces.append(folded[done:])
    return "".join(pieces), positions, shifts


def _normalise_exact(text: str) -> str:
    """Whitespace runs as one space and apostrophes as ', case kept: for case-sensitive names."""
    text = " ".join(text.split())
    for apostrophe in APOSTROPHES[1:]:
        text = text.replace(apostrophe, "'")
    return text


def _search_form(text: str) -> str:
    """A name as it is compared with the folded text: folded, whitespace runs as one space,
    apostrophes as '."""
    return _normalise_exact(_fold(text))


class MentionFinder:
    """Every mention of a set of names in any text. Build once, call `find` per text.

    Building for 4,000 names takes some 30 ms. The finder keeps nothing between calls to
    `find`: the automaton is only read once built.
    """

    def __init__(self, names: Iterable[Name]) -> None:
        entries: dict[str, list[_Entry]] = {}
        seen: set[tuple[int, str]] = set()
        self._multiword = False
        for name in names:
            if (name.actor_id, name.text) in seen:
                continue
            seen.add((name.actor_id, name.text))
            form = _search_form(name.text)
            skeleton = _skeleton(form)
            if not skeleton.strip():
                continue  # no letter or digit: nothing to find
            self._multiword = self._multiword or " " in form
            punctuation = tuple(
                (offset, char)
                for offset, (char, word) in enumerate(zip(form, skeleton, strict=True))
                if word == " "
            )
            exact = _normalise_exact(name.text) if name.is_case_sensitive else None
            entry = _Entry(name.actor_id, name.text, exact, punctuation)
            entries.setdefault(f" {skeleton} ", []).append(entry)
        self._automaton: AhoCorasick | None = None
        # What each key (by its index in the automaton) stands for: its names, and whether
        # it is the common case, one name with only word characters and no case, which
        # needs no check once the automaton has found it.
        self._keys: list[tuple[tuple[_Entry, ...], bool]] = []
        if entries:
            for group in entries.values():
                plain = len(group) == 1 and not group[0].punctuation and group[0].exact is None
                self._keys.append((tuple(group), plain))
            self._automaton = AhoCorasick(list(entries))

    def find(self, text: str) -> list[Match]:
        """Every mention in `text`, leftmost-longest, sorted by start (then actor id)."""
        if self._automaton is None or not text:
            return []
        folded = _fold(text)
        positions: list[int] | None = None
        shifts: list[int] = []
        if self._multiword and _needs_collapse(folded):
            folded, positions, shifts = _collapse(folded)
        skeleton = _skeleton(folded)
        last_but_one = len(folded) - 1

        # Candidates: spans that pass the apostrophe rule and have at least one name whose
        # punctuation and case agree. Word boundaries were enforced by the padded keys.
        # Every key found, overlaps included, as (key, start, end) in the padded skeleton: a
        # key is " name ", so the name's span in the text is (start, end - 2).
        candidates: list[tuple[int, int, tuple[_Entry, ...]]] = []
        keys = self._keys
        for key, start, padded_end in self._automaton.find_matches_as_indexes(
            f" {skeleton} ", overlapping=True
        ):
            end = padded_end - 2
            group, plain = keys[key]
            if end < last_but_one and folded[end] in APOSTROPHES and skeleton[end + 1] != " ":
                # "Xiao'ou" is one word; "SenseTime's" is SenseTime, possessive.
                if folded[end + 1] != "s" or (end + 2 <= last_but_one and skeleton[end + 2] != " "):
                    continue
            if start > 1 and folded[start - 1] in APOSTROPHES and skeleton[start - 2] != " ":
                continue  # "O'Brien" is one word
            if (end <= last_but_one and folded[end] == "$") or (start and folded[start - 1] == "$"):
                continue  # "US$767", "$US100", "HK$": a currency, not the country
            if not plain:
                group = tuple(
                    entry
                    for entry in group
                    if _agrees(entry, text, folded, start, end, positions, shifts)
                )
                if not group:
                    continue
            # No two candidates share a span (one span, one key), so the tuples sort by span.
            candidates.append((start, -end, group))

        # Leftmost-longest: by start, the longest first, then skip whatever overlaps.
        candidates.sort()
        matches: list[Match] = []
        reached = 0
        for start, negative_end, group in candidates:
            if start < reached:
                continue
            reached = end = -negative_end
            if positions is not None:
                start, end = _original_span(start, end, positions, shifts)
            found = text[start:end]
            if len(group) == 1:
                entry = group[0]
                matches.append(_new_match(Match, (entry.actor_id, start, end, found, entry.name)))
                continue
            actors: set[int] = set()
            for entry in sorted(group, key=lambda entry: entry.actor_id):
                if entry.actor_id not in actors:  # an actor's first name only
                    actors.add(entry.actor_id)
                    matches.append(
                        _new_match(Match, (entry.actor_id, start, end, found, entry.name))
                    )
        return matches


def _agrees(
    entry: _Entry,
    text: str,
    folded: str,
    start: int,
    end: int,
    positions: list[int] | None,
    shifts: list[int],
) -> bool:
    """Whether the span holds the name's punctuation and, if case-sensitive, its exact case."""
    for offset, char in entry.punctuation:
        found = folded[start + offset]
        if found == char:
            continue
        if char == " " and found.isspace() or char == "'" and found in APOSTROPHES:
            continue
        return False
    if entry.exact is None:
        return True
    begin, finish = _original_span(start, end, positions, shifts)
    return _normalise_exact(text[begin:finish]) == entry.exact


def _original_span(
    start: int, end: int, positions: list[int] | None, shifts: list[int]
) -> tuple[int, int]:
    """A span of the collapsed text as a span of the original (ends are never whitespace)."""
    if positions is None:
        return start, end
    begin = start + shifts[bisect_right(positions, start) - 1]
    finish = end - 1 + shifts[bisect_right(positions, end - 1) - 1] + 1
    return begin, finish

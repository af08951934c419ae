"""Narrowing and ordering claim rows (claim_rows.py) the way the claims table does.

In the core rather than in a Qt proxy model: a script or a notebook gets the same answers as
the table, and the rules (what a search matches, where an undated claim goes) are tested
without widgets. Both work on the rows already in memory: a keystroke in the search box
costs a scan of a few thousand folded strings, not a query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from briefing.core.claims.rows import ClaimRow, fold

NO_SPEAKER = 0  # ClaimFilter.speaker_id: claims whose speaker is not given (ids start at 1)
UNGRADED = 0  # ClaimFilter.grade: claims with no credibility grade


@dataclass(frozen=True)
class ClaimFilter:
    """What the table is narrowed to; None means "any"."""

    text: str = ""  # every word must appear in the quote, names, title, outlet or tags
    status: str | None = None
    speaker_id: int | None = None  # or NO_SPEAKER
    grade: int | None = None  # or UNGRADED
    tag: str | None = None  # on the claim or on its article

    def matches(self, row: ClaimRow) -> bool:
        return _matcher(self)(row)


def filter_rows(rows: Iterable[ClaimRow], wanted: ClaimFilter) -> list[ClaimRow]:
    """The rows `wanted` keeps, in their order."""
    keep = _matcher(wanted)
    return [row for row in rows if keep(row)]


def _matcher(wanted: ClaimFilter) -> Callable[[ClaimRow], bool]:
    words = fold(wanted.text).split()
    tag = fold(wanted.tag.strip().lstrip("#")) if wanted.tag else None

    def keep(row: ClaimRow) -> bool:
        if wanted.status is not None and row.status != wanted.status:
            return False
        if wanted.speaker_id is not None:
            speaker_id = row.speaker.id if row.speaker else NO_SPEAKER
            if speaker_id != wanted.speaker_id:
                return False
        if wanted.grade is not None and (row.grade or UNGRADED) != wanted.grade:
            return False
        if tag is not None and not any(fold(t) == tag for t in (*row.tags, *row.article_tags)):
            return False
        haystack = row.haystack if words else ""
        return all(word in haystack for word in words)

    return keep


# Ordering ----------------------------------------------------------------------------------

# A sort key is (tier, value), or None when the row has nothing to sort by. Tiers keep their
# order in both directions: a date without a year (tier 1) cannot be placed among dated ones
# (tier 0), so it follows them; rows with no value at all come last, whichever way.
SortValue = str | int | tuple[int, ...]  # one kind per key, so values within a tier compare
SortKey = tuple[int, SortValue] | None


def _text(value: str) -> SortKey:
    folded = " ".join(fold(value).split())
    return (0, folded) if folded else None


def _date(row: ClaimRow) -> SortKey:
    date = row.date
    if date is None:
        return None
    if date.year is None:  # "--12-14": month and day known, year not
        return (1, (date.month or 0, date.day or 0))
    # A less precise date sorts before the precise ones it covers: 2021, 2021-12, 2021-12-14.
    return (0, (date.year, date.month or 0, date.day or 0))


SORT_KEYS: dict[str, Callable[[ClaimRow], SortKey]] = {
    "quote": lambda row: _text(row.quote),
    "speaker": lambda row: _text(row.speaker_name),
    "about": lambda row: _text(row.about_names),
    "status": lambda row: _text(row.status),
    "grade": lambda row: (0, row.grade) if row.grade is not None else None,
    "article": lambda row: _text(row.article_title),
    "outlet": lambda row: _text(row.outlet),
    "date": _date,
}


def sort_rows(rows: Iterable[ClaimRow], key: str, *, descending: bool = False) -> list[ClaimRow]:
    """`rows` ordered by one of SORT_KEYS; ties keep their order (the sort is stable).

    Empty values (no speaker, no grade, no date) go last in either direction, as a reader
    sorting by grade wants the graded claims first, best or worst.
    """
    key_of = SORT_KEYS[key]
    tiers: dict[int, list[tuple[SortValue, ClaimRow]]] = {}
    empty: list[ClaimRow] = []
    for row in rows:
        found = key_of(row)
        if found is None:
            empty.append(row)
        else:
            tiers.setdefault(found[0], []).append((found[1], row))
    ordered: list[ClaimRow] = []
    for tier in sorted(tiers):
        pairs = sorted(tiers[tier], key=_value, reverse=descending)
        ordered.extend(row for _, row in pairs)
    return ordered + empty


def _value(pair: tuple[SortValue, ClaimRow]) -> SortValue:
    return pair[0]

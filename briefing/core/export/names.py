"""People's names as CSL-JSON wants them: each person apart, family and given names split.

A byline is one field of free text: "Jane Q. Doe", "Jane Q. Doe, John Smith", "Doe, Jane",
"Jane Doe and John Smith", "Reuters Staff". A citation style can only invert, abbreviate and
sort names it knows the parts of, and "Jane Q. Doe, John Smith" as one literal name prints
as one odd person. So a byline is split into people (at semicolons, at "and" and "&", and
at commas when what they separate are whole names), and each name into given and family
(the last word; a lower-case particle before it, "van", "de", stays with it). "Doe, Jane"
is one person written family first. What does not look like a person's name (one word, an
organisation's wording, digits) stays a literal name: a style prints it as it is.
"""

from __future__ import annotations

import re
from typing import Any

_PEOPLE = re.compile(r"\s*;\s*|\s+(?:and|&)\s+", re.IGNORECASE)
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_PARTICLES = {
    "van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "des", "la", "le",
    "ten", "ter", "bin", "al", "el", "dos", "das",
}  # fmt: skip
_NOT_A_PERSON = re.compile(
    r"(?i)\b(?:staff|reporters?|correspondents?|desk|bureau|team|news|agency|agencies|"
    r"editors?|editorial|service|wire|press|media|online|writers?)\b|\d"
)


def csl_names(byline: str | None) -> list[dict[str, Any]]:
    """The people of a byline as CSL name objects, in order."""
    names: list[dict[str, Any]] = []
    for part in _PEOPLE.split(" ".join((byline or "").split())):
        part = part.strip(" ,")
        if part:
            names += _comma_names(part)
    return names


def _comma_names(text: str) -> list[dict[str, Any]]:
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    # "Doe, Jane Q." (and "Doe, Jane, Jr."): one person, family name first.
    rest = [p for p in pieces[1:] if p.casefold() not in _SUFFIXES]
    if len(pieces) >= 2 and len(rest) == 1 and len(pieces[0].split()) == 1:
        suffix = next((p for p in pieces[2:] if p.casefold() in _SUFFIXES), None)
        return [_person(rest[0], pieces[0], suffix)]
    names: list[dict[str, Any]] = []
    for piece in pieces:
        if piece.casefold() in _SUFFIXES and names and "family" in names[-1]:
            names[-1]["suffix"] = piece
        else:
            names.append(_name(piece))
    return names


def _name(text: str) -> dict[str, Any]:
    words = text.split()
    if len(words) < 2 or _NOT_A_PERSON.search(text) or not words[-1][:1].isupper():
        return {"literal": text}
    family_at = len(words) - 1
    while family_at > 1 and words[family_at - 1] in _PARTICLES:
        family_at -= 1
    name = _person(" ".join(words[:family_at]), words[-1])
    if family_at < len(words) - 1:
        name["non-dropping-particle"] = " ".join(words[family_at:-1])
    return name


def _person(given: str, family: str, suffix: str | None = None) -> dict[str, Any]:
    name: dict[str, Any] = {"family": family, "given": given}
    if suffix:
        name["suffix"] = suffix
    return name

"""What an actor is, as scripts and the app see it, and the checks on its names and kinds."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.core.errors import InvalidInput

KINDS = ("person", "organisation", "government body", "state", "group", "place", "other")
_KIND_SYNONYMS = {
    "organization": "organisation",
    "org": "organisation",
    "government": "government body",
    "gov": "government body",
    "country": "state",
    "people": "group",
}


@dataclass(frozen=True)
class Alias:
    id: int
    text: str
    article_id: int | None  # None: library-wide
    case_sensitive: bool


@dataclass(frozen=True)
class Actor:
    id: int
    name: str
    kind: str
    description: str
    aliases: tuple[Alias, ...] = ()
    uid: str = ""


@dataclass(frozen=True)
class ActorListing:
    """An actor with how much of the library points at it."""

    actor: Actor
    mentions: int
    claims_made: int
    claims_about: int


def normalise_kind(kind: str) -> str:
    value = " ".join(kind.lower().replace("_", " ").replace("-", " ").split())
    value = _KIND_SYNONYMS.get(value, value)
    if value not in KINDS:
        raise InvalidInput(f"unknown actor kind {kind!r}: use one of {', '.join(KINDS)}")
    return value


def clean_name(text: str, what: str = "name") -> str:
    name = " ".join(text.split())
    if not name:
        raise InvalidInput(f"an actor's {what} cannot be empty")
    return name

"""What a claim is, as scripts and the app see it, and the checks on its fields."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.core.errors import InvalidInput

STATUSES = ("asserted", "disputed", "denied", "corroborated", "retracted")
SOURCE_RELATIONS = ("cites", "supports", "contradicts")
CLAIM_RELATIONS = ("supports", "contradicts", "repeats")
GRADE_MEANINGS = {
    1: "confirmed",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


class Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET = Unset()  # "leave as it is", distinct from None ("clear it")


@dataclass(frozen=True)
class ActorRef:
    id: int
    name: str


@dataclass(frozen=True)
class LinkedSource:
    id: int
    title: str
    relation: str
    kind: str
    grade: str | None
    publisher: str | None
    date: str | None
    url: str | None


@dataclass(frozen=True)
class ClaimLink:
    claim_id: int  # the other claim
    relation: str
    outgoing: bool  # True: this claim <relation> the other; False: the other <relation> this


@dataclass(frozen=True)
class Claim:
    id: int
    article_id: int
    article_title: str
    quote: str
    start: int | None
    end: int | None
    prefix: str
    suffix: str
    orphaned: bool
    speaker: ActorRef | None
    about: tuple[ActorRef, ...]
    status: str
    grade: int | None
    note: str
    tags: tuple[str, ...]
    sources: tuple[LinkedSource, ...]
    links: tuple[ClaimLink, ...]
    uid: str = ""


def check_status(status: str) -> str:
    value = status.strip().lower()
    if value not in STATUSES:
        raise InvalidInput(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    return value


def check_grade(grade: int | str | None) -> int | None:
    if grade is None or str(grade).strip() == "":
        return None
    try:
        value = int(str(grade).strip())
    except ValueError:
        raise InvalidInput(f"credibility grade {grade!r} is not a number from 1 to 6") from None
    if not 1 <= value <= 6:
        raise InvalidInput(f"credibility grade {value} is outside 1 to 6")
    return value


def check_relation(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise InvalidInput(f"unknown {what} relation {value!r}: use one of {', '.join(allowed)}")
    return value

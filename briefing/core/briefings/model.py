"""What a briefing is, as scripts and the app see it: frozen values, never rows.

A briefing is a title, an author, a date, a bottom line up front (BLUF) and ordered
sections; each section holds an ordered list of items. Positions are 1-based and have no
gaps, so "position 3" means the same to the reader, the CLI and the app.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.core.briefings.snapshot import ClaimSnapshot
from briefing.core.dates import PartialDate

ITEM_KINDS = ("claim", "note", "heading")


@dataclass(frozen=True)
class BriefingItem:
    """A claim (quoted, with its speaker), an analyst's note (Markdown) or a sub-heading.

    For a claim, `claim_id` is None once the claim (or its article) has been deleted; the
    briefing then still has `snapshot`: what the claim said, who said it and what it cited
    when it was last added or refreshed. `text` is the note's Markdown or the sub-heading.
    """

    id: int
    section_id: int
    position: int
    kind: str
    claim_id: int | None
    text: str
    snapshot: ClaimSnapshot | None

    @property
    def gone(self) -> bool:
        """A claim item whose claim no longer exists in the library."""
        return self.kind == "claim" and self.claim_id is None


@dataclass(frozen=True)
class BriefingSection:
    id: int
    position: int
    heading: str
    items: tuple[BriefingItem, ...]


@dataclass(frozen=True)
class Briefing:
    id: int
    title: str
    author: str
    date: PartialDate | None
    bluf: str
    created_at: str
    updated_at: str | None
    sections: tuple[BriefingSection, ...]
    uid: str = ""
    shared: bool = False  # with the team library (briefing brief share)

    @property
    def items(self) -> tuple[BriefingItem, ...]:
        """Every item in reading order, across sections."""
        return tuple(item for section in self.sections for item in section.items)

    def item(self, item_id: int) -> BriefingItem | None:
        return next((i for i in self.items if i.id == item_id), None)


@dataclass(frozen=True)
class BriefingSummary:
    """A row of `briefing brief list`: no items, only counts."""

    id: int
    title: str
    author: str
    date: PartialDate | None
    sections: int
    claims: int
    updated_at: str
    uid: str = ""

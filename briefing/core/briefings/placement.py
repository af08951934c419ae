"""Where briefing items go when dropped, and putting them there (`BriefingService.move_items`).

A placement is (item id, section heading, 1-based position). A drop of several items (in
reading order) at a row of a section becomes one placement per item; putting them back on
undo is the same operation with the placements they had before.

Moving items one by one to their final positions goes wrong when some of them still sit in
the target section (each move shifts the others), so `place()` works in two passes, inside
one transaction: first every item goes to the end of its target section, then each is moved
to its position, lowest first. After the first pass a section holds its unmoved items in
order followed by the moved ones, and placing the moved ones in ascending order never
disturbs one already placed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing.core.briefings.model import Briefing

if TYPE_CHECKING:
    from briefing.core.library import Library

Placement = tuple[int, str, int]


def placements_of(briefing: Briefing, item_ids: Sequence[int]) -> list[Placement]:
    """Where these items are now."""
    wanted = set(item_ids)
    return [
        (item.id, section.heading, item.position)
        for section in briefing.sections
        for item in section.items
        if item.id in wanted
    ]


def drop_placements(
    briefing: Briefing, item_ids: Sequence[int], section_id: int, row: int
) -> list[Placement]:
    """Where a drop of `item_ids` before `row` of a section (-1: its end) puts them.

    `row` counts the section's rows as shown, the dragged items included; [] when the drop
    would leave everything where it is.
    """
    section = next(s for s in briefing.sections if s.id == section_id)
    shown = [item.id for item in section.items]
    moved = list(dict.fromkeys(item_ids))
    at = len(shown) if row < 0 else min(row, len(shown))
    staying = [i for i in shown if i not in moved]
    insert = at - sum(1 for i in shown[:at] if i in moved)
    final = staying[:insert] + moved + staying[insert:]
    if final == shown:
        return []
    return [(item_id, section.heading, final.index(item_id) + 1) for item_id in moved]


def place(library: Library, briefing_id: int, placements: Sequence[Placement]) -> None:
    """Move each item to its placement (see the module docstring); all or nothing."""
    briefings = library.briefings
    with library.transaction():
        if len(placements) > 1:
            for item_id, heading, _position in placements:
                end = _end_of(library, briefing_id, heading, item_id)
                briefings.move(briefing_id, item_id, end, section=heading)
        for item_id, heading, position in sorted(placements, key=lambda p: p[2]):
            briefings.move(briefing_id, item_id, position, section=heading)


def _end_of(library: Library, briefing_id: int, heading: str, item_id: int) -> int:
    """The last position of a section for an item moving into it (or within it)."""
    wanted = heading.casefold()
    for section in library.briefings.get(briefing_id).sections:
        if section.heading.casefold() == wanted:
            return len([i for i in section.items if i.id != item_id]) + 1
    return 1

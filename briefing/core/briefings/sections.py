"""A briefing's sections as things of their own: made empty, moved, taken out and put back.

Items name their section by id, and the app's undo names sections by id too, so a section
taken out (`take`) comes back (`put_back`) under its own id, at its old position, with its
items under theirs. Section positions are 1-based without gaps, like item positions: every
function here leaves them renumbered. Each takes the connection of a transaction already
open (BriefingService wraps them).
"""

from __future__ import annotations

import sqlite3

from briefing.core.briefings.model import BriefingSection
from briefing.core.briefings.rows import (
    ITEM_COLUMNS,
    clean_heading,
    find_section,
    item_from_row,
    live_claim,
    reinsert_item,
)
from briefing.core.errors import InvalidInput, NotFound
from briefing.core.rowid import inserted_id


def section_order(conn: sqlite3.Connection, briefing_id: int) -> list[int]:
    return [
        int(row[0])
        for row in conn.execute(
            "SELECT id FROM briefing_sections WHERE briefing_id = ? ORDER BY position, id",
            (briefing_id,),
        )
    ]


def write_section_order(conn: sqlite3.Connection, section_ids: list[int]) -> None:
    conn.executemany(
        "UPDATE briefing_sections SET position = ? WHERE id = ?",
        [(position, section_id) for position, section_id in enumerate(section_ids, start=1)],
    )


def _check_position(position: int, count: int) -> int:
    if not 1 <= position <= count:
        raise InvalidInput(f"section position {position} is outside 1 to {count}")
    return position


def add(conn: sqlite3.Connection, briefing_id: int, heading: str, at: int | None) -> int:
    """A new, empty section named `heading`, last or at 1-based position `at`."""
    heading = clean_heading(heading)
    if not heading:
        raise InvalidInput("a new section needs a heading")
    if find_section(conn, briefing_id, heading) is not None:
        raise InvalidInput(f"briefing {briefing_id} already has a section {heading!r}")
    order = section_order(conn, briefing_id)
    position = len(order) + 1 if at is None else _check_position(at, len(order) + 1)
    cursor = conn.execute(
        "INSERT INTO briefing_sections (briefing_id, position, heading) VALUES (?, ?, ?)",
        (briefing_id, len(order) + 1, heading),
    )
    section_id = inserted_id(cursor)
    order.insert(position - 1, section_id)
    write_section_order(conn, order)
    return section_id


def require_section(conn: sqlite3.Connection, briefing_id: int, section_id: int) -> None:
    if not conn.execute(
        "SELECT 1 FROM briefing_sections WHERE id = ? AND briefing_id = ?",
        (section_id, briefing_id),
    ).fetchone():
        raise NotFound(f"briefing {briefing_id} has no section {section_id}")


def move(conn: sqlite3.Connection, briefing_id: int, section_id: int, to_position: int) -> None:
    require_section(conn, briefing_id, section_id)
    order = [s for s in section_order(conn, briefing_id) if s != section_id]
    _check_position(to_position, len(order) + 1)
    order.insert(to_position - 1, section_id)
    write_section_order(conn, order)


def take(conn: sqlite3.Connection, briefing_id: int, section_id: int) -> BriefingSection:
    """Delete a section with its items (their claims stay); returns it as it was."""
    require_section(conn, briefing_id, section_id)
    position, heading = conn.execute(
        "SELECT position, heading FROM briefing_sections WHERE id = ?", (section_id,)
    ).fetchone()
    items = tuple(
        item_from_row(row)
        for row in conn.execute(
            f"SELECT {ITEM_COLUMNS} FROM briefing_items i WHERE i.section_id = ? "
            "ORDER BY i.position, i.id",
            (section_id,),
        )
    )
    conn.execute("DELETE FROM briefing_sections WHERE id = ?", (section_id,))
    write_section_order(conn, section_order(conn, briefing_id))
    return BriefingSection(section_id, position, heading, items)


def put_back(conn: sqlite3.Connection, briefing_id: int, section: BriefingSection) -> None:
    """Put back what `take` returned: the same ids, the old position (last, when there are
    fewer sections now). Refused when an id is in use again or the heading is taken."""
    for table, row_id, what in (
        ("briefing_sections", section.id, f"section {section.id}"),
        *(("briefing_items", item.id, f"item {item.id}") for item in section.items),
    ):
        if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone():
            raise InvalidInput(f"cannot restore {what}: that id is in use again")
    if section.heading and find_section(conn, briefing_id, section.heading) is not None:
        raise InvalidInput(f"briefing {briefing_id} has a section {section.heading!r} again")
    order = section_order(conn, briefing_id)
    conn.execute(
        "INSERT INTO briefing_sections (id, briefing_id, position, heading) VALUES (?, ?, ?, ?)",
        (section.id, briefing_id, len(order) + 1, section.heading),
    )
    order.insert(min(max(section.position, 1), len(order) + 1) - 1, section.id)
    write_section_order(conn, order)
    for item in section.items:
        claim_id = live_claim(conn, item.claim_id)
        if (
            claim_id is not None
            and conn.execute(
                """SELECT 1 FROM briefing_items i JOIN briefing_sections s ON s.id = i.section_id
               WHERE s.briefing_id = ? AND i.claim_id = ?""",
                (briefing_id, claim_id),
            ).fetchone()
        ):
            raise InvalidInput(f"claim {claim_id} is already in briefing {briefing_id}")
        reinsert_item(conn, item, item.position, claim_id)

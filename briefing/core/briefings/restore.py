"""Undo of a deletion: an item or a whole briefing put back under the very ids it had.

Apart from the service because it is the one place that writes rows with ids chosen by the
caller: later steps in the app's undo history name the item, section or briefing by its
id, so a put-back must reuse it, and must refuse (InvalidInput, nothing written) when the
id is taken again or the claim it quoted is back in the briefing. Sections have their own
put-back beside their other moves (sections.py). Each function takes the connection of a
transaction already open; BriefingService wraps them and refreshes what follows a change.
"""

from __future__ import annotations

import sqlite3

from briefing.core.briefings.model import Briefing, BriefingItem
from briefing.core.briefings.rows import (
    claim_item,
    live_claim,
    reinsert_item,
    require_briefing,
    write_order,
)
from briefing.core.errors import InvalidInput, NotFound
from briefing.core.journal import new_uid


def put_back_item(conn: sqlite3.Connection, briefing_id: int, item: BriefingItem) -> None:
    """`BriefingService.restore`: the item at its old position in its section (last, when
    the section is shorter now); a claim deleted meanwhile comes back as its snapshot."""
    require_briefing(conn, briefing_id)
    if not conn.execute(
        "SELECT 1 FROM briefing_sections WHERE id = ? AND briefing_id = ?",
        (item.section_id, briefing_id),
    ).fetchone():
        raise NotFound(f"briefing {briefing_id} has lost the section of item {item.id}")
    _require_free(conn, "briefing_items", item.id, f"item {item.id}")
    claim_id = live_claim(conn, item.claim_id)
    if claim_id is not None and claim_item(conn, briefing_id, claim_id) is not None:
        raise InvalidInput(f"claim {claim_id} is already in briefing {briefing_id}")
    order = [
        row[0]
        for row in conn.execute(
            "SELECT id FROM briefing_items WHERE section_id = ? ORDER BY position, id",
            (item.section_id,),
        )
    ]
    index = min(max(item.position, 1), len(order) + 1) - 1
    reinsert_item(conn, item, index + 1, claim_id)
    order.insert(index, item.id)
    write_order(conn, order)


def put_back_briefing(conn: sqlite3.Connection, briefing: Briefing) -> None:
    """`BriefingService.restore_briefing`: the briefing, its sections and its items, each
    under its old id, with its old `updated_at`."""
    _require_free(conn, "briefings", briefing.id, f"briefing {briefing.id}")
    conn.execute(
        "INSERT INTO briefings (id, title, author, date, bluf, created_at, updated_at, "
        "uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            briefing.id,
            briefing.title,
            briefing.author,
            briefing.date.iso() if briefing.date else None,
            briefing.bluf,
            briefing.created_at,
            briefing.updated_at,
            briefing.uid or new_uid(),
        ),
    )
    for section in briefing.sections:
        _require_free(conn, "briefing_sections", section.id, f"section {section.id}")
        conn.execute(
            "INSERT INTO briefing_sections (id, briefing_id, position, heading) "
            "VALUES (?, ?, ?, ?)",
            (section.id, briefing.id, section.position, section.heading),
        )
        for item in section.items:
            _require_free(conn, "briefing_items", item.id, f"item {item.id}")
            reinsert_item(conn, item, item.position, live_claim(conn, item.claim_id))


def _require_free(conn: sqlite3.Connection, table: str, row_id: int, what: str) -> None:
    if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone():
        raise InvalidInput(f"cannot restore {what}: that id is in use again")

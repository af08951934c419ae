"""The SQL under BriefingService: sections found by heading, items inserted, renumbered.

Kept apart from briefings.py so the service reads as the list of things a reader can do.
Every function takes the connection of a transaction already open.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from briefing.core.briefings.model import BriefingItem
from briefing.core.briefings.snapshot import ClaimSnapshot, SnapshotMaker
from briefing.core.errors import NotFound
from briefing.core.rowid import inserted_id


def clean_heading(text: str) -> str:
    return " ".join(text.split())


def require_briefing(conn: sqlite3.Connection, briefing_id: int) -> None:
    if not conn.execute("SELECT 1 FROM briefings WHERE id = ?", (briefing_id,)).fetchone():
        raise NotFound(f"no briefing with id {briefing_id}")


def find_section(conn: sqlite3.Connection, briefing_id: int, heading: str) -> int | None:
    wanted = clean_heading(heading).casefold()
    for section_id, existing in conn.execute(
        "SELECT id, heading FROM briefing_sections WHERE briefing_id = ? ORDER BY position",
        (briefing_id,),
    ):
        if existing.casefold() == wanted:
            return int(section_id)
    return None


def section_for(conn: sqlite3.Connection, briefing_id: int, heading: str | None) -> int:
    """The section named (created last when new), else the last one, else a new one."""
    if heading is not None:
        found = find_section(conn, briefing_id, heading)
        if found is not None:
            return found
    else:
        row = conn.execute(
            "SELECT id FROM briefing_sections WHERE briefing_id = ? "
            "ORDER BY position DESC, id DESC LIMIT 1",
            (briefing_id,),
        ).fetchone()
        if row:
            return int(row[0])
    position = conn.execute(
        "SELECT coalesce(max(position), 0) + 1 FROM briefing_sections WHERE briefing_id = ?",
        (briefing_id,),
    ).fetchone()[0]
    cursor = conn.execute(
        "INSERT INTO briefing_sections (briefing_id, position, heading) VALUES (?, ?, ?)",
        (briefing_id, position, clean_heading(heading or "")),
    )
    return inserted_id(cursor)


def insert_item(
    conn: sqlite3.Connection,
    section_id: int,
    kind: str,
    text: str = "",
    *,
    claim_id: int | None = None,
    snapshot: ClaimSnapshot | None = None,
) -> int:
    position = conn.execute(
        "SELECT coalesce(max(position), 0) + 1 FROM briefing_items WHERE section_id = ?",
        (section_id,),
    ).fetchone()[0]
    quote, speaker, citation = snapshot.columns() if snapshot else (None, None, None)
    cursor = conn.execute(
        """INSERT INTO briefing_items (section_id, position, kind, claim_id, text,
               quote_snapshot, speaker_snapshot, citation_snapshot)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        (section_id, position, kind, claim_id, text, quote, speaker, citation),
    )
    return inserted_id(cursor)


def reinsert_item(
    conn: sqlite3.Connection, item: BriefingItem, position: int, claim_id: int | None
) -> None:
    """Put a removed item back under its old id (undo): same section, kind, text, snapshot.

    `claim_id` is None when the claim went meanwhile: the item keeps its snapshot, as any
    item whose claim was deleted does.
    """
    quote, speaker, citation = item.snapshot.columns() if item.snapshot else (None, None, None)
    conn.execute(
        """INSERT INTO briefing_items (id, section_id, position, kind, claim_id, text,
               quote_snapshot, speaker_snapshot, citation_snapshot)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            item.id,
            item.section_id,
            position,
            item.kind,
            claim_id,
            item.text,
            quote,
            speaker,
            citation,
        ),
    )


def claim_item(conn: sqlite3.Connection, briefing_id: int, claim_id: int) -> int | None:
    """The item that holds this claim in this briefing, if any."""
    row = conn.execute(
        """SELECT i.id FROM briefing_items i JOIN briefing_sections s ON s.id = i.section_id
           WHERE s.briefing_id = ? AND i.claim_id = ?""",
        (briefing_id, claim_id),
    ).fetchone()
    return int(row[0]) if row else None


def live_claim(conn: sqlite3.Connection, claim_id: int | None) -> int | None:
    """The claim id if that claim still exists, else None."""
    if claim_id is None:
        return None
    row = conn.execute("SELECT 1 FROM claims WHERE annotation_id = ?", (claim_id,)).fetchone()
    return claim_id if row else None


def item_in(conn: sqlite3.Connection, briefing_id: int, item_id: int) -> BriefingItem:
    row = conn.execute(
        f"""SELECT {ITEM_COLUMNS} FROM briefing_items i
            JOIN briefing_sections s ON s.id = i.section_id
            WHERE i.id = ? AND s.briefing_id = ?""",
        (item_id, briefing_id),
    ).fetchone()
    if row is None:
        raise NotFound(f"briefing {briefing_id} has no item {item_id}")
    return item_from_row(row)


def write_order(conn: sqlite3.Connection, item_ids: list[int]) -> None:
    conn.executemany(
        "UPDATE briefing_items SET position = ? WHERE id = ?",
        [(position, item_id) for position, item_id in enumerate(item_ids, start=1)],
    )


def renumber(conn: sqlite3.Connection, section_id: int) -> None:
    ids = [
        row[0]
        for row in conn.execute(
            "SELECT id FROM briefing_items WHERE section_id = ? ORDER BY position, id",
            (section_id,),
        )
    ]
    write_order(conn, ids)


def store_snapshots(conn: sqlite3.Connection, briefing_id: int, maker: SnapshotMaker) -> None:
    """Every claim item of the briefing takes what its claim says now."""
    keep_snapshots(
        conn,
        maker,
        "i.section_id IN (SELECT id FROM briefing_sections WHERE briefing_id = ?)",
        briefing_id,
    )


def keep_snapshots(
    conn: sqlite3.Connection, maker: SnapshotMaker, where: str, *args: object
) -> None:
    """The items picked by `where` (over `briefing_items i`) store what their live claims say
    now: before claims go ("i.claim_id = ?", or the claims of an article), or when a
    briefing's items change. Costs nothing for a claim no briefing quotes (the claim_id index
    answers); an item whose snapshot is already right is not written."""
    rows = conn.execute(
        f"""SELECT i.id, i.claim_id, i.quote_snapshot, i.speaker_snapshot, i.citation_snapshot
            FROM briefing_items i WHERE i.claim_id IS NOT NULL AND {where}""",
        args,
    ).fetchall()
    for item_id, claim_id, *stored in rows:
        snapshot = maker.claim(claim_id)
        if snapshot is not None and snapshot.columns() != tuple(stored):
            conn.execute(
                "UPDATE briefing_items SET quote_snapshot = ?, speaker_snapshot = ?, "
                "citation_snapshot = ? WHERE id = ?",
                (*snapshot.columns(), item_id),
            )


ITEM_COLUMNS = """i.id, i.section_id, i.position, i.kind, i.claim_id, i.text, i.quote_snapshot,
                   i.speaker_snapshot, i.citation_snapshot"""


def item_from_row(row: tuple[Any, ...]) -> BriefingItem:
    id_, section_id, position, kind, claim_id, text, quote, speaker, citation = row
    snapshot = ClaimSnapshot.from_columns(quote, speaker, citation) if kind == "claim" else None
    return BriefingItem(id_, section_id, position, kind, claim_id, text, snapshot)

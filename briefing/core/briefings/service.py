"""Briefings: claims, notes and sub-headings gathered into titled sections, ready to export.

Every change is one transaction and bumps the briefing's `updated_at`. A claim can stand in
any number of briefings but only once in each (its footnote label is the claim's id).
Sections are found by heading, ignoring case and spacing; naming a section that does not
exist creates it, last. With no section named, items go to the last section, or to an
untitled one when the briefing has none yet.

Each claim item keeps a snapshot (snapshot.py) of what its claim says, taken when the item is
added, refreshed when items are added, moved or removed, and again just before the claim or
its article is deleted, so that the briefing still exports with what the claim said. Editing
the briefing's own fields (title, bottom line, author, date) leaves the snapshots alone: that
is typed, and committed, every second or two, and must cost one statement, not one per claim.

This module holds the changes, each one transaction. Reading a briefing back and exporting
it (reading.py, which BriefingService inherits) and putting back what undo restores under
its old ids (restore.py) are modules of their own.
"""

from __future__ import annotations

import builtins  # the service has a list() method: its annotations say builtins.list
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from briefing.core.briefings import sections
from briefing.core.briefings.model import (
    Briefing,
    BriefingItem,
    BriefingSection,
)
from briefing.core.briefings.placement import Placement, place
from briefing.core.briefings.reading import BriefingReader
from briefing.core.briefings.restore import put_back_briefing, put_back_item
from briefing.core.briefings.rows import (
    clean_heading,
    find_section,
    insert_item,
    item_in,
    renumber,
    require_briefing,
    section_for,
    store_snapshots,
    write_order,
)
from briefing.core.briefings.snapshot import SnapshotMaker
from briefing.core.changes import Changes
from briefing.core.claims.model import UNSET, Unset
from briefing.core.clock import now
from briefing.core.dates import PartialDate, parse_optional
from briefing.core.errors import InvalidInput, NotFound
from briefing.core.journal import new_uid
from briefing.core.rowid import inserted_id


def _date(value: str | PartialDate | None) -> str | None:
    date = value if isinstance(value, PartialDate) else parse_optional(value)
    return date.iso() if date else None


class BriefingService(BriefingReader):
    """What a reader can change in a briefing, each change one transaction; reading it back
    and exporting it are inherited from BriefingReader (reading.py)."""

    # The briefing itself ----------------------------------------------------------------------

    def new(
        self,
        title: str,
        *,
        bluf: str = "",
        author: str = "",
        date: str | PartialDate | None = None,
    ) -> int:
        """Create an empty briefing and return its id. The date defaults to today (UTC)."""
        title = clean_heading(title)
        if not title:
            raise InvalidInput("a briefing needs a title")
        stored = _date(date) or datetime.now(UTC).date().isoformat()
        with self._library.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO briefings (title, author, date, bluf, created_at, uid) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (title, clean_heading(author), stored, bluf.strip(), now(), new_uid()),
            )
        return inserted_id(cursor)

    def edit(
        self,
        briefing_id: int,
        *,
        title: str | Unset = UNSET,
        bluf: str | Unset = UNSET,
        author: str | Unset = UNSET,
        date: str | PartialDate | None | Unset = UNSET,
    ) -> Briefing:
        """Change what is given; a date of None or "" clears it."""
        changes: dict[str, object] = {}
        if not isinstance(title, Unset):
            changes["title"] = clean_heading(title)
            if not changes["title"]:
                raise InvalidInput("a briefing needs a title")
        if not isinstance(bluf, Unset):
            changes["bluf"] = bluf.strip()
        if not isinstance(author, Unset):
            changes["author"] = clean_heading(author)
        if not isinstance(date, Unset):
            changes["date"] = _date(date)
        changes["updated_at"] = now()
        with self._library.transaction() as conn:
            cursor = conn.execute(
                f"UPDATE briefings SET {', '.join(f'{k} = ?' for k in changes)} WHERE id = ?",
                [*changes.values(), briefing_id],
            )
            if cursor.rowcount == 0:
                raise NotFound(f"no briefing with id {briefing_id}")
        return self.get(briefing_id)

    def share(self, briefing_id: int, shared: bool = True) -> Briefing:
        """Share a briefing with the team library, or stop sharing it (`shared=False`): the
        team's copy is withdrawn at the next sync, and every library that had it keeps it,
        private. A briefing is private until its owner shares it."""
        with self._library.transaction() as conn:
            cursor = conn.execute(
                "UPDATE briefings SET shared = ? WHERE id = ? AND shared != ?",
                (int(shared), briefing_id, int(shared)),
            )
            if cursor.rowcount == 0:
                require_briefing(conn, briefing_id)
        return self.get(briefing_id)

    def delete(self, briefing_id: int) -> Briefing:
        gone = self.get(briefing_id)
        with self._library.transaction() as conn:
            conn.execute("DELETE FROM briefings WHERE id = ?", (briefing_id,))
        return gone

    # Items ------------------------------------------------------------------------------------

    def add_claims(
        self,
        briefing_id: int,
        claim_ids: Iterable[int],
        *,
        section: str | None = None,
        at: int | None = None,
    ) -> builtins.list[int]:
        """Add claims to a section, in the order given; returns the new items' ids. They go
        at the section's end, or from 1-based position `at` on (a drop between two items).

        Every claim is checked first: an unknown claim, or one already in this briefing,
        and nothing is added.
        """
        if at is not None:
            if section is None:
                raise InvalidInput("a position needs the section it is in")
            with self._library.transaction():
                ids = self.add_claims(briefing_id, claim_ids, section=section)
                self.move_items(briefing_id, [(i, section, at + n) for n, i in enumerate(ids)])
            return ids
        wanted = list(dict.fromkeys(int(c) for c in claim_ids))
        if not wanted:
            raise InvalidInput("name at least one claim to add")
        maker = SnapshotMaker(self._library)
        snapshots = []
        for claim_id in wanted:
            snapshot = maker.claim(claim_id)
            if snapshot is None:
                raise NotFound(f"no claim with id {claim_id}")
            snapshots.append(snapshot)
        with self._library.transaction() as conn:
            require_briefing(conn, briefing_id)
            for claim_id in wanted:
                row = conn.execute(
                    """SELECT i.id FROM briefing_items i
                       JOIN briefing_sections s ON s.id = i.section_id
                       WHERE s.briefing_id = ? AND i.claim_id = ?""",
                    (briefing_id, claim_id),
                ).fetchone()
                if row:
                    raise InvalidInput(
                        f"claim {claim_id} is already in briefing {briefing_id} (item {row[0]})"
                    )
            section_id = section_for(conn, briefing_id, section)
            ids = [
                insert_item(conn, section_id, "claim", claim_id=claim_id, snapshot=snapshot)
                for claim_id, snapshot in zip(wanted, snapshots, strict=True)
            ]
            self._touch(conn, briefing_id, maker)
        return ids

    def add_note(self, briefing_id: int, text: str, *, section: str | None = None) -> int:
        """Append an analyst's note (Markdown) to a section; returns the item's id."""
        return self._add_text(briefing_id, "note", text.strip(), section)

    def add_heading(self, briefing_id: int, text: str, *, section: str | None = None) -> int:
        """Append a sub-heading to a section; returns the item's id."""
        return self._add_text(briefing_id, "heading", clean_heading(text), section)

    def edit_text(self, briefing_id: int, item_id: int, text: str) -> BriefingItem:
        """Rewrite a note or a sub-heading."""
        with self._library.transaction() as conn:
            item = item_in(conn, briefing_id, item_id)
            if item.kind == "claim":
                raise InvalidInput(f"item {item_id} is a claim: edit the claim itself")
            text = text.strip() if item.kind == "note" else clean_heading(text)
            if not text:
                raise InvalidInput(f"a {item.kind} cannot be empty")
            conn.execute("UPDATE briefing_items SET text = ? WHERE id = ?", (text, item_id))
            self._touch(conn, briefing_id)
        return item_in(self._library.connection(), briefing_id, item_id)

    def move(
        self, briefing_id: int, item_id: int, to_position: int, *, section: str | None = None
    ) -> BriefingItem:
        """Move an item to a 1-based position in its section, or in another section
        (created, last, when new). Positions run from 1 to the section's length (counting
        the item itself when it comes from another section)."""
        with self._library.transaction() as conn:
            item = item_in(conn, briefing_id, item_id)
            target = item.section_id if section is None else section_for(conn, briefing_id, section)
            others = [
                row[0]
                for row in conn.execute(
                    "SELECT id FROM briefing_items WHERE section_id = ? AND id <> ? "
                    "ORDER BY position, id",
                    (target, item_id),
                )
            ]
            if not 1 <= to_position <= len(others) + 1:
                raise InvalidInput(
                    f"position {to_position} is outside 1 to {len(others) + 1} in that section"
                )
            others.insert(to_position - 1, item_id)
            conn.execute("UPDATE briefing_items SET section_id = ? WHERE id = ?", (target, item_id))
            write_order(conn, others)
            renumber(conn, item.section_id)
            self._touch(conn, briefing_id)
        return item_in(self._library.connection(), briefing_id, item_id)

    def move_items(self, briefing_id: int, placements: Sequence[Placement]) -> Changes:
        """Put each item at its (item id, section heading, 1-based position), all at once:
        a drag of several items, or an undo putting them back (placement.py says how)."""
        with self._library.transaction():
            require_briefing(self._library.connection(), briefing_id)
            place(self._library, briefing_id, placements)
        return self._library.last_changes

    def remove_items(
        self, briefing_id: int, item_ids: Iterable[int]
    ) -> builtins.list[BriefingItem]:
        """Take several items out in one transaction; returns them in reading order, as
        `restore_items` wants them (each goes back to the position it had)."""
        wanted = list(dict.fromkeys(item_ids))
        with self._library.transaction():
            order = {item.id: n for n, item in enumerate(self.get(briefing_id).items)}
            removed = [
                self.remove(briefing_id, item_id)
                for item_id in sorted(wanted, key=lambda i: order.get(i, -1), reverse=True)
            ]
        return removed[::-1]

    def restore_items(self, briefing_id: int, items: Sequence[BriefingItem]) -> Changes:
        """Put back what `remove_items` returned, under the same ids, in one transaction."""
        with self._library.transaction():
            for item in items:
                self.restore(briefing_id, item)
        return self._library.last_changes

    def remove(self, briefing_id: int, item_id: int) -> BriefingItem:
        """Take an item out of the briefing; returns it as it was (the claim stays)."""
        with self._library.transaction() as conn:
            item = item_in(conn, briefing_id, item_id)
            conn.execute("DELETE FROM briefing_items WHERE id = ?", (item_id,))
            renumber(conn, item.section_id)
            self._touch(conn, briefing_id)
        return item

    def restore(self, briefing_id: int, item: BriefingItem) -> BriefingItem:
        """Put back an item that `remove()` returned, under the same id, at its old position
        (last, when its section is shorter now). Undo needs the very same id: later steps in
        the undo history name the item by it.

        Its section must still be in this briefing (NotFound) and its id free (InvalidInput).
        A claim that is in the briefing again by now is refused (InvalidInput); a claim that
        was deleted meanwhile comes back as its snapshot, like any item whose claim went.
        """
        with self._library.transaction() as conn:
            put_back_item(conn, briefing_id, item)
            self._touch(conn, briefing_id)
        return item_in(self._library.connection(), briefing_id, item.id)

    def restore_briefing(self, briefing: Briefing) -> Changes:
        """Put back a briefing that `delete()` returned: the same ids for it, its sections and
        its items, and its old `updated_at`, so it returns to its place in `list()` (undo).

        Refused (InvalidInput, nothing written) when any of those ids is in use again.
        """
        with self._library.transaction() as conn:
            put_back_briefing(conn, briefing)
            store_snapshots(conn, briefing.id, SnapshotMaker(self._library))
        return self._library.last_changes

    def rename_section(self, briefing_id: int, heading: str, new_heading: str) -> Changes:
        new_heading = clean_heading(new_heading)
        with self._library.transaction() as conn:
            section_id = find_section(conn, briefing_id, heading)
            if section_id is None:
                raise NotFound(f"briefing {briefing_id} has no section {heading!r}")
            clash = find_section(conn, briefing_id, new_heading)
            if clash is not None and clash != section_id:
                raise InvalidInput(f"briefing {briefing_id} already has a section {new_heading!r}")
            conn.execute(
                "UPDATE briefing_sections SET heading = ? WHERE id = ?", (new_heading, section_id)
            )
            self._touch(conn, briefing_id)
        return self._library.last_changes

    # Sections ---------------------------------------------------------------------------------

    def add_section(self, briefing_id: int, heading: str, *, at: int | None = None) -> int:
        """A new, empty section, last or at 1-based position `at`; its id. A heading the
        briefing has already (ignoring case and spacing) is refused, as is an empty one."""
        with self._library.transaction() as conn:
            require_briefing(conn, briefing_id)
            section_id = sections.add(conn, briefing_id, heading, at)
            self._touch(conn, briefing_id, snapshots=False)
        return section_id

    def move_section(self, briefing_id: int, section_id: int, to_position: int) -> Changes:
        """Move a section (with its items) to a 1-based position among the sections."""
        with self._library.transaction() as conn:
            sections.move(conn, briefing_id, section_id, to_position)
            self._touch(conn, briefing_id, snapshots=False)
        return self._library.last_changes

    def remove_section(self, briefing_id: int, section_id: int) -> BriefingSection:
        """Take a section out with its items (their claims stay in the library); returns it
        as it was, for `restore_section`."""
        with self._library.transaction() as conn:
            section = sections.take(conn, briefing_id, section_id)
            self._touch(conn, briefing_id, snapshots=False)
        return section

    def restore_section(self, briefing_id: int, section: BriefingSection) -> Changes:
        """Put back what `remove_section` returned, under the same ids (undo). Refused, with
        nothing written, when an id or its heading is in use again."""
        with self._library.transaction() as conn:
            require_briefing(conn, briefing_id)
            sections.put_back(conn, briefing_id, section)
            self._touch(conn, briefing_id)
        return self._library.last_changes

    def refresh_snapshots(self, briefing_id: int) -> Changes:
        """Store what each live claim says now (done by every change to the items)."""
        with self._library.transaction() as conn:
            require_briefing(conn, briefing_id)
            store_snapshots(conn, briefing_id, SnapshotMaker(self._library))
        return self._library.last_changes

    # Helpers ----------------------------------------------------------------------------------

    def _add_text(self, briefing_id: int, kind: str, text: str, section: str | None) -> int:
        if not text:
            raise InvalidInput(f"a {kind} cannot be empty")
        with self._library.transaction() as conn:
            require_briefing(conn, briefing_id)
            item_id = insert_item(conn, section_for(conn, briefing_id, section), kind, text)
            self._touch(conn, briefing_id)
        return item_id

    def _touch(
        self,
        conn: sqlite3.Connection,
        briefing_id: int,
        maker: SnapshotMaker | None = None,
        *,
        snapshots: bool = True,
    ) -> None:
        """After a change to the items: their snapshots are brought up to date (not when
        only the sections changed: no claim was added or can have moved on)."""
        if snapshots:
            store_snapshots(conn, briefing_id, maker or SnapshotMaker(self._library))
        conn.execute("UPDATE briefings SET updated_at = ? WHERE id = ?", (now(), briefing_id))

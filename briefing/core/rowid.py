"""The id of the row an INSERT just made, typed as the id it always is."""

from __future__ import annotations

import sqlite3


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """`cursor.lastrowid`, which sqlite3 types `int | None` because a cursor that has run
    nothing has none; after an INSERT it is always set, so None here is a bug, said loudly."""
    rowid = cursor.lastrowid
    if rowid is None:
        raise RuntimeError("no row id after an INSERT")
    return rowid

"""Values SQLite cannot store are refused as input, whatever failed on the connection before."""

from __future__ import annotations

import sqlite3

import pytest

from briefing.core import InvalidInput, Library, NotFound


def test_text_that_cannot_be_stored_is_named_after_another_statement_failed(
    library: Library,
) -> None:
    # Found by the search property test: Python 3.11's sqlite3 reported a value it could not
    # bind to a cached statement as the last error on the connection, here the FTS5 one.
    with pytest.raises(NotFound):
        library.actors.resolve("nobody")  # the statement is cached now
    with pytest.raises(sqlite3.OperationalError, match="fts5"):
        library.connection().execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'a)'"
        ).fetchall()
    with pytest.raises(InvalidInput, match="not valid Unicode"):
        library.actors.resolve("caf\udce9")
    with pytest.raises(sqlite3.OperationalError, match="fts5"):
        library.connection().execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'a)'"
        ).fetchall()
    with pytest.raises(InvalidInput, match="too large"):
        library.connection().execute("SELECT id FROM actors WHERE id = ?", (2**70,))
    with pytest.raises(InvalidInput, match="not valid Unicode"):
        library.connection().executemany(
            "SELECT id FROM actors WHERE name = ?", [("fine",), ("caf\udce9",)]
        )

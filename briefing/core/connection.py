"""The sqlite3 connection every library thread uses: input SQLite cannot take becomes a
BriefingError at the one place all statements pass through.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from briefing.core.errors import InvalidInput
from briefing.core.text_input import printable


class Connection(sqlite3.Connection):
    """sqlite3's connection, with text and numbers it cannot store refused as input.

    A str holding a lone surrogate (what Python makes of bytes that are not UTF-8 in a file
    name, an argument or an environment value, or what JSON's \\udc80 escapes give) cannot
    be encoded for SQLite, and sqlite3 raises UnicodeEncodeError from whatever call passed
    it: here every such call becomes one InvalidInput, for the Python API as for the CLI.
    So does an int past SQLite's 64 bits (sqlite3 raises OverflowError).
    """

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        try:
            return super().execute(sql, parameters)
        except (UnicodeEncodeError, OverflowError, sqlite3.Error) as exc:
            _refuse_input(exc, [parameters])
            raise

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
        try:
            return super().executemany(sql, parameters)
        except (UnicodeEncodeError, OverflowError, sqlite3.Error) as exc:
            # An iterator is spent by now: only a list or tuple of rows can be looked at.
            _refuse_input(exc, parameters if isinstance(parameters, list | tuple) else ())
            raise


def _refuse_input(exc: Exception, rows: list[Any] | tuple[Any, ...]) -> None:
    """Raise InvalidInput when `exc` came of input SQLite cannot take; else return, and the
    caller raises `exc` as it was. (A function the two methods share, not a context
    manager: it costs nothing until a statement fails.)"""
    if isinstance(exc, UnicodeEncodeError):
        raise _not_text(exc) from None
    if isinstance(exc, OverflowError):
        raise _too_large() from None
    _refuse_unstorable(rows)


def _refuse_unstorable(rows: list[Any] | tuple[Any, ...]) -> None:
    """Raise InvalidInput if a parameter could not be stored. Python 3.11's sqlite3 reports a
    value it cannot bind to a statement it has cached as the connection's last error, the
    message of whatever statement failed before it ("fts5: syntax error near ')'", found by
    tests/core/search/test_search_properties.py); the value is what was wrong."""
    for row in rows:
        values = row.values() if isinstance(row, dict) else row
        if isinstance(values, str | bytes | int) or values is None:
            continue
        for value in values:
            if isinstance(value, str) and not value.isascii():
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError as exc:
                    raise _not_text(exc) from None
            elif isinstance(value, int) and not -(2**63) <= value < 2**63:
                raise _too_large() from None


def _too_large() -> InvalidInput:
    return InvalidInput(
        "a number too large for the library was given (ids and counts fit in 63 bits)"
    )


def _not_text(exc: UnicodeEncodeError) -> InvalidInput:
    given = printable(exc.object)
    if len(given) > 60:
        given = given[:57] + "..."
    return InvalidInput(f"text that is not valid Unicode (UTF-8) was given: '{given}'")

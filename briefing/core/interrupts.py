"""Reads that another thread may cut short: a search the reader has stopped waiting for.

A search as you type asks a new question at every key; the answer to the last one must not
wait for an earlier one still scoring a hundred thousand articles. `Library.interrupt()`,
from any thread, stops every read running inside `Library.interruptible()` at that moment:
SQLite's own interrupt (sqlite3_interrupt, safe from another thread) makes the statement
running on that read's connection fail within a few rows, and a flag catches the moments
between two statements, which SQLite's interrupt would miss (it is forgotten when the next
statement starts on an idle connection). Either way the read raises Cancelled; nothing else
on the connection is touched, so the library goes on as before.

Only reads opt in: an interrupt must never reach a write (an import in a worker thread
shares nothing with a search but the library).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from briefing.core.errors import Cancelled


class Read:
    """One interruptible read: its connection, and whether it was interrupted."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.interrupted = False

    def check(self) -> None:
        """Raise Cancelled if the read was interrupted: call it between statements."""
        if self.interrupted:
            raise Cancelled("the search was interrupted by a newer one")


class Interrupts:
    """The interruptible reads running now, on every thread of one library."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: list[Read] = []

    @contextmanager
    def reading(self, conn: sqlite3.Connection) -> Iterator[Read]:
        read = Read(conn)
        with self._lock:
            self._running.append(read)
        try:
            yield read
        except sqlite3.OperationalError as exc:
            if read.interrupted or str(exc) == "interrupted":
                raise Cancelled("the search was interrupted by a newer one") from exc
            raise
        finally:
            with self._lock:
                self._running.remove(read)
        read.check()

    def interrupt(self) -> int:
        """Stop every read running now; how many there were."""
        with self._lock:
            for read in self._running:
                read.interrupted = True
                read.conn.interrupt()
            return len(self._running)

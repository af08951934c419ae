"""Each thread's connection to a library file, and how every one of them is set up.

A sqlite3 connection refuses other threads, so each thread gets its own on first use: the
app reads on the GUI thread while a worker writes, WAL lets readers and one writer share
the file, and a busy timeout lets a second copy of the app wait its turn instead of
failing at once. Apart from the Library (core/library.py) because this is the one place a
connection to the library is opened: every one gets the same settings (WAL, the busy
wait, foreign keys, the page cache, synchronous FULL; a read-only file is opened
immutable), whichever thread asks first, and all of them are closed together.

What a thread keeps beside its connection (its transactions' depth, their last changes:
core/transactions.py) lives in the same thread-local `local`, so closing forgets both.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.core.connection import Connection
from briefing.core.errors import LibraryUnavailable
from briefing.core.library_file import translate_sqlite_error

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 64 * 1024


class ThreadConnections:
    """The connections of one open library, one per thread that used it."""

    def __init__(self, path: Path, *, read_only: str, empty: bool) -> None:
        self.path = path
        self.read_only = read_only  # why the file is open read-only, or "" when writable
        self._empty = empty  # until the first connection gives the new file its settings
        # This thread's connection and what its transactions keep beside it.
        self.local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def get(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self._open()
            self.local.conn = conn
            self.local.depth = 0  # of its transactions: a new connection is in none
            with self._lock:
                self._all.append(conn)
        return conn

    def release(self) -> None:
        """Close this thread's connection, if it has one (see Library.release_connection)."""
        conn = getattr(self.local, "conn", None)
        if conn is None:
            return
        with self._lock:
            if conn in self._all:
                self._all.remove(conn)
        del self.local.conn
        conn.close()

    def close(self) -> None:
        """Close every thread's connection, and forget what each thread kept beside it."""
        with self._lock:
            for conn in self._all:
                try:
                    conn.close()
                except sqlite3.Error:  # pragma: no cover - closing is best effort
                    pass
            self._all.clear()
        self.local = threading.local()

    @contextmanager
    def lock_wait(self, seconds: float) -> Iterator[None]:
        """Within this block, a write on this thread waits at most `seconds` for another
        program's write to end (see Library.lock_wait)."""
        conn = self.get()
        conn.execute(f"PRAGMA busy_timeout = {max(0, int(seconds * 1000))}")
        try:
            yield
        finally:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def _open(self) -> sqlite3.Connection:
        try:
            if self.read_only:
                # Nothing may be created beside a file we cannot write: unless another
                # program has it open in WAL mode (its -wal is there, and must be read), it
                # is opened immutable, read without locks or side files.
                live = any(
                    self.path.with_name(self.path.name + s).exists() for s in ("-wal", "-journal")
                )
                uri = f"{self.path.resolve().as_uri()}?mode=ro{'' if live else '&immutable=1'}"
                conn = sqlite3.connect(
                    uri,
                    uri=True,
                    isolation_level=None,
                    timeout=BUSY_TIMEOUT_MS / 1000,
                    factory=Connection,
                )
            else:
                conn = sqlite3.connect(
                    self.path,
                    isolation_level=None,
                    timeout=BUSY_TIMEOUT_MS / 1000,
                    factory=Connection,
                )
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, self.path) or LibraryUnavailable(
                f"cannot open {self.path}: {exc}"
            ) from exc
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        if self.read_only:
            return conn
        if self._empty:
            # Free pages can then be given back without a VACUUM (core/space.py). Only a file
            # with no tables takes it, and before WAL: the first connection only (on a later
            # one it would do nothing, yet wait for the lock that another writer may hold).
            self._empty = False
            conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode.lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit is on disk before the user is told it is done, so not even a power cut
        # loses an edit. One action is one transaction, so this costs one fsync per action.
        conn.execute("PRAGMA synchronous = FULL")
        # 64 MB of page cache (the default is 2 MB): a library of 100k articles has indexes of
        # hundreds of MB, and big writes (a batch import, storing suggestions) spill less.
        return conn

"""Units of work on a library: transactions, what each changed, and who is told.

Apart from the Library (core/library.py), which hands these out as its own methods, because
this is the one place a write begins and ends, and everything a write owes is kept here:
BEGIN IMMEDIATE ... COMMIT at the outermost level and a SAVEPOINT when nested, so one bad
file in a batch rolls back alone while the batch goes on, and a failure anywhere leaves the
library as it was; SQLite's errors turned into the library's; the records touched stamped
with who changed them (core/provenance.py); what the write changed read back from the
change journal (core/journal.py), which triggers keep, so no write can forget to say; and
the listeners told of each commit. A long write made of many short transactions (an
import) commits them without waiting for the disk each time (`syncing_once`).

Each finished transaction leaves its `Changes` in `last_changes`, and each commit announces
them to the listeners, on the thread that committed (the app turns that into one Qt signal).
What a thread's transactions keep (their depth, their last changes) lives beside its
connection (core/thread_connections.py).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from briefing.core import journal, provenance
from briefing.core.changes import NO_CHANGES, Changes
from briefing.core.checkpoints import BackgroundCheckpoints
from briefing.core.errors import BriefingError, InvalidInput, LibraryReadOnly
from briefing.core.library_file import translate_sqlite_error
from briefing.core.thread_connections import ThreadConnections

log = logging.getLogger(__name__)
Listener = Callable[[Changes], None]

LONG_WRITE_CHECKPOINT_PAGES = 65536  # 256 MB of log between checkpoints in a long write
LOG_SIZE_LIMIT = 64 * 1024 * 1024  # what the log's file is cut back to after a long write


class Transactions:
    """The transactions of one open library, on each thread's connection, and the listeners
    that hear of their commits."""

    def __init__(self, connections: ThreadConnections, user_name: Callable[[], str]) -> None:
        self._connections = connections
        self._user_name = user_name  # the library's settings: who signs its commits
        self._user: str | None = None  # the name commits are signed with, read once
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    @property
    def _local(self) -> threading.local:
        """This thread's state beside its connection (forgotten when the library closes)."""
        return self._connections.local

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One unit of work: all of it is written, or none of it.

        Nested calls become savepoints, so an inner failure can be caught and the outer
        work goes on. SQLite errors about the file are turned into LibraryUnavailable (and
        its kinds: LibraryBusy when another program holds the write lock past the wait);
        a constraint the outermost level breaks becomes InvalidInput. When it ends,
        `last_changes` holds what it changed (this level only); when the outermost level
        commits, the listeners hear of everything it changed.
        """
        if self._connections.read_only:
            path, why = self._connections.path, self._connections.read_only
            raise LibraryReadOnly(f"{path} is open read-only ({why}): nothing can be changed")
        conn = self._connections.get()
        depth = self._local.depth
        name = f"sp{depth}"
        checkpoints = getattr(self._local, "checkpoints", None) if depth == 0 else None
        if checkpoints is not None:
            checkpoints.before_transaction()
        try:
            conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT {name}")
        except sqlite3.Error as exc:
            raise self._translate(exc) from exc
        self._local.depth = depth + 1
        try:
            start = journal.current_version(conn)
            written = conn.total_changes
            yield conn
            if conn.total_changes == written:  # nothing written: nothing to read back
                changes: Changes | _Pending = Changes(version=start or 0, since=start or 0)
            elif depth == 0:
                changes = self._changes_from(conn, start)
            else:
                # A savepoint's changes are read when asked for (`last_changes`, right after
                # it): a batch of a thousand files pays nothing for a question nobody asks.
                changes = _Pending(conn, start)
        except BaseException as exc:
            self._local.depth = depth
            self._local.changes = NO_CHANGES
            if depth == 0:
                conn.execute("ROLLBACK")
            else:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            if isinstance(exc, sqlite3.IntegrityError):
                if depth == 0:  # inner levels may catch it; past the outermost, nobody can
                    raise InvalidInput(
                        f"that would break a rule of the library ({exc}); nothing was changed"
                    ) from exc
                raise
            if isinstance(exc, sqlite3.Error):
                raise self._translate(exc) from exc
            raise
        self._local.depth = depth
        try:
            if depth == 0 and start is not None and conn.total_changes != written:
                self._stamp(conn, start)
            conn.execute("COMMIT" if depth == 0 else f"RELEASE {name}")
        except sqlite3.Error as exc:
            self._local.changes = NO_CHANGES
            if depth == 0 and not conn.in_transaction:
                raise self._translate(exc) from exc
            conn.execute("ROLLBACK" if depth == 0 else f"ROLLBACK TO {name}")
            raise self._translate(exc) from exc
        self._local.changes = changes
        if checkpoints is not None:
            checkpoints.committed()
        if depth == 0 and isinstance(changes, Changes) and changes:
            self._announce(changes)

    def _stamp(self, conn: sqlite3.Connection, start: int) -> None:
        """Write who changed the records this transaction touched, and when (a sync writes
        the team's names itself and turns this off: `remote_writes`)."""
        if getattr(self._local, "remote", False):
            return
        if self._user is None:
            self._user = self._user_name()
        provenance.stamp(conn, start, self._user)

    @contextmanager
    def remote_writes(self) -> Iterator[None]:
        """Inside: commits on this thread keep the provenance their writer gave (a team
        sync applying others' changes), instead of naming this library's user."""
        self._local.remote = True
        try:
            yield
        finally:
            self._local.remote = False

    def forget_user(self) -> None:
        """The user name changed: the next commit reads it again."""
        self._user = None

    @contextmanager
    def syncing_once(self) -> Iterator[None]:
        """For a long write made of many short transactions (an import, a run of
        suggestions): each commits without waiting for the disk, and the write-ahead log is
        flushed once at the end, so the disk holds them all when the write returns. One
        fsync instead of one per commit: on a busy disk each takes tens of milliseconds, and
        a large import makes hundreds. The library stays consistent whatever happens; a
        power cut (not a crash of the program) in the middle may lose the commits since the
        last checkpoint, none from before the write began. Meanwhile a helper thread
        checkpoints after each commit (core/checkpoints.py), so the writer seldom waits for
        one, and the log starts over every 256 MB rather than 4 MB (a run of suggestions
        went from 57 s to 39 s with 64 MB, bench/suggest.py). The log's file is cut back to
        64 MB when it next starts over. Inside a caller's transaction it does nothing: that
        transaction's commit syncs."""
        conn = self._connections.get()
        if conn.in_transaction or getattr(self._local, "checkpoints", None) is not None:
            yield  # inside a caller's transaction, or a long write already (it syncs)
            return
        conn.execute("PRAGMA synchronous = NORMAL")
        # Fewer checkpoints too: each copies the log into the file and waits for the disk
        # (every 4 MB of log by default, hundreds of times in a large run). And made on a
        # thread of their own (core/checkpoints.py): a 100k import spent 3-4 s of its 45 in
        # them. The writer's own, at twice the helper's limit, are there should it fail.
        every = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        conn.execute(f"PRAGMA wal_autocheckpoint = {2 * LONG_WRITE_CHECKPOINT_PAGES}")
        # The journals of statements and savepoints (what a failing statement or a rolled
        # back savepoint puts back: the pages it changed) in memory rather than in temporary
        # files written and deleted by every batch: an import of 30k articles wrote 1.4 GB
        # instead of 1.8, and its commits took a quarter less CPU. One batch's pages at most;
        # the core keeps no temporary tables, which changing this setting would drop.
        temp_store = conn.execute("PRAGMA temp_store").fetchone()[0]
        conn.execute("PRAGMA temp_store = MEMORY")
        self._local.checkpoints = BackgroundCheckpoints(
            self._connections.path, LONG_WRITE_CHECKPOINT_PAGES
        )
        try:
            yield
        finally:
            self._local.checkpoints.close()
            del self._local.checkpoints
            conn.execute(f"PRAGMA temp_store = {int(temp_store)}")
            conn.execute(f"PRAGMA wal_autocheckpoint = {int(every)}")
            conn.execute(f"PRAGMA journal_size_limit = {LOG_SIZE_LIMIT}")
            conn.execute("PRAGMA synchronous = FULL")
            _flush(Path(f"{self._connections.path}-wal"))

    @staticmethod
    def _changes_from(conn: sqlite3.Connection, start: int | None) -> Changes:
        end = journal.current_version(conn)
        if start is None or end is None:  # the journal's head went missing mid-way
            return Changes(version=end or 0, full=True, since=start or 0)
        if end == start:
            return Changes(version=end, since=start)
        return journal.changes_between(conn, start, end)

    @property
    def last_changes(self) -> Changes:
        """What this thread's last finished transaction (or savepoint) changed. Ask right
        after it: a savepoint's changes are read from the journal when first asked for."""
        changes = getattr(self._local, "changes", NO_CHANGES)
        if isinstance(changes, _Pending):
            changes = self._local.changes = self._changes_from(changes.conn, changes.start)
        return changes

    def add_listener(self, listener: Listener) -> None:
        """Call `listener(changes)` after every commit through this library object, on the
        committing thread. Commits by other processes are not heard: see changes_since."""
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def _announce(self, changes: Changes) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(changes)
            except Exception:  # a listener's bug must not undo, or hide, a committed write
                log.exception("a change listener failed")

    def _translate(self, exc: sqlite3.Error) -> BriefingError | sqlite3.Error:
        return translate_sqlite_error(exc, self._connections.path) or exc


@dataclass(frozen=True)
class _Pending:
    """A finished savepoint whose changes nobody has asked for yet."""

    conn: sqlite3.Connection
    start: int | None


def _flush(path: Path) -> None:
    """Make the disk hold what was written to `path` (the write-ahead log), if it is there.
    Writable, because Windows flushes only through a handle that may write."""
    try:
        handle = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return
    try:
        os.fsync(handle)
    finally:
        os.close(handle)

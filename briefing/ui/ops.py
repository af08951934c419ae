"""Running core calls off the GUI thread: `CoreOp` (writes) and `QueryOp` (reads).

    op = CoreOp(runner, lambda library, progress: library.imports.files(paths, progress=progress))
    op.with_progress("Importing…", parent=window).success(show_summary).run()

Guarantees, after Anki's CollectionOp:
- `fn(library, progress)` runs on a worker thread. It must never touch a widget (that may
  crash Qt): it returns plain values, and the callbacks get them on the GUI thread.
- Writes run one at a time on a single writer thread (one SQLite writer, as Datasette and
  Anki serialise theirs); reads run on a reader thread so they never wait behind an import.
- Every commit, whoever makes it, reaches `runner.library_changed` as one typed `Changes`:
  an op's on the writer thread (queued here, so views refresh before the op's success
  callback runs), an undo step's on the GUI thread, another program's within a second (the
  runner polls `PRAGMA data_version` and reads the change journal). Each view refreshes
  what the changes touch.
- A `BriefingError` goes to `.failure(cb)`, or to the status bar / a dialog when no callback
  was given; `Cancelled` is silent; anything else is a bug and shows "Unexpected error".
- A write that meets a library another program is writing to (LibraryBusy, after the busy
  timeout) before it committed anything is tried again with backoff, off the GUI thread,
  for up to ten minutes or until cancelled; its progress says it is waiting.

Why threads of our own rather than QThreadPool: a pool runs each QRunnable under a fresh
Python thread state, so `threading.local` (where `Library.connection()` keeps each thread's
SQLite connection) is empty on every run and the library would open, and keep, a new
connection per op. A worker QThread whose `run()` loops over a queue keeps one thread state,
hence one connection, for its whole life.

This module is the runner (its threads, which op kind runs on which, the announcements) and
the op kinds; one op's own life, from `.success()` to its callbacks, is op_call.py.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from briefing.core import BriefingError, Changes, Library
from briefing.ui.op_call import Op

T = TypeVar("T")
Job = Callable[[], None]
BACKUP_NICENESS = 10


class _Worker(QThread):
    """One long-lived thread running jobs in order; see the module docstring for why."""

    def __init__(self, library: Library, name: str, *, humble: bool = False) -> None:
        super().__init__()
        self.setObjectName(name)
        self._humble = humble
        self._library = library
        self._jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self.ident: int | None = None  # the thread's, once it runs
        # While an op runs here, its commits gather in this list, to be announced as one.
        self.collecting: list[Changes] | None = None
        self._stopped = False

    def submit(self, job: Job) -> None:
        """Queue a job; after stop() it is dropped: a job that came late (a search's timer
        firing as the window closes) would start the thread again, and a thread still
        running when Qt deletes it aborts the whole program at exit."""
        if self._stopped:
            return
        if not self.isRunning():
            self.start()
        self._jobs.put(job)

    def stop(self) -> None:
        """Finish the queued jobs, close this thread's connection, end the thread."""
        self._stopped = True
        if self.isRunning():
            self._jobs.put(None)
            self.wait()

    def run(self) -> None:
        self.ident = threading.get_ident()
        if self._humble:
            _lower_priority(self)
        while (job := self._jobs.get()) is not None:
            job()
        # The connection belongs to this thread: only this thread may close it.
        self._library.connection().close()


def _lower_priority(thread: QThread) -> None:
    """Let the GUI thread (and its searches) go first: a backup reads and checks the whole
    file, seconds of CPU, and on two cores at equal priority it would slow every search
    meanwhile (bench/backup.py). Linux keeps a nice value per thread, and ignores Qt's
    priorities for ordinary threads; elsewhere Qt's priority works."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKUP_NICENESS)
        except OSError:
            pass
    else:  # pragma: no cover - not Linux
        thread.setPriority(QThread.Priority.LowPriority)


class OpRunner(QObject):
    """The workers of one open library, and the app-wide change signal.

    Signals:
        library_changed(Changes): something was committed (see the module docstring);
            announced once per commit, in journal order, none left out.
    """

    library_changed = Signal(Changes)
    _committed = Signal(object)  # Changes, emitted on whichever thread committed

    POLL_MS = 500

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._writer = _Worker(library, "briefing-writer")
        self._reader = _Worker(library, "briefing-reader")
        # A team sync talks to a server for seconds (minutes on a first join): its own
        # thread, so that neither edits nor reads wait behind the network. Its commits (one
        # local transaction per batch) reach library_changed as another program's would.
        self._syncer = _Worker(library, "briefing-sync")
        # Backups read the whole file for seconds: on a thread of their own, so that reads
        # never queue behind one.
        self._backer = _Worker(library, "briefing-backup", humble=True)
        # The undo stack's edits that met a busy library are retried here, not on the
        # writer: behind a background import there they would wait for all of it, while
        # the import leaves the lock free between its short transactions.
        self._editor = _Worker(library, "briefing-edits")
        self._running: set[Op[Any]] = set()
        self._stopped = False
        # The journal version every view has been told about: announcements continue from
        # here, so that a commit by another program in between is never skipped.
        self._seen = library.version
        self._data_version = self._read_data_version()
        self._committed.connect(self._on_committed)
        self._listener = self._heard  # one object, to remove it again
        library.add_listener(self._listener)
        self._poll = QTimer(self)
        self._poll.setInterval(self.POLL_MS)
        self._poll.timeout.connect(self.poll)
        self._poll.start()
        from briefing.ui.undo.writes import EditWriter  # it needs this module's runner

        # The undo stack's edits: written without ever waiting on the lock here.
        self.edits = EditWriter(self)

    # Changes -----------------------------------------------------------------------------------

    def _heard(self, changes: Changes) -> None:
        """The library's listener, on the committing thread: an op's commits are gathered
        and announced once when it ends (one user action, one announcement); any other
        commit goes to the GUI thread now."""
        writer = self._writer
        if writer.collecting is not None and threading.get_ident() == writer.ident:
            writer.collecting.append(changes)
        else:
            self._committed.emit(changes)

    def announce_gathered(self, gathered: list[Changes]) -> None:
        """From the writer thread, when an op ends: its commits as one `Changes`, queued
        ahead of the op's own result."""
        if not gathered:
            return
        merged = gathered[0]
        contiguous = True
        for later in gathered[1:]:
            contiguous = contiguous and later.since == merged.version
            merged = merged | later
        if not contiguous:  # another program committed in between: read it all
            merged = Changes.of(version=merged.version, since=-1)
        self._committed.emit(merged)

    @Slot(object)
    def _on_committed(self, changes: Changes) -> None:
        if changes.version <= self._seen and not changes.full:
            return  # already announced (the poll caught up first)
        if changes.since != self._seen:
            self.catch_up()  # someone else committed in between: read it all from the journal
            return
        self._announce(changes)

    def poll(self) -> None:
        """Look for commits by other programs (cheap: one pragma) and announce them."""
        current = self._read_data_version()
        if current == self._data_version:
            return
        self._data_version = current
        try:
            moved = self.library.version != self._seen
        except BriefingError:
            return  # busy or gone for a moment: the next poll tries again
        if moved:
            self.catch_up()

    def catch_up(self) -> None:
        """Announce everything committed since the last announcement, from the journal."""
        try:
            changes = self.library.changes_since(self._seen)
        except BriefingError:
            # The journal does not know our version (the file was replaced): reload all.
            changes = Changes(version=self.library.version, full=True, since=self._seen)
        if changes:
            self._announce(changes)
        else:
            self._seen = max(self._seen, changes.version)

    def _announce(self, changes: Changes) -> None:
        self._seen = max(self._seen, changes.version)
        self.library_changed.emit(changes)

    def _read_data_version(self) -> int:
        try:
            return int(self.library.connection().execute("PRAGMA data_version").fetchone()[0])
        except Exception:  # noqa: BLE001 - a closed or busy file: treat as unchanged
            return -1

    def submit(self, op: Op[Any], *, write: bool) -> None:
        if self._stopped:
            return  # the library is closing: nothing more starts (see _Worker.submit)
        self._running.add(op)
        if isinstance(op, SyncOp):
            self._syncer.submit(op._work)
            return
        if op._long_read:
            self._backer.submit(op._work)
        else:
            (self._writer if write else self._reader).submit(op._work)

    def submit_job(self, job: Job) -> None:
        """A plain job for the edit writer's thread (the undo stack's waiting edits)."""
        self._editor.submit(job)

    def done(self, op: Op[Any]) -> None:
        self._running.discard(op)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    @property
    def stopped(self) -> bool:
        """Shut down: the library is closing, and nothing more may start."""
        return self._stopped

    def shutdown(self) -> None:
        """Let running ops end; call before the library is closed."""
        self._stopped = True
        self._poll.stop()
        self.library.remove_listener(self._listener)
        self.edits.stop()
        for op in list(self._running):
            op.cancel()
        self._writer.stop()
        self._editor.stop()
        self._reader.stop()
        self._syncer.stop()
        self._backer.stop()


class CoreOp(Op[T]):
    """A write: serialised on the writer thread; its commits reach `library_changed`."""

    _writes = True


class QueryOp(Op[T]):
    """A read on the reader thread; nothing is announced afterwards."""

    _writes = False


class BackupOp(Op[T]):
    """A backup: a read of the whole file, on a thread of its own (reads go on meanwhile)."""

    _writes = False
    _long_read = True


class SyncOp(Op[T]):
    """A team sync: on its own thread (see OpRunner), its commits announced as they land."""

    _writes = False

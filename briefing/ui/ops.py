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
"""

from __future__ import annotations

import os
import queue
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from briefing.core import BriefingError, Cancelled, Changes, Library, LibraryBusy, Progress
from briefing.ui import errors

T = TypeVar("T")
Job = Callable[[], None]
REPORT_INTERVAL_S = 0.05
BACKUP_NICENESS = 10
BUSY_FIRST_DELAY_S = 0.25
BUSY_MAX_DELAY_S = 4.0
BUSY_RETRY_S = 600.0


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
        self._running: set[_Op[Any]] = set()
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

    def submit(self, op: _Op[Any], *, write: bool) -> None:
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

    def done(self, op: _Op[Any]) -> None:
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


class OpProgress:
    """The Progress the core sees: throttled reports to the op, and a cancel flag."""

    def __init__(self, report: Callable[[int, int, str], None]) -> None:
        self._report = report
        self._cancelled = threading.Event()
        self._last = 0.0

    def update(self, done: int, total: int, label: str = "") -> None:
        now = time.monotonic()
        if done >= total or now - self._last >= REPORT_INTERVAL_S:
            self._last = now
            self._report(done, total, label)

    def check(self) -> None:
        if self._cancelled.is_set():
            raise Cancelled("cancelled")

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


class _Op(QObject, Generic[T]):
    """One call into the core. Made on the GUI thread; its slots run there.

    Signals:
        progressed(int, int, str): done, total, label (throttled to about every 50 ms)
        finished(object): the result, after the success callback ran
        failed(object): the exception, after the failure handling ran
    """

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    # Emitted on the worker thread; received by this object's slots on the GUI thread.
    _worker_progressed = Signal(int, int, str)
    _worker_succeeded = Signal(object)
    _worker_failed = Signal(object)

    _writes = False
    _long_read = False

    def __init__(
        self, runner: OpRunner, fn: Callable[[Library, Progress], T], parent: QWidget | None = None
    ) -> None:
        super().__init__(runner)
        self._runner = runner
        self._fn = fn
        self._parent = parent
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._progress = OpProgress(self._worker_progressed.emit)
        self._dialog: QProgressDialog | None = None
        self._dialog_label = ""
        self._worker_progressed.connect(self._on_worker_progressed)
        self._worker_succeeded.connect(self._on_worker_succeeded)
        self._worker_failed.connect(self._on_worker_failed)

    # Building -------------------------------------------------------------------------------

    def success(self, callback: Callable[[T], None]) -> _Op[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> _Op[T]:
        self._on_failure = callback
        return self

    def with_progress(self, label: str) -> _Op[T]:
        """Show a progress dialog with Cancel over the parent while the op runs."""
        self._dialog_label = label
        return self

    def run(self) -> _Op[T]:
        if self._dialog_label:
            self._dialog = _progress_dialog(self._dialog_label, self._parent)
            self._dialog.canceled.connect(self.cancel)
        self._runner.submit(self, write=self._writes)
        return self

    def cancel(self) -> None:
        self._progress.cancel()

    @property
    def progress(self) -> OpProgress:
        return self._progress

    # Worker side ----------------------------------------------------------------------------

    def _work(self) -> None:
        writer = self._runner._writer
        gathered: list[Changes] = []
        if self._writes:
            writer.collecting = gathered
        try:
            result = self._call(gathered)
        except BaseException as exc:  # noqa: B036 - everything is reported on the GUI thread
            self._end_gathering(writer, gathered)
            self._worker_failed.emit(exc)
        else:
            self._end_gathering(writer, gathered)
            self._worker_succeeded.emit(result)

    def _call(self, gathered: list[Changes]) -> T:
        """Run `fn`; a write that met a busy library before it committed anything (another
        program holds the lock past the busy timeout: an import in another copy) is run
        again, with backoff, until BUSY_RETRY_S have passed or it is cancelled. One that had
        committed part of its work is not: it fails, saying so, rather than do it twice."""
        delay = BUSY_FIRST_DELAY_S
        deadline = time.monotonic() + BUSY_RETRY_S
        while True:
            try:
                return self._fn(self._runner.library, self._progress)
            except LibraryBusy:
                if not self._writes or gathered or time.monotonic() > deadline:
                    raise
                if self._runner.stopped:
                    raise
            self._worker_progressed.emit(0, 0, "Waiting for another program to finish writing…")
            waited = 0.0
            while waited < delay:
                if self._progress.cancelled or self._runner.stopped:
                    raise Cancelled("cancelled while waiting for the library")
                time.sleep(0.05)
                waited += 0.05
            delay = min(delay * 2, BUSY_MAX_DELAY_S)

    def _end_gathering(self, writer: _Worker, gathered: list[Changes]) -> None:
        if self._writes:
            writer.collecting = None
            # Even a failed op may have committed (a batch import cancelled half-way).
            self._runner.announce_gathered(gathered)

    # GUI side -------------------------------------------------------------------------------

    @Slot(int, int, str)
    def _on_worker_progressed(self, done: int, total: int, label: str) -> None:
        if self._dialog is not None and not self._progress.cancelled:
            self._dialog.setMaximum(max(total, 1))
            self._dialog.setValue(min(done, max(total, 1)))
            self._dialog.setLabelText(f"{self._dialog_label}\n{label}" if label else "")
        self.progressed.emit(done, total, label)

    def _parent_gone(self) -> bool:
        """The widget that asked was deleted while the op ran (a window closed meanwhile):
        its callbacks are bound to it, so they must not run."""
        return self._parent is not None and not isValid(self._parent)

    @Slot(object)
    def _on_worker_succeeded(self, result: object) -> None:
        self._close_dialog()
        try:
            # Views have refreshed already: the commit's announcement was queued here before
            # this result, so the action's follow-up (select what was added) sees them.
            if self._on_success is not None and not self._parent_gone():
                self._on_success(result)  # type: ignore[arg-type]
        finally:
            self._runner.done(self)
            self.finished.emit(result)

    @Slot(object)
    def _on_worker_failed(self, exc: BaseException) -> None:
        self._close_dialog()
        if self._parent_gone():
            self._parent, self._on_failure = None, None  # say it in whatever window is left
        try:
            if isinstance(exc, Cancelled):
                # A read stopped (a search a newer one interrupted) changed nothing and is
                # no news; a write the user cancelled is, and one that commits as it goes
                # (an import) says what it kept.
                if self._writes:
                    kept = getattr(exc, "kept", "") or "nothing was changed"
                    errors.show_status(self._parent, f"Cancelled: {kept}")
            elif self._on_failure is not None and isinstance(exc, BriefingError):
                self._on_failure(exc)
            elif isinstance(exc, BriefingError):
                errors.show_error(self._parent, exc)
            else:
                errors.show_unexpected(self._parent, exc)
        finally:
            self._runner.done(self)
            self.failed.emit(exc)

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.reset()
            self._dialog.deleteLater()
            self._dialog = None


class CoreOp(_Op[T]):
    """A write: serialised on the writer thread; its commits reach `library_changed`."""

    _writes = True


class QueryOp(_Op[T]):
    """A read on the reader thread; nothing is announced afterwards."""

    _writes = False


class BackupOp(_Op[T]):
    """A backup: a read of the whole file, on a thread of its own (reads go on meanwhile)."""

    _writes = False
    _long_read = True


def _progress_dialog(label: str, parent: QWidget | None) -> QProgressDialog:
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Briefing")
    dialog.setMinimumDuration(300)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setAccessibleName(label)
    return dialog


class SyncOp(_Op[T]):
    """A team sync: on its own thread (see OpRunner), its commits announced as they land."""

    _writes = False

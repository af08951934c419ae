"""Running core calls off the GUI thread: `CoreOp` (writes) and `QueryOp` (reads).

    op = CoreOp(runner, lambda library, progress: library.imports.files(paths, progress=progress))
    op.with_progress("Importing…", parent=window).success(show_summary).run()

Guarantees, after Anki's CollectionOp:
- `fn(library, progress)` runs on a worker thread. It must never touch a widget (that may
  crash Qt): it returns plain values, and the callbacks get them on the GUI thread.
- Writes run one at a time on a single writer thread (one SQLite writer, as Datasette and
  Anki serialise theirs); reads run on a reader thread so they never wait behind an import.
- After a CoreOp succeeds, `runner.library_changed` is emitted with its result, once, so
  every view can refresh what it shows.
- A `BriefingError` goes to `.failure(cb)`, or to the status bar / a dialog when no callback
  was given; `Cancelled` is silent; anything else is a bug and shows "Unexpected error".

Why threads of our own rather than QThreadPool: a pool runs each QRunnable under a fresh
Python thread state, so `threading.local` (where `Library.connection()` keeps each thread's
SQLite connection) is empty on every run and the library would open, and keep, a new
connection per op. A worker QThread whose `run()` loops over a queue keeps one thread state,
hence one connection, for its whole life.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from briefing.core import BriefingError, Cancelled, Library, Progress
from briefing.ui import errors

T = TypeVar("T")
Job = Callable[[], None]
REPORT_INTERVAL_S = 0.05


class _Worker(QThread):
    """One long-lived thread running jobs in order; see the module docstring for why."""

    def __init__(self, library: Library, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self._library = library
        self._jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()

    def submit(self, job: Job) -> None:
        if not self.isRunning():
            self.start()
        self._jobs.put(job)

    def stop(self) -> None:
        """Finish the queued jobs, close this thread's connection, end the thread."""
        if self.isRunning():
            self._jobs.put(None)
            self.wait()

    def run(self) -> None:
        while (job := self._jobs.get()) is not None:
            job()
        # The connection belongs to this thread: only this thread may close it.
        self._library.connection().close()


class OpRunner(QObject):
    """The workers of one open library, and the app-wide change signal.

    Signals:
        library_changed(object): a CoreOp succeeded; the argument is its result.
    """

    library_changed = Signal(object)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._writer = _Worker(library, "briefing-writer")
        self._reader = _Worker(library, "briefing-reader")
        self._running: set[_Op[Any]] = set()

    def submit(self, op: _Op[Any], *, write: bool) -> None:
        self._running.add(op)
        (self._writer if write else self._reader).submit(op._work)

    def done(self, op: _Op[Any]) -> None:
        self._running.discard(op)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def shutdown(self) -> None:
        """Let running ops end; call before the library is closed."""
        for op in list(self._running):
            op.cancel()
        self._writer.stop()
        self._reader.stop()


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
        try:
            result = self._fn(self._runner.library, self._progress)
        except BaseException as exc:  # noqa: B036 - everything is reported on the GUI thread
            self._worker_failed.emit(exc)
        else:
            self._worker_succeeded.emit(result)

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
            # Views refresh first, so the action's follow-up (select what was added) sees them.
            if self._writes:
                self._runner.library_changed.emit(result)
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
                errors.show_status(self._parent, "Cancelled: nothing was changed")
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
    """A write: serialised on the writer thread, then `library_changed` with its result."""

    _writes = True


class QueryOp(_Op[T]):
    """A read on the reader thread; nothing is announced afterwards."""

    _writes = False


def _progress_dialog(label: str, parent: QWidget | None) -> QProgressDialog:
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Briefing")
    dialog.setMinimumDuration(300)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setAccessibleName(label)
    return dialog

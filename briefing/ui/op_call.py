"""One op: a single call into the core, built on the GUI thread, run on a worker, answered
back on the GUI thread.

ops.py keeps the runner (which thread runs what, how every commit is announced) and lists the
guarantees callers rely on; this module is the op's own share of them, the part a caller
builds and the runner only queues: `fn` runs without touching a widget and its result or
exception comes back through queued signals; a failure is routed (`.failure(cb)`, the status
bar, a dialog, "Unexpected error", or silence for a cancel); a write that meets a busy
library is tried again with backoff; progress is throttled and shown, with Cancel, in a
dialog when asked for. Separate from the runner because none of this depends on which
thread the op runs on: the runner only queues an op's `_work` on the thread its kind names
(ops.py: `CoreOp`, `QueryOp`, `BackupOp`, `SyncOp`) and cancels it at shutdown.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from briefing.core import BriefingError, Cancelled, Changes, Library, LibraryBusy, Progress
from briefing.ui import errors

if TYPE_CHECKING:
    from briefing.ui.ops import OpRunner, _Worker

T = TypeVar("T")
REPORT_INTERVAL_S = 0.05
BUSY_FIRST_DELAY_S = 0.25
BUSY_MAX_DELAY_S = 4.0
BUSY_RETRY_S = 600.0


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


class Op(QObject, Generic[T]):
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

    def success(self, callback: Callable[[T], None]) -> Op[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op[T]:
        self._on_failure = callback
        return self

    def with_progress(self, label: str) -> Op[T]:
        """Show a progress dialog with Cancel over the parent while the op runs."""
        self._dialog_label = label
        return self

    def run(self) -> Op[T]:
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


def _progress_dialog(label: str, parent: QWidget | None) -> QProgressDialog:
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Briefing")
    dialog.setMinimumDuration(300)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setAccessibleName(label)
    return dialog

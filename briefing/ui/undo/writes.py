"""Writing the undo stack's steps so that the GUI thread never waits on the library's lock
and no edit is ever dropped.

Each undo or redo step is one transaction (briefing/ui/undo/commands.py). It is tried at
once on the GUI thread, but without waiting: the GUI thread's connection takes the write
lock with a busy timeout of 0 (`Library.lock_wait(0)`), so when another program holds it
(a second copy importing, a command, a script) the attempt fails at BEGIN, before anything
is written, in microseconds. Most of the time nobody else writes, the step is done when
`push()` returns, and the menu's "Undo" has something to undo at once.

A step that met a busy library is kept, in order, and retried on the op runner's writer
thread with backoff (50 ms doubling to 2 s, each attempt waiting up to 200 ms for the lock),
for as long as it takes: every later step queues behind it, so the library sees the edits
in the order they were made, and an undo of a waiting edit waits its turn after it. After
TELL_AFTER_S the window says so in full (which edit, which program holds the library, that
nothing is lost), and again when it has gone through. A step that fails for another reason
when its turn comes (its record was deleted meanwhile, elsewhere) is reported in full and
its command is dropped from the stack, as a synchronous failure is; the later steps of that
command are skipped with it.

Closing the window with edits waiting asks first (main_window.closeEvent): closing anyway
is the only way an edit is lost, and it is the reader's choice, told.

Signals:
    pending_changed(int): how many steps wait
    waiting(str): a step has waited past TELL_AFTER_S; the message says which and why
    saved(str): the waiting steps went through; the message says so
    failed(str): a waiting step failed when its turn came; the message says why
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from briefing.core import BriefingError, Library, LibraryBusy
from briefing.ui.wording import counted

if TYPE_CHECKING:
    from briefing.ui.ops import OpRunner

TELL_AFTER_S = 2.0
FIRST_DELAY_S = 0.05
MAX_DELAY_S = 2.0
WORKER_WAIT_S = 0.2

DONE = "done"
PENDING = "pending"
FAILED = "failed"


@dataclass(eq=False)
class Step:
    """One undo or redo step: `fn(library)`, one transaction. `owner` is the command it
    belongs to (a Python object whose C++ side may be gone by the time the step runs: only
    its Python attributes are used); `on_done`/`on_failed` run on the GUI thread."""

    text: str
    fn: Callable[[Library], None]
    owner: object
    on_done: Callable[[], None] | None = None
    on_failed: Callable[[BriefingError], None] | None = None
    queued_at: float = field(default_factory=time.monotonic)
    # Written on the edits' thread even when the library is free: a step that takes longer
    # than a frame (an outlet or tags set on hundreds of articles).
    background: bool = False


class EditWriter(QObject):
    pending_changed = Signal(int)
    waiting = Signal(str)
    saved = Signal(str)
    failed = Signal(str)
    # From the edits' thread, received on the GUI thread.
    _attempt_busy = Signal(object, str)
    _attempt_done = Signal(object)
    _attempt_failed = Signal(object, object)

    def __init__(self, runner: OpRunner) -> None:
        super().__init__(runner)
        self._runner = runner
        self._library = runner.library
        self._queue: deque[Step] = deque()
        self._running: Step | None = None
        self._dead: set[int] = set()  # id() of commands whose step failed: skip the rest
        self._told = False
        self._nudge = threading.Event()
        self._stopping = threading.Event()
        self._attempt_busy.connect(self._on_attempt_busy)
        self._attempt_done.connect(self._on_attempt_done)
        self._attempt_failed.connect(self._on_attempt_failed)

    # The GUI thread ---------------------------------------------------------------------------

    @property
    def pending(self) -> int:
        """How many steps wait to be written."""
        return len(self._queue)

    def run(self, step: Step) -> str:
        """Write `step` now if the library is free, else keep it for the edits' thread:
        DONE, PENDING (it will be written; `on_done` runs then) or FAILED (`on_failed` has
        run). Never waits on the lock."""
        if id(step.owner) in self._dead:
            return FAILED
        if not self._queue and not step.background:
            try:
                with self._library.lock_wait(0), self._library.transaction():
                    step.fn(self._library)
            except LibraryBusy:
                pass  # kept below, and retried where waiting harms nobody
            except BriefingError as exc:
                if step.on_failed is not None:
                    step.on_failed(exc)
                return FAILED
            else:
                if step.on_done is not None:
                    step.on_done()
                return DONE
        self._queue.append(step)
        self.pending_changed.emit(len(self._queue))
        self._next()
        return PENDING

    def retry_now(self) -> None:
        """Cut the current wait short (the window's Retry Now)."""
        self._nudge.set()

    def stop(self) -> None:
        """Stop retrying (the library is closing): what waits stays unwritten."""
        self._stopping.set()
        self._nudge.set()

    def describe_wait(self) -> str:
        """The whole story, for the window: which edits wait, for whom, and that they are
        kept."""
        count = len(self._queue)
        if not count:
            return ""
        first = self._queue[0]
        what = f"“{first.text}”" + (f" and {counted(count - 1, 'later edit')}" if count > 1 else "")
        name = self._library.path.name
        others = [holder.describe() for holder in self._library.others()]
        if len(others) == 1:
            who = f"{others[0]} is writing to {name}"
        elif others:
            who = f"another program is writing to {name} (it is open in {'; '.join(others)})"
        elif self._runner.busy:
            who = f"a longer job in this window is writing to {name}"
        else:
            who = f"another program is writing to {name}"
        waited = time.monotonic() - first.queued_at
        return (
            f"Not saved yet: {what}, because {who}. Briefing has kept trying for "
            f"{waited:.0f} s and goes on; nothing is lost meanwhile, and the edit is saved as "
            "soon as the library is free."
        )

    def _next(self) -> None:
        """Hand the first waiting step to the edits' thread, unless one is there already."""
        while self._running is None and self._queue:
            step = self._queue[0]
            if id(step.owner) in self._dead:  # an earlier step of its command failed
                self._queue.popleft()
                self.pending_changed.emit(len(self._queue))
                continue
            self._running = step
            self._nudge.clear()
            self._runner.submit_job(lambda step=step: self._attempt(step))

    @Slot(object, str)
    def _on_attempt_busy(self, step: Step, _message: str) -> None:
        if not self._told and time.monotonic() - step.queued_at >= TELL_AFTER_S:
            self._told = True
            self.waiting.emit(self.describe_wait())

    @Slot(object)
    def _on_attempt_done(self, step: Step) -> None:
        self._finish(step)
        if step.on_done is not None:
            try:
                step.on_done()
            except RuntimeError as exc:  # the window that asked was closed meanwhile
                if "already deleted" not in str(exc):
                    raise
        self._after()

    @Slot(object, object)
    def _on_attempt_failed(self, step: Step, exc: BaseException) -> None:
        self._finish(step)
        self._dead.add(id(step.owner))
        if isinstance(exc, BriefingError):
            message = f"Could not save “{step.text}” when the library became free: {exc}"
            if step.on_failed is not None:
                step.on_failed(exc)
            self.failed.emit(message)
        else:  # a bug: shown as one, with its traceback
            from briefing.ui import errors

            errors.show_unexpected(None, exc)
        self._after()

    def _finish(self, step: Step) -> None:
        self._running = None
        if self._queue and self._queue[0] is step:
            self._queue.popleft()
        self.pending_changed.emit(len(self._queue))

    def _after(self) -> None:
        if self._queue:
            self._next()
        elif self._told:
            self._told = False
            self.saved.emit("Saved: the edits that were waiting are in the library now.")

    # The edits' thread ------------------------------------------------------------------------

    def _attempt(self, step: Step) -> None:
        delay = FIRST_DELAY_S
        while not self._stopping.is_set():
            try:
                with self._library.lock_wait(WORKER_WAIT_S), self._library.transaction():
                    step.fn(self._library)
            except LibraryBusy as exc:
                self._attempt_busy.emit(step, str(exc))
                self._nudge.wait(delay)
                self._nudge.clear()
                delay = min(delay * 2, MAX_DELAY_S)
                continue
            except BaseException as exc:  # noqa: B036 - reported on the GUI thread
                self._attempt_failed.emit(step, exc)
                return
            self._attempt_done.emit(step)
            return

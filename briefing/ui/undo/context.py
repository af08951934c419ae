"""What every undo command needs from its window: the library, the stack, a voice.

`QUndoStack.push()` calls `redo()` and expects it done when it returns. Each step is a small
transaction, written on the GUI thread when the library is free (milliseconds), so the menu
says "Undo" only once there is something to undo. But the GUI thread never waits on the
write lock: when another program holds it (a second copy importing), the step is kept and
written off the GUI thread as soon as the lock is free, in order with every later step
(briefing/ui/undo/writes.py); `push()` then counts it as done, since nothing is lost, and
`then` runs once it is written. Tests that meet a busy library wait for
`runner.edits.pending == 0`.

Each step's commit is announced by the library itself (its listener, on the committing
thread): `runner.library_changed` carries its `Changes`, the same path a CoreOp's commit
takes, so the reader, the panel and the lists refresh the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from briefing.core import BriefingError, Library
from briefing.ui.ops import OpRunner
from briefing.ui.undo.writes import FAILED, Step


class UndoContext:
    def __init__(
        self, library: Library, runner: OpRunner, stack: QUndoStack, report: Callable[[str], None]
    ) -> None:
        self.library = library
        self.runner = runner
        self.stack = stack
        self._report = report
        self._failed = False
        self._then: Callable[[], None] | None = None
        self._pushing = False
        self._done_now = False
        self.last_error = ""

    def push(self, command: QUndoCommand, *, then: Callable[[], None] | None = None) -> bool:
        """Do the command and keep it for undo; False (and a message shown) when it failed.

        True also when the library was busy and the command waits to be written (it will
        be, in order); `then()` runs once it is written: at once, or later.
        """
        self._failed = False
        self._then = then
        self._done_now = False
        self._pushing = True
        try:
            self.stack.push(command)
        finally:
            self._pushing = False
            self._then = None
        # After the push, never inside it: `then` may push a command of its own.
        if self._done_now and then is not None:
            then()
        return not self._failed

    def write(
        self,
        text: str,
        fn: Callable[[Library], None],
        owner: object,
        *,
        undone: bool,
        on_failed: Callable[[], None],
        background: bool = False,
    ) -> bool:
        """Write one step of a command (see the module docstring); False when it failed now."""
        then, self._then = self._then, None
        verb = "undo" if undone else "do"

        def failed(exc: BriefingError) -> None:
            self.failed(f"Could not {verb} “{text}”: {exc}")
            on_failed()

        def done() -> None:
            if self._pushing:
                self._done_now = True  # push() calls `then` once the stack has the command
            elif then is not None:
                then()

        step = Step(text, fn, owner, on_done=done, on_failed=failed, background=background)
        return self.runner.edits.run(step) != FAILED

    def report(self, message: str) -> None:
        """Say something in the window's status bar (not a failure)."""
        self._report(message)

    def failed(self, message: str) -> None:
        self._failed = True
        self.last_error = message
        self._report(message)

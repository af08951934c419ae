"""What every undo command needs from its window: the library, the stack, a voice.

Commands write synchronously, on the GUI thread. `QUndoStack.push()` calls `redo()` and
expects it done when it returns, and each command is a small transaction (a claim and its
few rows, a handful of suggestions: milliseconds), so a worker round trip would only add a
window in which the menu says "Undo" before there is anything to undo. Beware: while a long
import holds the write lock, such a write waits up to the library's busy timeout and then
fails with a message; nothing is left half done.

Each step's commit is announced by the library itself (its listener, on this thread, so at
once): `runner.library_changed` carries its `Changes`, the same path a CoreOp's commit
takes, so the reader, the panel and the lists refresh the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from briefing.core import Library
from briefing.ui.ops import OpRunner


class UndoContext:
    def __init__(
        self, library: Library, runner: OpRunner, stack: QUndoStack, report: Callable[[str], None]
    ) -> None:
        self.library = library
        self.runner = runner
        self.stack = stack
        self._report = report
        self._failed = False
        self.last_error = ""

    def push(self, command: QUndoCommand) -> bool:
        """Do the command and keep it for undo; False (and a message shown) when it failed."""
        self._failed = False
        self.stack.push(command)
        return not self._failed

    def failed(self, message: str) -> None:
        self._failed = True
        self.last_error = message
        self._report(message)

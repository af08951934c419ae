"""What every undo command needs from its window: the library, the stack, a voice.

Commands write synchronously, on the GUI thread. `QUndoStack.push()` calls `redo()` and
expects it done when it returns, and each command is a small transaction (a claim and its
few rows, a handful of suggestions: milliseconds), so a worker round trip would only add a
window in which the menu says "Undo" before there is anything to undo. Beware: while a long
import holds the write lock, such a write waits up to the library's busy timeout and then
fails with a message; nothing is left half done.

After each successful step the runner's `library_changed` is emitted, the same path a
CoreOp takes, so the reader, the panel and the list refresh the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand, QUndoStack

from briefing.core import Library
from briefing.ui.ops import OpRunner


@dataclass(frozen=True)
class Edited:
    """What `library_changed` carries after an undoable edit: which one, and which way."""

    text: str
    undone: bool


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

    def changed(self, text: str, *, undone: bool) -> None:
        self.runner.library_changed.emit(Edited(text, undone))

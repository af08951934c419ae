"""A progress bar on a terminal; silence anywhere else (pipes, files, CI logs)."""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO


class TerminalProgress:
    """Implements core.progress.Progress. Redraws at most every 50 ms, on stderr."""

    def __init__(self, stream: TextIO | None = None, *, minimum: int = 2) -> None:
        self._stream = stream or sys.stderr
        self._active = self._stream.isatty()
        self._minimum = minimum
        self._last = 0.0
        self._drawn = False

    def update(self, done: int, total: int, label: str = "") -> None:
        if not self._active or total < self._minimum:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.05:
            return
        self._last = now
        columns = shutil.get_terminal_size((80, 24)).columns
        bar_width = 28
        filled = bar_width * done // max(total, 1)
        head = f"[{'#' * filled}{'.' * (bar_width - filled)}] {done}/{total} "
        room = max(0, columns - len(head) - 1)
        tail = label[-room:] if room else ""
        self._stream.write("\r" + head + tail.ljust(room))
        self._stream.flush()
        self._drawn = True

    def check(self) -> None:
        pass

    def finish(self) -> None:
        """Clear the bar so that what follows starts on a clean line."""
        if self._drawn:
            columns = shutil.get_terminal_size((80, 24)).columns
            self._stream.write("\r" + " " * (columns - 1) + "\r")
            self._stream.flush()
            self._drawn = False


def announce_upgrade(old: int, new: int, stream: TextIO | None = None) -> None:
    """Before an older library is upgraded (seconds on a large one): a line on a terminal,
    so the command does not seem to hang; nothing in a pipe, where stderr means errors."""
    stream = stream or sys.stderr
    if stream.isatty():
        stream.write(
            f"briefing: upgrading the library for this version (schema {old} to {new}); "
            "a copy as it was is kept beside it\n"
        )
        stream.flush()

"""What the window scripts (desk_window.py, claim_editor_window.py, hidpi_window.py) share:
each runs the app on an X server of its own size, in a child process, and waits on Qt's
events itself, with no qtbot there."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication


def wait(app: QApplication, done: Callable[[], bool], timeout: float = 15.0) -> None:
    """Process events until `done()`; past `timeout` seconds the script exits, said."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def settle(app: QApplication) -> None:
    """A fifth of a second of events: layouts and repaints that follow one another."""
    for _ in range(10):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.02)

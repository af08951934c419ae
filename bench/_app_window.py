"""The main window shown and painted, for bench/app.py's child processes.

Imported by the start-up child right after its first line, so everything here (Qt, the app)
counts toward the start-up time, as it would for a reader launching `briefing`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from briefing.core.library import Library
from briefing.ui.app import make_application, open_window
from briefing.ui.main_window import MainWindow


class PaintCounter(QObject):
    """Counts the paint events a widget receives. The filter sees the event before the
    widget paints; by the time `processEvents()` returns, the paint is done."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def until(app: QApplication, done: Callable[[], bool], timeout: float = 30.0) -> None:
    """Process events until `done()`; a bench that waits forever tells nobody anything."""
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise SystemExit("timed out waiting for the window")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def painted(app: QApplication, watch: PaintCounter, act: Callable[[], object]) -> float:
    """Seconds from `act()` to the next paint of the watched widget."""
    before = watch.count
    started = time.perf_counter()
    act()
    until(app, lambda: watch.count > before)
    return time.perf_counter() - started


def show_main_window(
    library_path: str, settings_path: str
) -> tuple[QApplication, Library, MainWindow, PaintCounter]:
    """The app as `briefing` starts it, on fresh settings, until the list has painted rows
    and the window is exposed. The counter watches the list's viewport. Without the day's
    backup: it would copy the cached library (760 MB at 100k) in the background while the
    bench measures, and leave the copy beside it."""
    app = make_application()
    library = Library.open(library_path, create=False)
    settings = QSettings(settings_path, QSettings.Format.IniFormat)
    settings.clear()
    window = open_window(library, settings, daily_backup_after_ms=None)
    view = window.library_pane.view
    rows = PaintCounter(view.viewport())

    def usable() -> bool:
        handle = window.windowHandle()
        exposed = handle is not None and handle.isExposed()
        return exposed and rows.count > 0 and view.model().rowCount() > 0

    until(app, usable)
    return app, library, window, rows

"""`briefing --smoke-test`: the app opened for real on a library, and closed once it settles.

A missing Qt plugin, resource or module in a stand-alone build or a fresh install shows only
when the window opens, so CI opens it there (on the offscreen platform) and asks for exit
status 0. Nobody is there to answer a dialog: a library that cannot be opened is one line on
stderr and status 2, and an error inside the app (an uncaught exception, an op's unexpected
failure, both logged) fails the run with status 1. The window counts as settled once it is
exposed, the first run's sample (on a new library) has loaded and no op is left running.
The user's window settings are neither read nor written: a temporary file stands in.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from briefing.core import BriefingError, Library

SETTLE_TIMEOUT_S = 60.0
TICK_MS = 25
STEADY_TICKS = 3  # idle this many ticks in a row: a queued op would have started by then


class _Failures(logging.Handler):
    """Every error the app logs (show_unexpected logs each bug before its dialog)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(self.format(record))


def run_smoke_test(app: QApplication, library_path: str | None) -> int:
    # Imported here: app.py imports this module, and open_window lives there.
    from briefing.ui.app import WINDOWS, open_window

    try:
        library = Library.open_default(library_path)
    except BriefingError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return 2
    failures = _Failures()
    logging.getLogger("briefing").addHandler(failures)
    previous_hook = sys.excepthook

    def excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        failures.messages.append("".join(traceback.format_exception(kind, exc, tb)))
        app.exit(1)

    sys.excepthook = excepthook
    try:
        with tempfile.TemporaryDirectory(prefix="briefing-smoke-") as folder:
            settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
            window = open_window(library, settings)
            started = time.monotonic()
            steady = 0

            def check() -> None:
                nonlocal steady
                if failures.messages:
                    app.exit(1)
                    return
                handle = window.windowHandle()
                exposed = window.isVisible() and handle is not None and handle.isExposed()
                steady = steady + 1 if exposed and not window.runner.busy else 0
                if steady >= STEADY_TICKS:
                    count = library.articles.count()
                    articles = f"{count} article{'' if count == 1 else 's'}"
                    print(f"smoke test: the window settled on {library.path} ({articles})")
                    sys.stdout.flush()
                    window.close()
                elif time.monotonic() - started > SETTLE_TIMEOUT_S:
                    failures.messages.append(
                        f"the window did not settle within {SETTLE_TIMEOUT_S:.0f} s"
                    )
                    app.exit(1)
                else:
                    QTimer.singleShot(TICK_MS, check)

            QTimer.singleShot(TICK_MS, check)
            status = app.exec()
            for opened in list(WINDOWS):  # as run() leaves them: ops ended, libraries closed
                opened.runner.shutdown()
                if opened.library is not library:
                    opened.library.close()
    finally:
        sys.excepthook = previous_hook
        logging.getLogger("briefing").removeHandler(failures)
        library.close()
    for message in failures.messages:
        print(f"briefing: smoke test failed: {message}", file=sys.stderr)
    return 1 if failures.messages else status

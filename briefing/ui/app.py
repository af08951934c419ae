"""Starting the desktop app: the QApplication, the library, the first run, the main window.

`briefing` with no subcommand calls `run(library_path)`. The library is found the way the
CLI finds it (--library, else $BRIEFING_LIBRARY, else the data folder). A library the app
has just created gets the annotated worked example, so a new reader sees at once what the
tool does; an existing one is backed up in the background on the day's first open. A
library that cannot be opened is explained in a dialog that offers another file or a new
one, its newest good backup when it has one (damaged, overwritten, emptied), and to make a
new library of an empty file: never a traceback. Without a display that answers, one line
says so (display.py) instead of Qt's abort.

File ▸ Open Library puts another library's window in the first one's place
(actions/library_files.py); `WINDOWS` keeps the open ones alive, and each library is closed
after its window.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from briefing.core import (
    BriefingError,
    Library,
    LibraryEmpty,
    SampleLoaded,
    resolve_library_path,
    resources_dir,
)
from briefing.ui.actions import backups
from briefing.ui.collector import freeze_when_shown
from briefing.ui.dialogs.library_unavailable import ask_for_library
from briefing.ui.dialogs.upgrade_notice import UpgradeNotice
from briefing.ui.errors import install_excepthook
from briefing.ui.icons import icon
from briefing.ui.main_window import MainWindow
from briefing.ui.ops import CoreOp
from briefing.ui.palette_watch import PaletteFollowingApplication
from briefing.ui.smoke_test import run_smoke_test

APP_NAME = "Briefing"
DAILY_BACKUP_AFTER_MS = 10_000
ORGANISATION = "Briefing"
ORGANISATION_DOMAIN = "briefing.app"
# resources/briefing.desktop, as `briefing install-desktop` installs it: on Wayland the
# window's app id, by which the desktop finds the menu entry's name and icon.
DESKTOP_FILE_NAME = "briefing"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, named so QSettings lands in a "Briefing" place. One made before
    (by a test harness, say) is used as it is: it follows a palette changed while it runs
    only if it is a PaletteFollowingApplication."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = PaletteFollowingApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setOrganizationDomain(ORGANISATION_DOMAIN)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(icon("briefing"))
    apply_style(app)
    return app


def apply_style(app: QApplication) -> None:
    """resources/style.qss, if present; a missing or unreadable sheet is no reason to fail."""
    try:
        sheet = (resources_dir() / "style.qss").read_text("utf-8")
    except (OSError, FileNotFoundError):
        return
    app.setStyleSheet(sheet)


WINDOWS: list[MainWindow] = []  # the main windows open, kept from the garbage collector


def open_library_file(
    path: str | Path,
    *,
    create: bool = True,
    parent: QWidget | None = None,
    allow_empty: bool = False,
) -> Library:
    """Open (or create) one library file, showing a notice while an older one upgrades."""
    notices: list[UpgradeNotice] = []

    def announce(old: int, new: int) -> None:
        notices.append(UpgradeNotice(old, new, parent))
        notices[-1].show_now()

    class NoticeProgress:
        """The upgrade's progress, drawn on the notice shown for it."""

        def update(self, done: int, total: int, label: str = "") -> None:
            if notices:
                notices[-1].update_progress(done, total, label)

        def check(self) -> None:
            pass

    try:
        return Library.open(
            path,
            create=create,
            on_upgrade=announce,
            program="app",
            allow_empty=allow_empty,
            progress=NoticeProgress(),
        )
    finally:
        for notice in notices:
            notice.close()
            notice.deleteLater()


def open_library(library_path: str | None) -> Library | None:
    """Open the library, asking what to do while it cannot be opened; None: gave up."""
    path = resolve_library_path(library_path)
    if library_path is None and not os.environ.get("BRIEFING_LIBRARY"):
        path.parent.mkdir(parents=True, exist_ok=True)  # the data folder, on a first run
    allow_empty = False
    problem: BriefingError | None = None
    while True:
        if problem is None:
            try:
                return open_library_file(path, allow_empty=allow_empty)
            except BriefingError as exc:
                problem = exc
        answer = ask_for_library(
            str(problem),
            empty=isinstance(problem, LibraryEmpty),
            backups=Library.list_backups(path),
        )
        problem, allow_empty = None, False
        if answer is None:
            return None
        if answer.restore is not None:
            try:
                Library.restore_backup(path, answer.restore.path)
            except BriefingError as exc:
                problem = BriefingError(f"The backup could not be restored: {exc}")
        elif answer.make_new:
            allow_empty = True
        elif answer.path:
            path = Path(answer.path)


def reopen_library(path: str | Path) -> Library | None:
    """The same library again (after a restore), asking as on start if it cannot open."""
    return open_library(str(path))


def open_window(
    library: Library,
    settings: QSettings,
    *,
    sample: bool = True,
    daily_backup_after_ms: int | None = DAILY_BACKUP_AFTER_MS,
) -> MainWindow:
    """The main window on `library`; on a library just created (with `sample`: the first
    run), the sample is loaded into it first; an existing one gets the day's backup in the
    background (if one is due), a little after the window is up so that it never slows the
    start (None: none)."""
    window = MainWindow(library, settings)
    WINDOWS.append(window)
    window.destroyed.connect(lambda: WINDOWS.remove(window) if window in WINDOWS else None)
    if library.created and sample:
        load_first_run_sample(window)
    elif not library.created and daily_backup_after_ms is not None:
        QTimer.singleShot(daily_backup_after_ms, window, lambda: backups.make_daily(window))
    window.show()
    freeze_when_shown(window)  # no full pass of the garbage collector over start-up's objects
    return window


def load_first_run_sample(window: MainWindow) -> CoreOp[SampleLoaded]:
    op: CoreOp[SampleLoaded] = CoreOp(
        window.runner, lambda library, _progress: library.load_sample(), parent=window
    )
    op.success(lambda loaded: window.open_article(loaded.article_id, select=True)).run()
    return op


def run(library_path: str | None = None, *, smoke_test: bool = False) -> int:
    """Run the app until its window closes; the exit status for the shell. With
    `smoke_test`, close it once it has settled (see smoke_test.py)."""
    from briefing.ui.display import display_problem  # before Qt opens a display

    problem = display_problem()
    if problem:
        print(f"briefing: {problem}", file=sys.stderr)
        return 2
    app = make_application()
    install_excepthook()
    if smoke_test:
        return run_smoke_test(app, library_path)
    library = open_library(library_path)
    if library is None:
        return 1
    try:
        open_window(library, QSettings())
        status = app.exec()
    finally:
        for window in list(WINDOWS):
            window.runner.shutdown()
            window.library.close()
        library.close()
    return status


if __name__ == "__main__":  # pragma: no cover - python -m briefing.ui.app
    sys.exit(run(sys.argv[1] if len(sys.argv) > 1 else None))

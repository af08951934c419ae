"""Starting the desktop app: the QApplication, the library, the first run, the main window.

`briefing` with no subcommand calls `run(library_path)`. The library is found the way the
CLI finds it (--library, else $BRIEFING_LIBRARY, else the data folder). A library the app
has just created gets the annotated worked example, so a new reader sees at once what the
tool does. A library that cannot be opened is explained in a dialog that offers another
file or a new one: never a traceback.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from briefing.core import BriefingError, Library, SampleLoaded, resources_dir
from briefing.ui.dialogs.library_unavailable import ask_for_library
from briefing.ui.dialogs.upgrade_notice import UpgradeNotice
from briefing.ui.errors import install_excepthook
from briefing.ui.icons import icon
from briefing.ui.main_window import MainWindow
from briefing.ui.ops import CoreOp

APP_NAME = "Briefing"
ORGANISATION = "Briefing"
ORGANISATION_DOMAIN = "briefing.app"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, named so QSettings lands in a "Briefing" place."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setOrganizationDomain(ORGANISATION_DOMAIN)
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


def open_library(library_path: str | None) -> Library | None:
    """Open the library, asking for another file while it cannot be opened; None: gave up."""
    path = library_path
    notices: list[UpgradeNotice] = []

    def announce(old: int, new: int) -> None:
        notices.append(UpgradeNotice(old, new))
        notices[-1].show_now()

    while True:
        try:
            return Library.open_default(path, on_upgrade=announce)
        except BriefingError as exc:
            path = ask_for_library(str(exc))
            if path is None:
                return None
        finally:
            for notice in notices:
                notice.close()
                notice.deleteLater()
            notices.clear()


def open_window(library: Library, settings: QSettings) -> MainWindow:
    """The main window on `library`; on a new library, the sample is loaded into it first."""
    window = MainWindow(library, settings)
    if library.created:
        load_first_run_sample(window)
    window.show()
    return window


def load_first_run_sample(window: MainWindow) -> CoreOp[SampleLoaded]:
    op: CoreOp[SampleLoaded] = CoreOp(
        window.runner, lambda library, _progress: library.load_sample(), parent=window
    )
    op.success(lambda loaded: window.open_article(loaded.article_id, select=True)).run()
    return op


def run(library_path: str | None = None) -> int:
    """Run the app until its window closes; the exit status for the shell."""
    app = make_application()
    install_excepthook()
    library = open_library(library_path)
    if library is None:
        return 1
    try:
        window = open_window(library, QSettings())
        status = app.exec()
        window.runner.shutdown()
    finally:
        library.close()
    return status


if __name__ == "__main__":  # pragma: no cover - python -m briefing.ui.app
    sys.exit(run(sys.argv[1] if len(sys.argv) > 1 else None))

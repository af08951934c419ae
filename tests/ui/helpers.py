"""Helpers for driving the main window the way a reader does."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QColor, QImage, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractButton, QDialog, QMainWindow, QMenu

from briefing.core import Library
from briefing.core.sample import load_sample
from briefing.ui.app import apply_style, open_window
from briefing.ui.main_window import MainWindow
from briefing.ui.ops import CoreOp


def sample_window(qtbot, make_window, library: Library) -> tuple[MainWindow, int]:
    """A shown window on a library holding the annotated sample, with the sample open."""
    loaded = load_sample(library)
    window = make_window(library)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_article(loaded.article_id)
    return window, loaded.article_id


def select(window: MainWindow, phrase: str, occurrence: int = 1) -> tuple[int, int]:
    """Select the `occurrence`th `phrase` of the open article in the reader; its span."""
    text = window.library.articles.get(window.reader.article_id).text
    start = -1
    for _ in range(occurrence):
        start = text.index(phrase, start + 1)
    window.reader.select_span(start, start + len(phrase))
    return start, start + len(phrase)


def click(qtbot, button: QAbstractButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def dialog_of(window: MainWindow, kind: type[QDialog]) -> QDialog:
    dialog = window.dialog
    assert isinstance(dialog, kind), dialog
    assert dialog.isVisible()
    return dialog


SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
UPDATE_SCREENSHOTS = "BRIEFING_UPDATE_SCREENSHOTS"


def screenshot_folder(tmp_path: Path) -> Path:
    """Where the screenshot tests save their pictures: under tmp_path, so that a test run
    leaves the checkout as it found it (one picture shows today's date); in docs/screenshots,
    the README's pictures, only when BRIEFING_UPDATE_SCREENSHOTS=1 asks for them anew."""
    folder = SCREENSHOTS if os.environ.get(UPDATE_SCREENSHOTS) == "1" else tmp_path / "shots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# Screenshot tests need a real window: run them under Xvfb with Qt's xcb platform.
REAL_WINDOW = [
    pytest.mark.screenshot,
    pytest.mark.skipif(
        os.environ.get("QT_QPA_PLATFORM") != "xcb",
        reason="needs a real window: xvfb-run -a env QT_QPA_PLATFORM=xcb",
    ),
]


@contextmanager
def first_run_window(qtbot, qapp, tmp_path: Path) -> Iterator[tuple[MainWindow, Library]]:
    """The styled main window at 1400x900 on a new library, as a first run shows it."""
    apply_style(qapp)
    library = Library.open(tmp_path / "library.sqlite")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = open_window(library, settings)
    qtbot.addWidget(window)
    try:
        window.resize(1400, 900)
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.panel.items("Claims") != [], timeout=5000)
        yield window, library
    finally:
        window.close()
        library.close()


def save_screenshot(image: QPixmap, path: Path) -> QImage:
    """Save a screenshot (in the `screenshots` folder) and check it is not blank (a window
    that never painted gives one flat colour); the image, for the caller's own checks."""
    assert image.save(str(path))
    shot = image.toImage()
    colours = {
        shot.pixelColor(x, y).rgb()
        for x in range(0, shot.width(), 17)
        for y in range(0, shot.height(), 13)
    }
    assert len(colours) > 20
    return shot


def actions_in_menus(window: QMainWindow) -> set[QAction]:
    """Every action reachable from the window's menu bar, submenus included."""
    found: set[QAction] = set()

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            found.add(action)

    for top in window.menuBar().actions():
        walk(top.menu())
    return found


# What a view refreshing itself reads (the runner's own look at the journal left out).
_RUNNER = re.compile(r"journal|PRAGMA data_version", re.I)


@contextmanager
def reads(library: Library) -> Iterator[list[str]]:
    """The statements this (the GUI) thread's connection runs meanwhile, as SQLite ran them
    (values in place), but for the op runner's polling: what the windows read."""
    seen: list[str] = []
    conn = library.connection()
    conn.set_trace_callback(lambda sql: None if _RUNNER.search(sql) else seen.append(sql))
    try:
        yield seen
    finally:
        conn.set_trace_callback(None)


def write(qtbot, window: QMainWindow, fn: Callable[[Library], object]) -> object:
    """Run a write as the app's actions do, on the writer thread of the window's runner, and
    wait until it is done: its changes have reached every window (on this thread) by then.
    Its result."""
    op = CoreOp(window.runner, lambda library, _progress: fn(library), parent=window)
    with qtbot.waitSignal(op.finished, timeout=5000) as blocker:
        op.run()
    return blocker.args[0]


def summaries_read(statements: list[str]) -> list[list[int]]:
    """The article ids each read of list rows (`articles.summaries`) asked for."""
    found = []
    for sql in statements:
        match = re.search(r"FROM articles a WHERE a\.id IN \(([\d, ]*)\)", sql)
        if match:
            found.append(sorted(int(i) for i in match[1].split(",")))
    return found


def laid_out_lines(window: MainWindow) -> list[int]:
    """Characters in each full line of the open article as the reader lays it out (not a
    paragraph's last line, which ends where the paragraph does)."""
    document = window.reader.page.document()
    counts = []
    block = document.begin().next().next()  # after the title and the byline
    while block.isValid():
        layout = block.layout()
        counts.extend(layout.lineAt(n).textLength() for n in range(layout.lineCount() - 1))
        block = block.next()
    return counts


def dark_palette(light: QPalette) -> QPalette:
    """`light` as a dark desktop would give it: the roles the reader, panel and preview use."""
    dark = QPalette(light)
    for role, colour in (
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.Text, "#e8e8e8"),
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e8e8e8"),
    ):
        dark.setColor(role, QColor(colour))
    return dark

"""Fixtures for the app's tests: a real library in tmp_path, settings in tmp_path.

Settings are an INI file per test, injected into the window, so no test reads or writes the
user's real settings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from briefing.core import Library
from briefing.ui.main_window import MainWindow
from tests.ui.helpers import screenshot_folder


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    """The folder a screenshot test saves into: see helpers.screenshot_folder."""
    return screenshot_folder(tmp_path)


@pytest.fixture
def make_window(qtbot, settings_path: Path) -> Iterator[Callable[[Library], MainWindow]]:
    """Main windows on a library, closed (runner stopped) before the library is. Each is
    1400x900, room for every pane (the offscreen screen is 800x600, where the first window
    would fold the annotation panel); tests of narrow windows resize them."""
    windows: list[MainWindow] = []

    def make(library: Library) -> MainWindow:
        window = MainWindow(library, QSettings(str(settings_path), QSettings.Format.IniFormat))
        window.resize(1400, 900)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()

"""`briefing` with no command opens the app: a window titled Briefing, first run loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from briefing.cli import main
from briefing.core import Library


def test_briefing_alone_opens_the_app_on_a_new_library(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # QSettings stay here
    titles: list[str] = []

    def close_when_ready() -> None:
        windows = [w for w in qapp.topLevelWidgets() if w.isVisible() and w.windowTitle()]
        if not windows:
            QTimer.singleShot(100, close_when_ready)
            return
        titles.extend(w.windowTitle() for w in windows)
        for window in windows:
            window.close()

    QTimer.singleShot(300, close_when_ready)
    path = tmp_path / "new.sqlite"
    assert main(["--library", str(path)]) == 0
    # The library; the desktop adds the app's name ("new.sqlite — Briefing"), so each is
    # named once (it used to read "Briefing — new.sqlite — Briefing").
    assert titles == ["new.sqlite"] and qapp.applicationDisplayName() == "Briefing"
    with Library.open(path) as library:
        assert len(library.claims.list()) == 6  # the first run loaded the sample

"""`briefing` with no command opens the app: a window titled Briefing, first run loaded."""

from __future__ import annotations

import subprocess
import sys
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


def test_the_app_starts_without_the_importer_the_team_sync_or_the_commands() -> None:
    """What a start need not load stays unloaded until used: the importer (charset
    detection, the text parsers), the team sync (PostgreSQL), the export templates, and the
    command line's own modules. Each took its share of a start measured in bench/app.py."""
    code = (
        "import sys\n"
        "import briefing.cli, briefing.ui.app, briefing.ui.main_window\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    unwanted = (
        "briefing.core.importing.",
        "charset_normalizer",
        "trafilatura",
        "briefing.core.team.",
        "psycopg",
        "briefing.core.export.",
        "jinja2",
        "markdown",
        "briefing.commands.articles",
        "briefing.commands.search",
    )
    assert not sorted(m for m in loaded if m.startswith(unwanted))

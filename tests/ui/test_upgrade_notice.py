"""The app opens a library made by an older Briefing: upgraded, with a notice while it runs,
and the notice gone once the window can be built."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QApplication

from briefing.core.migrate import available_migrations, latest_version, migrate
from briefing.ui.app import open_library
from briefing.ui.dialogs.upgrade_notice import UpgradeNotice


def test_an_older_library_opens_upgraded_and_the_notice_goes(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, path, available_migrations()[:-1])
    conn.close()
    library = open_library(str(path))
    assert library is not None
    try:
        version = library.connection().execute("PRAGMA user_version").fetchone()[0]
        assert version == latest_version()
        qtbot.wait(1)  # the notice's deleteLater
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, UpgradeNotice)]
        assert not any(w.isVisible() for w in shown)
    finally:
        library.close()


def test_the_notice_says_what_is_happening(qtbot) -> None:
    notice = UpgradeNotice(2, 3)
    qtbot.addWidget(notice)
    notice.show_now()
    assert notice.isVisible()
    assert "Upgrading your library" in notice.text() and "kept beside it" in notice.text()


def test_the_notice_shows_how_far_the_upgrade_is(qtbot) -> None:
    notice = UpgradeNotice(4, 5)
    qtbot.addWidget(notice)
    notice.show_now()
    notice.update_progress(1, 100_000, "Indexing the articles for search")
    assert "Indexing the articles for search: 1 of 100,000 (0%)" in notice.text()
    notice.update_progress(2, 100_000, "Indexing the articles for search")  # within 100 ms
    assert "1 of 100,000" in notice.text()
    notice.update_progress(100_000, 100_000, "Indexing the articles for search")  # the last
    assert "100,000 of 100,000 (100%)" in notice.text()
    assert "kept beside it" in notice.text()

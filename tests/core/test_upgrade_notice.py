"""Opening a library made by an older Briefing says, first, that it is being upgraded: at
100k articles rebuilding the search index takes seconds, which must not look like a hang."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from briefing.core import Library
from briefing.core.migrate import available_migrations, latest_version, migrate


def _older_library(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, path, available_migrations()[:-1])
    conn.execute(
        "INSERT INTO articles (title, text, content_hash, imported_at) "
        "VALUES ('Kept', 'Text kept over the upgrade.', 'h1', '2026-01-01T00:00:00Z')"
    )
    conn.close()


def test_upgrading_an_older_library_is_announced_before_it_starts(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    _older_library(path)
    calls: list[tuple[int, int]] = []

    def announce(old: int, new: int) -> None:
        # Called before anything happens: no backup yet, the file still at the old schema.
        assert list(tmp_path.glob("*backup*")) == []
        calls.append((old, new))

    with Library.open(path, on_upgrade=announce) as library:
        assert [hit.title for hit in library.search.run("kept")] == ["Kept"]
    assert calls == [(latest_version() - 1, latest_version())]


def test_a_new_or_current_library_announces_nothing(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    path = tmp_path / "library.sqlite"
    with Library.open(path, on_upgrade=lambda a, b: calls.append((a, b))):
        pass  # created: nothing to upgrade
    with Library.open_default(path, on_upgrade=lambda a, b: calls.append((a, b))):
        pass  # current already
    assert calls == []

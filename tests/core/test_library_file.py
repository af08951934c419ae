"""Damaged and foreign files: one clear message, the file byte for byte as it was, nothing
made beside it; a file that cannot be written opens read-only and says so."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from briefing.core import (
    Library,
    LibraryDamaged,
    LibraryEmpty,
    LibraryUnavailable,
)
from tests.conftest import SAMPLE
from tests.unprivileged import briefing, python


@pytest.fixture
def made(tmp_path: Path) -> Path:
    """A closed library holding the sample (no -wal beside it)."""
    path = tmp_path / "news.sqlite"
    with Library.open(path) as library:
        library.imports.files([SAMPLE])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.sqlite"]
    return path


def _refused(path: Path, error: type[Exception], match: str) -> None:
    before = path.read_bytes()
    names = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(error, match=match) as caught:
        Library.open(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == names
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("keep", [0.0, 0.2, 0.5, 0.93])
def test_a_library_cut_short_is_refused_as_damaged(made: Path, keep: float) -> None:
    data = made.read_bytes()
    made.write_bytes(data[: int(len(data) * keep)] if keep else data[:50])
    _refused(made, LibraryDamaged, "damaged .*cut short|damaged")


def test_random_bytes_where_a_library_was_name_its_newest_backup(made: Path) -> None:
    with Library.open(made) as library:
        backup = library.backups.make()
    made.write_bytes(os.urandom(200_000))
    _refused(made, LibraryDamaged, f"not an SQLite database.*briefing restore {backup.name}")


def test_random_bytes_without_backups_are_not_a_library(tmp_path: Path) -> None:
    path = tmp_path / "photo.sqlite"
    path.write_bytes(os.urandom(5000))
    _refused(path, LibraryUnavailable, "not a Briefing library")


def test_an_empty_file_is_not_made_a_library_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.write_bytes(b"")
    _refused(path, LibraryEmpty, "empty file, not a library")
    with Library.open(path, allow_empty=True) as library:
        assert library.created and library.articles.count() == 0


def test_a_newer_library_is_refused_untouched(made: Path) -> None:
    conn = sqlite3.connect(made)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    _refused(made, LibraryUnavailable, "newer version of Briefing")


def test_a_damaged_log_is_set_aside_and_said(made: Path) -> None:
    wal = made.with_name(made.name + "-wal")
    garbage = os.urandom(40_000)
    wal.write_bytes(garbage)
    before = made.read_bytes()
    with Library.open(made) as library:
        (notice,) = library.notices
        assert "write-ahead log" in notice and "set aside" in notice
        assert library.articles.count() == 1
        assert made.read_bytes() == before  # the file itself untouched by the opening
    (kept,) = (made.parent / "news.sqlite-backups").glob("*damaged-log*")
    assert kept.read_bytes() == garbage
    with Library.open(made) as again:
        assert again.notices == []


def test_a_log_in_use_by_another_program_is_left_alone(made: Path) -> None:
    first = Library.open(made)
    try:
        first.tags.tag_article(1, ["kept in the log"])
        with Library.open(made) as second:
            assert second.notices == []
            assert [t.name for t in second.tags.list()] == ["kept in the log"]
    finally:
        first.close()


_READ_ONLY_CHECK = """
import json, sys
from briefing.core import Library, LibraryReadOnly
with Library.open(sys.argv[1], program="command") as library:
    out = {"read_only": library.read_only, "articles": library.articles.count(),
           "hits": len(library.search.run("SenseTime"))}
    try:
        library.tags.tag_article(1, ["nope"])
    except LibraryReadOnly as exc:
        out["refused"] = str(exc)
print(json.dumps(out))
"""


def test_a_read_only_file_opens_read_only_and_says_why(made: Path) -> None:
    import json

    before = made.read_bytes()
    made.chmod(0o444)
    try:
        result = python(_READ_ONLY_CHECK, str(made))
    finally:
        made.chmod(0o644)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["read_only"] == "the file is read-only"
    assert out["articles"] == 1 and out["hits"] >= 1
    assert "open read-only (the file is read-only)" in out["refused"]
    assert made.read_bytes() == before
    assert sorted(p.name for p in made.parent.iterdir()) == ["news.sqlite"]


def test_a_library_in_a_read_only_folder_opens_read_only(made: Path) -> None:
    import json

    folder = made.parent
    before = made.read_bytes()
    folder.chmod(0o555)
    try:
        result = python(_READ_ONLY_CHECK, str(made))
        created = briefing("--library", str(folder / "new.sqlite"), "list")
        written = briefing("--library", str(made), "tag", "1", "x")
    finally:
        folder.chmod(0o755)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["read_only"].startswith("its folder") and "cannot be written" in out["read_only"]
    assert "refused" in out
    assert made.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["news.sqlite"]
    assert created.returncode == 2 and created.stderr.count("\n") == 1
    assert "cannot create" in created.stderr
    assert written.returncode == 2 and "open read-only" in written.stderr

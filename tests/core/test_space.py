"""Free pages given back to the disk after a large deletion, in steps, when it pays."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefing.core import Library, journal, space
from tests.conftest import wikinews_files


def _texts(count: int) -> list[tuple[str, str]]:
    bodies = [f.read_text("utf-8").partition("\n\n")[2].strip() for f in wikinews_files()]
    return [
        (f"t{i}", f"Report {i}\n\nPARIS, May {1 + i % 28}, {1900 + i // 40} - {bodies[i % 40]}")
        for i in range(count)
    ]


def _size(path: Path) -> int:
    """The file's size once the log is checkpointed into it."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path.stat().st_size


def test_a_new_library_can_give_pages_back(library: Library) -> None:
    assert library.connection().execute("PRAGMA auto_vacuum").fetchone() == (space.INCREMENTAL,)


def test_a_large_deletion_gives_its_pages_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(space, "MIN_BYTES", 512 * 1024)
    monkeypatch.setattr(space, "STEP_PAGES", 64)  # several steps
    path = tmp_path / "library.sqlite"
    with Library.open(path) as library:
        results = library.imports.texts(_texts(500))
        full = _size(path)
        gone = [r.id for r in results[50:]]
        library.articles.delete(gone)
        free = space.free_space(library)
        assert free.free < 64  # given back: at most a step's remainder
        conn = library.connection()
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert journal.is_consistent(conn)
        assert library.articles.count() == 50
        kept = results[5]
        assert kept.id in {h.article_id for h in library.search.run(kept.title.split()[-1])}
    assert _size(path) < full * 0.5  # the index keeps a note of each deletion


class _Steps:
    """A Progress that keeps what it is told (reclaim says how far after each step)."""

    def __init__(self) -> None:
        self.done: list[int] = []

    def update(self, done: int, total: int, label: str = "") -> None:
        self.done.append(done)

    def check(self) -> None:
        pass


def test_each_step_gives_back_a_whole_step_of_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step is STEP_PAGES pages, not one: Python's sqlite3 runs `PRAGMA incremental_vacuum(N)`
    for one page only (it steps a statement without rows once), which made reclaiming take a
    transaction and a pause per page (5,902 of them after a 20k import, 1.4 s)."""
    monkeypatch.setattr(space, "MIN_BYTES", 512 * 1024)
    monkeypatch.setattr(space, "STEP_PAGES", 64)
    path = tmp_path / "library.sqlite"
    with Library.open(path) as library:
        results = library.imports.texts(_texts(500))
        monkeypatch.setattr(space, "MIN_SHARE", 2.0)  # the deletion's own reclaim: not yet
        library.articles.delete([r.id for r in results[50:]])
        free = space.free_space(library).free
        assert free > 3 * 64
        steps = _Steps()
        given = library.reclaim_space(steps, force=True)
        assert given >= free - 64
        assert len(steps.done) <= -(-free // 64)  # ceil(free / STEP_PAGES) steps
        assert steps.done[0] == 64
        assert library.connection().execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_small_deletion_leaves_the_file_alone(library: Library) -> None:
    results = library.imports.texts(_texts(50))
    pages = space.free_space(library).pages
    library.articles.delete([r.id for r in results[:3]])
    after = space.free_space(library)
    assert not after.pays
    assert after.pages >= pages  # nothing moved: what is free stays for the next writes


def test_a_library_made_before_cannot_and_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(space, "MIN_BYTES", 1024)
    path = tmp_path / "old.sqlite"
    sqlite3.connect(path).execute("PRAGMA user_version = 0").close()  # an empty file of 0 pages
    older = sqlite3.connect(path)
    older.execute("CREATE TABLE placeholder (x)")  # tables first: auto_vacuum stays NONE
    older.execute("DROP TABLE placeholder")
    older.close()
    with Library.open(path) as library:
        assert not library.created
        results = library.imports.texts(_texts(200))
        library.articles.delete([r.id for r in results[20:]])
        free = space.free_space(library)
        assert not free.incremental and free.free > 0
        assert library.reclaim_space(force=True) == 0


def test_forced_reclaim_gives_back_whatever_is_free(library: Library) -> None:
    results = library.imports.texts(_texts(200))
    library.articles.delete([r.id for r in results[150:]])
    free = space.free_space(library).free
    assert free > 0
    assert library.reclaim_space(force=True) == free
    assert space.free_space(library).free == 0

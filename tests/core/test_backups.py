"""Backups beside the library: made online and checked whole, listed with what they hold,
kept by generations within a share of the disk, and never half made."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from briefing.core import BackupFailed, Library, backups as backups_module
from briefing.core.backup_folder import folder_for
from briefing.core.backups import is_due, prune
from tests.conftest import wikinews_files


@pytest.fixture
def filled(tmp_path: Path) -> Library:
    library = Library.open(tmp_path / "news.sqlite")
    library.load_sample()
    library.imports.files(wikinews_files(10))
    yield library
    library.close()


def _checksum(path: Path) -> list[tuple]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [
            conn.execute("SELECT count(*), group_concat(uid) FROM articles").fetchone(),
            conn.execute("SELECT count(*), group_concat(uid) FROM annotations").fetchone(),
        ]
    finally:
        conn.close()


def test_a_backup_is_one_checked_file_beside_the_library(filled: Library) -> None:
    backup = filled.backups.make()
    assert backup.path.parent == filled.path.parent / "news.sqlite-backups"
    assert backup.path.name.startswith("news-") and backup.path.name.endswith("-manual.sqlite")
    assert (backup.articles, backup.claims) == (11, 6)
    assert backup.kind == "manual" and backup.size == backup.path.stat().st_size
    assert sorted(p.name for p in backup.path.parent.iterdir()) == [backup.name]  # no -wal
    conn = sqlite3.connect(backup.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert _checksum(backup.path) == _checksum(filled.path)
    assert filled.backups.list() == [backup]


def test_a_backup_is_of_one_moment_while_another_program_writes(filled: Library) -> None:
    """Steps of one page, a writer committing between them: the copy neither restarts
    forever nor mixes two moments (it holds one read snapshot)."""
    writer = Library.open(filled.path)
    before = _checksum(filled.path)
    steps = 0

    def write_between_steps() -> None:
        nonlocal steps
        steps += 1
        if steps % 10 == 0:
            writer.tags.tag_article(1, [f"tag {steps}"])

    conn = sqlite3.connect(filled.path, isolation_level=None)
    try:
        backup = backups_module.write(
            conn, filled.path, "manual", pages=1, pause=write_between_steps
        )
    finally:
        conn.close()
        writer.close()
    assert steps > 50
    assert _checksum(backup.path) == before
    assert len(filled.tags.list()) >= 5


def test_a_damaged_library_is_not_backed_up_over_good_backups(
    filled: Library, tmp_path: Path
) -> None:
    good = filled.backups.make()
    filled.close()
    path = tmp_path / "news.sqlite"
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(5 * page, len(data) - page, 7 * page):  # scribble on b-tree pages
        data[offset + 8 : offset + 200] = os.urandom(192)
    path.write_bytes(bytes(data))
    conn = sqlite3.connect(path)
    try:
        with pytest.raises(BackupFailed, match="damaged|integrity"):
            backups_module.write(conn, path, "daily")
    finally:
        conn.close()
    assert [b.name for b in Library.list_backups(path)] == [good.name]
    assert not list(folder_for(path).glob(".*"))  # no partial file left


def test_a_kill_during_a_backup_leaves_the_library_and_the_backups_as_they_were(
    filled: Library,
) -> None:
    """Real processes killed (SIGKILL) at random moments of a backup, round after round:
    the library stays whole, the earlier backups byte for byte, and what the killed
    backup wrote is never listed (the next backup removes it once it is stale)."""
    rounds = int(os.environ.get("BRIEFING_KILL_ROUNDS", "6"))
    first = filled.backups.make()
    kept = first.path.read_bytes()
    library_before = _checksum(filled.path)
    killed_mid_way = 0
    for round_ in range(rounds):
        before = len(Library.list_backups(filled.path))
        child = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sqlite3, sys, time\n"
                "from pathlib import Path\n"
                "from briefing.core.backups import write\n"
                "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                "print('start', flush=True)\n"
                "write(conn, Path(sys.argv[1]), 'manual', pages=2,\n"
                "      pause=lambda: time.sleep(0.002))\n"
                "print('done', flush=True)\n",
                str(filled.path),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "start"
        time.sleep(0.02 + 0.05 * (round_ % 4))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        listed = Library.list_backups(filled.path)
        killed_mid_way += len(listed) == before  # none was finished: killed inside it
        assert first.path in {b.path for b in listed}
        assert first.path.read_bytes() == kept
        assert all(b.readable for b in listed)  # a backup is listed only when whole
        assert _checksum(filled.path) == library_before
        assert filled.connection().execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    print(f"{killed_mid_way} of {rounds} kills landed inside a backup")
    assert killed_mid_way >= rounds // 2  # most kills did land inside the copy
    partials = list(folder_for(filled.path).glob(".*.partial"))
    assert partials
    old = time.time() - backups_module.PARTIAL_STALE_S - 1
    for partial in partials:
        os.utime(partial, (old, old))
    filled.backups.make()
    assert not list(folder_for(filled.path).glob(".*.partial"))


def _fake(library: Path, when: datetime, kind: str, template: Path) -> Path:
    folder = folder_for(library)
    folder.mkdir(exist_ok=True)
    path = folder / f"{library.stem}-{when.strftime('%Y%m%dT%H%M%SZ')}-{kind}.sqlite"
    shutil.copyfile(template, path)
    return path


def test_daily_and_weekly_generations_are_kept(filled: Library) -> None:
    template = filled.backups.make().path
    template = shutil.copyfile(template, filled.path.parent / "template.sqlite")
    shutil.rmtree(folder_for(filled.path))
    now = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
    made = {}
    for days in range(0, 120):  # two backups a day for four months
        for hour in (8, 18):
            when = now - timedelta(days=days) + timedelta(hours=hour - 12)
            made[(days, hour)] = _fake(filled.path, when, "daily", template)
    by_hand = _fake(filled.path, now - timedelta(days=20), "manual", template)
    upgrade = _fake(filled.path, now - timedelta(days=40), "pre-migration", template)
    prune(filled.path, now=now)
    left = {b.path for b in Library.list_backups(filled.path)}
    days_kept = sorted(d for (d, h), p in made.items() if p in left)
    # The newest two always; then the newest of each of the last 7 days...
    assert made[(0, 18)] in left and made[(0, 8)] in left
    assert days_kept[:8] == [0, 0, 1, 2, 3, 4, 5, 6]
    assert all(made[(d, 18)] in left and made[(d, 8)] not in left for d in range(1, 7))
    # ...then the newest of each week for 8 weeks, and nothing older.
    weekly = days_kept[8:]
    assert 7 <= len(weekly) <= 9 and max(weekly) < 7 + 7 * 8 + 7
    assert len(set(weekly)) == len(weekly)
    assert by_hand in left  # made by hand: 30 days
    assert upgrade not in left  # before an upgrade, 40 days ago: past its 30 days
    assert len(left) <= 2 + 6 + 9 + 1  # today two, a week of days, the weeks, by hand


def test_the_oldest_go_first_past_the_share_of_the_disk(
    filled: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = filled.backups.make()
    disk = shutil.disk_usage(first.path.parent).total
    # A share that holds two backups and a half: a third pushes out the oldest.
    monkeypatch.setattr(backups_module, "SHARE_OF_DISK", 2.5 * first.size / disk)
    time.sleep(1.1)
    second = filled.backups.make()
    time.sleep(1.1)
    third = filled.backups.make()
    names = [b.name for b in filled.backups.list()]
    assert names == [third.name, second.name]
    # A share smaller than one backup: none is made, the others stay.
    monkeypatch.setattr(backups_module, "SHARE_OF_DISK", 0.5 * first.size / disk)
    with pytest.raises(BackupFailed, match="more than the"):
        filled.backups.make()
    assert [b.name for b in filled.backups.list()] == names


def test_a_daily_backup_is_due_once_a_day_and_only_after_a_change(filled: Library) -> None:
    path, uid = filled.path, filled.uid
    today = datetime.now().astimezone().date()
    assert is_due(path, uid, filled.version, today)
    assert filled.backups.make_daily() is not None
    assert not filled.backups.due()
    assert filled.backups.make_daily() is None
    tomorrow = today + timedelta(days=1)
    assert not is_due(path, uid, filled.version, tomorrow)  # unchanged since
    filled.tags.tag_article(1, ["changed"])
    assert is_due(path, uid, filled.version, tomorrow)
    assert not is_due(path, uid, filled.version, date(today.year, today.month, today.day))


def test_a_backup_waits_for_no_writer_and_no_writer_waits_for_it(filled: Library) -> None:
    """The copy holds a read snapshot, never the write lock: an edit made meanwhile
    commits at once."""
    started = threading.Event()
    finished = threading.Event()

    def back_up() -> None:
        with Library.open(filled.path) as other:
            other.backups.make(pause=lambda: (started.set(), time.sleep(0.001)))
        finished.set()

    worker = threading.Thread(target=back_up)
    worker.start()
    assert started.wait(10)
    took = time.perf_counter()
    with filled.lock_wait(0):
        filled.tags.tag_article(1, ["during the backup"])
    took = time.perf_counter() - took
    worker.join(60)
    assert finished.is_set() and took < 1.0


def test_a_log_already_copied_into_the_file_is_not_counted_twice(
    filled: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an import the file holds its pages and the log's file keeps its size until the
    next write starts it over: a backup is as large as the pages, not as both files."""
    conn = filled.connection()
    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    (pages,) = conn.execute("PRAGMA page_count").fetchone()
    logical = pages * conn.execute("PRAGMA page_size").fetchone()[0]
    on_disk = filled.path.stat().st_size + Path(f"{filled.path}-wal").stat().st_size
    assert on_disk > 1.5 * logical  # what the old estimate took a backup to need
    disk = shutil.disk_usage(filled.path.parent).total
    monkeypatch.setattr(backups_module, "SHARE_OF_DISK", 1.2 * logical / disk)
    backup = filled.backups.make()
    assert backup.size <= 1.2 * logical

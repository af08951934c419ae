"""Making a library's backups, and keeping them within their share of the disk.

What is in the backups folder, how its files are named and read, is core/backup_folder.py;
here is what writes and deletes there, and the rules for both.

What: a file per backup, made with SQLite's online backup API in steps of a few hundred
pages over one read snapshot, so writers go on meanwhile (WAL) and the copy is of one moment;
then switched to a plain rollback-journal file (one file, nothing beside it), checked whole
with `PRAGMA integrity_check`, synced, and only then given its name: a backup killed halfway
leaves a hidden `.partial` file that is never listed, and that the next backup deletes.
Kinds: `daily` (the app's first open of a day, when the library changed since the last
backup), `manual` (`briefing backup`, File ▸ Back Up Now), `pre-migration` (before every
schema upgrade), `pre-restore` (the library as it was before a restore), and `damaged` (a
file that could not be read, copied as it was before a restore replaced it: never restored
from, kept for whoever can rescue it).

How many: the newest backup of each of the last DAILY_DAYS days and of each of the
WEEKLY_WEEKS weeks before, plus every backup made by hand, before an upgrade or a restore
for KEPT_DAYS days, and always the newest two. Together they never take more than
SHARE_OF_DISK of the disk they are on: after each backup the oldest go first (never the
newest). A backup bigger than that share alone is refused, and so is one that would leave
less than FREE_MARGIN of the disk free; a backup before an upgrade or a restore, without
which neither may go on, is allowed past the share (not past the free space).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from briefing.core.backup_folder import (
    KINDS,
    PARTIAL,
    Backup,
    folder_for,
    free_name,
    made_at,
    named_backups,
    read_backup,
)
from briefing.core.errors import BackupFailed, BriefingError, LibraryBusy
from briefing.core.progress import NoProgress, Progress

SHARE_OF_DISK = 0.10
FREE_MARGIN = 0.05
DAILY_DAYS = 7
WEEKLY_WEEKS = 8
KEPT_DAYS = 30
STEP_PAGES = 256  # 1 MB a step at 4 KB pages: each step holds the source for about a millisecond
CHECK_STEPS = 1_000_000  # SQLite's VM instructions of the integrity check between two pauses
PARTIAL_STALE_S = 600  # a live backup touches its partial file every step

_KEPT_KINDS = ("manual", "pre-migration", "pre-restore", "damaged")
_UNCAPPED = ("pre-migration", "pre-restore", "damaged")


# Making ---------------------------------------------------------------------------------------


def write(
    conn: sqlite3.Connection,
    library: Path,
    kind: str,
    *,
    progress: Progress | None = None,
    pages: int = STEP_PAGES,
    pause: Callable[[], None] | None = None,
) -> Backup:
    """Back up the library that `conn` reads (outside any transaction) as a `kind` backup.

    `pause()`, if given, runs between steps: the app yields there so that its searches never
    wait behind a step. BackupFailed when it cannot be made whole and checked; nothing is
    left behind then but the backups there were.
    """
    assert kind in KINDS
    progress = progress or NoProgress()
    folder = folder_for(library)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise BackupFailed(f"cannot make the backups folder {folder}: {exc.strerror}") from None
    _tidy_partials(folder)
    _check_room(folder, _pages_size(conn, library), capped=kind not in _UNCAPPED)
    target = free_name(folder, library.stem, kind)
    partial = folder / f".{target.name}{PARTIAL}"
    try:
        dest = sqlite3.connect(partial, isolation_level=None)
    except sqlite3.Error as exc:
        raise BackupFailed(f"cannot write {partial}: {exc}") from None
    try:
        _copy(conn, dest, progress, pages, pause)
        # One file, nothing beside it: a copy in WAL mode would make -wal and -shm files the
        # moment anything opened it, and a backup is a thing to copy about whole.
        dest.execute("PRAGMA journal_mode = DELETE")
        if pause is not None:
            # The check reads the whole copy, seconds of CPU in one statement: it pauses
            # every so many steps as the copy does, so that others get the CPU meanwhile.
            dest.set_progress_handler(_pausing(pause), CHECK_STEPS)
        check = [row[0] for row in dest.execute("PRAGMA integrity_check(20)")]
        dest.set_progress_handler(None, 0)
        if check != ["ok"]:
            raise BackupFailed(
                f"the backup of {library} failed its integrity check ({'; '.join(check[:3])}): "
                "the library itself may be damaged; the backups already there are kept"
            )
    except sqlite3.Error as exc:
        dest.close()
        partial.unlink(missing_ok=True)
        raise _failed(library, exc) from None
    except BaseException:
        dest.close()
        partial.unlink(missing_ok=True)
        raise
    dest.close()
    try:
        sync(partial)
        os.replace(partial, target)
        sync(folder)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupFailed(f"cannot write {target}: {exc.strerror}") from None
    backup = read_backup(target, made_at(target), kind)
    prune(library, keep=target)
    return backup


def _copy(
    conn: sqlite3.Connection,
    dest: sqlite3.Connection,
    progress: Progress,
    pages: int,
    pause: Callable[[], None] | None,
) -> None:
    """The backup API in steps over one snapshot: with a read transaction open on the source,
    a commit by another connection meanwhile neither restarts the copy nor gets into it."""
    pinned = not conn.in_transaction
    if pinned:
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()

    def step(_status: int, remaining: int, total: int) -> None:
        progress.update(total - remaining, total, "backing up")
        progress.check()
        if pause is not None:
            pause()

    try:
        conn.backup(dest, pages=pages, progress=step)
    finally:
        if pinned and conn.in_transaction:
            conn.execute("ROLLBACK")


def _pausing(pause: Callable[[], None]) -> Callable[[], int]:
    """A progress handler that pauses and lets the statement go on (0: do not interrupt)."""

    def handler() -> int:
        pause()
        return 0

    return handler


def keep_as_found(library: Path) -> Backup | None:
    """Copy a file that cannot be read as a library, bytes as they are (with its -wal), as a
    `damaged` backup: before a restore replaces it, since someone may yet rescue it."""
    if not library.exists():
        return None
    folder = folder_for(library)
    try:
        folder.mkdir(exist_ok=True)
        _tidy_partials(folder)
        _check_room(folder, _size_on_disk(library), capped=False)
        target = free_name(folder, library.stem, "damaged")
        partial = folder / f".{target.name}{PARTIAL}"
        shutil.copyfile(library, partial)
        sync(partial)
        wal = library.with_name(library.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, target.with_name(target.name + "-wal"))
        os.replace(partial, target)
        sync(folder)
    except OSError as exc:
        raise BackupFailed(f"cannot keep a copy of {library} first: {exc.strerror}") from None
    return Backup(target, made_at(target), "damaged", target.stat().st_size)


def is_due(library: Path, uid: str, version: int, today: date | None = None) -> bool:
    """Whether the first open of today should make a daily backup: none made today, and the
    library changed since the newest one (an unchanged library needs no second copy)."""
    today = today or datetime.now().astimezone().date()
    named = named_backups(library)
    if any(made.astimezone().date() == today for _, made, kind in named if kind != "damaged"):
        return False
    for path, made, kind in named:
        if kind == "damaged":
            continue
        newest = read_backup(path, made, kind)
        if newest.readable:
            return (newest.library_uid, newest.version) != (uid, version)
    return True


# Keeping -------------------------------------------------------------------------------------


def prune(library: Path, *, keep: Path | None = None, now: datetime | None = None) -> list[Path]:
    """Delete the backups past their generations, then the oldest past the disk share."""
    now = now or datetime.now(UTC)
    named = named_backups(library)
    kept = _generations(named, now)
    if keep is not None:
        kept.add(keep)
    removed = []
    for path, _made, _kind in named:
        if path not in kept:
            removed.append(path)
    remaining = [(p, m, k) for p, m, k in named if p in kept]
    budget = _budget(folder_for(library))
    total = sum(_size(p) for p, _, _ in remaining)
    # Oldest first, never the newest two: over the share, the past goes before the present.
    for path, _made, _kind in reversed(remaining[2:]):
        if total <= budget:
            break
        if path == keep:
            continue
        total -= _size(path)
        removed.append(path)
    for path in removed:
        path.unlink(missing_ok=True)
        path.with_name(path.name + "-wal").unlink(missing_ok=True)
    return removed


def _generations(named: list[tuple[Path, datetime, str]], now: datetime) -> set[Path]:
    """Which backups their generations keep (see the module docstring)."""
    today = now.astimezone().date()
    kept: set[Path] = {path for path, _, _ in named[:2]}
    days: set[date] = set()
    weeks: set[tuple[int, int]] = set()
    for path, made, kind in named:  # newest first: the first of each day or week is its newest
        day = made.astimezone().date()
        age = (today - day).days
        if kind in _KEPT_KINDS and age < KEPT_DAYS:
            kept.add(path)
        if kind == "damaged":
            continue
        if age < DAILY_DAYS:
            if day not in days:
                days.add(day)
                kept.add(path)
        elif age < DAILY_DAYS + 7 * WEEKLY_WEEKS:
            week = day.isocalendar()[:2]
            if week not in weeks:
                weeks.add(week)
                kept.add(path)
    return kept


def _budget(folder: Path) -> float:
    try:
        return shutil.disk_usage(folder).total * SHARE_OF_DISK
    except OSError:
        return float("inf")


def _check_room(folder: Path, estimate: int, *, capped: bool) -> None:
    try:
        usage = shutil.disk_usage(folder)
    except OSError:
        return
    if capped and estimate > usage.total * SHARE_OF_DISK:
        raise BackupFailed(
            f"a backup would take {_mb(estimate)}, more than the {SHARE_OF_DISK:.0%} of the disk "
            f"({_mb(usage.total * SHARE_OF_DISK)}) that backups may use; none was made"
        )
    if usage.free - estimate < usage.total * FREE_MARGIN:
        raise BackupFailed(
            f"not enough free space for a backup ({_mb(estimate)} needed, {_mb(usage.free)} "
            f"free, and {FREE_MARGIN:.0%} of the disk is left free); none was made"
        )


def _tidy_partials(folder: Path) -> None:
    """Remove what backups killed halfway left (a live one touches its file every step)."""
    now = time.time()
    for path in folder.glob(f".*{PARTIAL}*"):
        try:
            if now - path.stat().st_mtime > PARTIAL_STALE_S:
                path.unlink()
        except OSError:
            pass


def _pages_size(conn: sqlite3.Connection, library: Path) -> int:
    """What a backup of the library will take: its pages, as the backup copies them. The
    file and its log on disk overstate it once the log's pages are copied into the file
    (after an import, whose checkpoints run as it goes, both hold them: core/checkpoints.py)."""
    try:
        (pages,) = conn.execute("PRAGMA page_count").fetchone()
        (size,) = conn.execute("PRAGMA page_size").fetchone()
    except sqlite3.Error:
        return _size_on_disk(library)
    return int(pages) * int(size)


def _size_on_disk(library: Path) -> int:
    return sum(_size(library.with_name(library.name + s)) for s in ("", "-wal"))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def sync(path: Path) -> None:
    """fsync a file, or a folder (so a rename in it is on disk too; not on Windows)."""
    if path.is_dir() and os.name == "nt":  # pragma: no cover
        return
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _mb(size: float) -> str:
    return f"{size / 1_000_000:,.0f} MB" if size >= 1_000_000 else f"{size / 1000:,.0f} kB"


def _failed(library: Path, exc: sqlite3.Error) -> BriefingError:
    name = getattr(exc, "sqlite_errorname", "")
    if name.startswith("SQLITE_BUSY"):
        return LibraryBusy(f"{library} is busy; the backup was not made, try again in a moment")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return BackupFailed(
            f"{library} cannot be read whole ({exc}): it may be damaged; the backups already "
            "there are kept"
        )
    if name.startswith("SQLITE_FULL"):
        return BackupFailed(f"the disk is full; the backup of {library} was not made")
    return BackupFailed(f"the backup of {library} failed: {exc}")

"""Backups of a library, and restoring one.

Where: in a folder beside the library, `news.sqlite-backups/` next to `news.sqlite` (named
like SQLite's `-wal` and `-shm`). Beside it, not in the data folder, because that is where a
reader looks for them, they stay with the library when it is moved or copied whole, they are
found from the path alone when the library itself is damaged beyond naming, and each library
(a user may keep several) has its own. The price is the same disk; these backups are against
mistakes and damage (a bad import, an upgrade regretted, a file overwritten or cut short),
not against losing the disk: that is the computer's backup's job, which finds them beside
the library.

What: a file per backup, `news-20261205T150210Z-daily.sqlite`, made with SQLite's online
backup API in steps of a few hundred pages over one read snapshot, so writers go on meanwhile
(WAL) and the copy is of one moment; then switched to a plain rollback-journal file (one file,
nothing beside it), checked whole with `PRAGMA integrity_check`, synced, and only then given
its name: a backup killed halfway leaves a hidden `.partial` file that is never listed, and
that the next backup deletes. Kinds: `daily` (the app's first open of a day, when the library
changed since the last backup), `manual` (`briefing backup`, File ▸ Back Up Now),
`pre-migration` (before every schema upgrade), `pre-restore` (the library as it was before a
restore), and `damaged` (a file that could not be read, copied as it was before a restore
replaced it: never restored from, kept for whoever can rescue it).

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
import re
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from briefing.core.errors import BackupFailed, BriefingError, LibraryBusy
from briefing.core.progress import NoProgress, Progress

SUFFIX = "-backups"
SHARE_OF_DISK = 0.10
FREE_MARGIN = 0.05
DAILY_DAYS = 7
WEEKLY_WEEKS = 8
KEPT_DAYS = 30
STEP_PAGES = 256  # 1 MB a step at 4 KB pages: each step holds the source for about a millisecond
CHECK_STEPS = 1_000_000  # SQLite's VM instructions of the integrity check between two pauses
PARTIAL = ".partial"
PARTIAL_STALE_S = 600  # a live backup touches its partial file every step

KINDS = ("daily", "manual", "pre-migration", "pre-restore", "damaged")
_KEPT_KINDS = ("manual", "pre-migration", "pre-restore", "damaged")
_UNCAPPED = ("pre-migration", "pre-restore", "damaged")
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)-(?P<kind>" + "|".join(KINDS) + r")\.sqlite$"
)
_STAMP = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True)
class Backup:
    """One backup file. Counts are None when the file cannot be read (a `damaged` copy)."""

    path: Path
    made: datetime  # UTC
    kind: str
    size: int
    articles: int | None = None
    claims: int | None = None
    schema: int | None = None
    version: int | None = None  # the journal's, to tell whether the library moved on since
    library_uid: str | None = None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def readable(self) -> bool:
        return self.articles is not None

    @property
    def restorable(self) -> bool:
        return self.readable and self.kind != "damaged"


@dataclass(frozen=True)
class RestoreReport:
    restored: Backup
    kept: Backup | None  # the library as it was just before, None when there was no file


def folder_for(library: Path) -> Path:
    return library.with_name(library.name + SUFFIX)


# Listing ------------------------------------------------------------------------------------


def list_backups(library: Path) -> list[Backup]:
    """The backups of `library`, newest first, each opened to count what it holds."""
    return [_read(path, made, kind) for path, made, kind in _named(library)]


def _named(library: Path) -> list[tuple[Path, datetime, str]]:
    folder = folder_for(library)
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = []
    for path in entries:
        match = _NAME.match(path.name)
        if match and match["stem"] == library.stem and path.is_file():
            made = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
            found.append((path, made, match["kind"]))
    found.sort(key=lambda item: (item[1], item[0].name), reverse=True)
    return found


def _read(path: Path, made: datetime, kind: str) -> Backup:
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if kind == "damaged":
        return Backup(path, made, kind, size)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
            schema = conn.execute("PRAGMA user_version").fetchone()[0]
            head = conn.execute(
                "SELECT version, library_uid FROM journal_head WHERE id = 1"
                if _has(conn, "journal_head")
                else "SELECT NULL, NULL"
            ).fetchone() or (None, None)
        finally:
            conn.close()
    except sqlite3.Error:
        return Backup(path, made, kind, size)
    return Backup(path, made, kind, size, articles, claims, schema, head[0], head[1])


def _has(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    return row is not None


def newest_restorable(library: Path) -> Backup | None:
    return next((b for b in list_backups(library) if b.restorable), None)


def find(library: Path, given: str | os.PathLike[str]) -> Backup:
    """A backup named as `backup list` shows it, or any path to a backup file."""
    text = os.fspath(given)
    for path, made, kind in _named(library):
        if path.name == text or path.stem == text:
            return _read(path, made, kind)
    path = Path(text).expanduser()
    if not path.is_file():
        raise BackupFailed(
            f"no backup called {text!r} of {library} (see `briefing backup list`) and no such file"
        )
    match = _NAME.match(path.name)
    if match:
        made = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
        kind = match["kind"]
    else:
        made = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        kind = "manual"
    return _read(path, made, kind)


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
    target = _free_name(folder, library.stem, kind)
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
    backup = _read(target, _made(target), kind)
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
        target = _free_name(folder, library.stem, "damaged")
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
    return Backup(target, _made(target), "damaged", target.stat().st_size)


def is_due(library: Path, uid: str, version: int, today: date | None = None) -> bool:
    """Whether the first open of today should make a daily backup: none made today, and the
    library changed since the newest one (an unchanged library needs no second copy)."""
    today = today or datetime.now().astimezone().date()
    named = _named(library)
    if any(made.astimezone().date() == today for _, made, kind in named if kind != "damaged"):
        return False
    for path, made, kind in named:
        if kind == "damaged":
            continue
        newest = _read(path, made, kind)
        if newest.readable:
            return (newest.library_uid, newest.version) != (uid, version)
    return True


# Keeping -------------------------------------------------------------------------------------


def prune(library: Path, *, keep: Path | None = None, now: datetime | None = None) -> list[Path]:
    """Delete the backups past their generations, then the oldest past the disk share."""
    now = now or datetime.now(UTC)
    named = _named(library)
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


def _made(path: Path) -> datetime:
    match = _NAME.match(path.name)
    assert match is not None  # named by _free_name
    return datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)


def _free_name(folder: Path, stem: str, kind: str) -> Path:
    moment = datetime.now(UTC).replace(microsecond=0)
    while True:
        path = folder / f"{stem}-{moment.strftime(_STAMP)}-{kind}.sqlite"
        partial = folder / f".{path.name}{PARTIAL}"
        if not path.exists() and not partial.exists():
            return path
        moment += timedelta(seconds=1)


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

"""A library's backups folder: where it is, how its files are named, and what each holds.

Apart from making backups (core/backups.py) because everything else only reads the folder:
the dialog that lists backups, a restore finding the one it was given, and the message about
a library that will not open, which names the newest backup to restore (core/library_file.py).
None of them may need the library itself, which may be the damaged one: all is found from
the library's path alone, and each backup is opened read-only to count what it holds.

Where: in a folder beside the library, `news.sqlite-backups/` next to `news.sqlite` (named
like SQLite's `-wal` and `-shm`). Beside it, not in the data folder, because that is where a
reader looks for them, they stay with the library when it is moved or copied whole, they are
found from the path alone when the library itself is damaged beyond naming, and each library
(a user may keep several) has its own. The price is the same disk; these backups are against
mistakes and damage (a bad import, an upgrade regretted, a file overwritten or cut short),
not against losing the disk: that is the computer's backup's job, which finds them beside
the library.

Names: `news-20261205T150210Z-daily.sqlite`, the library's stem, the moment in UTC and the
kind (see core/backups.py for when each is made). A backup being made is a hidden
`.<name>.partial` file, never listed.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from briefing.core.errors import BackupFailed

SUFFIX = "-backups"
PARTIAL = ".partial"
KINDS = ("daily", "manual", "pre-migration", "pre-restore", "damaged")
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


def list_backups(library: Path) -> list[Backup]:
    """The backups of `library`, newest first, each opened to count what it holds."""
    return [read_backup(path, made, kind) for path, made, kind in named_backups(library)]


def named_backups(library: Path) -> list[tuple[Path, datetime, str]]:
    """The backup files of `library` by their names alone, newest first: (path, made, kind).
    Cheap, for what needs no counts (choosing which to keep)."""
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


def read_backup(path: Path, made: datetime, kind: str) -> Backup:
    """The backup at `path`, opened read-only to count what it holds (nothing when it cannot
    be read, or is a `damaged` copy)."""
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
    for path, made, kind in named_backups(library):
        if path.name == text or path.stem == text:
            return read_backup(path, made, kind)
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
    return read_backup(path, made, kind)


def made_at(path: Path) -> datetime:
    """When the backup at `path` was made, from the name `free_name` gave it."""
    match = _NAME.match(path.name)
    assert match is not None  # named by free_name
    return datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)


def free_name(folder: Path, stem: str, kind: str) -> Path:
    """A name for a new `kind` backup, made now, that no backup (or one being made) has."""
    moment = datetime.now(UTC).replace(microsecond=0)
    while True:
        path = folder / f"{stem}-{moment.strftime(_STAMP)}-{kind}.sqlite"
        partial = folder / f".{path.name}{PARTIAL}"
        if not path.exists() and not partial.exists():
            return path
        moment += timedelta(seconds=1)

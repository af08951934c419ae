"""Schema upgrades: the numbered SQL files in db/, applied in order.

The library's `PRAGMA user_version` is the number of the last migration that ran. All
pending steps run in one exclusive transaction, bumping user_version after each, so a
failure leaves the file exactly as it was (calibre's schema_upgrades does the same). Before
touching a library that already holds data, the whole file is copied with SQLite's backup
API, because a migration that succeeds can still be a migration the reader regrets.

A library newer than this program knows is refused rather than opened: writing to a schema
we do not understand is how data gets lost.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from briefing.core.bundled import migrations_dir
from briefing.core.errors import LibraryUnavailable, MigrationFailed

APPLICATION_ID = 0x42524946  # 'BRIF': marks the file as a Briefing library

_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    """The migrations shipped with this program, checked to be numbered 1, 2, 3, ..."""
    found = []
    for entry in migrations_dir().iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise MigrationFailed(f"migration {expected:03d} is missing from db/")
    return found


def latest_version() -> int:
    migrations = available_migrations()
    return migrations[-1].version if migrations else 0


def split_statements(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies whole.

    executescript() would commit any open transaction first, which defeats running all
    steps in one; so statements run one by one inside our own transaction.
    """
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not _only_comments(buffer):
        raise MigrationFailed("a migration ends with an incomplete SQL statement")
    return statements


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in text.splitlines())


def backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.v{version}-backup-{stamp}{path.suffix or '.sqlite'}")
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target


def migrate(
    conn: sqlite3.Connection,
    path: Path | None,
    migrations: list[Migration] | None = None,
    *,
    on_upgrade: Callable[[int, int], None] | None = None,
) -> list[int]:
    """Bring the library up to date; return the versions applied (usually none).

    `conn` must be in autocommit mode (isolation_level=None). `path` is None for an
    in-memory library, which has nothing to back up. `migrations` defaults to the ones
    shipped in db/ (tests pass their own to exercise upgrades). `on_upgrade(from, to)` is
    called before existing data is upgraded: a large library takes seconds (rebuilding an
    index), and the app and the CLI say so rather than seem to hang.
    """
    if migrations is None:
        migrations = available_migrations()
    latest = migrations[-1].version if migrations else 0
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > latest:
        raise LibraryUnavailable(
            f"{path} was written by a newer version of Briefing (schema {current}, this "
            f"program knows {latest}); update Briefing to open it"
        )
    if current == latest:
        return []

    if current > 0 and on_upgrade is not None:
        on_upgrade(current, latest)
    if current > 0 and path is not None:
        # Before the lock: SQLite refuses to back up from a connection that is writing.
        backup(conn, path, current)
    try:
        conn.execute("BEGIN EXCLUSIVE")
    except sqlite3.OperationalError as exc:
        raise LibraryUnavailable(f"{path} is busy: another program is using it ({exc})") from exc
    applied: list[int] = []
    try:
        # Another process may have migrated while we waited for the lock.
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        pending = [m for m in migrations if m.version > current]
        for migration in pending:
            for statement in split_statements(migration.sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {migration.version}")
            applied.append(migration.version)
        if pending:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK")
        step = pending[len(applied)] if pending and len(applied) < len(pending) else None
        where = f"migration {step.version:03d}_{step.name}" if step else "a migration"
        raise MigrationFailed(f"{where} failed on {path}: {exc}; the library is unchanged") from exc
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return applied

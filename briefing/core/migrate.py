"""Schema upgrades: the numbered SQL files in db/, applied in order.

The library's `PRAGMA user_version` is the number of the last migration that ran. All
pending steps run in one exclusive transaction, bumping user_version after each, so a
failure leaves the file exactly as it was (calibre's schema_upgrades does the same). Before
touching a library that already holds data, the whole file is backed up (a `pre-migration`
backup in its backups folder, core/backups.py), because a migration that succeeds can still
be a migration the reader regrets; if it cannot be made, nothing is upgraded.

A library newer than this program knows is refused rather than opened: writing to a schema
we do not understand is how data gets lost. Library.open asks before its first write
(`check_not_newer`); migrate() asks again under the lock.

Migrations cannot delete by accident. With foreign keys on, `DROP TABLE annotations`
deletes every row first and the deletes cascade: a rebuild of annotations used to commit with
no claims, mentions or links left. So the steps run with `foreign_keys` OFF, switched before
BEGIN (inside a transaction the pragma does nothing), and after each step
`PRAGMA foreign_key_check` must find no more dangling references than before it, else all
of it rolls back and MigrationFailed names the step and the rows it would orphan. More, not
any: a library edited in the sqlite3 shell (foreign keys off there) may already hold a few,
and refusing every upgrade for them would lock the reader out of their library.
`legacy_alter_table` is ON too, as in Django's schema editor: the rename in step 4 below
then does what it says instead of failing because a view names the dropped table (migration
004 rebuilt articles while the articles_fts_content view of db/003 named it). The price: a
migration that truly renames a table fixes the views and triggers that name it itself
(foreign keys left pointing at the old name are caught by the check). No integrity_check or
quick_check: they find a damaged file, not a wrong migration (SQL keeps the b-trees whole),
and they read the whole file, about 0.7 s for 500 MB, on top of the backup.

A migration that changes a table beyond what ALTER TABLE can (a CHECK list, a column's
type or constraint) rebuilds it as https://www.sqlite.org/lang_altertable.html#otheralter
describes, all in its one SQL file:

1. look up x's indexes and triggers, and the views that name x, in sqlite_master;
2. CREATE TABLE new_x (...) with the new definition;
3. INSERT INTO new_x (columns) SELECT ... FROM x; DROP TABLE x (its indexes and triggers
   go with it; the views that name it stay, broken);
4. ALTER TABLE new_x RENAME TO x;
5. create x's indexes and triggers again, and drop and create again the views that name it.
   articles, annotations and actors have their FTS triggers (db/009, db/007); copy the
   stored columns by name (a generated column, as articles had from db/007 to db/009, is
   declared again rather than copied, and SELECT * includes it).
   External-content FTS tables name their table by text and find the new one; run their
   'rebuild' if rowids changed.

Foreign keys, the rename mode and the check are migrate()'s work, not the file's.

A step that fills something large (an index) reports how far it is from SQL: migrate()
defines `briefing_progress(label, total)`, which counts one item done each time it is called
and returns 1, so `INSERT ... SELECT ... WHERE briefing_progress('Indexing', (SELECT count(*)
FROM x))` reports each row to the `progress` given to migrate(). The function exists only
while migrations run.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefing.core.bundled import migrations_dir
from briefing.core.errors import LibraryUnavailable, MigrationFailed
from briefing.core.progress import NoProgress, Progress

APPLICATION_ID = 0x42524946  # 'BRIF': marks the file as a Briefing library

_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    """The migrations shipped with this program, checked to be numbered 1, 2, 3, ..."""
    return list(_shipped())


@cache
def _shipped() -> tuple[Migration, ...]:
    """Read once a process: every open asks, and the files do not change under a program."""
    found = []
    for entry in migrations_dir().iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise MigrationFailed(f"migration {expected:03d} is missing from db/")
    return tuple(found)


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


def check_not_newer(path: Path | None, current: int, latest: int) -> None:
    """Refuse a library whose schema is newer than this program knows."""
    if current > latest:
        raise LibraryUnavailable(
            f"{path} was written by a newer version of Briefing (schema {current}, this "
            f"program knows {latest}); update Briefing to open it"
        )


def migrate(
    conn: sqlite3.Connection,
    path: Path | None,
    migrations: list[Migration] | None = None,
    *,
    on_upgrade: Callable[[int, int], None] | None = None,
    progress: Progress | None = None,
) -> list[int]:
    """Bring the library up to date; return the versions applied (usually none).

    `conn` must be in autocommit mode (isolation_level=None) and outside a transaction:
    foreign keys can only be switched off there. They are back as they were on return.
    `path` is None for an in-memory library, which has nothing to back up. `migrations`
    defaults to the ones shipped in db/ (tests pass their own to exercise upgrades).
    `on_upgrade(from, to)` is called before existing data is upgraded: a large library
    takes seconds (rebuilding an index), and the app and the CLI say so rather than seem
    to hang; `progress` then hears how far the steps that fill an index are.
    """
    if migrations is None:
        migrations = available_migrations()
    latest = migrations[-1].version if migrations else 0
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    check_not_newer(path, current, latest)
    if current == latest:
        return []
    if conn.in_transaction:
        raise RuntimeError("migrate() needs a connection outside any transaction")

    if current > 0 and on_upgrade is not None:
        on_upgrade(current, latest)
    if current > 0 and path is not None:
        # Before the lock: SQLite refuses to back up from a connection that is writing.
        # A `pre-migration` backup (core/backups.py), checked whole: without it, no upgrade.
        from briefing.core.backups import write

        write(conn, path, "pre-migration")
    foreign_keys = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    legacy_alter = conn.execute("PRAGMA legacy_alter_table").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA legacy_alter_table = ON")
    conn.create_function("briefing_progress", 2, _Counter(progress or NoProgress()))
    try:
        return _apply(conn, path, migrations)
    finally:
        conn.create_function("briefing_progress", 2, None)
        conn.execute(f"PRAGMA foreign_keys = {int(foreign_keys)}")
        conn.execute(f"PRAGMA legacy_alter_table = {int(legacy_alter)}")


class _Counter:
    """briefing_progress(label, total) for the migrations' SQL: one call, one item done."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._label = ""
        self._done = 0

    def __call__(self, label: str, total: int) -> int:
        # A new fill starts at one: another label, or the same one again once a fill of it
        # ended (the article index is filled by db/007 and again by db/009).
        if label != self._label or self._done >= total:
            self._label, self._done = label, 0
        self._done += 1
        self._progress.update(self._done, total, label)
        return 1


def _apply(conn: sqlite3.Connection, path: Path | None, migrations: list[Migration]) -> list[int]:
    try:
        conn.execute("BEGIN EXCLUSIVE")
    except sqlite3.OperationalError as exc:
        raise LibraryUnavailable(f"{path} is busy: another program is using it ({exc})") from exc
    applied: list[int] = []
    pending: list[Migration] = []
    try:
        # Another process may have migrated while we waited for the lock.
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        check_not_newer(path, current, migrations[-1].version if migrations else 0)
        pending = [m for m in migrations if m.version > current]
        dangling = _dangling(conn) if pending else Counter()
        for migration in pending:
            for statement in split_statements(migration.sql):
                conn.execute(statement)
            after = _dangling(conn)
            _refuse_orphans(migration, path, after - dangling)
            dangling = after
            conn.execute(f"PRAGMA user_version = {migration.version}")
            applied.append(migration.version)
        if pending:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK")
        step = pending[len(applied)] if len(applied) < len(pending) else None
        where = f"migration {step.version:03d}_{step.name}" if step else "a migration"
        raise MigrationFailed(f"{where} failed on {path}: {exc}; the library is unchanged") from exc
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return applied


def _dangling(conn: sqlite3.Connection) -> Counter[tuple[str, str]]:
    """Rows whose foreign key points at nothing, counted by (table, table pointed to)."""
    return Counter((row[0], row[2]) for row in conn.execute("PRAGMA foreign_key_check"))


def _refuse_orphans(
    migration: Migration, path: Path | None, orphaned: Counter[tuple[str, str]]
) -> None:
    if not orphaned:
        return
    what = ", ".join(
        f"{n} {'row' if n == 1 else 'rows'} of {table} pointing to missing {parent}"
        for (table, parent), n in sorted(orphaned.items())
    )
    raise MigrationFailed(
        f"migration {migration.version:03d}_{migration.name} would leave {what}; it was not "
        f"applied and {path} is unchanged"
    )

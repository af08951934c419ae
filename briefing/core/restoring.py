"""Restoring a backup in place of a library, first keeping the library as it is.

Only when no program has the library open, this one included: a copy of the app that kept
its connection would go on writing into the file it had (or into the restored one, through
a log that belongs to the other). So a restore enters the library's presence folder as
"restore" and goes on only when it is alone there, and openers that find it back off
(core/presence.py).

The file there now is backed up first, as a `pre-restore` backup when it can be read as a
database, else copied byte for byte as a `damaged` one: a restore by mistake is undone by
restoring that. Then the backup is copied beside the library, synced, the old -wal and -shm
(whose content the backup of the current file has read) are removed, and the copy is renamed
over the library: at every moment the folder holds either the old library or the new one.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from briefing.core import backup_folder, backups
from briefing.core.backup_folder import Backup, RestoreReport
from briefing.core.errors import BackupFailed, BriefingError, LibraryBusy
from briefing.core.library_file import check_is_sqlite, check_whole
from briefing.core.migrate import APPLICATION_ID, latest_version
from briefing.core.presence import Presence
from briefing.core.progress import NoProgress, Progress


def restore(
    library: Path, given: str | os.PathLike[str], *, progress: Progress | None = None
) -> RestoreReport:
    progress = progress or NoProgress()
    backup = backup_folder.find(library, given)
    if backup.path.resolve() == library.resolve():
        raise BackupFailed(f"{backup.path} is the library itself, not a backup of it")
    _check_backup(backup)
    presence = Presence.enter(library, "restore")
    if presence is None:
        raise BackupFailed(f"cannot restore {library}: its folder cannot be written")
    try:
        others = presence.others()
        if others:
            who = "; ".join(holder.describe() for holder in others)
            raise LibraryBusy(
                f"{library} is open in {who}: close it there, then restore (nothing was changed)"
            )
        progress.update(0, 2, "keeping the library as it is")
        kept = _keep_current(library)
        progress.update(1, 2, "restoring")
        _put_in_place(backup.path, library)
        progress.update(2, 2, "restored")
    finally:
        presence.leave()
    return RestoreReport(restored=backup, kept=kept)


def _check_backup(backup: Backup) -> None:
    """A backup to restore must be a whole Briefing library this program can open."""
    if backup.kind == "damaged":
        raise BackupFailed(
            f"{backup.name} is a copy of a damaged library, kept as it was found; it cannot "
            "be restored (choose another backup)"
        )
    try:
        conn = sqlite3.connect(f"{backup.path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            schema = conn.execute("PRAGMA user_version").fetchone()[0]
            check = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupFailed(f"{backup.path} cannot be read as a library ({exc})") from None
    if app_id != APPLICATION_ID:
        raise BackupFailed(f"{backup.path} is not a backup of a Briefing library")
    if schema > latest_version():
        raise BackupFailed(
            f"{backup.path} was made by a newer version of Briefing (schema {schema}); "
            "update Briefing to restore it"
        )
    if check != ["ok"]:
        raise BackupFailed(
            f"{backup.path} is damaged ({'; '.join(check[:2])}); choose another backup"
        )


def _keep_current(library: Path) -> Backup | None:
    if not library.exists():
        return None
    if library.stat().st_size > 0:
        try:
            check_is_sqlite(library)
            check_whole(library)
            conn = sqlite3.connect(library, isolation_level=None, timeout=5)
            try:
                return backups.write(conn, library, "pre-restore")
            finally:
                conn.close()  # the last connection: SQLite folds the -wal into the file
        except (BriefingError, sqlite3.Error):
            pass  # not readable whole as a database: kept byte for byte (which may refuse)
    return backups.keep_as_found(library)


def _put_in_place(source: Path, library: Path) -> None:
    temporary = library.with_name(f".{library.name}.restoring")
    try:
        shutil.copyfile(source, temporary)
        backups.sync(temporary)
        for side in ("-wal", "-shm", "-journal"):
            library.with_name(library.name + side).unlink(missing_ok=True)
        os.replace(temporary, library)
        backups.sync(library.parent)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise BackupFailed(f"cannot restore into {library}: {exc.strerror}") from None

"""`library.backups`: make a backup now, list them, and the daily one (core/backups.py,
core/backup_folder.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.core import backup_folder, backups
from briefing.core.backup_folder import Backup
from briefing.core.errors import BackupFailed
from briefing.core.progress import Progress

if TYPE_CHECKING:
    from briefing.core.library import Library


class BackupService:
    def __init__(self, library: Library) -> None:
        self._library = library

    @property
    def folder(self) -> Path:
        """Where this library's backups are (beside it; see core/backup_folder.py for why)."""
        return backup_folder.folder_for(self._library.path)

    def make(
        self,
        kind: str = "manual",
        *,
        progress: Progress | None = None,
        pause: Callable[[], None] | None = None,
    ) -> Backup:
        """Back the library up now, checked whole, then prune the old ones. On whatever
        thread calls it, through a connection of its own, so a write on this thread's
        connection is neither disturbed nor copied half done. `pause()` runs between steps
        (the app yields there)."""
        if kind not in backup_folder.KINDS or kind == "damaged":
            raise ValueError(f"not a kind of backup: {kind!r}")
        path = self._library.path
        try:
            if self._library.read_only:
                conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            else:
                conn = sqlite3.connect(path, isolation_level=None, timeout=5)
        except sqlite3.Error as exc:
            raise BackupFailed(f"cannot read {path} to back it up: {exc}") from None
        try:
            return backups.write(conn, path, kind, progress=progress, pause=pause)
        finally:
            conn.close()

    def list(self) -> list[Backup]:
        """This library's backups, newest first."""
        return backup_folder.list_backups(self._library.path)

    def due(self) -> bool:
        """Whether today's first open should make a backup (none today, and the library
        changed since the newest)."""
        return backups.is_due(self._library.path, self._library.uid, self._library.version)

    def make_daily(
        self,
        *,
        progress: Progress | None = None,
        pause: Callable[[], None] | None = None,
    ) -> Backup | None:
        """The first open of a day's backup, when one is due; None when not."""
        if self._library.read_only or not self.due():
            return None
        return self.make("daily", progress=progress, pause=pause)

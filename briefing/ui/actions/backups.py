"""Backups from the app: the day's first, Back Up Now, and Restore from Backup….

Backups run as a BackupOp on a thread of their own, in steps that yield between them, so the
reader goes on reading, searching and editing meanwhile (core/backups.py). A restore needs
the library closed everywhere: this window lets go of it (its runner stopped, its
connections closed), the backup is put in place, and a new window opens on the restored
library; if the restore is refused (another copy has the library open) or fails, the same
library opens again, unchanged.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from briefing.core import Backup, BriefingError, Library, Progress
from briefing.ui import errors
from briefing.ui.dialogs.backups import BackupsDialog, describe_backup
from briefing.ui.ops import BackupOp

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow

STEP_PAUSE_S = 0.002  # between steps of a backup: the GUI thread's reads get the disk and GIL


def _pause() -> None:
    time.sleep(STEP_PAUSE_S)


def back_up_now(window: MainWindow) -> BackupOp[Backup]:
    def make(library: Library, progress: Progress) -> Backup:
        return library.backups.make("manual", progress=progress, pause=_pause)

    def done(backup: Backup) -> None:
        errors.show_status(window, f"Backed up: {describe_backup(backup)} ({backup.name})")

    def failed(exc: BaseException) -> None:
        window.notices.show_notice("backup", f"The library was not backed up: {exc}", level="error")

    errors.show_status(window, "Backing up the library…")
    op: BackupOp[Backup] = BackupOp(window.runner, make, parent=window)
    op.success(done).failure(failed).run()
    window.last_backup_op = op
    return op


def make_daily(window: MainWindow) -> BackupOp[Backup | None] | None:
    """The first open of a day backs the library up, quietly, if it changed since the newest
    backup; a failure is said, since the reader relies on it."""
    if window.library.read_only or window.runner.stopped:
        return None  # read-only, or the window closed before its time came

    def make(library: Library, progress: Progress) -> Backup | None:
        return library.backups.make_daily(progress=progress, pause=_pause)

    def done(backup: Backup | None) -> None:
        if backup is not None:
            errors.show_status(window, f"Today's backup is made: {describe_backup(backup)}")

    def failed(exc: BaseException) -> None:
        window.notices.show_notice(
            "backup", f"Today's backup of the library was not made: {exc}", level="warning"
        )

    op: BackupOp[Backup | None] = BackupOp(window.runner, make, parent=window)
    op.success(done).failure(failed).run()
    window.last_backup_op = op
    return op


def choose_backup(window: MainWindow) -> BackupsDialog:
    """File ▸ Restore from Backup…: the backups, newest first; Restore asks, then restores."""
    dialog = BackupsDialog(
        Library.list_backups(window.library.path), lambda b: confirm_restore(window, b), window
    )
    window.dialog = dialog
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def confirm_restore(window: MainWindow, backup: Backup) -> QMessageBox | None:
    others = [h for h in window.library.others() if h.program != "backup"]
    if others:
        who = "; ".join(holder.describe() for holder in others)
        errors.show_error(
            window,
            BriefingError(
                f"The library is open in {who} too. Close it there first: a restore replaces "
                "the file under every program that has it open."
            ),
        )
        return None
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Restore from Backup",
        f"Restore the library as it was on {describe_backup(backup)}?",
        parent=window,
    )
    box.setInformativeText(
        "The library as it is now is backed up first, so this can be undone by restoring "
        "that backup. Edits made since the backup are not in it."
    )
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(restore)
    box.setAccessibleName("Restore from Backup")

    def answered() -> None:
        if box.clickedButton() is restore:
            restore_into_new_window(window, backup)

    box.finished.connect(answered)
    box.open()
    window.dialog = box
    return box


def restore_into_new_window(window: MainWindow, backup: Backup) -> MainWindow | None:
    """Let go of the library, restore `backup`, and open it again in a new window (which
    replaces this one). None, with a message, if the library could not be opened again."""
    from briefing.ui.app import open_window, reopen_library

    path, settings = window.library.path, window.settings
    if not window.release_library():
        return None  # the reader kept it open (edits waiting)
    try:
        report = Library.restore_backup(path, backup.path)
    except BriefingError as exc:
        level, message = "error", f"The backup was not restored: {exc}"
    else:
        kept = report.kept.name if report.kept else "nothing (there was no file)"
        level, message = (
            "info",
            (
                f"Restored the library as it was on {describe_backup(report.restored)}. "
                f"The library as it was before is kept as {kept}."
            ),
        )
    library = reopen_library(path)
    if library is None:
        window.close()
        return None
    new = open_window(library, settings, sample=False)
    new.notices.show_notice("restore", message, level=level)
    window.close()
    return new

"""File ▸ Restore from Backup…: the library's backups, newest first, to restore one.

The list is what `briefing backup list` shows: when, what kind, how big, how many articles
and claims. A `damaged` copy (a file that could not be read, kept before a restore replaced
it) is listed but cannot be restored. The dialog itself changes nothing: Restore hands the
chosen backup to the window's callback, which asks before it acts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core import BACKUP_SHARE_OF_DISK, Backup

KIND_NAMES = {
    "daily": "Daily",
    "manual": "Made by hand",
    "pre-migration": "Before an upgrade",
    "pre-restore": "Before a restore",
    "damaged": "Damaged copy",
}


def describe_backup(backup: Backup) -> str:
    """ "5 Dec 2026 15:02 (41 articles, 7 claims)": for messages."""
    made = backup.made.astimezone()
    when = f"{made.day} {made:%b %Y %H:%M}"
    if backup.articles is None or backup.claims is None:
        return f"{when} (unreadable)"
    return f"{when} ({_count(backup.articles, 'article')}, {_count(backup.claims, 'claim')})"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} kB"


class BackupsDialog(QDialog):
    def __init__(
        self,
        backups: Sequence[Backup],
        restore: Callable[[Backup], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from Backup")
        self.setAccessibleName("Restore from Backup")
        self.backups = list(backups)
        self._restore = restore
        folder = backups[0].path.parent if backups else None
        intro = QLabel(
            "Briefing backs the library up on the first open of each day and before every "
            "upgrade, and keeps the newest of each of the last 7 days and 8 weeks (at most "
            f"{BACKUP_SHARE_OF_DISK:.0%} of the disk). Choose one to put in place of the "
            "library; the library as it is now is backed up first."
            if backups
            else "There are no backups of this library yet. File ▸ Back Up Now makes one.",
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.backups), 5, self)
        self.table.setObjectName("backupsTable")
        self.table.setAccessibleName("Backups")
        self.table.setHorizontalHeaderLabels(["Date", "Kind", "Size", "Articles", "Claims"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, backup in enumerate(self.backups):
            cells = [
                backup.made.astimezone().strftime("%Y-%m-%d %H:%M"),
                KIND_NAMES.get(backup.kind, backup.kind),
                _size(backup.size),
                "?" if backup.articles is None else str(backup.articles),
                "?" if backup.claims is None else str(backup.claims),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setToolTip(str(backup.path))
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = self.buttons.addButton(
            "Restore…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.folder_button = self.buttons.addButton(
            "Show Folder", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.folder_button.setEnabled(folder is not None)
        if folder is not None:
            self.folder_button.clicked.connect(
                lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
            )
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self._on_restore_clicked())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        first = next((i for i, b in enumerate(self.backups) if b.restorable), None)
        if first is not None:
            self.table.selectRow(first)
        self._update_buttons()
        self.resize(640, 380)

    def chosen(self) -> Backup | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.backups[rows.pop()] if len(rows) == 1 else None

    def _update_buttons(self) -> None:
        backup = self.chosen()
        self.restore_button.setEnabled(backup is not None and backup.restorable)
        self.restore_button.setToolTip(
            "A copy of a damaged library, kept as it was found: it cannot be restored"
            if backup is not None and not backup.restorable
            else "Put this backup in place of the library (the library as it is now is "
            "backed up first)"
        )

    def _on_restore_clicked(self) -> None:
        backup = self.chosen()
        if backup is None or not backup.restorable:
            return
        self.accept()
        self._restore(backup)

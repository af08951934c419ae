"""The team library's dialogs: Join a Team Library, Conflicts (each field both sides changed,
kept as the team's, with the analyst's value to take back), and leaving a team. TeamSync
(ui/team_sync.py) runs the syncs they start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core import Library
from briefing.ui.ops import CoreOp, OpRunner, SyncOp

if TYPE_CHECKING:
    from briefing.core import Progress, TeamConflict, TeamSyncReport
    from briefing.ui.team_sync import TeamSync


class JoinDialog(QDialog):
    """File ▸ Team ▸ Join…: the server's URL, the team's name and the password (used for
    this session, never stored)."""

    def __init__(self, team_sync: TeamSync, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Join a Team Library")
        self._team_sync = team_sync
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("postgresql://analyst@db.example.org/newsroom")
        self.url.setAccessibleName("Server URL")
        self.url.setMinimumWidth(420)
        self.team = QLineEdit(self)
        self.team.setPlaceholderText("briefing")
        self.team.setAccessibleName("Team")
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.password.setPlaceholderText("from PGPASSWORD or ~/.pgpass when empty")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("joinMessage")
        form = QFormLayout()
        form.addRow("&Server URL:", self.url)
        form.addRow("&Team:", self.team)
        form.addRow("&Password:", self.password)
        note = QLabel(
            "Your library stays on this computer and syncs with the team library in "
            "PostgreSQL: articles, claims, actors, sources, tags and the briefings you share. "
            "The password is never stored."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Join")
        buttons.accepted.connect(self._join)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.op: SyncOp[TeamSyncReport] | None = None

    def _join(self) -> None:
        op = self._team_sync.join(self.url.text().strip(), self.team.text().strip(),
                                  self.password.text())  # fmt: skip
        op.success(lambda _report: self.accept())
        op.failure(lambda exc: self.message.setText(str(exc)))
        self.op = op


class ConflictsDialog(QDialog):
    """File ▸ Team ▸ Conflicts…: each field changed on both sides, with both values; the
    team's is in the record. Keep Mine / Keep Theirs settle the selected ones."""

    def __init__(self, library: Library, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Team Conflicts")
        self._library = library
        self._runner = runner
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(["Record", "Field", "Mine", "Theirs", "By"])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # Both values are what the analyst chooses between: they share the width, the
        # record's label gets a column of its own (elided, whole in its tooltip).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        for column in (1, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setMinimumSize(640, 240)
        self.resize(960, 380)
        self.hint = QLabel(
            "Changed here and in the team since the last sync. The record holds the team's "
            "value; Keep Mine puts yours back and the next sync sends it.",
            self,
        )
        self.hint.setWordWrap(True)
        self.empty = QLabel("No conflicts: every change merged.", self)
        self.keep_mine = QPushButton("Keep &Mine", self)
        self.keep_theirs = QPushButton("Keep &Theirs", self)
        self.keep_mine.setToolTip("Put this library's value back; the next sync sends it")
        self.keep_theirs.setToolTip("Leave the team's value, as the record has it now")
        self.keep_mine.clicked.connect(lambda: self._resolve("mine"))
        self.keep_theirs.clicked.connect(lambda: self._resolve("theirs"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.keep_mine)
        row.addWidget(self.keep_theirs)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.conflicts: list[TeamConflict] = []
        runner.library_changed.connect(lambda _changes: self.reload())
        self.reload()

    def reload(self) -> None:
        self.conflicts = self._library.team.conflicts()
        self.table.setRowCount(len(self.conflicts))
        for row, c in enumerate(self.conflicts):
            if c.field == "deleted":
                mine = "deleted" if c.mine else "kept, edited here"
                theirs = "deleted" if c.theirs else "edited"
            else:
                mine, theirs = _shown(c.mine), _shown(c.theirs)
            cells = [f"{c.kind} {c.record_id or '–'}: {c.label}", c.field, mine, theirs,
                     c.theirs_by or "?"]  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.setColumnWidth(0, min(320, max(160, self.table.sizeHintForColumn(0))))
        self.empty.setVisible(not self.conflicts)
        self.hint.setVisible(bool(self.conflicts))
        self.table.setVisible(bool(self.conflicts))
        for button in (self.keep_mine, self.keep_theirs):
            button.setEnabled(bool(self.conflicts))
        if self.conflicts and not self.table.selectedItems():
            self.table.selectRow(0)

    def _resolve(self, keep: str) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        ids = [self.conflicts[r].id for r in rows if r < len(self.conflicts)]
        if not ids:
            return

        def run(library: Library, _progress: Progress) -> int:
            for conflict_id in ids:
                library.team.resolve(conflict_id, keep)
            return len(ids)

        op = CoreOp(self._runner, run, self)
        op.success(lambda _n: self.reload()).run()


def _shown(value: object) -> str:
    import json

    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"


def confirm_leave(parent: QWidget) -> bool:
    answer = QMessageBox.question(
        parent,
        "Leave the Team Library",
        "Stop syncing with the team library? This library keeps everything it has.",
    )
    return answer == QMessageBox.StandardButton.Yes

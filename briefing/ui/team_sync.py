"""The team library in the app: File ▸ Team ▸ Join…, Sync Now, Conflicts…, and the status bar.

`TeamSync` belongs to the main window. It syncs on its own thread (a `SyncOp`), when asked,
every few minutes while the library is in a team, and once more when the window closes if
changes are waiting; pulled changes reach every view through `library_changed` as any commit
does. The status bar says where things stand: "syncing…", "offline", "2 conflicts",
"3 changes waiting", "synced 2 min ago".

The password is never stored: when the server asks for one that neither the URL, PGPASSWORD
nor ~/.pgpass gave, the app asks, and keeps the answer in memory for the session.

Signals:
    status_changed(str): the status bar's text, whenever it changes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core import BriefingError, Changes, Library, TeamConflict, TeamSyncReport
from briefing.ui import errors
from briefing.ui.ops import CoreOp, OpRunner, SyncOp
from briefing.ui.wording import counted

if TYPE_CHECKING:
    from briefing.core import Progress

AUTO_SYNC_MS = 5 * 60 * 1000
TICK_MS = 30 * 1000  # "synced 2 min ago" stays true
CLOSE_WAIT_MS = 20 * 1000


def ago(when: str | None, now: datetime | None = None) -> str:
    """ "just now", "2 min ago", "3 h ago", "2 days ago": how long since a UTC ISO time."""
    if not when:
        return "never"
    try:
        then = datetime.strptime(when, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return when
    seconds = max(0, int(((now or datetime.now(UTC)) - then).total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 86400:
        return f"{seconds // 3600} h ago"
    days = seconds // 86400
    return f"{days} day{'s' if days != 1 else ''} ago"


def status_text(
    *,
    joined: bool,
    syncing: bool,
    offline: bool,
    conflicts: int,
    waiting: int,
    last_sync_at: str | None,
) -> str:
    """What the status bar says of the team (empty when not in one)."""
    if not joined:
        return ""
    if syncing:
        return "syncing…"
    parts = []
    if offline:
        parts.append("offline")
    if conflicts:
        parts.append(f"{conflicts} conflict{'s' if conflicts != 1 else ''}")
    if waiting:
        parts.append(f"{waiting} change{'s' if waiting != 1 else ''} waiting")
    if not parts:
        parts.append(f"synced {ago(last_sync_at)}")
    return " · ".join(parts)


class TeamSync(QObject):
    status_changed = Signal(str)
    synced = Signal(object)  # TeamSyncReport, after a sync that finished

    def __init__(self, library: Library, runner: OpRunner, window: QWidget) -> None:
        super().__init__(window)
        self.library = library
        self.runner = runner
        self.window = window
        self.password: str | None = None  # asked for, held for the session only
        self.syncing: SyncOp[TeamSyncReport] | None = None
        self.offline = False
        self.text = ""
        self.details = ""  # the status's tooltip: which team, and why offline
        self._in_team = False
        self._timer = QTimer(self)
        self._timer.setInterval(AUTO_SYNC_MS)
        self._timer.timeout.connect(self.sync_quietly)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.refresh)
        self._tick.start()
        runner.library_changed.connect(self._on_runner_library_changed)
        self.refresh()
        if self.joined:
            self._timer.start()

    @property
    def joined(self) -> bool:
        try:
            return self.library.team.link() is not None
        except BriefingError:
            return False

    def _on_runner_library_changed(self, changes: Changes) -> None:
        # A library in no team has nothing to say: a commit costs its windows no read here.
        if self._in_team:
            self.refresh()

    def refresh(self) -> None:
        """Read (cheaply: two counts) and say where the library stands with its team."""
        try:
            link = self.library.team.link()
            self._in_team = link is not None
            waiting = self.library.team.local_changes() if link else 0
            conflicts = len(self.library.team.conflicts()) if link else 0
        except BriefingError:
            return
        text = status_text(
            joined=link is not None,
            syncing=self.syncing is not None,
            offline=self.offline,
            conflicts=conflicts,
            waiting=waiting,
            last_sync_at=link.last_sync_at if link else None,
        )
        details = ""
        if link is not None:
            lines = [f"Team library {link.team!r} at {link.url}",
                     f"Last synced: {ago(link.last_sync_at)}"]  # fmt: skip
            if self.offline and link.last_error:
                lines.append(link.last_error)
            if conflicts:
                lines.append("File ▸ Team ▸ Conflicts… to settle them")
            details = "\n".join(lines)
        if text != self.text or details != self.details:
            self.text = text
            self.details = details
            self.status_changed.emit(text)

    # Syncing ---------------------------------------------------------------------------------

    def sync_quietly(self) -> None:
        """The timer's sync: skipped while one runs; failures only change the status."""
        if self.joined and self.syncing is None:
            self.sync_now(quiet=True)

    def sync_now(self, *, quiet: bool = False) -> SyncOp[TeamSyncReport] | None:
        if self.syncing is not None:
            return self.syncing
        if not self.joined:
            errors.show_status(self.window, "This library is in no team: File ▸ Team ▸ Join…")
            return None
        password = self.password

        def run(library: Library, progress: Progress) -> TeamSyncReport:
            return library.team.sync(progress=progress, password=password)

        op = SyncOp(self.runner, run, self.window)
        op.success(self._on_synced).failure(lambda exc: self._on_failed(exc, quiet))
        self.syncing = op
        op.finished.connect(self._on_op_ended)
        op.failed.connect(self._on_op_ended)
        op.run()
        self.refresh()
        return op

    def _on_op_ended(self, _result: object) -> None:
        self.syncing = None
        self.refresh()

    def _on_synced(self, report: TeamSyncReport) -> None:
        self.offline = False
        self.syncing = None
        parts = [f"Synced: {report.pulled} pulled, {report.pushed} pushed"]
        if report.conflicts:
            parts.append(f"{counted(report.conflicts, 'new conflict')}: File ▸ Team ▸ Conflicts…")
        errors.show_status(self.window, "; ".join(parts))
        self.synced.emit(report)

    def _on_failed(self, exc: BaseException, quiet: bool) -> None:
        self.syncing = None
        message = str(exc)
        if "asks for a password" in message and not quiet and self._ask_password():
            QTimer.singleShot(0, self.sync_now)
            return
        self.offline = True
        if quiet:
            return
        errors.show_status(self.window, message)

    def _ask_password(self) -> bool:
        link = self.library.team.link()
        text, ok = QInputDialog.getText(
            self.window,
            "Team library password",
            f"Password for {link.url if link else 'the team library'}\n"
            "(kept only while Briefing runs)",
            QLineEdit.EchoMode.Password,
        )
        if ok and text:
            self.password = text
            return True
        return False

    def sync_before_closing(self) -> None:
        """When the window closes: one last sync if changes are waiting and the team was
        reachable, waited for (off the GUI thread) at most CLOSE_WAIT_MS."""
        self._timer.stop()
        self._tick.stop()
        if not self.joined or self.offline:
            return
        try:
            waiting = self.library.team.local_changes()
        except BriefingError:
            return
        op = self.syncing
        if op is None and waiting:
            op = self.sync_now(quiet=True)
        if op is None:
            return
        loop = QEventLoop()
        op.finished.connect(loop.quit)
        op.failed.connect(loop.quit)
        QTimer.singleShot(CLOSE_WAIT_MS, loop.quit)
        if self.syncing is not None:
            loop.exec()

    # Joining ---------------------------------------------------------------------------------

    def join(self, url: str, team: str, password: str) -> SyncOp[TeamSyncReport]:
        self.password = password or None

        def run(library: Library, progress: Progress) -> TeamSyncReport:
            full = url
            if password and "@" in url:
                from urllib.parse import quote

                scheme, rest = url.split("://", 1)
                user, host = rest.split("@", 1)
                full = f"{scheme}://{user.split(':', 1)[0]}:{quote(password, safe='')}@{host}"
            return library.team.join(full, team or None, progress=progress)

        op = SyncOp(self.runner, run, self.window)
        self.syncing = op
        op.finished.connect(self._on_op_ended)
        op.failed.connect(self._on_op_ended)
        op.with_progress("Joining the team library…").success(self._on_joined).run()
        self.refresh()
        return op

    def _on_joined(self, report: TeamSyncReport) -> None:
        self.offline = False
        self._timer.start()
        link = self.library.team.link()
        where = f"the team library {link.team!r}" if link else "the team library"
        errors.show_status(
            self.window, f"Joined {where}: {report.pulled} pulled, {report.pushed} pushed"
        )


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

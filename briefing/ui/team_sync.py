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

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QWidget,
)

from briefing.core import BriefingError, Changes, Library
from briefing.ui import errors
from briefing.ui.ops import OpRunner, SyncOp
from briefing.ui.wording import counted

if TYPE_CHECKING:
    from briefing.core import Progress, TeamSyncReport

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

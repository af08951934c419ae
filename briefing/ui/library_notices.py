"""What the main window's notice bar says about the library itself, rather than an article:
that it is open read-only, what opening it had to mend (with Restore from Backup), that
another copy of the app has it open too, and that edits wait for another program to finish
writing (counting the seconds, with Retry Now) or failed.

A module of its own because it watches the library and the edit writer on timers of its
own and touches none of the panes: the window makes it, asks it once to say how the library
opened, and stops it when it lets the library go.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from briefing.core import Holder
from briefing.ui.actions import backups

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow

COPIES_POLL_MS = 1500  # how often to look for another copy of the app opening the library


class LibraryNotices(QObject):
    """The library's notices in `window.notices`, kept current from the moment it is made."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        edits = window.runner.edits
        edits.waiting.connect(self._on_edits_waiting)
        edits.pending_changed.connect(self._on_edits_pending_changed)
        edits.failed.connect(self._on_edits_failed)
        self._waiting_timer = QTimer(self)  # the waiting notice counts the seconds
        self._waiting_timer.setInterval(1000)
        self._waiting_timer.timeout.connect(self._on_waiting_timer_timeout)
        self._copies: set[tuple[str, int, str]] = set()
        self._copies_timer = QTimer(self)
        self._copies_timer.setInterval(COPIES_POLL_MS)
        self._copies_timer.timeout.connect(self._look_for_copies)
        self._copies_timer.start()

    def stop(self) -> None:
        """Stop looking for other copies: the window is letting the library go."""
        self._copies_timer.stop()

    def say_how_it_opened(self) -> None:
        window = self._window
        library = window.library
        if library.read_only:
            window.notices.show_notice(
                "read-only",
                f"This library is open read-only: {library.read_only}. You can read, search "
                "and export; edits cannot be saved here.",
                level="warning",
                closable=False,
            )
        for index, text in enumerate(library.notices):
            window.notices.show_notice(
                f"opened-{index}",
                text[0].upper() + text[1:] + ".",
                level="warning",
                buttons=[("Restore from Backup…", lambda: backups.choose_backup(window))],
            )
        self._look_for_copies()

    def _look_for_copies(self) -> None:
        """Another copy of the app on this library: say so (both go on working)."""
        try:
            copies = [h for h in self._window.library.others() if h.program == "app"]
        except OSError:
            return
        keys = {(h.host, h.pid, h.since) for h in copies}
        if keys == self._copies:
            return
        self._copies = keys
        if not copies:
            self._window.notices.remove("another-copy")
            return
        self._window.notices.show_notice("another-copy", _copies_text(copies))

    def _on_edits_waiting(self, text: str) -> None:
        self._window.notices.show_notice(
            "edits",
            text,
            level="warning",
            buttons=[("Retry Now", self._window.runner.edits.retry_now)],
            closable=False,
        )
        self._waiting_timer.start()

    def _on_waiting_timer_timeout(self) -> None:
        notice = self._window.notices.notice("edits")
        text = self._window.runner.edits.describe_wait()
        if notice is None or not text:
            self._waiting_timer.stop()
            return
        notice.set_text(text)

    def _on_edits_pending_changed(self, count: int) -> None:
        if count:
            return
        self._waiting_timer.stop()
        self._window.notices.remove("edits")

    def _on_edits_failed(self, text: str) -> None:
        self._window.notices.show_notice(f"edit-failed-{id(text)}", text, level="error")


def _copies_text(copies: list[Holder]) -> str:
    which = "; ".join(holder.describe() for holder in copies)
    return (
        f"This library is open in another copy of Briefing too: {which}. Both can go on "
        "working: what is saved in one shows in the other within a second."
    )

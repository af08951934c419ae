"""The notice shown while a library made by an older Briefing is upgraded.

The upgrade runs before any window exists (the library must be open to build one) and
blocks for as long as it takes (seconds for a large library, rebuilding the search index),
so a plain splash-like window is painted once before it starts and closed after: the reader
sees what is happening instead of nothing at all."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from briefing.ui.icons import icon


class UpgradeNotice(QLabel):
    def __init__(self, old: int, new: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.SplashScreen)
        self.setWindowTitle("Briefing")
        self.setWindowIcon(icon("briefing"))
        self._intro = (
            "<p><b>Upgrading your library for this version of Briefing…</b></p>"
            "<p>A copy of the library as it was is kept beside it."
            "<br>This happens once and can take a little while for a large library.</p>"
        )
        self._drawn_at = 0.0
        self.setText(self._intro)
        self.setAccessibleName("Upgrading the library")
        self.setToolTip(f"Library schema {old} to {new}")
        self.setMargin(24)
        self.setWordWrap(True)
        self.setFixedWidth(460)
        self.setStyleSheet(
            "QLabel { background: palette(window); border: 1px solid palette(mid); }"
        )

    def show_now(self) -> None:
        """Show and paint at once: the event loop will not run until the upgrade is over."""
        self.adjustSize()
        screen = QApplication.primaryScreen()
        if screen is not None:
            self.move(screen.availableGeometry().center() - self.rect().center())
        self.show()
        self.repaint()
        QApplication.processEvents()

    def update_progress(self, done: int, total: int, label: str = "") -> None:
        """How far the upgrade's long step is (core.Progress.update, as the app hands it to
        Library.open): repainted at most every 100 ms, since the core calls per article."""
        now = time.monotonic()
        if done < total and now - self._drawn_at < 0.1:
            return
        self._drawn_at = now
        percent = 100 * done // max(total, 1)
        self.setText(f"{self._intro}<p>{label}: {done:,} of {total:,} ({percent}%)</p>")
        self.adjustSize()
        self.repaint()
        QApplication.processEvents()

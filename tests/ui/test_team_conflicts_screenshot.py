"""The team's Conflicts… dialog over the main window, after two analysts graded and annotated
the same claims apart (against the session's PostgreSQL), for
docs/screenshots/team-conflicts.png; then looked at.

Run with: xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest -m screenshot tests/ui
(the picture is saved under tmp_path; BRIEFING_UPDATE_SCREENSHOTS=1 saves it in docs/).
Asserts what can fail in a picture: not blank, the status bar's word for it, and both values
of every conflict in view, not scrolled out of it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QPainter, QPixmap

from briefing.core import Library
from briefing.ui.dialogs.team import ConflictsDialog
from tests.ui.helpers import REAL_WINDOW, first_run_window, save_screenshot

pytestmark = REAL_WINDOW


def test_team_conflicts_screenshot(
    qtbot, qapp, tmp_path: Path, screenshots: Path, postgres
) -> None:
    url, team = postgres.url(), postgres.new_team()
    with first_run_window(qtbot, qapp, tmp_path) as (window, library):
        library.settings.set_user_name("B. Analyst")
        library.team.join(url, team)
        other = Library.open(tmp_path / "other.sqlite")
        try:
            other.settings.set_user_name("A. Analyst")
            other.team.join(url, team)
            mine = sorted(library.claims.list(), key=lambda c: c.uid)
            theirs = {c.uid: c for c in other.claims.list()}
            for claim, grade in zip(mine[:2], (5, 6), strict=True):
                other.claims.edit(theirs[claim.uid].id, grade=grade - 3)
                library.claims.edit(claim.id, grade=grade)
            other.claims.edit(theirs[mine[2].uid].id, note="The ministry denied it on record.")
            library.claims.edit(mine[2].id, note="An unnamed official confirmed it.")
            other.team.sync()
        finally:
            other.close()
        op = window.team_sync.sync_now()
        assert op is not None
        with qtbot.waitSignal(op.finished, timeout=20000):
            pass
        qtbot.waitUntil(lambda: window.team_status.text() == "3 conflicts")
        dialog = ConflictsDialog(library, window.runner, window)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.move(window.geometry().center() - dialog.rect().center())
        qapp.processEvents()
        image = QPixmap(window.grab())
        where = dialog.geometry().translated(-window.geometry().topLeft())
        painter = QPainter(image)
        painter.fillRect(where.translated(6, 6), QColor(0, 0, 0, 60))
        painter.drawPixmap(where.topLeft(), dialog.grab())
        painter.setPen(QColor("#8a8f98"))
        painter.drawRect(where.adjusted(0, 0, -1, -1))
        painter.end()
        save_screenshot(image, screenshots / "team-conflicts.png")
        table = dialog.table
        assert table.rowCount() == 3
        viewport = table.viewport().width()
        for column in (2, 3, 4):  # Mine, Theirs, By: in view
            assert table.columnViewportPosition(column) + table.columnWidth(column) <= viewport
        dialog.reject()

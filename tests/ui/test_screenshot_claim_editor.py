"""The claim editor open over the real main window, filled in for a sample claim, for
docs/screenshots/claim-editor.png; then looked at.

Run with: xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest -m screenshot tests/ui
(the picture is saved under tmp_path; BRIEFING_UPDATE_SCREENSHOTS=1 saves it in docs/).
Asserts what can fail in a picture: not blank, and no label or button text wider than its
widget.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractButton, QLabel

from briefing.ui.actions.annotate import edit_claim
from briefing.ui.dialogs.claim_editor import ClaimEditor
from tests.ui.helpers import REAL_WINDOW, first_run_window, save_screenshot

pytestmark = REAL_WINDOW


def test_claim_editor_screenshot(qtbot, qapp, tmp_path: Path, screenshots: Path) -> None:
    with first_run_window(qtbot, qapp, tmp_path) as (window, library):
        # The Treasury's claim: a speaker, subjects, sources and a contradicting claim.
        claim = next(c for c in library.claims.list() if c.links and len(c.about) > 1)
        editor = edit_claim(window, claim.id)
        assert isinstance(editor, ClaimEditor)
        qtbot.waitExposed(editor)
        editor.move(window.geometry().center() - editor.rect().center())
        qapp.processEvents()

        # The window with the dialog painted where it sits over it, as the reader sees them.
        # Xvfb has no window manager to draw a frame: a shadow and a border stand in for it.
        image = QPixmap(window.grab())
        where = editor.geometry().translated(-window.geometry().topLeft())
        painter = QPainter(image)
        painter.fillRect(where.translated(6, 6), QColor(0, 0, 0, 60))
        painter.drawPixmap(where.topLeft(), editor.grab())
        painter.setPen(QColor("#8a8f98"))
        painter.drawRect(where.adjusted(0, 0, -1, -1))
        painter.end()
        assert editor.grab().save(str(tmp_path / "editor.png"))
        save_screenshot(image, screenshots / "claim-editor.png")
        for widget in editor.findChildren(QLabel) + editor.findChildren(QAbstractButton):
            if widget.isVisible() and widget.text() and not getattr(widget, "wordWrap", bool)():
                text = widget.text().replace("&", "")
                width = QFontMetrics(widget.font()).horizontalAdvance(text)
                assert width <= widget.width(), text
        editor.reject()

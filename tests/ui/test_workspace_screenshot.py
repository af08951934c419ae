"""The workspace as a window of its own (as benches and tests make it; in the app it is
docked, see test_desk_screenshots.py, whose picture the README shows), with the worked
example's briefing and its preview; then looked at.

Run with: xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest -m screenshot tests/ui
(the picture is saved under tmp_path).
Asserts what can fail in a picture: not blank, the preview rendered, and no label or button
text wider than its widget.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFontMetrics, QUndoStack
from PySide6.QtWidgets import QAbstractButton, QLabel, QToolButton

from briefing.core import Library
from briefing.core.sample import load_sample
from briefing.ui.app import apply_style
from briefing.ui.ops import OpRunner
from briefing.ui.workspace.window import WorkspaceWindow
from tests.ui.helpers import REAL_WINDOW, save_screenshot
from tests.ui.test_workspace_helpers import BLUF, DESIGNATION, NOTE, REACTION, RESPONSE

pytestmark = REAL_WINDOW


def worked_example(library: Library) -> int:
    c = load_sample(library).claims
    b = library.briefings.new(
        "SenseTime IPO and US sanctions", bluf=BLUF, author="A. Analyst", date="2021-12-15"
    )
    library.briefings.add_claims(b, [c["c1"], c["c5"], c["c3"]], section=DESIGNATION)
    library.briefings.add_claims(b, [c["c2"], c["c6"]], section=RESPONSE)
    library.briefings.add_note(b, NOTE, section=RESPONSE)
    library.briefings.add_claims(b, [c["c4"]], section=REACTION)
    return b


def test_workspace_screenshot(qtbot, qapp, tmp_path: Path) -> None:
    apply_style(qapp)
    library = Library.open(tmp_path / "library.sqlite")
    briefing_id = worked_example(library)
    library.briefings.new("Xinjiang supply chains: open questions", author="A. Analyst")
    runner = OpRunner(library)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = WorkspaceWindow(library, runner, QUndoStack(), settings)
    qtbot.addWidget(window)
    try:
        window.resize(1440, 900)
        window.show()
        qtbot.waitExposed(window)
        window.select_briefing(briefing_id)
        note = next(i for i in window.briefing.items if i.kind == "note")
        window.select_items([note.id])
        qtbot.waitUntil(lambda: "Bottom line up front" in window.preview.toPlainText())
        qtbot.waitUntil(lambda: not window.preview.busy)
        qapp.processEvents()

        image = window.grab()
        save_screenshot(image, tmp_path / "workspace-window.png")
        text = window.preview.toPlainText()
        assert "SenseTime IPO and US sanctions" in text and "Beijing's reaction" in text
        for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
            icon_only = (
                isinstance(widget, QToolButton)
                and widget.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
            )  # its label dropped for want of room: named by its tooltip, not cut short
            if icon_only:
                continue
            if widget.isVisible() and widget.text() and not getattr(widget, "wordWrap", bool)():
                width = QFontMetrics(widget.font()).horizontalAdvance(
                    widget.text().replace("&", "")
                )
                assert width <= widget.width(), widget.text()
    finally:
        window.close()
        runner.shutdown()
        qtbot.wait(1)
        library.close()

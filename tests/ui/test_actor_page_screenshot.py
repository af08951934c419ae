"""The actors window on SenseTime's page in the worked example, with suggestions found and
one of them selected, for docs/screenshots/actor-page.png; then looked at.

Run with: xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest -m screenshot tests/ui
(the picture is saved under tmp_path; BRIEFING_UPDATE_SCREENSHOTS=1 saves it in docs/).
Asserts what can fail in a picture: not blank, every list filled, and no label or button
text wider than its widget.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QLabel

from briefing.ui.actors import open_actors
from tests.ui.helpers import REAL_WINDOW, first_run_window, save_screenshot

pytestmark = REAL_WINDOW


def test_actor_page_screenshot(qtbot, qapp, tmp_path: Path, screenshots: Path) -> None:
    with first_run_window(qtbot, qapp, tmp_path) as (main, library):
        library.mentions.suggest()
        sensetime = library.actors.resolve("SenseTime").id
        window = open_actors(main, sensetime)
        try:
            window.resize(1480, 900)
            qtbot.waitExposed(window)
            page = window.page_view
            assert page.page is not None and page.page.actor.name == "SenseTime"
            group = page.suggestions.topLevelItem(0)
            group.child(1).setSelected(True)
            group.child(2).setSelected(True)
            qapp.processEvents()

            image = window.grab()
            save_screenshot(image, screenshots / "actor-page.png")
            for tree in (page.made, page.about, page.mentions, page.suggestions):
                assert tree.topLevelItemCount() > 0, tree.accessibleName()
            for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
                if widget.isVisible() and widget.text() and not widget.property("wordWrap"):
                    width = QFontMetrics(widget.font()).horizontalAdvance(
                        widget.text().replace("&", "")
                    )
                    assert width <= widget.width(), widget.text()
        finally:
            window.close()

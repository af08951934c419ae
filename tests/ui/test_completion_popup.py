"""A completion list as wide as its names, on the screen under a line at its right edge."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCompleter, QLineEdit

from briefing.ui.widgets.completion_popup import fit_popup

NAMES = [
    "Agence France-Presse (English service)",
    "Reuters",
    "South China Morning Post — Hong Kong edition",
    "Süddeutsche Zeitung",
]


@pytest.mark.parametrize("edge", ["right", "left"])
def test_the_list_is_wide_enough_and_stays_on_the_screen(qtbot, edge: str) -> None:
    """A line 90 pixels wide at the screen's right (left) edge: its list is wide enough
    for the longest name and lies inside the screen's available geometry. Widened, Qt kept
    it on the screen at the line's width, so it ran off the right edge."""
    line = QLineEdit()
    line.setWindowFlag(Qt.WindowType.FramelessWindowHint)
    line.setFixedWidth(90)
    completer = QCompleter(NAMES, line)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    line.setCompleter(completer)
    fit_popup(completer)
    qtbot.addWidget(line)
    room = QGuiApplication.primaryScreen().availableGeometry()
    x = room.right() + 1 - line.width() if edge == "right" else room.left()
    line.move(QPoint(x, room.top() + 100))
    line.show()
    qtbot.waitExposed(line)
    line.activateWindow()
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    for text in ("o", "on", "o"):  # shown, then placed again as the list changes
        line.setText("")
        qtbot.keyClicks(line, text)
        popup = completer.popup()
        qtbot.waitUntil(popup.isVisible)
        widest = max(popup.fontMetrics().horizontalAdvance(name) for name in NAMES)
        assert popup.viewport().width() >= widest
        assert room.contains(popup.geometry()), (popup.geometry(), room)
        assert popup.geometry().top() >= line.geometry().center().y()  # under the line

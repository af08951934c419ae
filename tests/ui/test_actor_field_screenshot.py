"""Tag Actor on words the library does not know, in a real window: the kind chooser shows
its guess in italics, whole. Saved under tmp_path, then looked at.

Run with: xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest -m screenshot tests/ui
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

from briefing.ui.dialogs.tag_actor import TagActorDialog
from briefing.ui.widgets.actor_field import actor_names
from tests.ui.helpers import REAL_WINDOW, save_screenshot

pytestmark = REAL_WINDOW


def test_the_guessed_kind_shows_whole(qtbot, library, tmp_path: Path) -> None:
    library.load_sample()
    dialog = TagActorDialog("Ministry of Foreign Affairs", actor_names(library), lambda v: None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    save_screenshot(dialog.grab(), tmp_path / "tag-actor-guessed.png")
    kind = dialog.actor.kind
    assert kind.isVisible() and kind.font().italic()
    assert kind.currentText() == "government body"
    option = QStyleOptionComboBox()
    kind.initStyleOption(option)
    room = kind.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, kind
    )
    assert QFontMetrics(kind.font()).horizontalAdvance(kind.currentText()) <= room.width()
    status = dialog.actor.status
    assert QFontMetrics(status.font()).horizontalAdvance(status.text()) <= status.width()

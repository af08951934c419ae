"""The actors window opened from the real main window on the screens the project tries: an X
server of each size, the main window filling it, View ▸ Actors opened by the app on
SenseTime's page (tests/ui/actors_window.py, in a process of its own); then looked at.

Run with: xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest -m screenshot tests/ui
(the pictures are saved under tmp_path as actors-WxH@S.png). Asserts what can fail in a
picture: the window within the screen (a saved 1480x900 too), the review buttons on the
screen, ordinary names whole in the list, which never scrolls sideways, and no label,
button, field or column header narrower than its text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage

from briefing.ui.actors.list_view import NAME_CHARS
from tests.ui.helpers import REAL_WINDOW
from tests.ui.window_runs import run_window_script, x_server

pytestmark = REAL_WINDOW

SCREENS = [
    pytest.param(1024, 640, 1, False, id="1024x640"),
    pytest.param(1366, 768, 1, False, id="1366x768"),
    pytest.param(1366, 768, 1, True, id="1366x768-saved-1480x900"),
    pytest.param(1920, 1080, 2, False, id="1920x1080@2"),
    pytest.param(1920, 1080, 2, True, id="1920x1080@2-saved-1480x900"),
]


@pytest.mark.parametrize(("width", "height", "scale", "saved"), SCREENS)
def test_the_actors_window_on_a_screen(
    tmp_path: Path, width: int, height: int, scale: int, saved: bool
) -> None:
    out = tmp_path / f"actors-{width}x{height}@{scale}{'-saved' if saved else ''}.png"
    with x_server(width, height) as display:
        seen = run_window_script(
            "actors_window",
            str(out),
            str(tmp_path / "library.sqlite"),
            str(tmp_path / "settings.ini"),
            *(["saved"] if saved else []),
            scale=scale,
            display=display,
        )
    assert seen["ratio"] == scale
    area, frame = QRect(*seen["area"]), QRect(*seen["frame"])
    assert area.size().width() == width // scale and area.height() == height // scale
    assert area.contains(frame), (area, frame)
    buttons = seen["buttons"]
    assert len(buttons) == 4 and all(buttons.values()), buttons  # each shown
    off = [name for name, rect in buttons.items() if not frame.contains(QRect(*rect))]
    assert off == [], (off, frame)
    assert [n for n in seen["elided_names"] if len(n) <= NAME_CHARS] == []
    assert not seen["list_scrolls_sideways"]
    assert seen["clipped"] == []
    image = QImage(str(out))
    colours = {
        image.pixelColor(x, y).rgb()
        for x in range(0, image.width(), 17)
        for y in range(0, image.height(), 13)
    }
    assert len(colours) > 20  # painted, not blank
    print(f"{out.name}: {frame.width()}x{frame.height()} at {frame.x()},{frame.y()}")

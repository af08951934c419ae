"""The claim editor over the real main window on laptops' screens: an X server of each
size, the window filling it, the editor opened by the app on a sample claim or on new words
(tests/ui/claim_editor_window.py, in a process of its own); then looked at. The US
Treasury's claim at 1280x720 is docs/screenshots/claim-editor.png.

Run with: xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest -m screenshot tests/ui
(the pictures are saved under tmp_path; BRIEFING_UPDATE_SCREENSHOTS=1 saves the README's in
docs/). Asserts what can fail in a picture: not blank, the editor on the screen and off the
words, no label or button text wider than its widget, every field whole in view when Tab
reaches it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QImage

from tests.ui.helpers import REAL_WINDOW
from tests.ui.window_runs import run_window_script, x_server

pytestmark = REAL_WINDOW


# Laptops' screens, each an X server of that size: the editor fits, off the words it is about.
SCREENS = [
    pytest.param(1024, 640, 1, "edit", id="1024x640-edit"),
    pytest.param(1024, 640, 1, "new", id="1024x640-new"),
    pytest.param(1280, 720, 1, "edit", id="1280x720-edit"),
    pytest.param(1280, 720, 1, "new-open", id="1280x720-new-open"),
    pytest.param(1920, 1080, 2, "edit", id="1920x1080@2-edit"),
    pytest.param(1920, 1080, 2, "new", id="1920x1080@2-new"),
]


@pytest.mark.parametrize(("width", "height", "scale", "mode"), SCREENS)
def test_the_editor_on_a_laptop_screen(
    tmp_path: Path, screenshots: Path, width: int, height: int, scale: int, mode: str
) -> None:
    """Saved under tmp_path as editor-WxH@S-MODE.png, to look at; the US Treasury's claim
    at 1280x720 is the README's claim-editor.png."""
    readme = (width, scale, mode) == (1280, 1, "edit")
    name = "claim-editor.png" if readme else f"editor-{width}x{height}@{scale}-{mode}.png"
    out = (screenshots if readme else tmp_path) / name
    with x_server(width, height) as display:
        seen = run_window_script(
            "claim_editor_window",
            str(out),
            str(tmp_path / "library.sqlite"),
            str(tmp_path / "settings.ini"),
            mode,
            scale=scale,
            display=display,
        )
    assert seen["ratio"] == scale
    area, frame, words = (QRect(*seen[key]) for key in ("area", "frame", "words"))
    assert area.size() == QSize(width // scale, height // scale)
    assert area.contains(frame), (area, frame)
    assert not frame.intersects(words), (frame, words)
    assert 600 <= frame.width() <= 700
    assert seen["clipped"] == []
    # Tab reaches every field, each whole in view and on the screen when reached.
    names = [field["name"] for field in seen["tabbed"]]
    for name in ("Quote", "Speaker", "Status", "Credibility grade", "Tags", "Note"):
        assert name in names
    assert [f["name"] for f in seen["tabbed"] if not (f["in_view"] and f["on_screen"])] == []
    image = QImage(str(out))
    assert image.width() == width
    colours = {
        image.pixelColor(x, y).rgb()
        for x in range(0, image.width(), 17)
        for y in range(0, image.height(), 13)
    }
    assert len(colours) > 20  # painted, not blank
    print(f"{out.name}: editor {frame.width()}x{frame.height()} at {frame.x()},{frame.y()}")

"""The main window at QT_SCALE_FACTOR=2 under Xvfb, for docs/screenshots/reader-hidpi.png.

Run with: xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest -m screenshot tests/ui
(the picture is saved under tmp_path; BRIEFING_UPDATE_SCREENSHOTS=1 saves it in docs/).
The window runs in a child process (tests/ui/hidpi_window.py): the scale factor is fixed
when a QApplication is made. Asserts what can fail: twice the pixels, icons drawn at twice
the pixels (SVG, so crisp), nothing blank, no header or toolbar label clipped. Then look.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.ui.window_runs import run_window_script

pytestmark = [
    pytest.mark.screenshot,
    pytest.mark.skipif(
        os.environ.get("QT_QPA_PLATFORM") != "xcb",
        reason="needs a real window: xvfb-run -a env QT_QPA_PLATFORM=xcb",
    ),
]


def test_reader_at_twice_the_pixels(tmp_path: Path, screenshots: Path) -> None:
    out = screenshots / "reader-hidpi.png"
    seen = run_window_script(
        "hidpi_window",
        str(out),
        str(tmp_path / "library.sqlite"),
        str(tmp_path / "settings.ini"),
        scale=2,
        timeout=60,
    )
    assert seen["ratio"] == 2
    assert seen["size"] == [2 * seen["logical"][0], 2 * seen["logical"][1]]
    assert seen["icon_pixels"] == [32, 32]
    assert seen["colours"] > 20
    assert seen["clipped"] == []
    assert out.exists()

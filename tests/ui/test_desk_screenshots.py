"""The main window on the screens of a working day, under Xvfb: a 1024x640 laptop, a
1366x768 one, a 1920x1080 monitor at scale factor 1 with the workspace docked, and the same
monitor at scale factor 2; then each again with the claims table docked below the reader
(beside the workspace at 1366x768 and 1920x1080). Each in a child process
(tests/ui/desk_window.py), since the scale factor is fixed when a QApplication is made.

Run with: xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest -m screenshot tests/ui
The pictures go under tmp_path; the docked ones at 1920x1080 are the README's
briefing-workspace.png and claims-table.png (rewritten with BRIEFING_UPDATE_SCREENSHOTS=1).
Each asserts what can fail in a picture: the reader's measure by QFontMetrics (45
characters or more, about 75 at most) and its lines as laid out, nothing blank, no panes
overlapping, no label or button cut short, and the claims dock below the reader with rows
in sight. Then look.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.ui.dock_room import READER_LINES, TABLE_ROWS
from briefing.ui.widgets.reader_measure import READABLE_CHARS
from briefing.ui.widgets.reader_page import MEASURE_CHARS
from tests.ui.helpers import REAL_WINDOW
from tests.ui.window_runs import run_window_script

pytestmark = REAL_WINDOW

SCREENS = [
    pytest.param(1024, 640, 1, False, False, id="1024x640"),
    pytest.param(1366, 768, 1, False, False, id="1366x768"),
    pytest.param(1920, 1080, 1, True, False, id="1920x1080-docked"),
    pytest.param(1920, 1080, 2, False, False, id="1920x1080@2"),
    # The claims table docked below the reader: the reader keeps its measure.
    pytest.param(1024, 640, 1, False, True, id="1024x640-claims"),
    pytest.param(1366, 768, 1, True, True, id="1366x768-claims-docked"),
    pytest.param(1920, 1080, 1, True, True, id="1920x1080-claims-docked"),
    pytest.param(1920, 1080, 2, False, True, id="1920x1080@2-claims"),
    # Both docks on the smallest screens: the window still fits, the reader still reads
    # (its lines too: the table is a tab beside the workspace there, not below the reader).
    pytest.param(1024, 640, 1, True, True, id="1024x640-claims-docked"),
    pytest.param(1920, 1080, 2, True, True, id="1920x1080@2-claims-docked"),
    pytest.param(1280, 720, 1.5, True, True, id="1280x720@1.5-claims-docked"),
    # The workspace docked alone keeps the annotation panel beside the reader.
    pytest.param(1024, 640, 1, True, False, id="1024x640-docked"),
    pytest.param(1920, 1080, 2, True, False, id="1920x1080@2-docked"),
]


@pytest.mark.parametrize(("width", "height", "scale", "docked", "claims"), SCREENS)
def test_the_desk_at_a_screen_size(
    tmp_path: Path,
    screenshots: Path,
    width: int,
    height: int,
    scale: float,
    docked: bool,
    claims: bool,
) -> None:
    docks = ("-workspace" if docked else "") + ("-claims" if claims else "")
    name = f"desk-{width}x{height}@{scale:g}{docks}.png"
    # The README's pictures: the docked workspace, and the claims table docked beside it.
    readme = docked and width == 1920 and scale == 1
    if readme:
        name = "claims-table.png" if claims else "briefing-workspace.png"
    out = (screenshots if readme else tmp_path) / name
    seen = run_window_script(
        "desk_window",
        str(out),
        str(tmp_path / "library.sqlite"),
        str(tmp_path / "settings.ini"),
        str(width),
        str(height),
        *(["workspace"] if docked else []),
        *(["claims"] if claims else []),
        scale=scale,
    )
    assert seen["size"] == [width, height] and seen["ratio"] == scale  # fits the screen
    assert seen["colours"] > 20  # painted, not blank
    assert seen["reader_shown"]
    # The measure, by QFontMetrics on the reader's viewport: a comfortable line.
    assert READABLE_CHARS <= seen["measure"] <= MEASURE_CHARS + 5, seen["measure"]
    assert seen["line_median"] >= READABLE_CHARS, seen  # and the lines as laid out
    assert seen["overlaps"] == [] and seen["clipped"] == []
    # The reader shows lines enough to read, whatever is docked.
    assert seen["lines_in_sight"] >= READER_LINES, seen
    if docked:
        assert seen["workspace"] and seen["workspace_panes"].get("editor", 0) > 0
        if width / scale >= 960:  # room for the marks beside the reader and the workspace
            assert seen["shown"]["panel"], seen["shown"]
    if claims:
        table = seen["claims"]
        # Below the reader where it leaves it its lines, else beside it (a tab of the
        # workspace when that is docked).
        small = height / scale <= 640
        assert table["shown"] and table["below_reader"] != small, table
        assert table["beside_reader"] == small and table["tab_of_workspace"] == (small and docked)
        assert table["rows_in_sight"] >= TABLE_ROWS, table
    print(
        f"{name}: {seen['measure']:.1f} characters a line (laid out: median "
        f"{seen['line_median']}, shortest {seen['line_min']}), panes {seen['shown']}"
    )

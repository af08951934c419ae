"""Without a display that answers, `briefing` says so in one line instead of Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.ui.display import display_problem


def _silent_display() -> str:
    """A display number nothing listens on."""
    for n in range(99, 200):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return f":{n}"
    pytest.skip("no free display number")


needs_linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 only")


@needs_linux
def test_the_reasons_a_display_is_missing() -> None:
    silent = _silent_display()
    assert "DISPLAY is not set" in (display_problem({}) or "")
    assert f"the display {silent} does not answer" in (display_problem({"DISPLAY": silent}) or "")
    forced = {"DISPLAY": silent, "QT_QPA_PLATFORM": "xcb"}
    assert "does not answer" in (display_problem(forced) or "")
    # Other platforms are not ours to question.
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}) is None


@needs_linux
def test_briefing_with_a_silent_display_says_so_in_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["DISPLAY"] = _silent_display()
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "--library", str(tmp_path / "x.sqlite")],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2  # not Qt's abort (134)
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("briefing: the display")
    assert "xcb-cursor" not in lines[0]
    assert not (tmp_path / "x.sqlite").exists()

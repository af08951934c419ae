"""The parent's side of the tests whose window runs in a process of its own (the scale
factor is fixed when a QApplication is made, and a screen's size by its X server; the
stand-alone build's test opens the app on one too): an Xvfb of a given size, and one run of
a window script (tests/ui/*_window.py) that prints what it saw as JSON on its last line. The
child's side is tests/ui/window_script.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def x_server(width: int, height: int) -> Iterator[str]:
    """An Xvfb of our own with a screen of this size; its DISPLAY. `-displayfd` has it take
    a free display and say which (as tests/test_bundle.py does)."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("needs Xvfb")
    read_end, write_end = os.pipe()
    screen = f"{width}x{height}x24"
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", screen, "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as said:
            display = said.readline().strip()
        assert display.isdigit(), f"Xvfb did not say which display it took ({display!r})"
        yield f":{display}"
    finally:
        server.terminate()
        server.wait(30)


def run_window_script(
    script: str, *args: str, scale: int = 1, display: str | None = None, timeout: int = 90
) -> dict[str, Any]:
    """Run `tests.ui.<script>` with `args` under Qt's xcb platform at this scale factor (on
    `display`, else the test run's own), and return what it printed last; the test fails
    with the script's stderr when it failed."""
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "QT_SCALE_FACTOR": str(scale)}
    if display is not None:
        env["DISPLAY"] = display
    done = subprocess.run(
        [sys.executable, "-m", f"tests.ui.{script}", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr
    seen: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen

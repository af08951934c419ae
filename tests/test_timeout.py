"""A hanging test fails the run instead of hanging it, even one stuck in a Qt event loop."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HANGS = """
from PySide6.QtCore import QCoreApplication, QEventLoop


def test_waits_for_a_quit_that_never_comes():
    app = QCoreApplication.instance() or QCoreApplication([])
    QEventLoop().exec()
"""


def test_a_test_stuck_in_a_qt_event_loop_is_stopped(
    tmp_path: Path, pytestconfig: pytest.Config
) -> None:
    assert float(pytestconfig.getini("timeout")) > 0  # the project's default is on
    (tmp_path / "test_hangs.py").write_text(HANGS, "utf-8")
    started = time.monotonic()
    result = subprocess.run(
        # The project's settings (its timeout method), with a 1 s timeout instead of 120 s.
        [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml")]
        + ["--rootdir", str(tmp_path), "-p", "no:cacheprovider", "-o", "timeout=1"]
        + [str(tmp_path / "test_hangs.py")],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=tmp_path,
    )
    assert result.returncode != 0 and time.monotonic() - started < 20
    assert "Timeout" in result.stdout + result.stderr
    assert "test_waits_for_a_quit_that_never_comes" in result.stdout + result.stderr

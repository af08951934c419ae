"""Running a program for whom permission bits hold.

Root writes through them, and the tests may run as root (CI containers do): then the
program runs with the capabilities that override them dropped (`setpriv`), which is what a
reader's own account is subject to. Without root nothing needs dropping."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

DROP = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


def python(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter subject to permission bits; its output."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: permission bits cannot hold")
        prefix = DROP
    return subprocess.run(
        [*prefix, sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def briefing(*args: str) -> subprocess.CompletedProcess[str]:
    """The `briefing` command, subject to permission bits."""
    return python("import sys\nfrom briefing.cli import main\nsys.exit(main(sys.argv[1:]))", *args)

"""The README's set-up commands are the ones CI runs, so they stay true on a fresh machine."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    command = re.search(r'^TEST_COMMAND="(.+)"$', ci, re.M)[1]
    assert command in (ROOT / "README.md").read_text("utf-8")

"""The README tells the truth: its set-up commands are the ones CI runs, and its tour runs,
in order, on fresh libraries, each command printing what the README shows.

How the tour is read from README.md:
- An indented block whose first line starts with `$ ` is a piece of the tour. Each `$ ` line
  is a command; a line ending in `\\` continues on the next. The lines up to the next `$ `
  are what the command prints (standard output and standard error, as a terminal shows
  them). A command shown printing nothing must print nothing, and every command must exit 0.
- The commands run in bash, in order, from the checkout (the tour's paths, such as
  `tests/data/wikinews/`, are the checkout's), with the installed `briefing` first on PATH.
- `$ export BRIEFING_LIBRARY=.../NAME` is not run: it starts a new library, NAME in this
  test's temporary folder, for the commands after it.
- The Python block (the one that imports `briefing.core`) runs in its place, in the same
  environment, and prints the block that follows it.

Normalised before comparing, in what the README shows and in what the commands print:
- an import time, `2026-11-25T15:01:09Z`, becomes `<time>`;
- a search score in JSON, `"score": 5.031266`, becomes `"score": <score>` (bm25's last
  digits are SQLite's business);
- a uid (a random UUID, `0b6f…-…`) becomes `<uid>`;
- trailing spaces at the end of a line, and blank lines at the end, are dropped.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.programs import require_bundle

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")
NEW_LIBRARY = re.compile(r"^export BRIEFING_LIBRARY=.*/([\w.-]+)$")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    for name in ("TEST_COMMAND", "PACKAGING_COMMAND"):
        command = re.search(rf'^{name}="(.+)"$', ci, re.M)[1]
        assert command in README, name


@dataclass
class Step:
    """A command of the tour, or the Python block, with what the README says it prints."""

    command: str
    expected: str
    python: bool = False


def blocks(markdown: str) -> list[tuple[str, str]]:
    """The indented code blocks, in order, without their indent; each with the prose just
    before it."""
    found: list[tuple[str, str]] = []
    prose: list[str] = []
    code: list[str] = []
    for line in markdown.splitlines():
        if line.startswith("    ") or (code and not line.strip()):
            code.append(line[4:])
            continue
        if code:
            found.append(("\n".join(prose).strip(), "\n".join(code).strip("\n")))
            prose, code = [], []
        prose.append(line)
    if code:
        found.append(("\n".join(prose).strip(), "\n".join(code).strip("\n")))
    return found


def tour(markdown: str) -> list[Step]:
    steps: list[Step] = []
    code = blocks(markdown)
    for index, (_prose, block) in enumerate(code):
        if block.startswith("$ "):
            lines = block.splitlines()
            while lines:
                command = lines.pop(0)[2:]
                while command.endswith("\\"):
                    command = command[:-1] + " " + lines.pop(0).strip()
                output = []
                while lines and not lines[0].startswith("$ "):
                    output.append(lines.pop(0))
                steps.append(Step(command, "\n".join(output)))
        elif "from briefing.core import" in block:
            # What it prints is the next block, when the prose before that says so.
            after = code[index + 1] if index + 1 < len(code) else ("", "")
            steps.append(Step(block, after[1] if after[0].endswith("prints:") else "", True))
    return steps


def normalise(text: str) -> str:
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "<time>", text)
    text = re.sub(r'"score": -?[\d.e+-]+', '"score": <score>', text)
    text = re.sub(
        r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", "<uid>", text
    )
    return "\n".join(line.rstrip() for line in text.splitlines()).rstrip("\n")


def briefing_on_path(tmp_path: Path) -> str:
    """A PATH whose first `briefing` is this Python's: the installed entry point beside it
    (`pip install -e .` puts it there), else a stand-in running `python -m briefing`."""
    scripts = Path(sys.executable).parent
    if not (scripts / "briefing").exists():
        scripts = tmp_path / "bin"
        scripts.mkdir()
        stand_in = scripts / "briefing"
        stand_in.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m briefing "$@"\n')
        stand_in.chmod(0o755)
    return f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}"


def test_the_tour_is_found_in_the_readme() -> None:
    steps = tour(README)
    commands = [step.command for step in steps if not step.python]
    assert len(commands) > 15
    assert commands[0].startswith("export BRIEFING_LIBRARY=")
    assert "briefing sample" in commands
    assert any(
        c.startswith("briefing claim add ") and "--tag countermeasures" in c for c in commands
    )
    assert [step.python for step in steps].count(True) == 1
    assert steps[-1].python and steps[-1].expected  # the Python section, and what it prints


def test_the_tour_runs_as_the_readme_shows(tmp_path: Path) -> None:
    run_the_tour(tmp_path, briefing_on_path(tmp_path))


@pytest.mark.packaging
def test_the_tour_runs_on_the_stand_alone_build(tmp_path: Path) -> None:
    """The same tour with the build's `briefing` first on PATH (not its Python part: the
    build has no Python to import briefing.core into)."""
    bundle = require_bundle()
    run_the_tour(tmp_path, f"{bundle.parent}{os.pathsep}{os.environ.get('PATH', '')}", python=False)


def run_the_tour(tmp_path: Path, path: str, *, python: bool = True) -> None:
    env = {
        **os.environ,
        "PATH": path,
        "PYTHONUNBUFFERED": "1",  # standard output and error in the order they were written
        "BRIEFING_LIBRARY": str(tmp_path / "unset.sqlite"),
    }
    for step in tour(README):
        if match := NEW_LIBRARY.match(step.command):
            env["BRIEFING_LIBRARY"] = str(tmp_path / match[1])
            assert not Path(env["BRIEFING_LIBRARY"]).exists()
            continue
        if step.python and not python:
            continue
        argv = [sys.executable, "-c", step.command] if step.python else ["bash", "-c", step.command]
        if not step.python:
            argv[-1] = "set -o pipefail; " + step.command
        done = subprocess.run(
            argv,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=120,
        )
        shown = f"$ {step.command}\n{done.stdout}"
        assert done.returncode == 0, shown
        assert normalise(done.stdout) == normalise(step.expected), shown

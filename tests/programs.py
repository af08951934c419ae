"""The program under test, as a user starts it: the source install, or the stand-alone build.

Tests that take the `program` fixture (tests/conftest.py) run once on `python -m briefing`
(this checkout) and once on the build named by $BRIEFING_BUNDLE (`dist/briefing/briefing`
after `pyinstaller briefing.spec`); the build's runs are marked `packaging`, which
tests/conftest.py runs only when asked (`-m packaging`, as .ci/run does after building), and
skip without a build.

`confined()` runs a program the way the bad cases come about: in a mount namespace of its
own, with folders made read-only by a read-only bind mount (which binds root too, unlike
file modes), and optionally as another account. Where the machine does not allow that
(no `unshare`, no privilege), the tests that need it skip, saying so.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLE_VARIABLE = "BRIEFING_BUNDLE"
NO_BUNDLE = f"no stand-alone build to test: set {BUNDLE_VARIABLE}=dist/briefing/briefing"


def bundle_executable() -> Path | None:
    """The build's `briefing` named by $BRIEFING_BUNDLE; a name that is not there fails."""
    named = os.environ.get(BUNDLE_VARIABLE)
    if not named:
        return None
    path = Path(named).resolve()
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"{BUNDLE_VARIABLE}={named}: no executable there")
    return path


def require_bundle() -> Path:
    path = bundle_executable()
    if path is None:
        pytest.skip(NO_BUNDLE)
    return path


SOURCE = [sys.executable, "-m", "briefing"]


def program_argv(kind: str) -> list[str]:
    """The argv that starts Briefing: "source" (this checkout's install) or "bundle" (the
    build named by $BRIEFING_BUNDLE; skipped without one). The `program` fixture in
    tests/conftest.py gives each test both."""
    if kind == "bundle":
        return [str(require_bundle())]
    return list(SOURCE)


def program_folder(program: Sequence[str]) -> Path:
    """The folder the program runs from: the build's, or the checkout (the source's)."""
    return Path(program[0]).parent if program != SOURCE else ROOT


def run(
    argv: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(argv),
        env=env if env is not None else dict(os.environ),
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="surrogateescape",  # a file name that is not UTF-8 comes back as it went
        timeout=timeout,
    )


@cache
def can_confine() -> str:
    """'' when read-only bind mounts in a private mount namespace work here, else why not."""
    if not shutil.which("unshare"):
        return "needs unshare (util-linux)"
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount --bind / / && mount -o remount,bind,ro / /"],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        return f"cannot make a read-only bind mount here: {probe.stderr.strip()}"
    return ""


def confined(
    argv: Sequence[str],
    *,
    read_only: Sequence[Path] = (),
    mounts: Sequence[tuple[Path, Path]] = (),
    user: str | None = None,
) -> list[str]:
    """`argv` run with each of `read_only` made read-only, each (source, target) of `mounts`
    bound read-only at target, and as `user` when given (with no supplementary groups)."""
    reason = can_confine()
    if reason:
        pytest.skip(reason)
    steps = []
    for source, target in [*((p, p) for p in read_only), *mounts]:
        s, t = shlex.quote(str(source)), shlex.quote(str(target))
        steps.append(f"mount --bind {s} {t} && mount -o remount,bind,ro {t} {t}")
    command = shlex.join(argv)
    if user is not None:
        command = f"setpriv --reuid={user} --regid={user} --clear-groups -- {command}"
    steps.append(f"exec {command}")
    return ["unshare", "-m", "sh", "-c", " && ".join(steps)]


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """The single `briefing: ...` line a failing command must print, and status 2."""
    shown = f"status {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert result.returncode == 2, shown
    assert "Traceback" not in result.stderr + result.stdout, shown
    lines = [line for line in result.stderr.splitlines() if line.startswith("briefing: ")]
    assert len(lines) == 1, shown
    return lines[0]

"""Who has a library open: marks that name their program and die with their process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from briefing.core import Library
from briefing.core.presence import Presence, folder_of, holders


def test_each_opener_sees_the_others_and_not_itself(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    first = Library.open(path, program="app")
    second = Library.open(path, program="command", detail="import")
    try:
        (other,) = first.others()
        assert (other.program, other.detail, other.pid) == ("command", "import", os.getpid())
        assert "“briefing import” (process" in other.describe()
        assert [h.program for h in second.others()] == ["app"]
    finally:
        second.close()
    assert first.others() == []
    first.close()
    assert not folder_of(path).exists()  # the last one out tidies up


def test_a_killed_program_leaves_no_live_mark(tmp_path: Path) -> None:
    """A process killed with SIGKILL cannot clean up; its mark is unlocked by the kernel and
    whoever looks next removes it."""
    path = tmp_path / "library.sqlite"
    Library.open(path).close()
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from briefing.core import Library\n"
            "library = Library.open(sys.argv[1], program='app')\n"
            "print('open', flush=True)\n"
            "time.sleep(60)\n",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "open"
        (holder,) = holders(path)
        assert (holder.program, holder.pid) == ("app", child.pid)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
    assert list(folder_of(path).glob("*.holder"))  # left behind...
    assert holders(path) == []  # ...but nobody holds it, and looking removes it
    assert not list(folder_of(path).glob("*.holder"))


def test_no_mark_in_a_folder_that_takes_none(tmp_path: Path) -> None:
    assert Presence.enter(tmp_path / "missing" / "library.sqlite", "app") is None

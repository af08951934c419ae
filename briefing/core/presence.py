"""Who has a library open: each program that opens it leaves a mark that dies with it.

A second copy of the app is told that another copy is open, a restore refuses while anyone
has the file open, and a pending edit can say which program holds the write lock. SQLite
cannot answer "who else is connected": its own locks are POSIX locks, which a process loses
on closing any descriptor of the file, so probing them from inside a process that uses the
library would break its locking.

So every opener writes one small file into a folder beside the library
(`news.sqlite-open/`, named like SQLite's `-wal` and `-shm`) and holds an exclusive lock on
it for as long as it has the library open: `flock` on POSIX (per open file, so two openers
in one process see each other too), `msvcrt.locking` on Windows. The kernel drops the lock
when the process ends however it ends (a crash, a kill, a power cut), so a mark whose lock
can be taken belongs to nobody: it is deleted by whoever finds it. The file holds who made
it (program, process id, host, when), read by the others to name it.

A restore (and nothing else) enters as "restore" and proceeds only when it is alone; every
other opener checks for a restore after entering and backs off. Both enter first and look
second, so two that race see each other.

In a folder that cannot be written there are no marks: the library is read-only there
(Library.open), and a read-only library can neither be restored in place nor written to.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

SUFFIX = "-open"
MARK = ".holder"
ENTERING = ".entering"
# Windows locks byte ranges, and a locked range cannot be read by others: lock one byte far
# past the JSON so that the details stay readable.
_WINDOWS_LOCK_OFFSET = 1 << 20

PROGRAM_NAMES = {
    "app": "the Briefing app",
    "command": "a briefing command",
    "script": "a Python script",
    "restore": "a restore",
    "backup": "a backup",
}


@dataclass(frozen=True)
class Holder:
    """Another program that has the library open."""

    program: str  # "app", "command", "script", "restore"
    pid: int
    host: str
    since: str  # ISO 8601, UTC
    detail: str = ""  # e.g. the command: "import"

    def describe(self) -> str:
        """For messages: the Briefing app (process 4711, since 15:02), or for a command
        “briefing import” (process 4712, since 15:03)."""
        if self.program == "command" and self.detail:
            name = f"“briefing {self.detail}”"
        else:
            name = PROGRAM_NAMES.get(self.program, self.program or "another program")
        where = f"process {self.pid}" if self.host == socket.gethostname() else self.host
        when = _local_time(self.since)
        return f"{name} ({where}{', since ' + when if when else ''})"


def folder_of(library: Path) -> Path:
    return library.with_name(library.name + SUFFIX)


class Presence:
    """This program's mark on one library. Made by `enter`; `leave` takes it away."""

    def __init__(self, library: Path, path: Path, handle: int) -> None:
        self.library = library
        self.path = path
        self._handle: int | None = handle

    @classmethod
    def enter(cls, library: Path, program: str, detail: str = "") -> Presence | None:
        """Leave a mark on `library`, or None when its folder takes none (read-only)."""
        folder = folder_of(library)
        info = {
            "program": program,
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "detail": detail,
        }
        for _ in range(5):  # the folder may vanish between mkdir and rename (see leave)
            name = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
            # Made under another name, locked and written, then renamed: a mark is never
            # seen unlocked, so nobody takes a newborn one for the mark of an ended program.
            entering = folder / (name + ENTERING)
            path = folder / (name + MARK)
            try:
                folder.mkdir(exist_ok=True)
                handle = os.open(entering, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
            except FileNotFoundError:
                continue
            except OSError:
                return None  # a read-only folder, a full disk: no mark, nothing to protect
            try:
                _lock(handle)
                os.write(handle, json.dumps(info).encode("utf-8"))
                os.replace(entering, path)
            except FileNotFoundError:
                os.close(handle)
                continue
            except OSError:
                os.close(handle)
                entering.unlink(missing_ok=True)
                return None
            return cls(library, path, handle)
        return None

    def others(self) -> list[Holder]:
        """Every other program that has the library open now."""
        return holders(self.library, exclude=self.path)

    def leave(self) -> None:
        if self._handle is None:
            return
        handle, self._handle = self._handle, None
        try:
            self.path.unlink(missing_ok=True)
        except OSError:  # pragma: no cover - Windows cannot delete an open file: close first
            pass
        os.close(handle)
        self.path.unlink(missing_ok=True)
        try:
            self.path.parent.rmdir()  # only when empty: the last one out tidies up
        except OSError:
            pass

    def __enter__(self) -> Presence:
        return self

    def __exit__(self, *exc: object) -> None:
        self.leave()


def holders(library: Path, *, exclude: Path | None = None) -> list[Holder]:
    """The programs that have `library` open now (marks left by ended ones are removed)."""
    folder = folder_of(library)
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    found = []
    for path in entries:
        if path.suffix == ENTERING:
            _tidy(path)
            continue
        if path.suffix != MARK or path == exclude:
            continue
        holder = _live(path)
        if holder is not None:
            found.append(holder)
    return found


def _live(path: Path) -> Holder | None:
    """The holder of a mark, or None (and the mark removed) when nobody holds it."""
    try:
        handle = os.open(path, os.O_RDWR)
    except OSError:
        return None  # removed meanwhile
    try:
        try:
            _lock(handle)
        except OSError:  # locked: its program is alive
            data = os.read(handle, 4096)
            return _holder(data)
        # We got the lock: its program has ended. Remove the mark (still holding the lock,
        # so no one else judges it meanwhile), then let go.
        if sys.platform != "win32":
            path.unlink(missing_ok=True)
    finally:
        os.close(handle)
    if sys.platform == "win32":  # pragma: no cover - an open file cannot be deleted there
        path.unlink(missing_ok=True)
    return None


def _tidy(path: Path) -> None:
    """A mark left half made by a program killed while entering: removed once unlocked."""
    try:
        if time.time() - path.stat().st_mtime > 60:
            _live(path)
    except OSError:
        pass


def _holder(data: bytes) -> Holder:
    try:
        info = json.loads(data.decode("utf-8"))
        return Holder(
            program=str(info.get("program", "")),
            pid=int(info.get("pid", 0)),
            host=str(info.get("host", "")),
            since=str(info.get("since", "")),
            detail=str(info.get("detail", "")),
        )
    except (ValueError, AttributeError, TypeError):
        # Locked but not written yet (it is being entered this instant), or not ours.
        return Holder(program="", pid=0, host="", since="")


def _lock(handle: int) -> None:
    """Take the mark's lock without waiting; OSError when someone holds it."""
    if sys.platform == "win32":  # pragma: no cover - tested on POSIX only
        import msvcrt

        os.lseek(handle, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        os.lseek(handle, 0, os.SEEK_SET)
    else:
        import fcntl

        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _local_time(stamp: str) -> str:
    try:
        when = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).astimezone()
    except ValueError:
        return ""
    today = datetime.now().astimezone().date()
    return when.strftime("%H:%M" if when.date() == today else "%Y-%m-%d %H:%M")

"""Another program on the same library, in its own process: the lock it holds is a real
one, so what waits on it waits as a second copy of the app or a command would make it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

_HOLDER = textwrap.dedent(
    """
    import sys
    from briefing.core import Library
    library = Library.open(sys.argv[1], program="command", detail="import")
    conn = library.connection()
    conn.execute("BEGIN IMMEDIATE")
    for statement in sys.argv[2:]:
        conn.execute(statement)
    print("holding", flush=True)
    sys.stdin.readline()
    conn.execute("COMMIT")
    library.close()
    print("released", flush=True)
    """
)


class LockHolder:
    """A process that takes the library's write lock (running `statements` inside it) and
    holds it until `release()`: an import in another copy, as far as a writer can tell."""

    def __init__(self, library: Path, *statements: str) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(library), *statements],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        assert line.strip() == "holding", line

    def release(self) -> None:
        if self._process.poll() is None:
            assert self._process.stdin is not None and self._process.stdout is not None
            self._process.stdin.write("\n")
            self._process.stdin.flush()
            assert self._process.stdout.readline().strip() == "released"
            self._process.wait(10)

    def __enter__(self) -> LockHolder:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.release()
        finally:
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait()
            for stream in (self._process.stdin, self._process.stdout):
                if stream is not None:
                    stream.close()

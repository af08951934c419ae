"""Writing a file whole or not at all: a temporary file beside the target, then a rename.

An export that fails halfway (a full disk, a crash, a bad template) must never leave half a
briefing where the reader expects one, nor clobber the previous good copy. The rename is
atomic on the same file system, which a temporary file in the same folder guarantees.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.core.errors import InvalidInput


@contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """A temporary path to write; on success it becomes `path`, on failure it vanishes.

    For writers that want a file name rather than text (QPdfWriter, say).
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(f"cannot write {path}: the folder {folder} does not exist")
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InvalidInput(f"cannot write in {folder}: {exc.strerror}") from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        # mkstemp makes the file private (0600); give it the mode any new file would get.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror}") from None
    finally:
        temporary.unlink(missing_ok=True)


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all (UTF-8)."""
    with atomic_target(path) as temporary:
        temporary.write_text(text, "utf-8")

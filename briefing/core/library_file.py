"""What the file on disk is, judged before SQLite writes a byte to it.

Our own connection would switch a file to WAL, set pragmas and leave -wal and -shm files
beside it; a file we refuse must be left exactly as it was. So the checks here read bytes
(SQLite's header is documented: https://www.sqlite.org/fileformat.html) or open the file
immutable, and each failure is one message saying what the file is and what to do.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from briefing.core.backup_folder import folder_for, list_backups, newest_restorable
from briefing.core.errors import (
    LibraryBusy,
    LibraryDamaged,
    LibraryEmpty,
    LibraryReadOnly,
    LibraryUnavailable,
)
from briefing.core.migrate import APPLICATION_ID, check_not_newer, latest_version
from briefing.core.presence import holders

SQLITE_MAGIC = b"SQLite format 3\x00"


def describe_sqlite_error(exc: sqlite3.Error, path: Path | str) -> str:
    """Turn an SQLite failure about the file itself into words a reader can act on."""
    error = translate_sqlite_error(exc, path)
    return str(error) if error else ""


def translate_sqlite_error(exc: sqlite3.Error, path: Path | str) -> LibraryUnavailable | None:
    """The BriefingError an SQLite failure about the file itself means, or None (a bug)."""
    name = getattr(exc, "sqlite_errorname", "")
    text = str(exc)
    if name.startswith("SQLITE_BUSY") or "locked" in text:
        return LibraryBusy(
            f"{path} is busy: another program is writing to it; try again in a moment"
        )
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return LibraryReadOnly(f"{path} cannot be written (read-only file or folder)")
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return LibraryUnavailable(
            f"{path} cannot be opened or created (check the folder exists and is writable)"
        )
    if name.startswith("SQLITE_NOTADB") or "not a database" in text:
        return LibraryDamaged(damaged_message(Path(path), "not an SQLite database"))
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return LibraryDamaged(damaged_message(Path(path), text))
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return LibraryUnavailable(f"the disk holding {path} is full")
    if name.startswith("SQLITE_IOERR"):
        return LibraryUnavailable(f"{path} could not be read or written ({text})")
    return None


def damaged_message(path: Path, what: str) -> str:
    """The one message for a library that cannot be read, with the way back if there is one."""
    message = f"{path} is damaged ({what}); it was left untouched"
    newest = newest_restorable(path)
    if newest is not None:
        when = newest.made.astimezone().strftime("%Y-%m-%d %H:%M")
        message += (
            f". Its newest backup is from {when}: `briefing restore {newest.name}` brings it "
            "back (the app offers it too)"
        )
    return message


def check_is_sqlite(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise LibraryUnavailable(f"cannot read {path}: {exc.strerror}") from exc
    if header != SQLITE_MAGIC:
        if list_backups(path):  # it was a library: something overwrote it
            raise LibraryDamaged(damaged_message(path, "its bytes are not an SQLite database"))
        raise LibraryUnavailable(
            f"{path} is not a Briefing library (not an SQLite database); it was left untouched"
        )


def check_whole(path: Path) -> None:
    """Refuse a file cut short (a copy that stopped, a disk that filled), before SQLite
    reads it and fails somewhere later. The header says how many pages there are (when its
    count is valid: the change counter and the version-valid-for number agree); with no
    -wal beside it, the file holds them all. With a -wal another program may be writing
    (a checkpoint writes page 1 before growing the file), so the header is not judged."""
    if any(path.with_name(path.name + s).exists() for s in ("-wal", "-journal")):
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError as exc:
        raise LibraryUnavailable(f"cannot read {path}: {exc.strerror}") from exc
    if len(header) < 100:
        raise LibraryDamaged(damaged_message(path, f"cut short: {size} bytes"))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]
    if page_size < 512 or page_size & (page_size - 1):
        raise LibraryDamaged(damaged_message(path, "its header is garbled"))
    if size % page_size or (valid and pages and size < pages * page_size):
        expected = f" of {pages * page_size:,}" if valid and pages else ""
        raise LibraryDamaged(damaged_message(path, f"cut short: {size:,} bytes{expected}"))


def read_only_reason(path: Path, exists: bool) -> str:
    """Why the library cannot be written, or "" when it can. In WAL mode SQLite makes -wal
    and -shm files beside the library, so a folder that cannot be written is as good as a
    read-only file."""
    if exists and not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return f"its folder {path.parent} cannot be written"
    return ""


def check_openable(path: Path, *, create: bool, allow_empty: bool) -> tuple[bool, str]:
    """Whether there is a library at `path` to open (False: one is to be made there), and
    why it must be opened read-only ("" when it can be written). A path that is no library
    to open, or to make (unless `create`), is refused with one message; so is an empty
    file, unless `allow_empty` (the user said to make a library of it) or a program has it
    open (it is being made)."""
    try:
        # A folder on the way that the account may not enter raises here, not False.
        is_dir = path.is_dir()
        exists = path.exists()
        empty = exists and path.stat().st_size == 0
    except OSError as exc:
        raise LibraryUnavailable(f"cannot reach {path}: {exc.strerror or exc}") from exc
    if is_dir:
        raise LibraryUnavailable(f"{path} is a folder; give the path of a library file")
    if empty and not allow_empty and not holders(path):
        raise LibraryEmpty(
            f"{path} is an empty file, not a library; it was left untouched. Delete it "
            "to start a new library there, or give another path"
        )
    exists = exists and not empty
    if exists:
        check_is_sqlite(path)
        check_whole(path)
        check_is_briefing(path)
    elif not create:
        raise LibraryUnavailable(f"no library at {path}")
    elif not path.parent.exists():
        raise LibraryUnavailable(f"cannot create {path}: the folder {path.parent} does not exist")
    read_only = read_only_reason(path, exists)
    if read_only and not exists:
        raise LibraryReadOnly(f"cannot create {path}: {read_only}")
    return exists, read_only


def check_current(conn: sqlite3.Connection, path: Path, read_only: str) -> None:
    """A read-only library can be read only if no upgrade is due: an upgrade writes."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    latest = latest_version()
    check_not_newer(path, current, latest)
    if current < latest:
        raise LibraryReadOnly(
            f"{path} was made by an older Briefing and needs an upgrade, which writes to it, "
            f"but {read_only}; make it writable and open it again"
        )


_WAL_MAGIC = (0x377F0682, 0x377F0683)
_WAL_VERSION = 3007000


def set_aside_damaged_log(path: Path) -> str | None:
    """A -wal whose header is not a WAL header (overwritten, or random bytes) holds nothing
    SQLite will use: it would be ignored and deleted. Keep it instead, in the backups folder,
    and tell the reader, who may miss what was saved last. Only when no other program has
    the library open (its log is then in use and valid)."""
    wal = path.with_name(path.name + "-wal")
    try:
        size = wal.stat().st_size
        if size == 0:
            return None
        with wal.open("rb") as handle:
            header = handle.read(32)
    except OSError:
        return None
    if _is_wal_header(header):
        return None
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    folder = folder_for(path)
    kept = folder / f"{path.stem}-{stamp}-damaged-log.sqlite-wal"
    try:
        folder.mkdir(exist_ok=True)
        os.replace(wal, kept)
        path.with_name(path.name + "-shm").unlink(missing_ok=True)
    except OSError:
        return None  # SQLite ignores such a log anyway: the library is as when last whole
    return (
        f"the library's write-ahead log ({wal.name}) was damaged and held nothing readable; "
        f"it was set aside as {kept} and {path.name} opened as it was when last saved whole. "
        "If your last edits are missing, restore a backup"
    )


def _is_wal_header(header: bytes) -> bool:
    if len(header) < 32:
        return False
    magic = int.from_bytes(header[0:4], "big")
    if magic not in _WAL_MAGIC or int.from_bytes(header[4:8], "big") != _WAL_VERSION:
        return False
    big = bool(magic & 1)  # the checksum reads the header as words of this byte order
    words = [int.from_bytes(header[i : i + 4], "big" if big else "little") for i in range(0, 24, 4)]
    first = second = 0
    for i in range(0, 6, 2):
        first = (first + words[i] + second) & 0xFFFFFFFF
        second = (second + words[i + 1] + first) & 0xFFFFFFFF
    return (first, second) == (
        int.from_bytes(header[24:28], "big"),
        int.from_bytes(header[28:32], "big"),
    )


def check_is_briefing(path: Path) -> None:
    """Refuse an SQLite file that belongs to another program, or that a newer Briefing
    wrote, before writing anything.

    Our own connection would switch the file to WAL and set pragmas, and a file we refuse
    must be left exactly as it was, without so much as a -wal or -shm file beside it. A
    read-only connection is not enough: on a WAL file (every library is one) it creates
    both. So unless another program has the file open (its -wal or -journal is there, and
    must be read), the file is opened immutable: read, never locked, nothing created. A
    writer arriving in that instant can at worst make us read the previous version;
    migrate() reads it again under the lock.
    """
    side_files = any(path.with_name(path.name + s).exists() for s in ("-wal", "-journal"))
    if not side_files:
        # Nobody has it open: its header is the truth, and it says both numbers (SQLite's
        # file format: user_version at byte 60, application_id at 68). Reading 72 bytes
        # beats connecting, which parses the whole schema, triggers and all (about 1 ms).
        try:
            with path.open("rb") as handle:
                header = handle.read(72)
        except OSError as exc:
            raise LibraryUnavailable(f"cannot read {path}: {exc.strerror}") from exc
        if len(header) == 72 and int.from_bytes(header[68:72], "big") == APPLICATION_ID:
            check_not_newer(path, int.from_bytes(header[60:64], "big"), latest_version())
            return
    uri = f"{path.resolve().as_uri()}?mode=ro{'' if side_files else '&immutable=1'}"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            has_tables = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, path) or LibraryUnavailable(
            f"cannot open {path}: {exc}"
        ) from exc
    if app_id != APPLICATION_ID and (app_id != 0 or has_tables):
        raise LibraryUnavailable(
            f"{path} is an SQLite database but not a Briefing library; it was left untouched"
        )
    check_not_newer(path, version, latest_version())

"""The library: one SQLite file the reader owns, and the one door to everything done to it.

`Library` is what the app, the command line and scripts hold. It is opened here: the file
judged before SQLite writes a byte to it (core/library_file.py), the other programs that
have it open found (core/presence.py), then upgraded, or checked current when it is
read-only (core/migrate.py). Its parts are modules of their own, which it hands over to:

- each thread's connection, and how every one is set up: core/thread_connections.py;
- transactions (a SAVEPOINT when nested), what each changed, who is named as changing it,
  and the listeners told of each commit: core/transactions.py;
- the services that hang off it (`library.articles`, `.search`, ...): core/library_services.py.

Here stays what only the whole library answers: `changes_since(version)`, what every commit
since a version changed, whoever made it (another window, another copy of the app, a
script), read from the change journal (core/journal.py), which is mended on opening when it
was cut short behind the library's back; and `interrupt()`, which stops the searches
running now.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.core import journal
from briefing.core.changes import Changes
from briefing.core.errors import InvalidInput, LibraryBusy, LibraryUnavailable
from briefing.core.interrupts import Interrupts, Read
from briefing.core.library_file import (
    check_current,
    check_openable,
    set_aside_damaged_log,
    translate_sqlite_error,
)
from briefing.core.library_paths import ensure_data_folder, resolve_library_path
from briefing.core.library_services import LibraryServices
from briefing.core.migrate import migrate
from briefing.core.presence import Holder, Presence, holders
from briefing.core.progress import Progress
from briefing.core.thread_connections import ThreadConnections
from briefing.core.transactions import Listener, Transactions

if TYPE_CHECKING:
    import sqlite_utils

    from briefing.core.backup_folder import Backup, RestoreReport
    from briefing.core.sample import SampleLoaded

log = logging.getLogger(__name__)


class Library(LibraryServices):
    """An open library file. Create with `Library.open(path)`.

    Services hang off it as attributes (`articles`, `imports`, `search`, `annotations`,
    `claims`, `actors`, `mentions`, `sources`, `tags`, `briefings`, `settings`,
    `provenance`, `team`); they
    return frozen dataclasses, never rows. The CLI and the app use exactly this API.
    """

    def __init__(self, path: Path, *, created: bool, read_only: str = "") -> None:
        self.path = path
        self.created = created
        # Why the library is open read-only ("the file is read-only"), or "" when writable.
        self.read_only = read_only
        # What the reader should hear about opening it (a damaged log set aside, say).
        self.notices: list[str] = []
        self._connections = ThreadConnections(path, read_only=read_only, empty=created)
        self._transactions = Transactions(self._connections, lambda: self.settings.user_name)
        self._presence: Presence | None = None
        self._interrupts = Interrupts()

    # Opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        on_upgrade: Callable[[int, int], None] | None = None,
        program: str = "script",
        detail: str = "",
        allow_empty: bool = False,
        progress: Progress | None = None,
    ) -> Library:
        """Open the library at `path`, creating and migrating it as needed.

        A file that is not SQLite, an SQLite file that is not a Briefing library, one cut
        short, one from a newer Briefing, or an empty file (unless `allow_empty`: the user
        said to make a library of it) is refused with one message and left untouched. A
        library that cannot be written (the file, or its folder, is read-only) opens
        read-only: `library.read_only` says why, and every write is refused. `created` tells
        whether the file is new. `on_upgrade(from_version, to_version)` is called before an
        existing library is upgraded (see migrate.migrate); it is backed up first, and `progress`
        hears how far the upgrade's long steps are (rebuilding the search index).

        `program` ("app", "command", "script") and `detail` name this opener to the others
        (core/presence.py): `others()` lists them, and a restore waits for all to leave.
        """
        path = Path(path).expanduser()
        exists, read_only = check_openable(path, create=create, allow_empty=allow_empty)
        library = cls(path, created=not exists, read_only=read_only)
        try:
            library._presence = Presence.enter(path, program, detail)
            others = library.others()
            if any(holder.program == "restore" for holder in others):
                raise LibraryBusy(f"{path} is being restored from a backup; try again in a moment")
            if library._presence is not None and not others and not read_only:
                notice = set_aside_damaged_log(path)
                if notice:
                    library.notices.append(notice)
            conn = library.connection()
            if read_only:
                check_current(conn, path, read_only)
            else:
                migrate(conn, path, on_upgrade=on_upgrade, progress=progress)
                library._mend_journal()
        except sqlite3.Error as exc:
            library.close()
            raise translate_sqlite_error(exc, path) or LibraryUnavailable(
                f"cannot open {path}: {exc}"
            ) from exc
        except BaseException:
            library.close()
            raise
        return library

    @classmethod
    def open_default(
        cls,
        explicit: str | os.PathLike[str] | None = None,
        *,
        on_upgrade: Callable[[int, int], None] | None = None,
        program: str = "script",
        detail: str = "",
        allow_empty: bool = False,
        progress: Progress | None = None,
    ) -> Library:
        """Open the library named by --library, $BRIEFING_LIBRARY or the data folder."""
        path = resolve_library_path(explicit)
        if explicit is None and not os.environ.get("BRIEFING_LIBRARY"):
            ensure_data_folder(path.parent)
        return cls.open(
            path,
            on_upgrade=on_upgrade,
            program=program,
            detail=detail,
            allow_empty=allow_empty,
            progress=progress,
        )

    def others(self) -> list[Holder]:
        """The other programs that have this library open now (another copy of the app, a
        command, a script), each with its process and since when."""
        if self._presence is None:
            return holders(self.path)
        return self._presence.others()

    # Backups -----------------------------------------------------------------------------

    @staticmethod
    def list_backups(path: str | os.PathLike[str]) -> list[Backup]:
        """The backups of the library at `path`, newest first. The library need not open
        (it may be the damaged one)."""
        from briefing.core.backup_folder import list_backups

        return list_backups(Path(path).expanduser())

    @staticmethod
    def restore_backup(
        path: str | os.PathLike[str],
        backup: str | os.PathLike[str],
        *,
        progress: Progress | None = None,
    ) -> RestoreReport:
        """Put a backup (its name in `list_backups`, or a path) in place of the library at
        `path`, after backing up the file there as it is. Refused (LibraryBusy) while any
        program has the library open, this one included: close it first."""
        from briefing.core.restoring import restore

        return restore(Path(path).expanduser(), backup, progress=progress)

    # Connections and transactions (core/thread_connections.py, core/transactions.py) -----

    def connection(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        return self._connections.get()

    def release_connection(self) -> None:
        """Close this thread's connection, if it has one: for a helper thread that is about
        to end (the core's own, as in bulk suggesting), so that its connection does not
        stay open, and listed, until the library closes."""
        self._connections.release()

    def lock_wait(self, seconds: float) -> AbstractContextManager[None]:
        """Within this block, a write on this thread waits at most `seconds` for another
        program's write to end (the default is BUSY_TIMEOUT_MS), then fails with LibraryBusy.

        The app's GUI thread writes with 0, so that it never waits on the lock: a write that
        meets a busy library fails at once, before anything is written, and is kept and
        retried off the GUI thread (briefing/ui/edits.py).
        """
        return self._connections.lock_wait(seconds)

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """One unit of work: all of it is written, or none of it. Nested calls become
        savepoints; SQLite's errors become the library's (LibraryBusy, InvalidInput...).
        When it ends, `last_changes` holds what it changed; when the outermost level
        commits, the listeners hear of everything it changed."""
        return self._transactions.transaction()

    @property
    def last_changes(self) -> Changes:
        """What this thread's last finished transaction (or savepoint) changed. Ask right
        after it: a savepoint's changes are read from the journal when first asked for."""
        return self._transactions.last_changes

    def remote_writes(self) -> AbstractContextManager[None]:
        """Inside: commits on this thread keep the provenance their writer gave (a team
        sync applying others' changes), instead of naming this library's user."""
        return self._transactions.remote_writes()

    def forget_user(self) -> None:
        """The user name changed: the next commit reads it again."""
        self._transactions.forget_user()

    def syncing_once(self) -> AbstractContextManager[None]:
        """For a long write made of many short transactions (an import, a run of
        suggestions): each commits without waiting for the disk, and the log is flushed
        once at the end, so the disk holds them all when the write returns. Inside a
        caller's transaction it does nothing: that transaction's commit syncs."""
        return self._transactions.syncing_once()

    def add_listener(self, listener: Listener) -> None:
        """Call `listener(changes)` after every commit through this library object, on the
        committing thread. Commits by other processes are not heard: see changes_since."""
        self._transactions.add_listener(listener)

    def remove_listener(self, listener: Listener) -> None:
        self._transactions.remove_listener(listener)

    # Interrupting reads ----------------------------------------------------------------------

    def interrupt(self) -> None:
        """Stop the searches running now, on any thread: each raises Cancelled within a few
        milliseconds, and the library goes on as before. Safe to call from any thread, and
        when nothing runs (then it does nothing); writes are never interrupted."""
        self._interrupts.interrupt()

    @contextmanager
    def interruptible(self) -> Iterator[Read]:
        """A read on this thread's connection that `interrupt()` may stop: inside, call
        `.check()` between statements; an interrupted read raises Cancelled on its way out."""
        with self._interrupts.reading(self.connection()) as read:
            yield read

    # Changes by anyone, from the journal ----------------------------------------------

    def _mend_journal(self) -> None:
        """On opening: a journal cut short behind our back is repaired and its gap noted
        (the library still opens; whoever asks from before the gap reloads everything)."""
        if self.read_only:
            return  # nothing can be repaired; changes_since answers from what is there
        conn = self.connection()
        if (
            journal.current_version(conn) is None
            and not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'journal'").fetchone()
        ):
            return  # a schema before the journal (tests build such libraries)
        if not journal.is_consistent(conn):
            with self.transaction() as conn:
                if journal.in_bulk(conn):
                    # A bulk writer's flag committed: an import's rows may be unindexed.
                    from briefing.core.importing.storing import index_missing

                    index_missing(conn)
                top = journal.repair(conn)
            log.warning(
                "%s: the change journal had a gap; noted at version %s", self.path, top.version
            )

    @property
    def version(self) -> int:
        """The journal's version now: ask `changes_since` from here to hear of what follows."""
        return journal.current_version(self.connection()) or 0

    @property
    def uid(self) -> str:
        """This library's own identity (kept in its journal), for what syncs or exports it."""
        top = journal.head(self.connection())
        return top.library_uid if top else ""

    def changes_since(self, version: int) -> Changes:
        """What every commit after `version` changed, by anyone; `.version` of the result is
        where to ask from next time. `changes_since(0)` is everything (all added).

        Time goes with the number of changes, not the size of the library. A version this
        library never gave out is refused (InvalidInput). When the journal has a gap (it was
        cut short behind the library's back; found and noted here), or `version` is older
        than the oldest it answers exactly, the result is `full`: reload everything.
        """
        self._mend_journal()
        conn = self.connection()
        top = journal.head(conn)
        assert top is not None
        journal.check_version(top, version)
        if version == 0:
            return journal.everything(conn, top.version)
        if version < top.floor:
            return Changes(version=top.version, full=True, since=version)
        return journal.changes_between(conn, version, top.version)

    def journal_since(self, version: int) -> list[journal.JournalEntry]:
        """`changes_since` with uids, one entry per record, oldest change first: for what
        outlives this file (a team library's sync). Refuses what changes_since refuses; a
        version below the floor is refused too, since entries cannot say "everything"."""
        self.changes_since(version)  # the same checks and repair
        conn = self.connection()
        top = journal.head(conn)
        assert top is not None
        if version and version < top.floor:
            raise InvalidInput(
                f"the journal has a gap after version {version} (noted at {top.floor}): "
                "start again from 0"
            )
        return journal.entries_since(conn, version)

    def close(self) -> None:
        """Close every thread's connection. The library must not be used afterwards."""
        self._connections.close()
        if self._presence is not None:
            self._presence.leave()
            self._presence = None

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over this thread's connection, for scripts' table work: reading,
        counting, introspecting (`library.db["claims"].count`, `.rows_where(...)`,
        `.table_names()`). Writes belong to the services, which keep the transactions and
        the checks; sqlite-utils would commit on its own terms."""
        import sqlite_utils  # here, not atop: 50 ms that opening a library does not need

        return sqlite_utils.Database(
            self.connection(), recursive_triggers=False, execute_plugins=False
        )

    # Space and the sample ------------------------------------------------------------

    def reclaim_space(self, progress: Progress | None = None, *, force: bool = False) -> int:
        """Give the file's free pages back to the disk when it pays (a tenth of the file
        and 16 MB), in short steps that let other writers through; how many pages. The
        services call it after a large deletion or import; `force` does it whatever the
        amount. A library made before this version cannot (see core/space.py)."""
        from briefing.core.space import reclaim

        return reclaim(self, progress, force=force)

    def load_sample(self) -> SampleLoaded:
        """Load the worked example, fully annotated (refused when it is there already)."""
        from briefing.core.sample import load_sample  # it reads a file and uses every service

        return load_sample(self)

    def __repr__(self) -> str:
        return f"Library({str(self.path)!r})"

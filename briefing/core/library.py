"""The library: one SQLite file the reader owns, and the services that work on it.

Each thread gets its own connection on first use (a sqlite3 connection refuses other
threads), so the app can read on the GUI thread while a worker writes: WAL lets readers
and one writer share the file, and a busy timeout lets a second copy of the app wait its
turn instead of failing at once.

Every write runs inside `transaction()`: BEGIN IMMEDIATE ... COMMIT at the outermost level
and a SAVEPOINT when nested, so one bad file in a batch rolls back alone while the batch
goes on, and a failure anywhere leaves the library as it was.

What a write changed is read back from the change journal (core/journal.py), which triggers
keep, so no write can forget to say: each finished transaction leaves its `Changes` in
`last_changes`, and each commit announces them to the library's listeners, on the thread
that committed (the app turns that into one Qt signal). `changes_since(version)` gives the
same for every commit since a version, whoever made it: another window, another copy of the
app, a script.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.core import journal, provenance
from briefing.core.changes import NO_CHANGES, Changes
from briefing.core.checkpoints import BackgroundCheckpoints
from briefing.core.connection import Connection
from briefing.core.errors import (
    BriefingError,
    InvalidInput,
    LibraryBusy,
    LibraryEmpty,
    LibraryReadOnly,
    LibraryUnavailable,
)
from briefing.core.interrupts import Interrupts, Read
from briefing.core.library_file import (
    check_current,
    check_is_briefing,
    check_is_sqlite,
    check_whole,
    read_only_reason,
    set_aside_damaged_log,
    translate_sqlite_error,
)
from briefing.core.library_paths import ensure_data_folder, resolve_library_path
from briefing.core.migrate import migrate
from briefing.core.presence import Holder, Presence, holders
from briefing.core.progress import Progress

if TYPE_CHECKING:
    import sqlite_utils

    from briefing.core.actors.mentions import MentionService
    from briefing.core.actors.service import ActorService
    from briefing.core.annotations.service import AnnotationService
    from briefing.core.articles.service import ArticleService
    from briefing.core.backup_folder import Backup, RestoreReport
    from briefing.core.backup_service import BackupService
    from briefing.core.briefings.service import BriefingService
    from briefing.core.claims.service import ClaimService
    from briefing.core.importing.service import ImportService
    from briefing.core.progress import Progress
    from briefing.core.provenance import ProvenanceService
    from briefing.core.sample import SampleLoaded
    from briefing.core.search.service import SearchService
    from briefing.core.settings import SettingsService
    from briefing.core.sources import SourceService
    from briefing.core.tags import TagService
    from briefing.core.team.service import TeamService

log = logging.getLogger(__name__)
Listener = Callable[[Changes], None]

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 64 * 1024


class Library:
    """An open library file. Create with `Library.open(path)`.

    Services hang off it as attributes (`articles`, `imports`, `search`, `annotations`,
    `claims`, `actors`, `mentions`, `sources`, `tags`, `briefings`, `settings`,
    `provenance`, `team`); they
    return frozen dataclasses, never rows. The CLI and the app use exactly this API.
    """

    def __init__(self, path: Path, *, created: bool, read_only: str = "") -> None:
        self.path = path
        self.created = created
        self._empty = created  # until the first connection gives the new file its settings
        # Why the library is open read-only ("the file is read-only"), or "" when writable.
        self.read_only = read_only
        # What the reader should hear about opening it (a damaged log set aside, say).
        self.notices: list[str] = []
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._user: str | None = None  # the name commits are signed with, read once
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
            raise LibraryUnavailable(
                f"cannot create {path}: the folder {path.parent} does not exist"
            )
        read_only = read_only_reason(path, exists)
        if read_only and not exists:
            raise LibraryReadOnly(f"cannot create {path}: {read_only}")
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

    # Connections and transactions --------------------------------------------------------

    def connection(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            self._local.depth = 0
            with self._lock:
                self._connections.append(conn)
        return conn

    def release_connection(self) -> None:
        """Close this thread's connection, if it has one: for a helper thread that is about
        to end (the core's own, as in bulk suggesting), so that its connection does not
        stay open, and listed, until the library closes."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            return
        with self._lock:
            if conn in self._connections:
                self._connections.remove(conn)
        del self._local.conn
        conn.close()

    def _connect(self) -> sqlite3.Connection:
        try:
            if self.read_only:
                # Nothing may be created beside a file we cannot write: unless another
                # program has it open in WAL mode (its -wal is there, and must be read), it
                # is opened immutable, read without locks or side files.
                live = any(
                    self.path.with_name(self.path.name + s).exists() for s in ("-wal", "-journal")
                )
                uri = f"{self.path.resolve().as_uri()}?mode=ro{'' if live else '&immutable=1'}"
                conn = sqlite3.connect(
                    uri,
                    uri=True,
                    isolation_level=None,
                    timeout=BUSY_TIMEOUT_MS / 1000,
                    factory=Connection,
                )
            else:
                conn = sqlite3.connect(
                    self.path,
                    isolation_level=None,
                    timeout=BUSY_TIMEOUT_MS / 1000,
                    factory=Connection,
                )
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, self.path) or LibraryUnavailable(
                f"cannot open {self.path}: {exc}"
            ) from exc
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        if self.read_only:
            return conn
        if self._empty:
            # Free pages can then be given back without a VACUUM (core/space.py). Only a file
            # with no tables takes it, and before WAL: the first connection only (on a later
            # one it would do nothing, yet wait for the lock that another writer may hold).
            self._empty = False
            conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode.lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit is on disk before the user is told it is done, so not even a power cut
        # loses an edit. One action is one transaction, so this costs one fsync per action.
        conn.execute("PRAGMA synchronous = FULL")
        # 64 MB of page cache (the default is 2 MB): a library of 100k articles has indexes of
        # hundreds of MB, and big writes (a batch import, storing suggestions) spill less.
        return conn

    @contextmanager
    def lock_wait(self, seconds: float) -> Iterator[None]:
        """Within this block, a write on this thread waits at most `seconds` for another
        program's write to end (the default is BUSY_TIMEOUT_MS), then fails with LibraryBusy.

        The app's GUI thread writes with 0, so that it never waits on the lock: a write that
        meets a busy library fails at once, before anything is written, and is kept and
        retried off the GUI thread (briefing/ui/edits.py).
        """
        conn = self.connection()
        conn.execute(f"PRAGMA busy_timeout = {max(0, int(seconds * 1000))}")
        try:
            yield
        finally:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One unit of work: all of it is written, or none of it.

        Nested calls become savepoints, so an inner failure can be caught and the outer
        work goes on. SQLite errors about the file are turned into LibraryUnavailable (and
        its kinds: LibraryBusy when another program holds the write lock past the wait);
        a constraint the outermost level breaks becomes InvalidInput. When it ends,
        `last_changes` holds what it changed (this level only); when the outermost level
        commits, the listeners hear of everything it changed.
        """
        if self.read_only:
            raise LibraryReadOnly(
                f"{self.path} is open read-only ({self.read_only}): nothing can be changed"
            )
        conn = self.connection()
        depth = self._local.depth
        name = f"sp{depth}"
        checkpoints = getattr(self._local, "checkpoints", None) if depth == 0 else None
        if checkpoints is not None:
            checkpoints.before_transaction()
        try:
            conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT {name}")
        except sqlite3.Error as exc:
            raise self._translate(exc) from exc
        self._local.depth = depth + 1
        try:
            start = journal.current_version(conn)
            written = conn.total_changes
            yield conn
            if conn.total_changes == written:  # nothing written: nothing to read back
                changes: Changes | _Pending = Changes(version=start or 0, since=start or 0)
            elif depth == 0:
                changes = self._changes_from(conn, start)
            else:
                # A savepoint's changes are read when asked for (`last_changes`, right after
                # it): a batch of a thousand files pays nothing for a question nobody asks.
                changes = _Pending(conn, start)
        except BaseException as exc:
            self._local.depth = depth
            self._local.changes = NO_CHANGES
            if depth == 0:
                conn.execute("ROLLBACK")
            else:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            if isinstance(exc, sqlite3.IntegrityError):
                if depth == 0:  # inner levels may catch it; past the outermost, nobody can
                    raise InvalidInput(
                        f"that would break a rule of the library ({exc}); nothing was changed"
                    ) from exc
                raise
            if isinstance(exc, sqlite3.Error):
                raise self._translate(exc) from exc
            raise
        self._local.depth = depth
        try:
            if depth == 0 and start is not None and conn.total_changes != written:
                self._stamp(conn, start)
            conn.execute("COMMIT" if depth == 0 else f"RELEASE {name}")
        except sqlite3.Error as exc:
            self._local.changes = NO_CHANGES
            if depth == 0 and not conn.in_transaction:
                raise self._translate(exc) from exc
            conn.execute("ROLLBACK" if depth == 0 else f"ROLLBACK TO {name}")
            raise self._translate(exc) from exc
        self._local.changes = changes
        if checkpoints is not None:
            checkpoints.committed()
        if depth == 0 and isinstance(changes, Changes) and changes:
            self._announce(changes)

    def _stamp(self, conn: sqlite3.Connection, start: int) -> None:
        """Write who changed the records this transaction touched, and when (a sync writes
        the team's names itself and turns this off: `remote_writes`)."""
        if getattr(self._local, "remote", False):
            return
        if self._user is None:
            self._user = self.settings.user_name
        provenance.stamp(conn, start, self._user)

    @contextmanager
    def remote_writes(self) -> Iterator[None]:
        """Inside: commits on this thread keep the provenance their writer gave (a team
        sync applying others' changes), instead of naming this library's user."""
        self._local.remote = True
        try:
            yield
        finally:
            self._local.remote = False

    def forget_user(self) -> None:
        """The user name changed: the next commit reads it again."""
        self._user = None

    @contextmanager
    def syncing_once(self) -> Iterator[None]:
        """For a long write made of many short transactions (an import, a run of
        suggestions): each commits without waiting for the disk, and the write-ahead log is
        flushed once at the end, so the disk holds them all when the write returns. One
        fsync instead of one per commit: on a busy disk each takes tens of milliseconds, and
        a large import makes hundreds. The library stays consistent whatever happens; a
        power cut (not a crash of the program) in the middle may lose the commits since the
        last checkpoint, none from before the write began. Meanwhile a helper thread
        checkpoints after each commit (core/checkpoints.py), so the writer seldom waits for
        one, and the log starts over every 256 MB rather than 4 MB (a run of suggestions
        went from 57 s to 39 s with 64 MB, bench/suggest.py). The log's file is cut back to
        64 MB when it next starts over. Inside a caller's transaction it does nothing: that
        transaction's commit syncs."""
        conn = self.connection()
        if conn.in_transaction or getattr(self._local, "checkpoints", None) is not None:
            yield  # inside a caller's transaction, or a long write already (it syncs)
            return
        conn.execute("PRAGMA synchronous = NORMAL")
        # Fewer checkpoints too: each copies the log into the file and waits for the disk
        # (every 4 MB of log by default, hundreds of times in a large run). And made on a
        # thread of their own (core/checkpoints.py): a 100k import spent 3-4 s of its 45 in
        # them. The writer's own, at twice the helper's limit, are there should it fail.
        every = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        conn.execute(f"PRAGMA wal_autocheckpoint = {2 * LONG_WRITE_CHECKPOINT_PAGES}")
        # The journals of statements and savepoints (what a failing statement or a rolled
        # back savepoint puts back: the pages it changed) in memory rather than in temporary
        # files written and deleted by every batch: an import of 30k articles wrote 1.4 GB
        # instead of 1.8, and its commits took a quarter less CPU. One batch's pages at most;
        # the core keeps no temporary tables, which changing this setting would drop.
        temp_store = conn.execute("PRAGMA temp_store").fetchone()[0]
        conn.execute("PRAGMA temp_store = MEMORY")
        self._local.checkpoints = BackgroundCheckpoints(self.path, LONG_WRITE_CHECKPOINT_PAGES)
        try:
            yield
        finally:
            self._local.checkpoints.close()
            del self._local.checkpoints
            conn.execute(f"PRAGMA temp_store = {int(temp_store)}")
            conn.execute(f"PRAGMA wal_autocheckpoint = {int(every)}")
            conn.execute(f"PRAGMA journal_size_limit = {LOG_SIZE_LIMIT}")
            conn.execute("PRAGMA synchronous = FULL")
            _flush(Path(f"{self.path}-wal"))

    @staticmethod
    def _changes_from(conn: sqlite3.Connection, start: int | None) -> Changes:
        end = journal.current_version(conn)
        if start is None or end is None:  # the journal's head went missing mid-way
            return Changes(version=end or 0, full=True, since=start or 0)
        if end == start:
            return Changes(version=end, since=start)
        return journal.changes_between(conn, start, end)

    @property
    def last_changes(self) -> Changes:
        """What this thread's last finished transaction (or savepoint) changed. Ask right
        after it: a savepoint's changes are read from the journal when first asked for."""
        changes = getattr(self._local, "changes", NO_CHANGES)
        if isinstance(changes, _Pending):
            changes = self._local.changes = self._changes_from(changes.conn, changes.start)
        return changes

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

    # Changes -------------------------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        """Call `listener(changes)` after every commit through this library object, on the
        committing thread. Commits by other processes are not heard: see changes_since."""
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def _announce(self, changes: Changes) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(changes)
            except Exception:  # a listener's bug must not undo, or hide, a committed write
                log.exception("a change listener failed")

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

    def _translate(self, exc: sqlite3.Error) -> BriefingError | sqlite3.Error:
        return translate_sqlite_error(exc, self.path) or exc

    def close(self) -> None:
        """Close every thread's connection. The library must not be used afterwards."""
        with self._lock:
            for conn in self._connections:
                try:
                    conn.close()
                except sqlite3.Error:  # pragma: no cover - closing is best effort
                    pass
            self._connections.clear()
        self._local = threading.local()
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

    # Services ----------------------------------------------------------------------------

    @cached_property
    def articles(self) -> ArticleService:
        # Imported here: the services import this module, and a script that only opens a
        # library should not pay for trafilatura.
        from briefing.core.articles.service import ArticleService

        return ArticleService(self)

    @cached_property
    def imports(self) -> ImportService:
        from briefing.core.importing.service import ImportService

        return ImportService(self)

    @cached_property
    def search(self) -> SearchService:
        from briefing.core.search.service import SearchService

        return SearchService(self)

    @cached_property
    def annotations(self) -> AnnotationService:
        from briefing.core.annotations.service import AnnotationService

        return AnnotationService(self)

    @cached_property
    def claims(self) -> ClaimService:
        from briefing.core.claims.service import ClaimService

        return ClaimService(self)

    @cached_property
    def actors(self) -> ActorService:
        from briefing.core.actors.service import ActorService

        return ActorService(self)

    @cached_property
    def mentions(self) -> MentionService:
        from briefing.core.actors.mentions import MentionService

        return MentionService(self)

    @cached_property
    def sources(self) -> SourceService:
        from briefing.core.sources import SourceService

        return SourceService(self)

    @cached_property
    def briefings(self) -> BriefingService:
        from briefing.core.briefings.service import BriefingService

        return BriefingService(self)

    @cached_property
    def backups(self) -> BackupService:
        from briefing.core.backup_service import BackupService

        return BackupService(self)

    @cached_property
    def tags(self) -> TagService:
        from briefing.core.tags import TagService

        return TagService(self)

    @cached_property
    def settings(self) -> SettingsService:
        """The library's own settings: `settings.user_name`, who signs its exports."""
        from briefing.core.settings import SettingsService

        return SettingsService(self)

    @cached_property
    def provenance(self) -> ProvenanceService:
        """Who created and last changed each record, and when."""
        from briefing.core.provenance import ProvenanceService

        return ProvenanceService(self)

    @cached_property
    def team(self) -> TeamService:
        """The team library this one syncs with, through PostgreSQL (core/team/)."""
        from briefing.core.team.service import TeamService

        return TeamService(self)

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


@dataclass(frozen=True)
class _Pending:
    """A finished savepoint whose changes nobody has asked for yet."""

    conn: sqlite3.Connection
    start: int | None


LONG_WRITE_CHECKPOINT_PAGES = 65536  # 256 MB of log between checkpoints in a long write
LOG_SIZE_LIMIT = 64 * 1024 * 1024  # what the log's file is cut back to after a long write


def _flush(path: Path) -> None:
    """Make the disk hold what was written to `path` (the write-ahead log), if it is there.
    Writable, because Windows flushes only through a handle that may write."""
    try:
        handle = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return
    try:
        os.fsync(handle)
    finally:
        os.close(handle)

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

import platformdirs
import sqlite_utils

from briefing.core import journal, provenance
from briefing.core.changes import NO_CHANGES, Changes
from briefing.core.errors import BriefingError, InvalidInput, LibraryUnavailable
from briefing.core.migrate import APPLICATION_ID, check_not_newer, latest_version, migrate

if TYPE_CHECKING:
    from briefing.core.actors.mentions import MentionService
    from briefing.core.actors.service import ActorService
    from briefing.core.annotations.service import AnnotationService
    from briefing.core.articles.service import ArticleService
    from briefing.core.briefings.service import BriefingService
    from briefing.core.claims.service import ClaimService
    from briefing.core.importing.service import ImportService
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
SQLITE_MAGIC = b"SQLite format 3\x00"
DEFAULT_FILENAME = "library.sqlite"


NAME_A_LIBRARY = "or name a library with --library PATH or BRIEFING_LIBRARY"


def default_library_path() -> Path:
    """Where the library lives when neither --library nor BRIEFING_LIBRARY says: the user
    data folder (platformdirs).

    On Unix that folder hangs off $HOME (or $XDG_DATA_HOME). Without either, platformdirs
    falls back on the account's entry in the password file, and for an account with no
    entry (a container started with a bare uid) on a folder named `~` inside the current
    one: a library nobody would find again, or a traceback in a read-only folder. So an
    unset HOME is said, with what to set, rather than guessed around.
    """
    if os.name == "posix" and not (_absolute_env("XDG_DATA_HOME") or _absolute_env("HOME")):
        raise LibraryUnavailable(
            "no data folder to keep the library in: HOME is not set; "
            f"set HOME (or XDG_DATA_HOME) to your home folder, {NAME_A_LIBRARY}"
        )
    return Path(platformdirs.user_data_dir("Briefing", appauthor=False)) / DEFAULT_FILENAME


def _absolute_env(name: str) -> bool:
    """The variable names an absolute path (the XDG spec ignores a relative one)."""
    return os.path.isabs(os.environ.get(name, ""))


def ensure_data_folder(folder: Path) -> None:
    """Create the data folder the default library lives in, or say why it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise LibraryUnavailable(
            f"cannot create the data folder {folder} ({reason}): it needs a writable "
            f"folder there; set XDG_DATA_HOME to one, {NAME_A_LIBRARY}"
        ) from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise LibraryUnavailable(
            f"the data folder {folder} is not writable: it needs a writable folder "
            f"there; set XDG_DATA_HOME to one, {NAME_A_LIBRARY}"
        )


def resolve_library_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--library PATH, else $BRIEFING_LIBRARY, else the user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get("BRIEFING_LIBRARY")
    if from_env:
        return Path(from_env).expanduser()
    return default_library_path()


def describe_sqlite_error(exc: sqlite3.Error, path: Path | str) -> str:
    """Turn an SQLite failure about the file itself into words a reader can act on."""
    name = getattr(exc, "sqlite_errorname", "")
    text = str(exc)
    if name.startswith("SQLITE_BUSY") or "locked" in text:
        return f"{path} is busy: another program is writing to it; try again in a moment"
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return f"{path} cannot be written (read-only file or folder)"
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return f"{path} cannot be opened or created (check the folder exists and is writable)"
    if name.startswith("SQLITE_NOTADB") or "not a database" in text:
        return f"{path} is not a Briefing library (not an SQLite database); it was left untouched"
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return f"{path} is damaged ({text}); open a backup copy instead"
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return f"the disk holding {path} is full"
    if name.startswith("SQLITE_IOERR"):
        return f"{path} could not be read or written ({text})"
    return ""


class Library:
    """An open library file. Create with `Library.open(path)`.

    Services hang off it as attributes (`articles`, `imports`, `search`, `annotations`,
    `claims`, `actors`, `mentions`, `sources`, `tags`, `briefings`, `settings`,
    `provenance`, `team`); they
    return frozen dataclasses, never rows. The CLI and the app use exactly this API.
    """

    def __init__(self, path: Path, *, created: bool) -> None:
        self.path = path
        self.created = created
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._user: str | None = None  # the name commits are signed with, read once

    # Opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        on_upgrade: Callable[[int, int], None] | None = None,
    ) -> Library:
        """Open the library at `path`, creating and migrating it as needed.

        A file that is not SQLite, or an SQLite file that is not a Briefing library, is
        refused and left untouched. `library.created` tells whether the file is new.
        `on_upgrade(from_version, to_version)` is called before an existing library is
        upgraded to this version's schema (see migrate.migrate).
        """
        path = Path(path).expanduser()
        try:
            # A folder on the way that the account may not enter raises here, not False.
            is_dir = path.is_dir()
            exists = path.exists() and path.stat().st_size > 0
        except OSError as exc:
            raise LibraryUnavailable(f"cannot reach {path}: {exc.strerror or exc}") from exc
        if is_dir:
            raise LibraryUnavailable(f"{path} is a folder; give the path of a library file")
        if exists:
            _check_is_sqlite(path)
        elif not create:
            raise LibraryUnavailable(f"no library at {path}")
        elif not path.parent.exists():
            raise LibraryUnavailable(
                f"cannot create {path}: the folder {path.parent} does not exist"
            )
        if exists:
            _check_is_briefing(path)
        library = cls(path, created=not exists)
        try:
            migrate(library.connection(), path, on_upgrade=on_upgrade)
            library._mend_journal()
        except sqlite3.Error as exc:
            library.close()
            message = describe_sqlite_error(exc, path) or f"cannot open {path}: {exc}"
            raise LibraryUnavailable(message) from exc
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
    ) -> Library:
        """Open the library named by --library, $BRIEFING_LIBRARY or the data folder."""
        path = resolve_library_path(explicit)
        if explicit is None and not os.environ.get("BRIEFING_LIBRARY"):
            ensure_data_folder(path.parent)
        return cls.open(path, on_upgrade=on_upgrade)

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

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as exc:
            message = describe_sqlite_error(exc, self.path) or f"cannot open {self.path}: {exc}"
            raise LibraryUnavailable(message) from exc
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode.lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit is on disk before the user is told it is done, so not even a power cut
        # loses an edit. One action is one transaction, so this costs one fsync per action.
        conn.execute("PRAGMA synchronous = FULL")
        # 64 MB of page cache (the default is 2 MB): a library of 100k articles has indexes of
        # hundreds of MB, and big writes (a batch import, storing suggestions) spill less.
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One unit of work: all of it is written, or none of it.

        Nested calls become savepoints, so an inner failure can be caught and the outer
        work goes on. SQLite errors about the file are turned into LibraryUnavailable.
        When it ends, `last_changes` holds what it changed (this level only); when the
        outermost level commits, the listeners hear of everything it changed.
        """
        conn = self.connection()
        depth = self._local.depth
        name = f"sp{depth}"
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
            if isinstance(exc, sqlite3.Error) and not isinstance(exc, sqlite3.IntegrityError):
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
        conn = self.connection()
        if (
            journal.current_version(conn) is None
            and not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'journal'").fetchone()
        ):
            return  # a schema before the journal (tests build such libraries)
        if not journal.is_consistent(conn):
            with self.transaction() as conn:
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
        message = describe_sqlite_error(exc, self.path)
        return LibraryUnavailable(message) if message else exc

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


def _check_is_sqlite(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise LibraryUnavailable(f"cannot read {path}: {exc.strerror}") from exc
    if header != SQLITE_MAGIC:
        raise LibraryUnavailable(
            f"{path} is not a Briefing library (not an SQLite database); it was left untouched"
        )


def _check_is_briefing(path: Path) -> None:
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
        message = describe_sqlite_error(exc, path) or f"cannot open {path}: {exc}"
        raise LibraryUnavailable(message) from exc
    if app_id != APPLICATION_ID and (app_id != 0 or has_tables):
        raise LibraryUnavailable(
            f"{path} is an SQLite database but not a Briefing library; it was left untouched"
        )
    check_not_newer(path, version, latest_version())

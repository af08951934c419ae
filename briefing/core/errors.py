"""What can go wrong, in terms a reader can act on.

    BriefingError                  anything the core reports to a user
     ├── InvalidInput              the request itself is wrong (bad date, empty title, ...)
     ├── NotFound                  no such article, actor, claim, ...
     ├── ImportFailed              one input could not become an article (path, reason)
     ├── LibraryUnavailable        the library file: not SQLite, missing folder, ...
     │    ├── LibraryBusy          another program is writing, or has it open for a restore
     │    ├── LibraryReadOnly      opened read-only (the file or its folder cannot be
     │    │                        written): reading works, an edit is refused
     │    ├── LibraryDamaged       truncated, malformed or overwritten: restore a backup
     │    └── LibraryEmpty         an empty file where a library should be: not made into a
     │                             new library unless the caller says so
     ├── BackupFailed              a backup could not be made or restored; nothing changed
     ├── MigrationFailed           a schema upgrade failed; the library was left as it was
     ├── TeamUnavailable           the team library: unreachable, refused, not ours, too new
     └── Cancelled                 the user stopped a long job; not shown as an error

Front ends catch BriefingError and show its message: one line on stderr for the CLI, a
dialog or status line in the app. Anything else escaping the core is a bug.
"""

from __future__ import annotations


class BriefingError(Exception):
    """Base of every error a user is meant to read."""


class InvalidInput(BriefingError):
    pass


class NotFound(BriefingError):
    pass


class ImportFailed(BriefingError):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class LibraryUnavailable(BriefingError):
    pass


class LibraryBusy(LibraryUnavailable):
    """Worth trying again: another program holds the write lock (or the library is being
    restored). The app keeps an edit that meets it and retries."""


class LibraryReadOnly(LibraryUnavailable):
    pass


class LibraryDamaged(LibraryUnavailable):
    pass


class LibraryEmpty(LibraryUnavailable):
    pass


class BackupFailed(BriefingError):
    pass


class MigrationFailed(BriefingError):
    pass


class TeamUnavailable(BriefingError):
    """The team library cannot be used now: a wrong URL, a refused password, a server that
    is not PostgreSQL or has a newer team schema, a connection lost. Nothing was changed on
    either side that a later sync will not finish."""


class Cancelled(BriefingError):
    """The user stopped a long job. A job that commits as it goes (an import) says in
    `kept` what it left in the library; the others roll back, and `kept` is empty."""

    kept: str = ""

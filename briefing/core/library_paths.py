"""Where a library lives when nobody names one, and the data folder it needs.

Kept apart from the Library so the rules for finding a file (--library, BRIEFING_LIBRARY,
the user data folder) read on their own and can be tested without opening anything.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from briefing.core.errors import LibraryUnavailable

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

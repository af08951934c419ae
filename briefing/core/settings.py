"""The library's settings: who its user is, for now; `library.settings`.

The user name is what an export signs with (the W3C `creator` of each annotation, the
ClaimReview `author`) and what a team library will record as the maker of each change. Until
someone sets it (`briefing whoami NAME`, or the app's preferences) it is the account's full
name, as the system knows it, else the login name: something true, never an empty name.

Settings live in the library file (db/005_settings.sql), so a library carried to another
machine keeps its user. They are not records: not journaled, not synced, never exported.
"""

from __future__ import annotations

import getpass
import os
import sys
from typing import TYPE_CHECKING

from briefing.core.errors import InvalidInput

if TYPE_CHECKING:
    from briefing.core.library import Library

USER_NAME = "user_name"
MAX_NAME = 200


def account_name() -> str:
    """The full name of the account running us, else its login name, else "".

    On Unix the full name is the first field of the password entry's GECOS ("Jane Doe,Room
    4,..."); on Windows, the display name the system keeps for the user."""
    try:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            return _windows_display_name() or getpass.getuser()
        import pwd

        gecos = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
        return gecos or getpass.getuser()
    except (KeyError, OSError, ImportError):
        try:
            return getpass.getuser()
        except (KeyError, OSError, ImportError):
            return ""


def _windows_display_name() -> str:  # pragma: no cover - Windows only
    import ctypes

    size = ctypes.c_ulong(0)
    secur32 = ctypes.windll.secur32  # type: ignore[attr-defined,unused-ignore]
    name_display = 3  # EXTENDED_NAME_FORMAT NameDisplay
    secur32.GetUserNameExW(name_display, None, ctypes.byref(size))
    buffer = ctypes.create_unicode_buffer(size.value)
    if not secur32.GetUserNameExW(name_display, buffer, ctypes.byref(size)):
        return ""
    return str(buffer.value)


def clean_name(name: str) -> str:
    """A user name as stored: one line, trimmed; InvalidInput when too long."""
    text = " ".join(name.split())
    if len(text) > MAX_NAME:
        raise InvalidInput(f"a user name is at most {MAX_NAME} characters")
    return text


class SettingsService:
    def __init__(self, library: Library) -> None:
        self._library = library

    @property
    def user_name(self) -> str:
        """Who uses this library: the name set for it, else the account's full name."""
        return self.stored_user_name or account_name()

    @property
    def stored_user_name(self) -> str | None:
        """The name set for this library, or None when it follows the account's."""
        return self._get(USER_NAME)

    def set_user_name(self, name: str | None) -> str:
        """Set the library's user name; an empty name (or None) goes back to the account's.
        Returns the name now in force."""
        value = clean_name(name or "")
        with self._library.transaction() as conn:
            if value:
                conn.execute(
                    "INSERT INTO settings (name, value) VALUES (?, ?) "
                    "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    (USER_NAME, value),
                )
            else:
                conn.execute("DELETE FROM settings WHERE name = ?", (USER_NAME,))
        self._library.forget_user()
        return self.user_name

    def _get(self, name: str) -> str | None:
        row = (
            self._library.connection()
            .execute("SELECT value FROM settings WHERE name = ?", (name,))
            .fetchone()
        )
        return str(row[0]) if row else None

"""The library's settings: its user name, set, kept in the file, and reset."""

from __future__ import annotations

import getpass
import os
import pwd
from pathlib import Path

import pytest

from briefing.core import InvalidInput, Library
from briefing.core.settings import account_name


def test_user_name_defaults_to_the_account_and_is_kept_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as library:
        expected = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
        assert account_name() == (expected or getpass.getuser())
        assert library.settings.user_name == account_name()
        assert library.settings.stored_user_name is None
        assert library.settings.set_user_name("  Jane   Q. Doe\n") == "Jane Q. Doe"
        version = library.version
    with Library.open(path) as library:  # the name is the library's, not the process's
        assert library.settings.user_name == "Jane Q. Doe"
        assert library.version == version  # a setting is not a record: nothing journaled
        assert library.settings.set_user_name("") == account_name()
        assert library.settings.stored_user_name is None


def test_an_overlong_name_is_refused(library: Library) -> None:
    library.settings.set_user_name("Kept")
    with pytest.raises(InvalidInput, match="at most 200"):
        library.settings.set_user_name("x" * 201)
    assert library.settings.user_name == "Kept"

"""Files are written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.core import InvalidInput
from briefing.core.atomic_files import atomic_target, write_atomically


def test_a_failed_write_leaves_the_old_file_and_no_debris(tmp_path: Path) -> None:
    target = tmp_path / "briefing.md"
    target.write_text("the good copy")
    with pytest.raises(RuntimeError):
        with atomic_target(target) as temporary:
            temporary.write_text("half a brief")
            raise RuntimeError("the template broke")
    assert target.read_text() == "the good copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.md"]


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    write_atomically(target, "<p>ok</p>")
    umask = os.umask(0)
    os.umask(umask)
    assert target.read_text() == "<p>ok</p>"
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        write_atomically(tmp_path / "no" / "such" / "file.md", "x")

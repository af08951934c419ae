"""Started where it cannot keep a library: HOME unset, a data folder that cannot be made or
written, the program's own folder read-only. Each is one line naming what is needed, status
2, never a traceback; and the program works wherever it has what it needs. Run on the source
install and on the stand-alone build alike (the `program` fixture): the same code paths."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SAMPLE
from tests.programs import (
    confined,
    one_line_error,
    program_folder,
    require_bundle,
    run,
)

WHAT_TO_DO = "or name a library with --library PATH or BRIEFING_LIBRARY"


def environment(tmp_path: Path, **changes: str | None) -> dict[str, str]:
    """This environment with no library named and no data folder of the tester's: HOME and
    XDG_DATA_HOME in tmp_path unless `changes` say otherwise (None unsets)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("BRIEFING_LIBRARY", "XDG_DATA_HOME", "XDG_CONFIG_HOME")
    }
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        QT_QPA_PLATFORM="offscreen",
    )
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def test_without_home_the_data_folder_is_named_as_missing(
    program: list[str], tmp_path: Path
) -> None:
    env = environment(tmp_path, HOME=None)
    for argv in ([*program, "list"], [*program, "--smoke-test"]):
        line = one_line_error(run(argv, env=env, cwd=tmp_path))
        assert "HOME is not set" in line and WHAT_TO_DO in line, line
    assert list(tmp_path.iterdir()) == []  # no stray `~/.local/share` made here


def test_without_home_in_a_read_only_folder_a_named_library_still_works(
    program: list[str], tmp_path: Path
) -> None:
    """The case behind the issue: no HOME, started in a folder that cannot be written."""
    cwd = tmp_path / "read-only"
    cwd.mkdir()
    env = environment(tmp_path, HOME=None)
    result = run(confined([*program, "list"], read_only=[cwd]), env=env, cwd=cwd)
    assert "HOME is not set" in one_line_error(result)
    library = tmp_path / "named.sqlite"
    imported = run(
        confined([*program, "--library", str(library), "import", str(SAMPLE)], read_only=[cwd]),
        env=env,
        cwd=cwd,
    )
    assert imported.returncode == 0, imported.stderr
    assert "imported" in imported.stdout


def test_a_data_folder_that_cannot_be_made_is_named(program: list[str], tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = environment(tmp_path, XDG_DATA_HOME=str(blocker / "data"))
    for argv in ([*program, "list"], [*program, "--smoke-test"]):
        line = one_line_error(run(argv, env=env))
        assert f"cannot create the data folder {blocker}/data/Briefing" in line, line
        assert "Not a directory" in line and "XDG_DATA_HOME" in line and WHAT_TO_DO in line


@pytest.mark.parametrize("made", [False, True], ids=["not-made-yet", "made-before"])
def test_a_read_only_data_folder_is_named(program: list[str], tmp_path: Path, made: bool) -> None:
    data = tmp_path / "data"
    (data / "Briefing" if made else data).mkdir(parents=True)
    env = environment(tmp_path, XDG_DATA_HOME=str(data))
    result = run(confined([*program, "list"], read_only=[data]), env=env)
    line = one_line_error(result)
    if made:
        assert f"the data folder {data}/Briefing is not writable" in line, line
    else:
        assert f"cannot create the data folder {data}/Briefing (Read-only file system)" in line
    assert WHAT_TO_DO in line
    assert not (data / "Briefing" / "library.sqlite").exists()


def test_started_from_a_read_only_folder_it_runs_the_commands_and_the_app(
    program: list[str], tmp_path: Path
) -> None:
    """The program's own folder (the build, or the checkout) mounted read-only: nothing of
    it is written to, so everything works as usual."""
    env = environment(tmp_path, XDG_DATA_HOME=str(tmp_path / "data"))
    folder = program_folder(program)

    def briefing(*args: str):
        return run(confined([*program, *args], read_only=[folder]), env=env)

    version = briefing("--version")
    assert version.returncode == 0 and version.stdout.startswith("briefing "), version.stderr
    imported = briefing("import", str(SAMPLE))
    assert imported.returncode == 0, imported.stderr
    found = briefing("search", "facial recognition")
    assert found.returncode == 0 and "SenseTime" in found.stdout, found.stderr
    opened = briefing("--smoke-test")
    assert opened.returncode == 0, opened.stderr
    assert "smoke test: the window settled on" in opened.stdout
    assert (tmp_path / "data" / "Briefing" / "library.sqlite").is_file()


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder another account can enter (pytest's own are private to this one)."""
    folder = Path(tempfile.mkdtemp(prefix="briefing-other-user-"))
    folder.chmod(0o755)
    yield folder
    for path in sorted(folder.rglob("*"), reverse=True):
        path.unlink() if not path.is_dir() or path.is_symlink() else path.rmdir()
    folder.rmdir()


@pytest.mark.packaging
def test_as_an_account_whose_home_does_not_exist(open_folder: Path) -> None:
    """`nobody`, whose home is /nonexistent, runs the build from a read-only folder: the
    data folder cannot be made there; a library it may write works. (The build only: the
    source install's Python may live in this account's private home.)"""
    executable = require_bundle()
    if os.geteuid() != 0:
        pytest.skip("running as another account needs root")
    build = open_folder / "build"
    build.mkdir()
    mounted = build / executable.name
    writable = open_folder / "libraries"
    writable.mkdir()
    writable.chmod(stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": "/nonexistent",
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }

    def as_nobody(*args: str):
        argv = confined([str(mounted), *args], mounts=[(executable.parent, build)], user="65534")
        return run(argv, env=env, cwd=open_folder)

    for args in (["list"], ["--smoke-test"]):
        line = one_line_error(as_nobody(*args))
        assert "data folder /nonexistent/.local/share/Briefing" in line, line
        # Made by nobody else, /nonexistent does not exist and nobody cannot make it.
        assert "(Permission denied)" in line or "is not writable" in line, line
        assert WHAT_TO_DO in line
    library, article = writable / "mine.sqlite", open_folder / SAMPLE.name
    article.write_bytes(SAMPLE.read_bytes())
    imported = as_nobody("--library", str(library), "import", str(article))
    assert imported.returncode == 0, imported.stderr
    opened = as_nobody(str(library), "--smoke-test")
    assert opened.returncode == 0, opened.stderr
    assert library.stat().st_uid == 65534

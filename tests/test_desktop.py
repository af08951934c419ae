"""`briefing install-desktop`: a menu entry and icons a Linux desktop finds, running the
program it was installed from, and opening a library file as a file manager would.

Checked with the desktop's own tools where the machine has them (.ci/run installs them):
desktop-file-validate reads the entry as the specification says, update-desktop-database
files it under the SQLite MIME type ("Open With"), and GLib's `gio launch` starts it the
way GNOME does, quoting and all.
"""

from __future__ import annotations

import configparser
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing import desktop
from briefing.core import BriefingError, resources_dir
from tests.conftest import SAMPLE
from tests.programs import SOURCE, one_line_error, run

SIZES = ("16x16", "22x22", "24x24", "32x32", "48x48", "64x64", "128x128", "256x256", "512x512")


def needs(tool: str) -> str:
    found = shutil.which(tool)
    if not found:
        pytest.skip(f"needs {tool} (.ci/run installs it)")
    return found


def entry_of(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign] - keys keep their case
    parser.read_string(path.read_text("utf-8"))
    return parser["Desktop Entry"]


def environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_LIBRARY"}
    env.update(
        XDG_DATA_HOME=str(tmp_path / "share"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def installed_program(program: list[str]) -> str:
    """What the entry must run: the build itself, or the venv's `briefing` script."""
    if program == SOURCE:
        return str(Path(sys.executable).absolute().parent / "briefing")
    return program[0]


def test_install_desktop_puts_entry_and_icons_where_desktops_look(
    program: list[str], tmp_path: Path
) -> None:
    env = environment(tmp_path)
    share = tmp_path / "share"
    done = run([*program, "install-desktop"], env=env)
    assert done.returncode == 0, done.stderr
    runs = installed_program(program)
    entry_path = share / "applications" / "briefing.desktop"
    assert done.stdout.splitlines() == [
        "installed the menu entry and icons (11 files)",
        f"the entry runs: {shlex.quote(runs)}",
        f"it is {entry_path}; 'briefing install-desktop --remove' takes it out",
    ]
    entry = entry_of(entry_path)
    assert entry["Exec"] == f"{runs} %f"
    assert entry["TryExec"] == runs
    assert entry["Icon"] == "briefing" and entry["Name"] == "Briefing"
    assert "application/vnd.sqlite3" in entry["MimeType"].split(";")
    hicolor = share / "icons" / "hicolor"
    icons = resources_dir() / "icons"
    assert (hicolor / "scalable/apps/briefing.svg").read_bytes() == (
        icons / "briefing.svg"
    ).read_bytes()
    for size in SIZES:
        shipped = icons / "hicolor" / size / "apps" / "briefing.png"
        assert (hicolor / size / "apps" / "briefing.png").read_bytes() == shipped.read_bytes()
    validate = subprocess.run(
        [needs("desktop-file-validate"), str(entry_path)], capture_output=True, text=True
    )
    assert validate.returncode == 0 and not validate.stdout.strip(), validate.stdout
    needs("update-desktop-database")
    mime_cache = (share / "applications" / "mimeinfo.cache").read_text("utf-8")
    assert "application/vnd.sqlite3=briefing.desktop;" in mime_cache


def test_the_entry_opens_a_library_as_a_file_manager_would(
    program: list[str], tmp_path: Path
) -> None:
    env = environment(tmp_path)
    assert run([*program, "install-desktop"], env=env).returncode == 0
    library = tmp_path / "analyst.sqlite"
    made = run([*program, "--library", str(library), "import", str(SAMPLE)], env=env)
    assert made.returncode == 0, made.stderr
    exec_line = entry_of(tmp_path / "share" / "applications" / "briefing.desktop")["Exec"]
    # The launcher puts the file for %f; --smoke-test closes the window once it settles.
    argv = [str(library) if a == "%f" else a for a in shlex.split(exec_line)] + ["--smoke-test"]
    opened = run(argv, env=env)
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.strip() == f"smoke test: the window settled on {library} (1 article)"


def test_a_program_path_with_spaces_quotes_and_dollars_reaches_the_program_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gio = needs("gio")
    # Not `%`: the spec's `%%` is right, but GLib looks for the program before expanding it.
    folder = tmp_path / 'Briefing "2" $HOME `x` \\ back'
    folder.mkdir()
    stand_in = folder / "briefing"
    said = tmp_path / "argv.txt"
    stand_in.write_text(
        f'#!/bin/sh\nprintf \'%s\\n\' "$0" "$@" > {shlex.quote(str(said))}.tmp\n'
        f"mv {shlex.quote(str(said))}.tmp {shlex.quote(str(said))}\n"
    )
    stand_in.chmod(0o755)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    installed = desktop.install_desktop([str(stand_in)])
    entry_path = installed.files[0]
    if shutil.which("desktop-file-validate"):
        assert subprocess.run(["desktop-file-validate", str(entry_path)]).returncode == 0
    opened = tmp_path / "my library.sqlite"
    launched = subprocess.run(
        [gio, "launch", str(entry_path), str(opened)], capture_output=True, text=True
    )
    assert launched.returncode == 0, launched.stderr
    deadline = time.monotonic() + 20
    while not said.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert said.read_text().splitlines() == [str(stand_in), str(opened)]


def test_installing_again_repoints_the_entry_and_remove_takes_everything_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    first = desktop.install_desktop(["/opt/old place/briefing"])
    second = desktop.install_desktop(["/opt/briefing/briefing"])
    assert first.files == second.files and len(second.files) == 11
    entry = entry_of(second.files[0])
    assert (entry["Exec"], entry["TryExec"]) == (
        "/opt/briefing/briefing %f",
        "/opt/briefing/briefing",
    )
    removed = desktop.remove_desktop()
    assert sorted(removed.files) == sorted(second.files)
    assert not any(path.exists() for path in second.files)
    assert desktop.remove_desktop().files == []  # nothing left to take out is no error


def test_without_home_install_desktop_says_what_to_set(program: list[str], tmp_path: Path) -> None:
    env = {k: v for k, v in environment(tmp_path).items() if k not in ("HOME", "XDG_DATA_HOME")}
    line = one_line_error(run([*program, "install-desktop"], env=env, cwd=tmp_path))
    assert line == (
        "briefing: no folder to install the menu entry in: HOME is not set; "
        "set HOME (or XDG_DATA_HOME) to your home folder"
    )
    assert list(tmp_path.iterdir()) == []


def test_install_desktop_where_nothing_can_be_written_is_one_line(
    program: list[str], tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("")
    env = {**environment(tmp_path), "XDG_DATA_HOME": str(tmp_path / "file")}
    line = one_line_error(run([*program, "install-desktop"], env=env))
    assert line == f"briefing: cannot install under {tmp_path / 'file'}: Not a directory"


def test_exec_quoting_follows_the_desktop_entry_spec() -> None:
    assert desktop.exec_quote("/usr/bin/briefing") == "/usr/bin/briefing"
    assert desktop.exec_quote("/a b/briefing") == '"/a b/briefing"'
    # `"` and `$` escaped by the quoting rule, then every backslash by the string rule.
    assert desktop.exec_quote('/x"$y/b') == '"/x\\\\"\\\\$y/b"'
    assert desktop.exec_quote("/100%/b") == "/100%%/b"


def test_a_program_path_that_is_not_utf8_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    odd = os.fsdecode(b"/opt/brief\xffing/briefing")
    with pytest.raises(BriefingError, match="the program's path is not UTF-8"):
        desktop.install_desktop([odd])
    assert not (tmp_path / "share").exists()

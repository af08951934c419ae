"""`briefing FILE` opens the app on a library (a file manager's "Open With"), `--smoke-test`
opens it and closes it once settled; every command and its errors stay as they were."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.cli import main
from tests.conftest import SAMPLE
from tests.programs import one_line_error, run


def environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_LIBRARY"}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    return env


def test_a_library_file_given_alone_opens_in_the_app(program: list[str], tmp_path: Path) -> None:
    env = environment(tmp_path)
    library = tmp_path / f"news {bytes([0xFF]).decode('utf-8', 'surrogateescape')}.sqlite"
    made = run([*program, "--library", str(library), "import", str(SAMPLE)], env=env)
    assert made.returncode == 0, made.stderr
    for argv in ([str(library), "--smoke-test"], ["--smoke-test", str(library)]):
        opened = run([*program, *argv], env=env)
        assert opened.returncode == 0, opened.stderr
        assert opened.stdout.startswith("smoke test: the window settled on ")
        assert opened.stdout.rstrip().endswith("(1 article)")
    assert not (tmp_path / "data").exists()  # the default library was never touched


def test_the_smoke_test_on_a_new_library_waits_for_the_first_run_sample(
    program: list[str], tmp_path: Path
) -> None:
    opened = run([*program, "--smoke-test"], env=environment(tmp_path))
    assert opened.returncode == 0, opened.stderr
    default = tmp_path / "data" / "Briefing" / "library.sqlite"
    assert opened.stdout.strip() == f"smoke test: the window settled on {default} (1 article)"
    claims = run([*program, "--library", str(default), "claims", "--json"], env=os.environ.copy())
    assert claims.stdout.count('"quote"') == 6  # the worked example, loaded before it closed


def test_a_file_that_is_no_library_is_one_line_not_a_dialog(
    program: list[str], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.sqlite"
    notes.write_text("shopping list")
    line = one_line_error(run([*program, str(notes), "--smoke-test"], env=environment(tmp_path)))
    assert line == (
        f"briefing: {notes} is not a Briefing library (not an SQLite database); "
        "it was left untouched"
    )
    assert notes.read_text() == "shopping list"


def test_a_command_wins_over_a_file_of_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "list").write_text("")
    assert main(["--library", str(tmp_path / "lib.sqlite"), "list"]) == 0
    assert "The library is empty" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["/no/such/folder/lib.sqlite"], "no such library file: /no/such/folder/lib.sqlite"),
        (["missing.sqlite"], "no such library file: missing.sqlite"),
        (["lsit"], "argument COMMAND: invalid choice: 'lsit'"),  # a typo is still a typo
        (["--smoke-test", "list"], "--smoke-test opens the app: give it no command"),
    ],
)
def test_what_is_neither_a_command_nor_a_file_is_one_line(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--library", str(tmp_path / "lib.sqlite"), *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"briefing: {message}") and err.count("\n") == 1, err
    assert not (tmp_path / "lib.sqlite").exists()


def test_a_file_and_the_library_option_together_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    given = tmp_path / "given.sqlite"
    given.write_bytes(b"")
    assert main(["--library", str(tmp_path / "other.sqlite"), str(given)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"briefing: give the library once: {given} or --library, not both")


def test_the_smoke_test_without_a_display_draws_offscreen(
    program: list[str], tmp_path: Path
) -> None:
    """On a server or in CI there may be no display: a check of the install still opens
    the window (briefing alone says there is no display: test_cli)."""
    env = environment(tmp_path)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    opened = run([*program, "--smoke-test"], env=env)
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.startswith("smoke test: the window settled on ")

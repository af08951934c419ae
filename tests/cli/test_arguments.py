"""Arguments, file names and environment values that are not text never crash a command:
an argument is refused in one line with exit status 2, a file name is opened as given and
shown escaped, a number past sane bounds is a usage error. (Issue 14's examples.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from briefing.cli import main
from briefing.core import Library

NOT_UTF8 = os.fsdecode(b"caf\xe9")  # what Python makes of a Latin-1 argument


def run(*args: str | bytes, env: dict[str, str | bytes] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        env={
            **os.environb,
            **{
                k.encode(): (v if isinstance(v, bytes) else v.encode())
                for k, v in (env or {}).items()
            },
        },
        timeout=60,
    )


@pytest.fixture
def library(tmp_path: Path) -> Path:
    path = tmp_path / "news.sqlite"
    with Library.open(path) as lib:
        lib.load_sample()
    return path


@pytest.mark.parametrize(
    "args",
    [
        [b"search", b"abc\xff"],
        [b"tag", b"1", b"caf\xe9"],
        [b"claim", b"add", b"1", b"--quote", b"caught in the middle", b"--note", b"\xff"],
        [b"actor", b"add", b"\xc3\x28"],
        [b"list", b"--limit", b"99999999999999999999999"],
        [b"search", b"x", b"--limit", b"99999999999999999999999"],
        [b"show", b"99999999999999999999999"],
        [b"tag", b"99999999999999999999999", b"x"],
        [b"tag", "²".encode(), b"x"],
        [b"brief", b"move", b"1", b"1", b"--to", b"-5"],
    ],
)
def test_arguments_that_cannot_be_text_or_numbers_are_one_line_exit_2(
    library: Path, args: list[bytes]
) -> None:
    before = library.read_bytes()
    result = run(b"--library", os.fsencode(library), *args)
    assert result.returncode == 2, result
    err = result.stderr.decode()
    assert err.startswith("briefing: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and result.stdout == b""
    assert library.read_bytes() == before or args[0] == b"show"


def test_the_message_shows_the_bytes_escaped(library: Path) -> None:
    result = run(b"--library", os.fsencode(library), b"search", b"abc\xff")
    assert result.stderr.decode() == (
        "briefing: the argument 'abc\\xff' is not valid text (UTF-8); give it in UTF-8\n"
    )


def test_a_folder_with_a_file_name_that_is_not_utf8_imports_every_file(
    library: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "plain.txt").write_text("An ordinary article about harbours.\n", "utf-8")
    bad = os.path.join(os.fsencode(folder), b"caf\xe9 \xff.txt")
    with open(bad, "wb") as handle:
        handle.write(b"An article whose file name came from an old archive.\n")
    result = run(b"--library", os.fsencode(library), b"import", os.fsencode(folder), b"--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert sorted(r["status"] for r in rows) == ["imported", "imported"]
    (odd,) = [r for r in rows if r["path"].endswith("caf\\xe9 \\xff.txt")]
    text = run(b"--library", os.fsencode(library), b"show", str(odd["id"]).encode(), b"--json")
    shown = json.loads(text.stdout)
    assert shown["source_path"].endswith("caf\\xe9 \\xff.txt")


def test_a_library_path_that_is_not_utf8_works(tmp_path: Path) -> None:
    path = os.path.join(os.fsencode(tmp_path), b"biblioth\xe8que.sqlite")
    made = run(b"--library", path, b"sample")
    assert made.returncode == 0, made.stderr
    from_env = run(b"list", env={"BRIEFING_LIBRARY": path})
    assert from_env.returncode == 0 and b"SenseTime" in from_env.stdout
    listed = run(b"--library", path, b"backup", b"list")
    assert listed.returncode == 0 and b"No backups of" in listed.stdout
    assert b"\\xe8que.sqlite" in listed.stdout


WORDS = st.sampled_from(
    [
        "search",
        "list",
        "show",
        "tag",
        "claims",
        "actor",
        "list",
        "claim",
        "add",
        "1",
        "0",
        "-1",
        "99999999999999999999999",
        "--limit",
        "--json",
        "--outlet",
        "--since",
        "--quote",
        "--note",
        "--only",
        "note",
        "²",
        NOT_UTF8,
        "\ud800",
        "x\x7f",
        "",
    ]
)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(words=st.lists(st.one_of(WORDS, st.text(max_size=8)), min_size=1, max_size=6))
def test_any_arguments_end_in_an_exit_status_never_a_traceback(
    library: Path, capsys: pytest.CaptureFixture[str], words: list[str]
) -> None:
    """In process (so thousands are quick): stdout and stderr are strict UTF-8 streams, as
    a terminal's are, so text that cannot be printed would fail here too."""
    code = main(["--library", str(library), *words])
    capsys.readouterr()
    assert code in (0, 1, 2)

"""`briefing actor add` without --kind guesses the kind and says so; `actor edit` corrects it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.core import Library


def run(library: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--library", str(library), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_new_actors_kind_is_guessed_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cli.sqlite"
    code, out, err = run(path, capsys, "actor", "add", "Ministry of Defence")
    assert code == 0
    assert out.strip().isdigit()  # stdout is the id alone, for scripts
    assert err == (
        f"Kind guessed from the name: government body (the word “Ministry”); "
        f"'briefing actor edit {out.strip()} --kind KIND' changes it.\n"
    )
    code, out, err = run(path, capsys, "actor", "add", "France", "--json")
    assert code == 0
    created = json.loads(out)
    assert created["kind"] == "state"
    assert "a country's name" in err
    code, out, err = run(path, capsys, "actor", "add", "Wang Wenbin", "--kind", "other")
    assert (code, err) == (0, "")  # a kind given is a kind chosen: nothing to say
    with Library.open(path) as library:
        kinds = {x.actor.name: x.actor.kind for x in library.actors.list()}
    assert kinds == {
        "France": "state",
        "Ministry of Defence": "government body",
        "Wang Wenbin": "other",
    }


def test_the_guess_goes_by_the_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cli.sqlite"
    assert run(path, capsys, "sample")[0] == 0
    code, out, err = run(path, capsys, "actor", "add", "UK Treasury", "--json")
    assert json.loads(out)["kind"] == "government body"
    assert "(like US Treasury in the library)" in err


def test_edit_changes_what_is_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cli.sqlite"
    run(path, capsys, "actor", "add", "Hamas", "--description", "Palestinian movement")
    code, out, _ = run(path, capsys, "actor", "edit", "Hamas", "--kind", "group")
    assert (code, out) == (0, "Hamas  (group, actor 1)\n")
    code, out, _ = run(path, capsys, "actor", "edit", "1", "--name", "Hamas movement", "--json")
    edited = json.loads(out)
    assert (edited["name"], edited["kind"], edited["description"]) == (
        "Hamas movement",
        "group",
        "Palestinian movement",
    )
    for args, message in [
        (["actor", "edit", "1"], "say what to change"),
        (["actor", "edit", "1", "--kind", "alien"], "unknown actor kind"),
        (["actor", "edit", "Nobody", "--kind", "person"], "no actor named 'Nobody'"),
        (["actor", "edit", "1", "--name", "  "], "cannot be empty"),
    ]:
        code, out, err = run(path, capsys, *args)
        assert (code, out) == (2, ""), args
        assert err.startswith("briefing: ") and message in err, (args, err)
    with Library.open(path) as library:
        actor = library.actors.get(1)
    assert (actor.name, actor.kind) == ("Hamas movement", "group")

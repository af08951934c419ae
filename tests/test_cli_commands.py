"""The command line loads only the module of the command it runs: the table in cli.py that
names every command's module and help must say what the modules register."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from briefing import cli


def _subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def test_the_table_says_what_the_modules_register() -> None:
    full = _subcommands(cli.build_parser())
    helps = {choice.dest: choice.help for choice in full._choices_actions}
    owners = {name: parser.get_default("run") for name, parser in full.choices.items()}
    assert [(name, helps[name]) for name in full.choices] == [
        (name, help_) for name, _module, help_ in cli.COMMANDS
    ]
    for name, module, _help in cli.COMMANDS:
        run = owners[name]
        if run is not None:  # a group ("claim", "actor") runs through its subcommands
            assert run.__module__ == f"briefing.commands.{module}", name
    lazy = _subcommands(cli.build_parser(None, lazy=True))
    assert list(lazy.choices) == list(full.choices)
    assert [c.help for c in lazy._choices_actions] == [c.help for c in full._choices_actions]


def test_the_command_word_is_found_past_the_global_options() -> None:
    assert cli.command_named(["--library", "search", "list"]) == "list"
    assert cli.command_named(["--library=x.sqlite", "search", "sanctions"]) == "search"
    assert cli.command_named(["--smoke-test"]) is None
    assert cli.command_named([]) is None


def _loaded_commands(tmp_path: Path, *argv: str) -> tuple[str, list[str]]:
    code = (
        "import sys\n"
        "from briefing.cli import main\n"
        f"status = main({list(argv)!r})\n"
        "print(status, sorted(m for m in sys.modules if m.startswith('briefing.commands.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    status, _, modules = done.stdout.strip().splitlines()[-1].partition(" ")
    return status, eval(modules)  # noqa: S307 - our own printed list


def test_a_command_loads_its_own_module_only(tmp_path: Path) -> None:
    library = str(tmp_path / "lib.sqlite")
    status, modules = _loaded_commands(tmp_path, "--library", library, "search", "sanctions")
    assert status == "0"
    shared = {"briefing.commands.arguments", "briefing.commands.output"}
    shared |= {"briefing.commands.terminal", "briefing.commands.rows"}
    assert set(modules) - shared == {"briefing.commands.search"}, modules
    status, modules = _loaded_commands(tmp_path, "--library", library, "claims")
    assert status == "0" and "briefing.commands.claims" in modules
    assert "briefing.commands.search" not in modules and "briefing.commands.team" not in modules


def test_a_usage_error_and_help_still_name_every_command(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "--help"], capture_output=True, text=True, check=True
    )
    for name, _module, _help in cli.COMMANDS:
        assert f"    {name}" in done.stdout, name
    wrong = subprocess.run(
        [sys.executable, "-m", "briefing", "--library", str(tmp_path / "l.sqlite"), "serach"],
        capture_output=True,
        text=True,
    )
    assert wrong.returncode == 2 and "invalid choice: 'serach'" in wrong.stderr
    assert len(wrong.stderr.strip().splitlines()) == 1

"""Every subcommand has help and a section in docs/cli.md (sqlite-utils' test_docs idea)."""

from __future__ import annotations

import argparse
from pathlib import Path

from briefing.cli import build_parser

DOCS = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text("utf-8")


def _commands(parser: argparse.ArgumentParser, prefix: str = "briefing"):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield f"{prefix} {name}", helps.get(name), sub
                yield from _commands(sub, f"{prefix} {name}")


def test_every_command_is_documented_and_has_help() -> None:
    commands = list(_commands(build_parser()))
    assert len(commands) >= 7
    for name, help_text, sub in commands:
        has_subcommands = any(isinstance(a, argparse._SubParsersAction) for a in sub._actions)
        if has_subcommands:
            continue
        assert help_text, f"{name} has no help"
        assert f"## {name}\n" in DOCS, f"{name} is not in docs/cli.md"

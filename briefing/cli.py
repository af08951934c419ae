"""The `briefing` command: parse arguments, call the core, print. No logic of its own.

Errors a user can act on (BriefingError) become one line on stderr and exit status 2, and
the transaction they happened in has rolled back. Usage errors are one line too. `briefing`
with no subcommand opens the desktop app.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from briefing import __version__
from briefing.commands import (
    actors,
    annotations,
    articles,
    backups,
    briefs,
    claims,
    sample,
    search,
    sources,
    tags,
    team,
    whoami,
)
from briefing.commands.arguments import not_text, path
from briefing.commands.output import fail
from briefing.commands.terminal import announce_upgrade
from briefing.core import BriefingError, Library, resolve_library_path

COMMAND_MODULES = (
    articles,
    search,
    claims,
    actors,
    sources,
    tags,
    annotations,
    sample,
    briefs,
    team,
    whoami,
    backups,
)


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line naming the help to read, then exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        fail(f"{message} (see '{self.prog} --help')")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="briefing",
        description=(
            "A reader's library of news articles, turned into briefings. "
            "With no command, briefing opens the desktop app on the library."
        ),
        epilog="See 'briefing COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument(
        "--library",
        type=path,
        metavar="PATH",
        help="the library file (default: $BRIEFING_LIBRARY, else the user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    problem = not_text(args)
    if problem:
        fail(problem)
        return 2
    if args.command is None:
        return open_app(args.library)
    try:
        if getattr(args, "without_library", False):  # backup list, restore: the path will do
            return int(args.run(args, resolve_library_path(args.library)))
        with Library.open_default(
            args.library, on_upgrade=announce_upgrade, program="command", detail=args.command
        ) as library:
            for notice in library.notices:
                fail(f"note: {notice}")
            return int(args.run(args, library))
    except BriefingError as exc:
        fail(str(exc))
        return 2
    except KeyboardInterrupt:
        fail("interrupted; nothing from the unfinished command was written")
        return 130
    except BrokenPipeError:  # `briefing list | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def open_app(library: str | None) -> int:
    """`briefing` alone: the desktop app. Qt is imported only here, so scripts and servers
    using the command line never load it; and without a display (none set, or one that does
    not answer) Qt would abort the process, so that case is a message instead."""
    from briefing.ui.display import display_problem  # no Qt in it

    problem = display_problem()
    if problem:
        fail(problem)
        return 2
    from briefing.ui.app import run

    return run(library)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

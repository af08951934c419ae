"""The `briefing` command: parse arguments, call the core, print. No logic of its own.

Errors a user can act on (BriefingError) become one line on stderr and exit status 2, and
the transaction they happened in has rolled back. Usage errors are one line too. `briefing`
with no subcommand opens the desktop app, and `briefing FILE` (what a file manager runs to
open a library with Briefing) opens the app on that library.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Collection, Sequence

from briefing.commands.arguments import not_text, path
from briefing.commands.output import fail
from briefing.commands.terminal import TerminalProgress, announce_upgrade
from briefing.core import BriefingError

# Every command: its name, the module under briefing/commands that registers and runs it,
# and its line in `briefing --help`, in that order. Only the module of the command given is
# imported (each loads its part of the core: a third of a command's start-up went on
# modules it never used); the others are stubs that know their name and help, so that
# `briefing --help` and `briefing` alone (the app) import none. tests/test_cli_commands.py
# checks this table against what the modules register.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("import", "articles", "import articles from files, folders or standard input"),
    ("list", "articles", "list the articles in the library"),
    ("show", "articles", "show one article with its metadata and text"),
    ("article", "articles", "work on one article: edit, update"),
    ("delete", "articles", "delete articles and their annotations"),
    ("search", "search", "search the library"),
    ("claim", "claims", "mark, edit, link and delete claims"),
    ("claims", "claims", "list claims, filtered by article, actor, tag, status"),
    ("actor", "actors", "people, organisations, states and groups"),
    ("source", "sources", "what claims rest on: articles, URLs, documents"),
    ("tag", "tags", "tag an article or a claim; list, rename or merge tags"),
    ("annotations", "annotations", "annotations in and out as W3C JSON-LD"),
    ("sample", "sample", "load the annotated sample article into the library"),
    ("brief", "briefs", "build briefings from claims, notes and headings"),
    (
        "export",
        "briefs",
        "export a briefing: Markdown, HTML, CSL-JSON, Pandoc with citations, ClaimReview or PDF",
    ),
    ("team", "team", "share the library with a team through PostgreSQL (join, sync, conflicts)"),
    ("whoami", "whoami", "show or set the library's user name (default: your account's full name)"),
    ("backup", "backups", "back the library up now; `backup list` shows the backups"),
    (
        "restore",
        "backups",
        "put a backup in place of the library (the library as it is is backed up first)",
    ),
    (
        "install-desktop",
        "desktop",
        "add Briefing to this account's application menu (Linux): a menu entry that runs this "
        "program, its icons, and library files opened from the file manager",
    ),
)
GLOBAL_OPTIONS_WITH_VALUES = ("--library",)


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line naming the help to read, then exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        fail(f"{message} (see '{self.prog} --help')")
        raise SystemExit(2)


class VersionAction(argparse.Action):
    """--version, with the version read only when asked (see briefing.__getattr__)."""

    def __init__(self, option_strings: list[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        import briefing

        print(f"briefing {briefing.__version__}")
        parser.exit()


def build_parser(command: str | None = None, *, lazy: bool = False) -> argparse.ArgumentParser:
    """Every command's parser; with `lazy`, only `command`'s module is loaded (none when it
    is None) and the other commands are stubs (see COMMANDS)."""
    parser = Parser(
        prog="briefing",
        description=(
            "A reader's library of news articles, turned into briefings. "
            "With no command, briefing opens the desktop app on the library; "
            "'briefing FILE' opens it on the library FILE."
        ),
        epilog="See 'briefing COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action=VersionAction, help="show the version and exit")
    parser.add_argument(
        "--library",
        type=path,
        metavar="PATH",
        help="the library file (default: $BRIEFING_LIBRARY, else the user data folder)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the app on the library, wait until its window has settled, close it and "
        "exit 0 (checks that an installation works; nothing waits for a person; without a "
        "display, the window is drawn offscreen)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    wanted = next((module for name, module, _help in COMMANDS if name == command), None)
    registered: set[str] = set()
    for name, module, help_ in COMMANDS:
        if module in registered:
            continue
        if lazy and module != wanted:
            stub = commands.add_parser(name, help=help_, add_help=False)
            stub.set_defaults(stub=True)
            continue
        importlib.import_module(f"briefing.commands.{module}").register(commands)
        registered.add(module)
    return parser


def command_named(argv: Sequence[str]) -> str | None:
    """The command word in `argv`, as argparse will find it; None when there is none."""
    index = first_word(argv, GLOBAL_OPTIONS_WITH_VALUES)
    return None if index is None else argv[index]


def first_word(args: Sequence[str], takes_value: Collection[str]) -> int | None:
    """Where the first argument is that is neither an option nor the value of one of the
    options `takes_value` names (before any "--"); None when there is none."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            return None
        if arg.startswith("-"):
            index += 2 if arg in takes_value else 1
            continue
        return index
    return None


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(command_named(given), lazy=True)
    try:
        args = parser.parse_args(library_file_argument(parser, given))
        if getattr(args, "stub", False):  # found elsewhere than command_named looked
            parser = build_parser()
            args = parser.parse_args(library_file_argument(parser, given))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    problem = not_text(args)
    if problem:
        fail(problem)
        return 2
    if args.command is None:
        return open_app(args.library, smoke_test=args.smoke_test)
    if args.smoke_test:
        fail(f"--smoke-test opens the app: give it no command (see '{parser.prog} --help')")
        return 2
    # The library's module on demand: `briefing --help` and a usage error never need it.
    from briefing.core import Library, resolve_library_path

    try:
        if not getattr(args, "needs_library", True):  # install-desktop: no library at all
            return int(args.run(args))
        if getattr(args, "without_library", False):  # backup list, restore: the path will do
            return int(args.run(args, resolve_library_path(args.library)))
        progress = TerminalProgress()
        try:
            library = Library.open_default(
                args.library,
                on_upgrade=announce_upgrade,
                program="command",
                detail=args.command,
                progress=progress,
            )
        finally:
            progress.finish()
        with library:
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


LIBRARY_SUFFIXES = (".sqlite", ".sqlite3", ".db")


def library_file_argument(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> list[str]:
    """`briefing FILE` as `briefing --library FILE`: the first argument that is not an option
    or an option's value, when it names no command but a file or folder that exists. A
    command's name always wins, so every command and its errors stay as they were; a path
    that does not exist (it has a slash or a library's suffix) is said to be missing rather
    than called an unknown command."""
    args = list(sys.argv[1:] if argv is None else argv)
    takes_value = {o for a in parser._actions if a.nargs != 0 for o in a.option_strings}
    commands = {
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }
    index = first_word(args, takes_value)
    if index is None or args[index] in commands:
        return args
    arg = args[index]
    if os.path.lexists(arg):
        if any(a == "--library" or a.startswith("--library=") for a in args[:index]):
            parser.error(f"give the library once: {arg} or --library, not both")
        return [*args[:index], f"--library={arg}", *args[index + 1 :]]
    if "/" in arg or os.sep in arg or arg.lower().endswith(LIBRARY_SUFFIXES):
        parser.error(f"no such library file: {arg}")
    return args


def open_app(library: str | None, *, smoke_test: bool = False) -> int:
    """`briefing` alone: the desktop app. Qt is imported only here, so scripts and servers
    using the command line never load it; and without a display (none set, or one that does
    not answer) Qt would abort the process, so that case is a message instead."""
    from briefing.ui.display import display_problem  # no Qt in it

    if smoke_test and not any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    ):
        # A check on a server or in CI: the window opens all the same, drawn in memory.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    problem = display_problem()
    if problem:
        fail(problem)
        return 2
    from briefing.ui.app import run

    return run(library, smoke_test=smoke_test)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

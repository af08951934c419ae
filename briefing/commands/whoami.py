"""`briefing whoami [NAME]`: the library's user name, who signs its exports."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from briefing.commands.output import print_json

if TYPE_CHECKING:
    from briefing.core import Library


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "whoami",
        help="show or set the library's user name (default: your account's full name)",
    )
    p.add_argument(
        "name",
        nargs="?",
        metavar="NAME",
        help='the name to sign exports with; "" goes back to the account\'s name',
    )
    p.add_argument("--json", action="store_true", help="output for scripts")
    p.set_defaults(run=run_whoami)


def run_whoami(args: argparse.Namespace, library: Library) -> int:
    settings = library.settings
    if args.name is not None:
        settings.set_user_name(args.name)
    name, stored = settings.user_name, settings.stored_user_name is not None
    if args.json:
        print_json({"user_name": name, "from": "library" if stored else "account"})
    elif stored:
        print(name)
    else:
        print(f"{name}  (your account's name; 'briefing whoami NAME' sets one for this library)")
    return 0

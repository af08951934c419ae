"""`briefing install-desktop [--remove]`: Briefing in this account's application menu.

It needs no library, so it runs without opening one (main() sees `needs_library`).
"""

from __future__ import annotations

import argparse
import shlex

from briefing.commands.output import counted, print_json


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "install-desktop",
        help="add Briefing to this account's application menu (Linux): a menu entry that "
        "runs this program, its icons, and library files opened from the file manager",
    )
    p.add_argument("--remove", action="store_true", help="take the entry and icons out again")
    p.add_argument("--json", action="store_true", help="output for scripts")
    p.set_defaults(run=run_install_desktop, needs_library=False)


def run_install_desktop(args: argparse.Namespace) -> int:
    from briefing import desktop

    done = desktop.remove_desktop() if args.remove else desktop.install_desktop()
    if args.json:
        print_json({"command": done.command, "files": [str(f) for f in done.files]})
    elif args.remove:
        print(f"removed the menu entry and icons ({counted(len(done.files), 'file')})")
    else:
        print(f"installed the menu entry and icons ({counted(len(done.files), 'file')})")
        print(f"the entry runs: {shlex.join(done.command)}")
        print(f"it is {done.files[0]}; 'briefing install-desktop --remove' takes it out")
    return 0

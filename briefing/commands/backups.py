"""`briefing backup`, `briefing backup list` and `briefing restore BACKUP`.

`backup list` and `restore` work from the library's path alone, without opening it: the
library may be the damaged file they are there to replace.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.commands.arguments import path
from briefing.commands.output import counted, print_json, print_table
from briefing.commands.terminal import TerminalProgress
from briefing.core import BACKUP_SHARE_OF_DISK, printable

if TYPE_CHECKING:  # the library's module is imported by the commands that open one
    from briefing.core import Backup, Library


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "backup",
        help="back the library up now; `backup list` shows the backups",
        description="Make a backup of the library now, checked whole, in the folder "
        "LIBRARY-backups beside it. The app also makes one on the first open of each day, "
        "and every upgrade makes one first. The newest backup of each of the last 7 days and "
        "of each of the 8 weeks before are kept, and those made by hand, before an upgrade "
        f"or a restore for 30 days; together at most {BACKUP_SHARE_OF_DISK:.0%} of the disk.",
    )
    p.add_argument("--json", action="store_true", help="the backup made, for scripts")
    p.set_defaults(run=run_backup)
    sub = p.add_subparsers(dest="backup_command", metavar="COMMAND", parser_class=type(p))
    a = sub.add_parser("list", help="list the library's backups, newest first")
    a.add_argument("--json", action="store_true", help="a list of objects, for scripts")
    a.set_defaults(run=run_list, without_library=True)

    p = commands.add_parser(
        "restore",
        help="put a backup in place of the library (the library as it is is backed up first)",
        description="Replace the library with one of its backups (a name from `briefing "
        "backup list`, or the path of a backup file). The library as it is now is backed "
        "up first (or, if it cannot be read, copied as it is), so a restore can be undone "
        "by restoring that. Refused while the app or another command has the library open.",
    )
    p.add_argument("backup", type=path, metavar="BACKUP", help="a backup's name, or its path")
    p.add_argument("--json", action="store_true", help="what was restored and kept, for scripts")
    p.set_defaults(run=run_restore, without_library=True)


def run_backup(args: argparse.Namespace, library: Library) -> int:
    progress = TerminalProgress()
    try:
        backup = library.backups.make("manual", progress=progress)
    finally:
        progress.finish()
    if args.json:
        print_json(backup_json(backup))
    else:
        print(f"backed up to {printable(str(backup.path))} ({_counts(backup)}, {_size(backup)})")
    return 0


def run_list(args: argparse.Namespace, library_path: Path) -> int:
    from briefing.core import Library

    found = Library.list_backups(library_path)
    if args.json:
        print_json([backup_json(b) for b in found])
        return 0
    if not found:
        print(f"No backups of {printable(str(library_path))} yet.")
        return 0
    print_table(
        ("DATE", "KIND", "SIZE", "ARTICLES", "CLAIMS", "NAME"),
        [
            (
                _date(b),
                b.kind,
                _size(b),
                "?" if b.articles is None else b.articles,
                "?" if b.claims is None else b.claims,
                b.name,
            )
            for b in found
        ],
        wrap_last=False,
    )
    return 0


def run_restore(args: argparse.Namespace, library_path: Path) -> int:
    from briefing.core import Library

    progress = TerminalProgress()
    try:
        report = Library.restore_backup(library_path, args.backup, progress=progress)
    finally:
        progress.finish()
    if args.json:
        print_json(
            {
                "restored": backup_json(report.restored),
                "kept": backup_json(report.kept) if report.kept else None,
            }
        )
        return 0
    restored = report.restored
    print(f"restored the backup of {_date(restored)} ({_counts(restored)})")
    if report.kept is not None:
        what = "a copy of" if report.kept.kind == "damaged" else "a backup of"
        print(f"the library as it was is kept as {what} it: {report.kept.name}")
    return 0


def backup_json(backup: Backup) -> dict[str, Any]:
    return {
        "name": backup.name,
        "path": printable(str(backup.path)),
        "date": backup.made.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "kind": backup.kind,
        "size": backup.size,
        "articles": backup.articles,
        "claims": backup.claims,
        "schema": backup.schema,
    }


def _date(backup: Backup) -> str:
    return backup.made.astimezone().strftime("%Y-%m-%d %H:%M")


def _counts(backup: Backup) -> str:
    if backup.articles is None or backup.claims is None:
        return "unreadable"
    return f"{counted(backup.articles, 'article')}, {counted(backup.claims, 'claim')}"


def _size(backup: Backup) -> str:
    size = float(backup.size)
    for unit in ("bytes", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:,.0f} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1000
    return ""  # pragma: no cover

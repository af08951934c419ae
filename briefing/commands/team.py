"""`briefing team ...`: join a team library in PostgreSQL, sync, see conflicts, leave."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from briefing.commands.arguments import positive_int
from briefing.commands.output import counted, print_json, print_table
from briefing.core import TEAM_KEEP

if TYPE_CHECKING:
    from briefing.core import Library, TeamConflict, TeamSyncReport


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "team", help="share the library with a team through PostgreSQL (join, sync, conflicts)"
    )
    sub = p.add_subparsers(
        dest="team_command", metavar="COMMAND", required=True, parser_class=type(p)
    )

    a = sub.add_parser(
        "join",
        help="link this library to a team library in PostgreSQL (made on first use) and sync",
    )
    a.add_argument(
        "url",
        metavar="URL",
        help="postgresql://USER@HOST/DATABASE; the password from the URL, PGPASSWORD or "
        "~/.pgpass, never stored",
    )
    a.add_argument("--team", metavar="NAME", help="the team library's name (default: briefing)")
    a.set_defaults(run=run_join)

    a = sub.add_parser("sync", help="push this library's changes and pull the team's")
    a.add_argument("--json", action="store_true", help="what the sync did, for scripts")
    a.set_defaults(run=run_sync)

    a = sub.add_parser(
        "status", help="the team, the last sync, the changes waiting on each side, conflicts"
    )
    a.add_argument("--json", action="store_true", help="output for scripts (stable keys)")
    a.set_defaults(run=run_status)

    a = sub.add_parser("leave", help="unlink from the team library; the library keeps everything")
    a.set_defaults(run=run_leave)

    a = sub.add_parser("conflicts", help="fields changed on both sides: the team's value won")
    a.add_argument("--json", action="store_true", help="a list of objects, for scripts")
    a.set_defaults(run=run_conflicts)

    a = sub.add_parser("resolve", help="settle a conflict: keep mine or theirs")
    a.add_argument("conflict", type=positive_int, metavar="ID")
    a.add_argument("--keep", required=True, choices=TEAM_KEEP)
    a.set_defaults(run=run_resolve)


def _report(report: TeamSyncReport) -> str:
    parts = [f"{counted(report.pulled, 'change')} pulled", f"{report.pushed} pushed"]
    if report.conflicts:
        parts.append(f"{counted(report.conflicts, 'conflict')} (briefing team conflicts)")
    return ", ".join(parts)


def run_join(args: argparse.Namespace, library: Library) -> int:
    report = library.team.join(args.url, args.team)
    link = library.team.link()
    assert link is not None
    print(f"joined the team library {link.team!r} at {link.url}: {_report(report)}")
    _say_kept(report)
    return 0


def run_sync(args: argparse.Namespace, library: Library) -> int:
    report = library.team.sync()
    if args.json:
        print_json(
            {
                "pulled": report.pulled,
                "pushed": report.pushed,
                "conflicts": report.conflicts,
                "team_version": report.team_version,
                "kept": report.kept,
            }
        )
        return 0
    print(f"synced: {_report(report)}")
    _say_kept(report)
    return 0


def _say_kept(report: TeamSyncReport) -> None:
    for line in report.kept:
        print(f"  {line}", file=sys.stderr)


def run_status(args: argparse.Namespace, library: Library) -> int:
    status = library.team.status()
    if args.json:
        print_json(status.as_json())
        return 0
    if not status.joined:
        print("not in a team library (briefing team join URL)")
        return 0
    print(f"team:      {status.team} at {status.url}")
    print(f"last sync: {status.last_sync_at or 'never'}")
    online = "offline" if status.online is False else "online"
    print(f"server:    {online}" + (f" ({status.last_error})" if status.last_error else ""))
    print(
        f"waiting:   {status.local_changes} here, "
        f"{'?' if status.team_changes is None else status.team_changes} in the team"
    )
    print(f"conflicts: {status.conflicts}")
    if status.members:
        print(f"members:   {', '.join(status.members)}")
    return 0


def run_leave(args: argparse.Namespace, library: Library) -> int:
    link = library.team.leave()
    print(f"left the team library {link.team!r}; this library keeps everything")
    return 0


def conflict_json(conflict: TeamConflict) -> dict[str, Any]:
    return conflict.as_json()


def _value(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def run_conflicts(args: argparse.Namespace, library: Library) -> int:
    found = library.team.conflicts()
    if args.json:
        print_json([conflict_json(c) for c in found])
        return 0
    if not found:
        print("no conflicts")
        return 0
    rows = []
    for c in found:
        if c.field == "deleted":
            mine = "deleted" if c.mine else "kept (edited here)"
            theirs = "deleted" if c.theirs else "edited"
        else:
            mine, theirs = _value(c.mine), _value(c.theirs)
        record = f"{c.kind} {c.record_id or '-'}"
        rows.append((c.id, record, c.field, mine, f"{theirs} ({c.theirs_by or '?'})", c.label))
    print_table(("ID", "RECORD", "FIELD", "MINE", "THEIRS (BY)", "WHAT"), rows)
    return 0


def run_resolve(args: argparse.Namespace, library: Library) -> int:
    conflict = library.team.resolve(args.conflict, args.keep)
    print(
        f"conflict {conflict.id} ({conflict.kind} {conflict.record_id or '-'}, "
        f"{conflict.field}): kept {args.keep}"
    )
    return 0

"""`briefing annotations export` and `briefing annotations import`: W3C Web Annotation files."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.commands.arguments import article_id, path
from briefing.commands.output import print_json
from briefing.core import InvalidInput

if TYPE_CHECKING:
    from briefing.core import Library


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("annotations", help="annotations in and out as W3C JSON-LD")
    sub = p.add_subparsers(
        dest="annotations_command", metavar="COMMAND", required=True, parser_class=type(p)
    )
    a = sub.add_parser("export", help="export the annotations of an article or the library")
    a.add_argument("article", nargs="?", type=article_id, metavar="ARTICLE")
    a.add_argument(
        "--format",
        choices=("w3c",),
        default="w3c",
        help="W3C Web Annotation JSON-LD (the only format so far)",
    )
    a.add_argument(
        "-o", "--output", type=path, metavar="FILE", help="write here (default: standard output)"
    )
    a.add_argument("--json", action="store_true", help="the export is JSON already; accepted")
    a.set_defaults(run=run_export)
    a = sub.add_parser(
        "import", help="import W3C or Hypothesis annotations, matching them to articles"
    )
    a.add_argument(
        "file",
        type=path,
        metavar="FILE",
        help="W3C JSON-LD or Hypothesis JSON, or - for standard input",
    )
    a.add_argument("--json", action="store_true", help="the report, for scripts")
    a.set_defaults(run=run_import)


def run_export(args: argparse.Namespace, library: Library) -> int:
    from briefing.core import write_atomically

    if args.article is not None:
        library.articles.get(args.article)  # an unknown id is an error, not an empty file
    document = library.annotations.export_w3c(args.article)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if args.output:
        write_atomically(Path(args.output), text)
        print(f"{len(document['items'])} annotation(s) written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def run_import(args: argparse.Namespace, library: Library) -> int:
    if args.file == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(args.file).read_bytes()
        except OSError as exc:
            raise InvalidInput(f"cannot read {args.file}: {exc.strerror}") from None
    report = library.annotations.import_w3c(data)
    if args.json:
        print_json(
            {
                "format": report.format,
                "imported": report.imported,
                "outcomes": report.outcomes,
                "duplicates": report.duplicates,
                "unplaced": [{"id": u.id, "reason": u.reason} for u in report.unplaced],
                "broken": [{"where": b.where, "reason": b.reason} for b in report.broken],
            }
        )
        return 0
    outcome = ", ".join(f"{n} {_OUTCOMES.get(k, k)}" for k, n in sorted(report.outcomes.items()))
    print(
        f"{report.imported} annotation(s) imported ({outcome or 'none placed'}); "
        f"{report.duplicates} already present; {len(report.unplaced)} not placed; "
        f"{len(report.broken)} unreadable"
    )
    for unplaced in report.unplaced:
        print(f"briefing: not placed: {unplaced.id}: {unplaced.reason}", file=sys.stderr)
    for broken in report.broken:
        print(f"briefing: unreadable: {broken.reason}", file=sys.stderr)
    return 0


_OUTCOMES = {"article": "on the whole article"}

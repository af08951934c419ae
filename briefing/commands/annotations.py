"""`briefing annotations export` and `briefing annotations import`: W3C Web Annotation files."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from briefing.commands.arguments import article_id
from briefing.commands.output import print_json
from briefing.core.errors import InvalidInput
from briefing.core.library import Library
from briefing.core.w3c import export_annotations
from briefing.core.w3c_import import import_annotations


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
    a.add_argument("-o", "--output", metavar="FILE", help="write here (default: standard output)")
    a.add_argument("--json", action="store_true", help="the export is JSON already; accepted")
    a.set_defaults(run=run_export)
    a = sub.add_parser("import", help="import W3C annotations, matching them to articles")
    a.add_argument("file", metavar="FILE", help="a JSON-LD file, or - for standard input")
    a.add_argument("--json", action="store_true", help="the report, for scripts")
    a.set_defaults(run=run_import)


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside the target and rename it: never half a file."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(f"cannot write {path}: the folder {folder} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InvalidInput(f"cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        # mkstemp makes the file private (0600); give it the mode any new file would get.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InvalidInput(f"cannot write {path}: {exc.strerror}") from None


def run_export(args: argparse.Namespace, library: Library) -> int:
    if args.article is not None:
        library.articles.get(args.article)  # an unknown id is an error, not an empty file
    document = export_annotations(library, args.article)
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
    report = import_annotations(library, data)
    if args.json:
        print_json(
            {
                "imported": report.imported,
                "outcomes": report.outcomes,
                "duplicates": report.duplicates,
                "unplaced": [{"id": u.id, "reason": u.reason} for u in report.unplaced],
            }
        )
        return 0
    outcome = ", ".join(f"{n} {k}" for k, n in sorted(report.outcomes.items())) or "none placed"
    print(
        f"{report.imported} annotation(s) imported ({outcome}); "
        f"{report.duplicates} already present; {len(report.unplaced)} not placed"
    )
    for unplaced in report.unplaced:
        print(f"briefing: not placed: {unplaced.id}: {unplaced.reason}", file=sys.stderr)
    return 0

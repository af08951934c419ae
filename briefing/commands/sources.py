"""`briefing source add` and `briefing source list`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from briefing.commands.arguments import article_id
from briefing.commands.output import print_json, print_table, stamped
from briefing.core import SOURCE_KINDS as KINDS, Kind

if TYPE_CHECKING:
    from briefing.core import Library, Source


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("source", help="what claims rest on: articles, URLs, documents")
    sub = p.add_subparsers(
        dest="source_command", metavar="COMMAND", required=True, parser_class=type(p)
    )
    a = sub.add_parser("add", help="add a source (prints its id)")
    a.add_argument("--title", required=True)
    a.add_argument("--kind", choices=KINDS, help="default: article, url or document as fits")
    a.add_argument("--url")
    a.add_argument("--publisher")
    a.add_argument("--date", help="2021-12-10, 2021-12 or 2021")
    a.add_argument("--grade", metavar="A-F", help="reliability: A completely ... F cannot judge")
    a.add_argument("--article", type=article_id, metavar="ID", help="an article in the library")
    a.add_argument("--note", default="")
    a.add_argument("--json", action="store_true", help="the new source, for scripts")
    a.set_defaults(run=run_add)
    a = sub.add_parser("list", help="list sources with their grades and how many claims use them")
    a.add_argument("--json", action="store_true", help="a list of objects, for scripts")
    a.set_defaults(run=run_list)


def source_json(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "uid": source.uid,
        "kind": source.kind,
        "title": source.title,
        "url": source.url,
        "publisher": source.publisher,
        "date": source.date,
        "grade": source.grade,
        "article": source.article_id,
        "note": source.note,
        "claims": source.claims,
    }


def run_add(args: argparse.Namespace, library: Library) -> int:
    source = library.sources.add(
        args.title,
        kind=args.kind,
        url=args.url,
        publisher=args.publisher,
        date=args.date,
        grade=args.grade,
        article_id=args.article,
        note=args.note,
    )
    if args.json:
        print_json(stamped(library, Kind.SOURCE, source_json(source)))
    else:
        print(source.id)
    return 0


def run_list(args: argparse.Namespace, library: Library) -> int:
    sources = library.sources.list()
    if args.json:
        print_json(stamped(library, Kind.SOURCE, [source_json(s) for s in sources]))
    else:
        print_table(
            ("ID", "GRADE", "KIND", "DATE", "CLAIMS", "TITLE"),
            [
                (
                    s.id,
                    s.grade or "",
                    s.kind,
                    s.date or "",
                    s.claims,
                    s.title + (f" ({s.publisher})" if s.publisher else ""),
                )
                for s in sources
            ],
        )
    return 0

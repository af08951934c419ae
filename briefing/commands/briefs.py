"""`briefing brief ...` and `briefing export`: building briefings from claims, exporting them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.commands.arguments import path, positive_int
from briefing.commands.output import date_text, print_json, print_table, stamped
from briefing.core import InvalidInput, Kind

if TYPE_CHECKING:
    from briefing.core import Briefing, BriefingItem, Library

FORMATS = ("md", "html", "csljson", "pandoc", "claimreview", "pdf")
NEEDS_FILE = {"pandoc": "it writes FILE and its bibliography beside it", "pdf": "PDF is binary"}


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("brief", help="build briefings from claims, notes and headings")
    sub = p.add_subparsers(
        dest="brief_command", metavar="COMMAND", required=True, parser_class=type(p)
    )

    a = sub.add_parser("new", help="start a briefing (prints its id)")
    a.add_argument("title", metavar="TITLE")
    a.add_argument("--bluf", default="", metavar="TEXT", help="the bottom line up front")
    a.add_argument("--author", default="", metavar="A")
    a.add_argument("--date", metavar="DATE", help="the briefing's date (default: today)")
    a.set_defaults(run=run_new)

    a = sub.add_parser("list", help="list briefings, most recently changed first")
    a.set_defaults(run=run_list)

    a = sub.add_parser("show", help="show a briefing's sections and items")
    a.add_argument("briefing", type=positive_int, metavar="BRIEF")
    a.set_defaults(run=run_show)

    a = sub.add_parser("add", help="add claims to a section (prints the new items' ids)")
    a.add_argument("briefing", type=positive_int, metavar="BRIEF")
    a.add_argument("claims", type=positive_int, nargs="+", metavar="CLAIM")
    _section_option(a, "the section to add to (created when new; default: the last one)")
    a.set_defaults(run=run_add)

    a = sub.add_parser("note", help="add an analyst's note, in Markdown (prints its id)")
    a.add_argument("briefing", type=positive_int, metavar="BRIEF")
    a.add_argument("text", metavar="TEXT")
    _section_option(a, "the section to add to (created when new; default: the last one)")
    a.set_defaults(run=run_note)

    a = sub.add_parser("move", help="move an item to a position, in its section or another")
    a.add_argument("briefing", type=positive_int, metavar="BRIEF")
    a.add_argument("item", type=positive_int, metavar="ITEM")
    a.add_argument("--to", type=positive_int, required=True, metavar="POSITION")
    _section_option(a, "move into this section (created when new)")
    a.set_defaults(run=run_move)

    a = sub.add_parser("remove", help="take an item out of a briefing (the claim stays)")
    a.add_argument("briefing", type=positive_int, metavar="BRIEF")
    a.add_argument("item", type=positive_int, metavar="ITEM")
    a.set_defaults(run=run_remove)

    a = sub.add_parser(
        "share", help="share a briefing with the team library (private until shared)"
    )
    a.add_argument("briefing", type=positive_int, metavar="BRIEF")
    a.add_argument("--off", action="store_true", help="stop sharing it (others keep a copy)")
    a.set_defaults(run=run_share)

    for parser in sub.choices.values():
        parser.add_argument("--json", action="store_true", help="output for scripts")

    e = commands.add_parser(
        "export",
        help="export a briefing: Markdown, HTML, CSL-JSON, Pandoc with citations, "
        "ClaimReview or PDF",
    )
    e.add_argument("briefing", type=positive_int, metavar="BRIEF")
    e.add_argument(
        "--format",
        choices=FORMATS,
        default="md",
        help="md (default), html, csljson, pandoc (Markdown with [@key] citations and "
        "FILE.csl.json beside it), claimreview (schema.org JSON-LD), pdf",
    )
    e.add_argument(
        "-o", "--output", type=path, metavar="FILE", help="write here (default: standard output)"
    )
    e.add_argument(
        "--inline-citations", action="store_true", help="cite in parentheses, not footnotes"
    )
    e.add_argument("--inline-quotes", action="store_true", help="quotes inline, not blockquotes")
    e.add_argument("--no-actors", action="store_true", help="leave out the actor index")
    e.add_argument("--no-sources", action="store_true", help="leave out the sources list")
    e.add_argument("--no-grades", action="store_true", help="hide credibility and reliability")
    e.add_argument(
        "--json",
        action="store_true",
        help="a report for scripts: what was written to -o FILE, else the document as its text",
    )
    e.set_defaults(run=run_export)


def _section_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--section", metavar="HEADING", help=help_text)


# JSON --------------------------------------------------------------------------------------


def item_json(item: BriefingItem) -> dict[str, Any]:
    snapshot = item.snapshot
    return {
        "id": item.id,
        "position": item.position,
        "kind": item.kind,
        "claim": item.claim_id,
        "text": item.text,
        "quote": snapshot.quote if snapshot else None,
        "speaker": snapshot.speaker.name if snapshot and snapshot.speaker else None,
        "gone": item.gone,
    }


def briefing_json(briefing: Briefing) -> dict[str, Any]:
    return {
        "id": briefing.id,
        "uid": briefing.uid,
        "title": briefing.title,
        "author": briefing.author,
        "date": date_text(briefing.date) or None,
        "bluf": briefing.bluf,
        "created_at": briefing.created_at,
        "updated_at": briefing.updated_at,
        "shared": briefing.shared,
        "sections": [
            {
                "id": s.id,
                "position": s.position,
                "heading": s.heading,
                "items": [item_json(i) for i in s.items],
            }
            for s in briefing.sections
        ],
    }


# Commands ----------------------------------------------------------------------------------


def run_new(args: argparse.Namespace, library: Library) -> int:
    briefing_id = library.briefings.new(
        args.title, bluf=args.bluf, author=args.author, date=args.date
    )
    if args.json:
        print_json(
            stamped(library, Kind.BRIEFING, briefing_json(library.briefings.get(briefing_id)))
        )
    else:
        print(briefing_id)
    return 0


def run_share(args: argparse.Namespace, library: Library) -> int:
    briefing = library.briefings.share(args.briefing, not args.off)
    if args.json:
        print_json(stamped(library, Kind.BRIEFING, briefing_json(briefing)))
    elif briefing.shared:
        team = library.team.link()
        where = f"the team library {team.team!r}" if team else "a team library, once joined"
        print(f"briefing {briefing.id} is shared: it goes to {where} at the next sync")
    else:
        print(f"briefing {briefing.id} is private: the team's copy is withdrawn at the next sync")
    return 0


def run_list(args: argparse.Namespace, library: Library) -> int:
    rows = library.briefings.list()
    if args.json:
        print_json(
            stamped(
                library,
                Kind.BRIEFING,
                [
                    {
                        "id": b.id,
                        "uid": b.uid,
                        "title": b.title,
                        "author": b.author,
                        "date": date_text(b.date) or None,
                        "sections": b.sections,
                        "claims": b.claims,
                        "updated_at": b.updated_at,
                    }
                    for b in rows
                ],
            )
        )
        return 0
    print_table(
        ("ID", "DATE", "CLAIMS", "SECTIONS", "AUTHOR", "TITLE"),
        [(b.id, date_text(b.date), b.claims, b.sections, b.author, b.title) for b in rows],
    )
    return 0


def run_show(args: argparse.Namespace, library: Library) -> int:
    briefing = library.briefings.get(args.briefing)
    if args.json:
        print_json(stamped(library, Kind.BRIEFING, briefing_json(briefing)))
        return 0
    print(f"briefing {briefing.id}: {briefing.title}")
    byline = " · ".join(x for x in (briefing.author, date_text(briefing.date)) if x)
    if byline:
        print(byline)
    if briefing.bluf:
        print(f"BLUF: {' '.join(briefing.bluf.split())}")
    if not briefing.items:
        print("(no items yet)")
    for section in briefing.sections:
        print(f"\n## {section.heading or '(untitled section)'}")
        for item in section.items:
            print(f"  {item.position}. [item {item.id}] {_describe(item)}")
    return 0


def _describe(item: BriefingItem) -> str:
    if item.kind == "note":
        return f"note: {' '.join(item.text.split())}"
    if item.kind == "heading":
        return f"### {item.text}"
    snapshot = item.snapshot
    speaker = snapshot.speaker.name if snapshot and snapshot.speaker else "?"
    quote = " ".join(snapshot.quote.split()) if snapshot else ""
    claim = f"claim {item.claim_id}" if item.claim_id else "claim (deleted)"
    return f"{claim}: “{quote}” — {speaker}"


def run_add(args: argparse.Namespace, library: Library) -> int:
    ids = library.briefings.add_claims(args.briefing, args.claims, section=args.section)
    _print_created(args, library, ids)
    return 0


def run_note(args: argparse.Namespace, library: Library) -> int:
    item_id = library.briefings.add_note(args.briefing, args.text, section=args.section)
    _print_created(args, library, [item_id])
    return 0


def _print_created(args: argparse.Namespace, library: Library, ids: list[int]) -> None:
    if args.json:
        briefing = library.briefings.get(args.briefing)
        print_json([item_json(i) for i in briefing.items if i.id in set(ids)])
    else:
        print("\n".join(str(i) for i in ids))


def run_move(args: argparse.Namespace, library: Library) -> int:
    item = library.briefings.move(args.briefing, args.item, args.to, section=args.section)
    _print_item(args, library, item, "moved")
    return 0


def run_remove(args: argparse.Namespace, library: Library) -> int:
    item = library.briefings.remove(args.briefing, args.item)
    _print_item(args, library, item, "removed")
    return 0


def _print_item(args: argparse.Namespace, library: Library, item: BriefingItem, verb: str) -> None:
    if args.json:
        print_json(item_json(item))
        return
    sections = {s.id: s.heading for s in library.briefings.get(args.briefing).sections}
    where = sections.get(item.section_id)
    place = f" to position {item.position} of {where or '(untitled section)'}"
    print(f"{verb} item {item.id}{place if verb == 'moved' else ''}")


def run_export(args: argparse.Namespace, library: Library) -> int:
    # Here, not atop: the command line starts without the exporters (jinja2, markdown).
    from briefing.core import MarkdownOptions, write_atomically

    if args.format in NEEDS_FILE and not args.output:
        raise InvalidInput(f"--format {args.format} needs -o FILE ({NEEDS_FILE[args.format]})")
    options = MarkdownOptions(
        footnotes=not args.inline_citations,
        blockquotes=not args.inline_quotes,
        actor_index=not args.no_actors,
        sources_list=not args.no_sources,
        grades=not args.no_grades,
    )
    briefings = library.briefings
    report: dict[str, Any] = {
        "briefing": args.briefing,
        "format": args.format,
        "output": args.output,
    }
    if args.format == "pdf":
        output = Path(args.output)
        # Qt is loaded here and only here: every other command runs without it.
        from briefing import pdf

        summary = briefings.get(args.briefing)
        author = summary.author or library.settings.user_name
        html = briefings.export_html(args.briefing, options)
        report["pages"] = pdf.write_pdf(html, output, title=summary.title, author=author)
        return _reported(args, report)
    if args.format == "pandoc":
        output = Path(args.output)
        bibliography = output.with_name(output.stem.removesuffix(".csl") + ".csl.json")
        text, csl = briefings.export_pandoc(args.briefing, options, bibliography=bibliography.name)
        write_atomically(bibliography, csl)
        report["bibliography"] = str(bibliography)
    elif args.format == "md":
        text = briefings.export_markdown(args.briefing, options)
    elif args.format == "html":
        text = briefings.export_html(args.briefing, options)
    elif args.format == "claimreview":
        text = briefings.export_claimreview(args.briefing)
    else:
        text = briefings.export_csl(args.briefing)
    report["characters"] = len(text)
    if not args.output:
        # A script that asks for JSON gets JSON: the same report, with the document in it
        # (nothing was written anywhere else), rather than the bare document.
        if args.json:
            print(json.dumps(report | {"text": text}, ensure_ascii=False))
        else:
            sys.stdout.write(text)
        return 0
    write_atomically(Path(args.output), text)
    return _reported(args, report)


def _reported(args: argparse.Namespace, report: dict[str, Any]) -> int:
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        also = f" and {report['bibliography']}" if "bibliography" in report else ""
        print(
            f"briefing {args.briefing} written to {args.output}{also} ({args.format})",
            file=sys.stderr,
        )
    return 0

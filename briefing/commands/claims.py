"""`briefing claim ...` and `briefing claims`: marking, editing, linking and listing claims."""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import TYPE_CHECKING, Any

from briefing.commands.arguments import article_id, positive_int
from briefing.commands.output import print_json, print_table, stamped
from briefing.core import CLAIM_RELATIONS, STATUSES, UNSET, InvalidInput, Kind, NotFound

if TYPE_CHECKING:
    from briefing.core import Claim, Library


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("claim", help="mark, edit, link and delete claims")
    sub = p.add_subparsers(
        dest="claim_command", metavar="COMMAND", required=True, parser_class=type(p)
    )

    a = sub.add_parser("add", help="mark a quote in an article as a claim (prints its id)")
    a.add_argument("article", type=article_id, metavar="ARTICLE")
    a.add_argument(
        "--quote",
        required=True,
        help="the text of the claim, word for word (a space matches a line break)",
    )
    a.add_argument("--prefix", help="text just before the quote, when it occurs more than once")
    a.add_argument("--occurrence", type=positive_int, help="which occurrence (1 is the first)")
    a.add_argument("--speaker", metavar="ACTOR", help="who makes the claim (id, name or alias)")
    _claim_options(a)
    a.set_defaults(run=run_add)

    a = sub.add_parser("edit", help="change a claim's speaker, subjects, status, grade, ...")
    a.add_argument("claim", type=positive_int, metavar="CLAIM")
    a.add_argument("--speaker", metavar="ACTOR", help="who makes the claim ('' for nobody)")
    _claim_options(a)
    a.add_argument("--remove-source", action="append", default=[], metavar="SOURCE")
    a.add_argument("--remove-tag", action="append", default=[], metavar="TAG")
    a.add_argument("--clear-about", action="store_true", help="the claim is about no one")
    a.set_defaults(run=run_edit)

    a = sub.add_parser("link", help="say that a claim supports, contradicts or repeats another")
    a.add_argument("claim", type=positive_int, metavar="CLAIM")
    a.add_argument("other", type=positive_int, metavar="OTHER")
    a.add_argument("--relation", required=True, choices=CLAIM_RELATIONS)
    a.set_defaults(run=run_link)

    a = sub.add_parser("delete", help="delete a claim")
    a.add_argument("claim", type=positive_int, metavar="CLAIM")
    a.set_defaults(run=run_delete)

    for parser in sub.choices.values():
        parser.add_argument("--json", action="store_true", help="output for scripts")

    p = commands.add_parser("claims", help="list claims, filtered by article, actor, tag, status")
    p.add_argument("--article", type=article_id, metavar="ID")
    p.add_argument("--actor", metavar="ACTOR", help="made by or about this actor")
    p.add_argument("--tag", metavar="TAG", help="tagged so (or in an article tagged so)")
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--json", action="store_true", help="a list of objects, for scripts")
    p.add_argument(
        "--format",
        choices=("table", "json", "claimreview"),
        default="table",
        help="table (default), json (as --json), claimreview (schema.org ClaimReview JSON-LD)",
    )
    p.set_defaults(run=run_list)


def _claim_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--about",
        action="append",
        default=[],
        metavar="ACTOR",
        help="an actor the claim is about (repeatable)",
    )
    parser.add_argument("--status", choices=STATUSES)
    parser.add_argument(
        "--grade", metavar="1-6", help="credibility: 1 confirmed ... 6 cannot judge"
    )
    parser.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="SOURCE[:RELATION]",
        help="a source id or title, with :cites, :supports or :contradicts",
    )
    parser.add_argument("--tag", action="append", default=[], metavar="TAG")
    parser.add_argument("--note", help="the analyst's note")


def _source(value: str) -> tuple[str, str]:
    ref, sep, relation = value.rpartition(":")
    if sep and relation in ("cites", "supports", "contradicts"):
        return ref, relation
    return value, "cites"


def claim_json(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "uid": claim.uid,
        "article": claim.article_id,
        "article_title": claim.article_title,
        "quote": claim.quote,
        "start": claim.start,
        "end": claim.end,
        "orphaned": claim.orphaned,
        "speaker": claim.speaker.name if claim.speaker else None,
        "speaker_id": claim.speaker.id if claim.speaker else None,
        "about": [a.name for a in claim.about],
        "status": claim.status,
        "grade": claim.grade,
        "note": claim.note,
        "tags": list(claim.tags),
        "sources": [
            {"id": s.id, "title": s.title, "relation": s.relation, "grade": s.grade}
            for s in claim.sources
        ],
        "links": [
            {
                "claim": link.claim_id,
                "relation": link.relation,
                "direction": "to" if link.outgoing else "from",
            }
            for link in claim.links
        ],
    }


def _print_claim(args: argparse.Namespace, claim: Claim, *, created: bool = False) -> None:
    if args.json:
        print_json(claim_json(claim))
    elif created:
        print(claim.id)
    else:
        print(
            f"claim {claim.id}: “{claim.quote}” — {claim.speaker.name if claim.speaker else '?'}"
            f" [{claim.status}{f', {claim.grade}' if claim.grade else ''}]"
        )


def _known_actors(library: Library, *refs: str | None) -> None:
    """Refuse an actor the library does not know, saying how to add one: the app adds a new
    speaker or subject as it is typed, but a script should not get a stray actor from a
    typo, so here it is added on purpose, first."""
    for ref in refs:
        if not ref:
            continue
        try:
            library.actors.resolve(ref)
        except NotFound as exc:
            raise NotFound(
                f"{exc}; add it first with: briefing actor add {shlex.quote(ref)}"
                " (its kind is guessed from the name, or give --kind)"
            ) from exc


def run_add(args: argparse.Namespace, library: Library) -> int:
    from briefing.core import Span

    _known_actors(library, args.speaker, *(args.about or []))
    claim = library.claims.add(
        args.article,
        Span(quote=args.quote, prefix=args.prefix, occurrence=args.occurrence),
        speaker=args.speaker or None,
        about=args.about,
        status=args.status or "asserted",
        grade=args.grade,
        note=args.note or "",
        sources=[_source(s) for s in args.source],
        tags=args.tag,
    )
    _print_claim(args, claim, created=True)
    return 0


def run_edit(args: argparse.Namespace, library: Library) -> int:
    if args.clear_about and args.about:
        raise InvalidInput("give --about or --clear-about, not both")
    about = [] if args.clear_about else (args.about or UNSET)
    _known_actors(library, args.speaker, *(args.about or []))
    claim = library.claims.edit(
        args.claim,
        speaker=UNSET if args.speaker is None else (args.speaker or None),
        about=about,
        status=args.status or UNSET,
        grade=UNSET if args.grade is None else (args.grade or None),
        note=UNSET if args.note is None else args.note,
        add_sources=[_source(s) for s in args.source],
        remove_sources=args.remove_source,
        add_tags=args.tag,
        remove_tags=args.remove_tag,
    )
    _print_claim(args, claim)
    return 0


def run_link(args: argparse.Namespace, library: Library) -> int:
    _print_claim(args, library.claims.link(args.claim, args.other, args.relation))
    return 0


def run_delete(args: argparse.Namespace, library: Library) -> int:
    gone = library.claims.delete(args.claim)
    if args.json:
        print_json(claim_json(gone))
    else:
        print(f"deleted claim {gone.id}")
    return 0


def run_list(args: argparse.Namespace, library: Library) -> int:
    claims = library.claims.list(
        article_id=args.article, actor=args.actor, tag=args.tag, status=args.status
    )
    if args.format == "claimreview":
        sys.stdout.write(library.claims.export_claimreview(claims))
        return 0
    if args.json or args.format == "json":
        print_json(stamped(library, Kind.CLAIM, [claim_json(c) for c in claims]))
        return 0
    print_table(
        ("ID", "ARTICLE", "STATUS", "GRADE", "SPEAKER", "QUOTE"),
        [
            (
                c.id,
                c.article_id,
                c.status + (" (orphaned)" if c.orphaned else ""),
                c.grade or "",
                c.speaker.name if c.speaker else "",
                f"“{c.quote}”",
            )
            for c in claims
        ],
    )
    return 0

"""`briefing search QUERY`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from briefing.commands.arguments import positive_int
from briefing.commands.output import date_text, print_json
from briefing.core import SEARCH_DEFAULT_LIMIT as DEFAULT_LIMIT, SEARCH_KINDS as KINDS

if TYPE_CHECKING:
    from briefing.core import Library, SearchHit

_BOLD, _PLAIN = "\033[1m", "\033[0m"


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "search",
        help="search the library",
        description='Words are ANDed; "a phrase", prefix*, OR, NOT and parentheses work. '
        "Anything else is searched as plain words: a query never fails on its syntax.",
    )
    p.add_argument("query", metavar="QUERY", help="what to look for (quote it in the shell)")
    p.add_argument("--outlet", help="only articles from this outlet")
    p.add_argument("--since", metavar="DATE", help="published on or after (2021, 2021-12, ...)")
    p.add_argument("--until", metavar="DATE", help="published on or before")
    p.add_argument("--actor", metavar="ACTOR", help="articles and claims involving this actor")
    p.add_argument("--tag", metavar="TAG", help="tagged so (an article, or a claim or its article)")
    p.add_argument(
        "--only",
        action="append",
        choices=KINDS,
        metavar="KIND",
        help="only these kinds of hit: article, claim, note, actor (repeatable)",
    )
    p.add_argument(
        "--limit",
        type=positive_int,
        default=DEFAULT_LIMIT,
        help=f"at most this many hits (default {DEFAULT_LIMIT})",
    )
    p.add_argument("--json", action="store_true", help="a list of objects, for scripts")
    p.set_defaults(run=run_search)


def run_search(args: argparse.Namespace, library: Library) -> int:
    hits = library.search.run(
        args.query, outlet=args.outlet, since=args.since, until=args.until, limit=args.limit
    )
    if args.json:
        order = "newest" if hits.newest_first else "relevance"
        print_json([hit_json(h, order if h.kind == "article" else "relevance") for h in hits])
        return 0
    if not hits:
        print("Nothing matches.", file=sys.stderr)
        return 0
    if hits.note:
        print(hits.note)
    color = sys.stdout.isatty()
    for hit in hits:
        print(_heading(hit))
        snippet = hit.marked_snippet(_BOLD, _PLAIN) if color else hit.marked_snippet()
        print(f"        {' '.join(snippet.split())}")
    return 0


def _heading(hit: SearchHit) -> str:
    if hit.kind == "actor":
        return f"{hit.id:>6}  actor: {hit.title} ({hit.detail})"
    where = " · ".join(x for x in (hit.outlet or hit.agency, date_text(hit.date)) if x)
    where = f"  [{where}]" if where else ""
    if hit.kind == "article":
        return f"{hit.id:>6}  {hit.title}{where}"
    speaker = f" by {hit.detail}" if hit.detail else ""
    return f"{hit.id:>6}  {hit.kind}{speaker} in article {hit.article_id}: {hit.title}{where}"


def hit_json(hit: SearchHit, order: str = "relevance") -> dict[str, Any]:
    """`order`: "newest" when the query matched most of the library and its articles are
    the newest matches, not the best (SearchResults.newest_first)."""
    return {
        "id": hit.id,
        "uid": hit.uid,
        "kind": hit.kind,
        "article": hit.article_id,
        "title": hit.title,
        "outlet": hit.outlet,
        "agency": hit.agency,
        "date": date_text(hit.date) or None,
        "detail": hit.detail,
        "snippet": hit.marked_snippet(),
        "highlights": hit.match_spans(),
        "score": round(hit.score, 6),
        "order": order,
    }

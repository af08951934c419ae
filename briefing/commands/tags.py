"""`briefing tag`: tag articles and claims; list, rename and merge tags."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from briefing.commands.arguments import positive_int
from briefing.commands.output import print_json, print_table
from briefing.core import InvalidInput

if TYPE_CHECKING:
    from briefing.core import Library


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "tag",
        help="tag an article or a claim; list, rename or merge tags",
        description="briefing tag ARTICLE TAG... tags an article; --claim CLAIM TAG... a claim. "
        "--list lists tags; --rename OLD NEW renames one everywhere (merging into NEW if it "
        "exists); --merge TAG... --into TAG merges several.",
    )
    p.add_argument("words", nargs="*", metavar="ARTICLE TAG", help="an article id, then tags")
    p.add_argument("--claim", type=positive_int, metavar="CLAIM", help="tag this claim instead")
    p.add_argument("--remove", action="store_true", help="remove the tags instead (articles)")
    p.add_argument("--list", action="store_true", help="list tags with how often they are used")
    p.add_argument("--rename", nargs=2, metavar=("OLD", "NEW"))
    p.add_argument("--merge", nargs="+", metavar="TAG")
    p.add_argument("--into", metavar="TAG")
    p.add_argument("--json", action="store_true", help="output for scripts")
    p.set_defaults(run=run_tag)


def run_tag(args: argparse.Namespace, library: Library) -> int:
    if args.list or args.rename or args.merge:
        if args.rename:
            library.tags.rename(*args.rename)
        elif args.merge:
            if not args.into:
                raise InvalidInput("--merge needs --into TAG")
            library.tags.merge(args.merge, args.into)
        uses = library.tags.list()
        if args.json:
            print_json(
                [
                    {"tag": t.name, "uid": t.uid, "articles": t.articles, "claims": t.claims}
                    for t in uses
                ]
            )
        else:
            print_table(
                ("ARTICLES", "CLAIMS", "TAG"), [(t.articles, t.claims, t.name) for t in uses]
            )
        return 0
    words = list(args.words)
    if args.claim is not None:
        if not words:
            raise InvalidInput("give the tags to put on the claim")
        library.tags.tag_annotation(args.claim, words)
        tags = library.claims.get(args.claim).tags
        target = {"claim": args.claim}
    else:
        if len(words) < 2 or not (words[0].isascii() and words[0].isdigit()):
            raise InvalidInput("give an article id and then tags (or --claim CLAIM and tags)")
        try:
            article = positive_int(words[0])
        except argparse.ArgumentTypeError as exc:
            raise InvalidInput(str(exc)) from None
        names = words[1:]
        if args.remove:
            tags = library.tags.untag_article(article, names)
        else:
            tags = library.tags.tag_article(article, names)
        target = {"article": article}
    if args.json:
        print_json({**target, "tags": list(tags)})
    else:
        print(", ".join(tags) if tags else "(no tags)")
    return 0

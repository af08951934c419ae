"""`briefing actor ...`: actors, aliases, merging, mentions and suggested mentions."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from briefing.commands.arguments import article_id, positive_int
from briefing.commands.output import counted, fail, print_json, print_table, stamped
from briefing.core import ACTOR_KINDS as KINDS, InvalidInput, Kind

if TYPE_CHECKING:
    from briefing.core import Actor, Library, Mention, Suggestion


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("actor", help="people, organisations, states and groups")
    sub = p.add_subparsers(
        dest="actor_command", metavar="COMMAND", required=True, parser_class=type(p)
    )

    a = sub.add_parser("add", help="add an actor (prints its id)")
    a.add_argument("name")
    a.add_argument(
        "--kind",
        help=f"one of: {', '.join(KINDS)} (default: guessed from the name, and said)",
    )
    a.add_argument("--alias", action="append", default=[], help="another name (repeatable)")
    a.add_argument("--description", default="", help="who or what this is")
    a.set_defaults(run=run_add)

    a = sub.add_parser("edit", help="rename an actor, or change its kind or description")
    a.add_argument("actor", metavar="ACTOR", help="id, name or alias")
    a.add_argument("--name", help="its new name")
    a.add_argument("--kind", help=f"one of: {', '.join(KINDS)}")
    a.add_argument("--description", help="who or what this is ('' for nothing)")
    a.set_defaults(run=run_edit)

    a = sub.add_parser("list", help="list actors with their kind and counts")
    a.add_argument("--kind", help="only actors of this kind")
    a.set_defaults(run=run_list)

    a = sub.add_parser("show", help="an actor: aliases, mentions, claims made and about it")
    a.add_argument("actor", metavar="ACTOR", help="id, name or alias")
    a.set_defaults(run=run_show)

    a = sub.add_parser("alias", help="add an alias to an actor")
    a.add_argument("actor", metavar="ACTOR")
    a.add_argument("alias", metavar="ALIAS")
    a.add_argument("--article", type=article_id, help="an alias that holds in this article only")
    a.set_defaults(run=run_alias)

    a = sub.add_parser("merge", help="fold OTHER into KEEP (mentions, claims, aliases move)")
    a.add_argument("keep", metavar="KEEP")
    a.add_argument("other", metavar="OTHER")
    a.set_defaults(run=run_merge)

    a = sub.add_parser("suggest", help="find known names and aliases: suggested mentions")
    a.add_argument(
        "article",
        nargs="?",
        type=article_id,
        metavar="ARTICLE",
        help="one article (default: the whole library)",
    )
    a.set_defaults(run=run_suggest)

    a = sub.add_parser("accept", help="accept suggested mentions")
    a.add_argument("ids", nargs="+", type=positive_int, metavar="SUGGESTION")
    a.set_defaults(run=run_accept)

    a = sub.add_parser("reject", help="reject suggested mentions (never suggested again)")
    a.add_argument("ids", nargs="+", type=positive_int, metavar="SUGGESTION")
    a.set_defaults(run=run_reject)

    a = sub.add_parser("mention", help="tag a span of an article as a mention of an actor")
    a.add_argument("article", type=article_id, metavar="ARTICLE")
    a.add_argument("actor", metavar="ACTOR")
    a.add_argument(
        "--quote", required=True, help="the text, word for word (a space matches a line break)"
    )
    a.add_argument("--prefix", help="text just before the quote, when it occurs more than once")
    a.add_argument("--occurrence", type=positive_int, help="which occurrence (1 is the first)")
    a.set_defaults(run=run_mention)

    a = sub.add_parser("delete", help="delete an actor no claim points to, with its mentions")
    a.add_argument("actor", metavar="ACTOR")
    a.add_argument("--reassign", metavar="ACTOR", help="move its claims and mentions here first")
    a.add_argument("--yes", "-y", action="store_true", help="do not ask (about its mentions)")
    a.set_defaults(run=run_delete)

    for parser in sub.choices.values():
        parser.add_argument("--json", action="store_true", help="output for scripts")


def actor_json(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "uid": actor.uid,
        "name": actor.name,
        "kind": actor.kind,
        "description": actor.description,
        "aliases": [
            {"alias": a.text, "article": a.article_id, "case_sensitive": a.case_sensitive}
            for a in actor.aliases
        ],
    }


def mention_json(m: Mention) -> dict[str, Any]:
    return {
        "id": m.id,
        "uid": m.uid,
        "article": m.article_id,
        "actor": m.actor.name,
        "actor_id": m.actor.id,
        "start": m.start,
        "end": m.end,
        "text": m.quote,
        "orphaned": m.orphaned,
    }


def suggestion_json(s: Suggestion) -> dict[str, Any]:
    return {
        "id": s.id,
        "actor": s.actor.name,
        "actor_id": s.actor.id,
        "article": s.article_id,
        "start": s.start,
        "end": s.end,
        "text": s.text,
    }


def run_add(args: argparse.Namespace, library: Library) -> int:
    """Without --kind the kind is guessed from the name, as the app's forms do, and said on
    stderr (stdout keeps the id alone, for scripts): a fixed "other" filed ministries,
    states and persons alike without a word."""
    kind, guess = args.kind, None
    if kind is None:
        guess = library.actors.kind_guesser().guess(args.name)
        kind = guess.kind
    actor = library.actors.add(
        args.name, kind=kind, aliases=args.alias, description=args.description
    )
    _print_actor_created(args, actor)
    if guess is not None:
        print(
            f"Kind guessed from the name: {actor.kind} ({guess.reason}); "
            f"'briefing actor edit {actor.id} --kind KIND' changes it.",
            file=sys.stderr,
        )
    return 0


def run_edit(args: argparse.Namespace, library: Library) -> int:
    if args.name is None and args.kind is None and args.description is None:
        raise InvalidInput("say what to change: --name, --kind or --description")
    actor = library.actors.edit(
        args.actor, name=args.name, kind=args.kind, description=args.description
    )
    if args.json:
        print_json(stamped(library, Kind.ACTOR, actor_json(actor)))
    else:
        print(f"{actor.name}  ({actor.kind}, actor {actor.id})")
    return 0


def _print_actor_created(args: argparse.Namespace, actor: Actor) -> None:
    if args.json:
        print_json(actor_json(actor))
    else:
        print(actor.id)


def run_list(args: argparse.Namespace, library: Library) -> int:
    listing = library.actors.list(kind=args.kind)
    if args.json:
        print_json(
            stamped(
                library,
                Kind.ACTOR,
                [
                    {
                        **actor_json(x.actor),
                        "mentions": x.mentions,
                        "claims_made": x.claims_made,
                        "claims_about": x.claims_about,
                    }
                    for x in listing
                ],
            )
        )
    else:
        print_table(
            ("ID", "KIND", "MENTIONS", "MADE", "ABOUT", "NAME (ALIASES)"),
            [
                (
                    x.actor.id,
                    x.actor.kind,
                    x.mentions,
                    x.claims_made,
                    x.claims_about,
                    x.actor.name
                    + (
                        f" ({', '.join(a.text for a in x.actor.aliases)})"
                        if x.actor.aliases
                        else ""
                    ),
                )
                for x in listing
            ],
        )
    return 0


def run_show(args: argparse.Namespace, library: Library) -> int:
    from briefing.commands.claims import claim_json

    actor = library.actors.resolve(args.actor)
    mentions = library.mentions.list(actor=actor.id)
    made = [
        c for c in library.claims.list(actor=actor.id) if c.speaker and c.speaker.id == actor.id
    ]
    about = [
        c for c in library.claims.list(actor=actor.id) if any(a.id == actor.id for a in c.about)
    ]
    if args.json:
        print_json(
            {
                **actor_json(actor),
                "mentions": [mention_json(m) for m in mentions],
                "claims_made": [claim_json(c) for c in made],
                "claims_about": [claim_json(c) for c in about],
            }
        )
        return 0
    print(f"{actor.name}  ({actor.kind}, actor {actor.id})")
    if actor.description:
        print(actor.description)
    for alias in actor.aliases:
        where = f" (article {alias.article_id} only)" if alias.article_id else ""
        print(f"  alias: {alias.text}{where}")
    print(f"\nMentions: {len(mentions)}")
    for m in mentions:
        print(f"  article {m.article_id} @{m.start}: {m.quote}")
    for label, claims in (("Claims made", made), ("Claims about", about)):
        print(f"\n{label}: {len(claims)}")
        for c in claims:
            print(f"  {c.id:>5}  [{c.status}] “{c.quote}” (article {c.article_id})")
    return 0


def run_alias(args: argparse.Namespace, library: Library) -> int:
    actor = library.actors.add_alias(args.actor, args.alias, article_id=args.article)
    if args.json:
        print_json(stamped(library, Kind.ACTOR, actor_json(actor)))
    else:
        print(f"{actor.name}: {', '.join(a.text for a in actor.aliases)}")
    return 0


def run_merge(args: argparse.Namespace, library: Library) -> int:
    actor = library.actors.merge(args.keep, args.other).kept
    assert actor is not None
    if args.json:
        print_json(stamped(library, Kind.ACTOR, actor_json(actor)))
    else:
        print(f"merged into {actor.name} (actor {actor.id})")
    return 0


def run_delete(args: argparse.Namespace, library: Library) -> int:
    gone = library.actors.resolve(args.actor)
    mentions = 0
    if args.reassign is None:
        mentions = library.actors.mentions_to_delete(gone.id)
        if mentions and not args.yes and not _confirmed(gone, mentions):
            print("Nothing deleted.", file=sys.stderr)
            return 1
    library.actors.delete(gone.id, reassign_to=args.reassign)
    if args.json:
        print_json(actor_json(gone))
    else:
        also = f" and its {counted(mentions, 'mention')}" if mentions else ""
        print(f"deleted actor {gone.id}: {gone.name}{also}")
    return 0


def _confirmed(actor: Actor, mentions: int) -> bool:
    """Ask on a terminal before deleting mentions the reader made; refuse without one."""
    what = f"{actor.name!r} has {counted(mentions, 'mention')}, deleted with it"
    if not sys.stdin.isatty():
        raise InvalidInput(f"not deleting without confirmation: {what}; add --yes")
    print(f"{what}. Delete? [y/N] ", end="", file=sys.stderr, flush=True)
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def run_suggest(args: argparse.Namespace, library: Library) -> int:
    from briefing.commands.terminal import TerminalProgress

    progress = TerminalProgress()
    try:
        report = library.mentions.suggest(args.article, progress=progress)
    except KeyboardInterrupt:
        # Over the whole library the run commits as it goes: what was stored stays.
        progress.finish()
        pending = library.mentions.count_pending(article_id=args.article)
        fail(f"interrupted; kept the suggestions stored before it stopped ({pending} pending)")
        return 130
    progress.finish()
    pending = library.mentions.iter_pending(article_id=args.article)
    if args.json:
        # Streamed: a whole library can hold millions of suggestions.
        sys.stdout.write("[")
        for i, suggestion in enumerate(pending):
            sys.stdout.write(
                ("," if i else "")
                + "\n  "
                + json.dumps(suggestion_json(suggestion), ensure_ascii=False)
            )
        sys.stdout.write("\n]\n" if report.pending else "]\n")
    else:
        print(f"{'ID':>8}  {'ARTICLE':>7}  {'START':>6}  {'END':>6}  ACTOR: TEXT")
        for s in pending:
            print(
                f"{s.id:>8}  {s.article_id:>7}  {s.start:>6}  {s.end:>6}  {s.actor.name}: {s.text}"
            )
        print(
            f"{report.new} new, {report.pending} pending in {report.articles} article(s)",
            file=sys.stderr,
        )
    return 0


def run_accept(args: argparse.Namespace, library: Library) -> int:
    mentions = library.mentions.accept(args.ids)
    if args.json:
        print_json([mention_json(m) for m in mentions])
    else:
        print(f"{len(mentions)} mention(s) added")
    return 0


def run_reject(args: argparse.Namespace, library: Library) -> int:
    count = library.mentions.reject(args.ids)
    if args.json:
        print_json({"rejected": args.ids})
    else:
        print(f"{count} suggestion(s) rejected")
    return 0


def run_mention(args: argparse.Namespace, library: Library) -> int:
    from briefing.core import Span

    mention = library.mentions.add(
        args.article,
        args.actor,
        Span(quote=args.quote, prefix=args.prefix, occurrence=args.occurrence),
    )
    if args.json:
        print_json(mention_json(mention))
    else:
        print(mention.id)
    return 0

"""`briefing sample`: load the annotated worked example into the current library."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from briefing.commands.output import print_json

if TYPE_CHECKING:
    from briefing.core import Library


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("sample", help="load the annotated sample article into the library")
    p.add_argument("--json", action="store_true", help="what was loaded, for scripts")
    p.set_defaults(run=run_sample)


def run_sample(args: argparse.Namespace, library: Library) -> int:
    loaded = library.load_sample()
    if args.json:
        print_json(
            {
                "article": loaded.article_id,
                "actors": loaded.actors,
                "sources": loaded.sources,
                "claims": loaded.claims,
            }
        )
    else:
        print(
            f"sample loaded: article {loaded.article_id}, {len(loaded.claims)} claims, "
            f"{loaded.actors} actors, {loaded.sources} sources"
        )
    return 0

"""Suggested mentions end to end: `library.mentions.suggest()` over a whole library.

    .venv/bin/python bench/suggest.py [N]

bench/mentions.py times the finder alone; this times what a reader waits for: the service
reading every article, finding the 1,000 actors' 4,000 names (the same real names as
mentions.py), skipping spans already tagged and storing every new suggestion, in one
transaction. It runs on a copy of the cached N-article library (100,000 unless given) into
which the actors are first added through `library.actors.add` (not timed). Beside it, in the
same run: the finder alone over the same texts (the floor the service cannot beat).
Target: under 30 s for 100,000 articles.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import time

from _common import OUT, ensure_library, peak_rss_mb, verdict
from mentions import actor_names, corpus_names, run_ours

from briefing.core import Library

TARGET_SECONDS = 30


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000, help="articles (100,000)")
    args = parser.parse_args()
    source = ensure_library(args.n)
    copy = OUT / f"suggest-{args.n}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        copy.with_name(copy.name + suffix).unlink(missing_ok=True)
    shutil.copy(source, copy)

    names = actor_names(*corpus_names())
    with Library.open(copy) as library:
        by_actor: dict[int, list[str]] = {}
        for name in names:
            by_actor.setdefault(name.actor_id, []).append(name.text)
        for texts in by_actor.values():
            library.actors.add(texts[0], kind="other", aliases=texts[1:])
        started = time.perf_counter()
        library.mentions.suggest()
        service = time.perf_counter() - started
        stored = (
            library.connection().execute("SELECT count(*) FROM mention_suggestions").fetchone()[0]
        )

    texts = [row[0] for row in sqlite3.connect(source).execute("SELECT text FROM articles")]
    build, find, matches = run_ours(names, texts)
    print(f"{args.n:,} articles, {len(by_actor):,} actors, {len(names):,} names and aliases")
    print(
        f"  library.mentions.suggest(): {service:.2f} s, {stored:,} suggestions stored "
        f"({verdict(service < TARGET_SECONDS * args.n / 100_000)} against "
        f"{TARGET_SECONDS} s per 100,000)"
    )
    print(f"  finder alone, same texts:   {build + find:.2f} s, {matches:,} matches")
    print(f"  service overhead over the finder: {service / (build + find):.2f}x")
    print(f"peak RSS of this process: {peak_rss_mb():.0f} MB")
    for suffix in ("", "-wal", "-shm"):
        copy.with_name(copy.name + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main()

"""Suggested mentions end to end: `library.mentions.suggest()` over a whole library.

    .venv/bin/python bench/suggest.py [N]

bench/mentions.py times the finder alone; this times what a reader waits for: the service
reading every article, finding the 1,000 actors' 4,000 names (the same real names as
mentions.py), skipping spans already tagged and storing every new suggestion, journal
included. It runs on a copy of the cached N-article library (100,000 unless given) into
which the actors are first added through `library.actors.add` (not timed). Beside it, in
the same run, the two floors the service is made of:
  finder  MentionFinder over the same texts, read beforehand, in one thread;
  store   the suggestions the service stored, read back, inserted into a second copy in
          one transaction with multi-row INSERTs of 5,000 rows (as the service writes
          them), the journal's triggers on mention_suggestions dropped and no foreign
          key checks (the sqlite3 module's default);
  executemany  the same with one plain `executemany`, row by row: the store floor this
          bench printed before, slower than the service once the service wrote many
          rows a statement, so kept beside it for comparison only.
The service overlaps the two (the finder on a helper thread), so its floor is the larger.
Target: under 25 s for 100,000 articles. Wall and CPU seconds (this process, all threads)
are printed with the load average, since the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import time
from itertools import chain
from pathlib import Path

from _common import OUT, ensure_library, peak_rss_mb, remove_database, verdict
from mentions import actor_names, corpus_names, run_ours

from briefing.core import Library

TARGET_SECONDS = 25


def copy_of(source: Path, name: str) -> Path:
    copy = OUT / name
    remove(copy)
    shutil.copy(source, copy)
    # On disk before anything is timed: left to the kernel, writing back the copy's 800 MB
    # slowed the timed writes that followed (the store alone, 100k: 17.5 s against 14.6).
    with open(copy, "rb") as written:
        os.fsync(written.fileno())
    return copy


def remove(path: Path) -> None:
    remove_database(path)


def store_floor(source: Path, rows: list[tuple], *, many: bool) -> tuple[float, float]:
    """(wall, CPU) seconds to insert `rows` raw into a copy of `source` with no journal:
    multi-row INSERTs of 5,000 rows, or one `executemany` if `many`."""
    copy = copy_of(source, "suggest-floor.sqlite")
    conn = sqlite3.connect(copy, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA cache_size = -65536")  # 64 MB, as the library's connections
    for (trigger,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'mention_suggestions'"
    ).fetchall():
        conn.execute(f"DROP TRIGGER {trigger}")
    insert = 'INSERT OR IGNORE INTO mention_suggestions (article_id, actor_id, start, "end", text) '
    started, cpu = time.perf_counter(), time.process_time()
    conn.execute("BEGIN")
    if many:
        conn.executemany(insert + "VALUES (?, ?, ?, ?, ?)", rows)
    else:
        for start in range(0, len(rows), 5000):
            chunk = rows[start : start + 5000]
            conn.execute(
                insert + "VALUES " + ",".join(["(?,?,?,?,?)"] * len(chunk)),
                list(chain.from_iterable(chunk)),
            )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started, time.process_time() - cpu
    conn.close()
    remove(copy)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000, help="articles (100,000)")
    args = parser.parse_args()
    source = ensure_library(args.n)
    copy = copy_of(source, f"suggest-{args.n}.sqlite")

    names = actor_names(*corpus_names())
    commits: list[object] = []
    with Library.open(copy) as library:
        by_actor: dict[int, list[str]] = {}
        for name in names:
            by_actor.setdefault(name.actor_id, []).append(name.text)
        for texts in by_actor.values():
            library.actors.add(texts[0], kind="other", aliases=texts[1:])
        library.add_listener(commits.append)
        load = os.getloadavg()[0]
        started, cpu = time.perf_counter(), time.process_time()
        library.mentions.suggest()
        service, service_cpu = time.perf_counter() - started, time.process_time() - cpu
        rows = (
            library.connection()
            .execute('SELECT article_id, actor_id, start, "end", text FROM mention_suggestions')
            .fetchall()
        )
    remove(copy)

    texts = [row[0] for row in sqlite3.connect(source).execute("SELECT text FROM articles")]
    cpu = time.process_time()
    build, find, matches = run_ours(names, texts)
    find_cpu = time.process_time() - cpu
    del texts
    store, store_cpu = store_floor(source, rows, many=False)
    many, many_cpu = store_floor(source, rows, many=True)
    floor = max(build + find, store)
    print(f"{args.n:,} articles, {len(by_actor):,} actors, {len(names):,} names and aliases")
    after = os.getloadavg()[0]
    print(
        f"  load average (1 min) before: {load:.2f}, after: {after:.2f}, on {os.cpu_count()} CPUs"
    )
    print(
        f"  library.mentions.suggest(): {service:6.2f} s (CPU {service_cpu:.2f} s), "
        f"{len(rows):,} suggestions stored in {len(commits):,} commits "
        f"({verdict(service < TARGET_SECONDS * args.n / 100_000)} against "
        f"{TARGET_SECONDS} s per 100,000)"
    )
    finder = f"{build + find:6.2f} s (CPU {find_cpu:.2f} s)"
    print(f"  finder alone, same texts:   {finder}, {matches:,} matches")
    print(f"  raw store, same rows:       {store:6.2f} s (CPU {store_cpu:.2f} s)")
    print(f"  (raw executemany, the old floor: {many:6.2f} s (CPU {many_cpu:.2f} s))")
    print(f"  service over the larger floor: {service / floor:.2f}x")
    print(f"peak RSS of this process: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

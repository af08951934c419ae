"""The import in short transactions (as it runs: a batch of at most 500 articles each) beside
the same import in one long transaction, in the same run.

    .venv/bin/python bench/import_transactions.py [N] [--runs 2]

Short transactions let another writer (a second copy's edit) in between batches; the price
must stay small (issue 14: within 10% of one long transaction's throughput). Both import
build_library.py's N generated articles (default 100,000) into a fresh library through the
core, `library.imports.texts` per outlet; the long one inside one `library.transaction()`
(each batch becomes a savepoint of it); each timed until its log is checkpointed into the
file (a long transaction's is copied back at once at the end). The two alternate, `--runs`
times each, short first in odd runs and long first in even ones, so that neither always
meets the warmer cache.
Printed: each run's throughput and CPU seconds, the median of each, their ratio, and the
machine's 1-minute load before each run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from contextlib import nullcontext
from pathlib import Path

from _common import OUT, remove_database
from build_library import base_articles, generate

from briefing.core import Library, Metadata


def import_all(path: Path, groups: dict[str, list[tuple[str, str]]], long: bool) -> float:
    """Seconds to import every group into a fresh library at `path`."""
    remove_database(path)
    with Library.open(path) as library:
        started = time.perf_counter()
        with library.transaction() if long else nullcontext():
            for outlet, items in groups.items():
                results = library.imports.texts(
                    items, source_format="text", metadata=Metadata(outlet=outlet)
                )
                if any(r.status != "imported" for r in results):
                    raise SystemExit(f"{outlet}: not every article was imported")
        # Into the file, for both: one long transaction leaves its whole log to copy back
        # (at close, past the timer), where short ones were checkpointed as they went.
        library.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        elapsed = time.perf_counter() - started
        assert library.articles.count() == sum(len(items) for items in groups.values())
    remove_database(path)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    groups = generate(args.n, base_articles())
    path = OUT / f"import-transactions-{args.n}.sqlite"
    rates: dict[str, list[float]] = {"short": [], "long": []}
    for run in range(args.runs):
        order = ("short", "long") if run % 2 == 0 else ("long", "short")
        for mode in order:
            load = os.getloadavg()[0]
            cpu = time.process_time()
            seconds = import_all(path, groups, long=mode == "long")
            cpu = time.process_time() - cpu
            rates[mode].append(args.n / seconds)
            print(
                f"run {run + 1} {mode:5} transactions: {seconds:6.1f} s, "
                f"{args.n / seconds:7,.0f} articles/s, CPU {cpu:5.1f} s, load {load:.2f}",
                flush=True,
            )
    short, long = statistics.median(rates["short"]), statistics.median(rates["long"])
    print(
        f"median: short {short:,.0f}/s, one long {long:,.0f}/s: short at {short / long:.1%} "
        f"of long (target >= 90%); spread short {min(rates['short']):,.0f}-"
        f"{max(rates['short']):,.0f}, long {min(rates['long']):,.0f}-{max(rates['long']):,.0f}; "
        f"{os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()

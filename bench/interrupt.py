"""How fast `library.interrupt()` stops a running search, beside raw SQLite's interrupt.

Issue 15's second target: a new query interrupts the running one within 20 ms. A search runs
on a worker thread (as in the app, where the reader thread runs it); the main thread waits
until its statement is under way, a random 5-40 ms more, then calls `library.interrupt()`
and the time to the worker's `Cancelled` is the figure. Three cases, alternating:

- ours, a long statement: the floor's one-statement ranking of every match of `s*`
  (bench/search.py's FLOOR_SQL: 100,000 matches at 100k, 0.1-0.2 s) inside
  `library.interruptible()`, the door the search service reads through;
- ours, the public search: `library.search.run("said", since="2020-01-01")`, the slowest
  query of bench/search.py's mix, interrupted 2-20 ms in (it may finish first: counted);
- raw SQLite: the same long statement on a plain `sqlite3` connection of the same file,
  stopped by `Connection.interrupt()` (the floor: what SQLite itself takes to notice).

After each interrupt the same worker's connection answers a search (counted: the library
stays usable). Prints p50/p95/max of each with the load.
"""

from __future__ import annotations

import argparse
import os
import queue
import random
import sqlite3
import threading
import time
from collections.abc import Callable

from _common import ensure_library, ms, p50, percentile, verdict
from search import FLOOR_SQL, HE, HS, LIMIT

from briefing.core import Cancelled, Library

LONG_MATCH = "s*"
TARGET_S = 0.020


class Worker:
    """One thread for all runs, so that the library keeps one connection for it, as the
    app's reader thread does."""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (job := self.jobs.get()) is not None:
            job()

    def stop(self) -> None:
        self.jobs.put(None)
        self.thread.join()


def one_run(
    worker: Worker,
    statement: Callable[[], object],
    stop: Callable[[], None],
    stopped: tuple[type[BaseException], ...],
    after: Callable[[], bool],
    delay_s: float,
) -> tuple[float | None, bool]:
    """(seconds from the interrupt to the worker's exception, or None when the statement
    finished first; whether the worker's connection answered afterwards)."""
    started, done = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def job() -> None:
        started.set()
        try:
            statement()
        except stopped:
            outcome["at"] = time.perf_counter()
        outcome["usable"] = after()
        done.set()

    worker.jobs.put(job)
    started.wait()
    time.sleep(delay_s)
    asked = time.perf_counter()
    stop()
    done.wait()
    at = outcome.get("at")
    return (None if at is None else float(at) - asked), bool(outcome["usable"])


def summary(label: str, latencies: list[float], finished: int, usable: int, runs: int) -> str:
    if not latencies:
        return f"  {label:<44} every run finished before its interrupt ({runs})"
    worst = max(latencies)
    return (
        f"  {label:<44} p50 {ms(p50(latencies)):>6} ms, p95 {ms(percentile(latencies, 95)):>6} ms,"
        f" max {ms(worst):>6} ms over {len(latencies)}; finished first {finished};"
        f" usable after {usable} of {runs}"
    )


def bench(n: int, runs: int) -> None:
    path = ensure_library(n)
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\n{n:,} articles ({path.name}); load {load}")
    floor_sql = FLOOR_SQL.format(join="", filters="")
    floor_args = [HS, HE, LONG_MATCH, LIMIT]
    rng = random.Random(15)
    results: dict[str, tuple[list[float], int, int]] = {
        "ours, a long statement": ([], 0, 0),
        "ours, library.search.run (said --since)": ([], 0, 0),
        "raw SQLite, the same long statement": ([], 0, 0),
    }
    raw: dict[str, sqlite3.Connection] = {}
    with Library.open(path) as library:
        worker = Worker()

        def open_raw() -> None:
            raw["conn"] = sqlite3.connect(path)

        worker.jobs.put(open_raw)

        def long_read() -> None:
            with library.interruptible() as read:
                read.conn.execute(floor_sql, floor_args).fetchall()

        def public_search() -> None:
            library.search.run("said", limit=LIMIT, since="2020-01-01")

        def raw_read() -> None:
            raw["conn"].execute(floor_sql, floor_args).fetchall()

        def library_answers() -> bool:
            return bool(library.search.run("sanctions", limit=5))

        def raw_answers() -> bool:
            return bool(raw["conn"].execute("SELECT count(*) FROM articles").fetchone()[0])

        cases = [
            ("ours, a long statement", long_read, library.interrupt, (Cancelled,),
             library_answers, (0.005, 0.040)),
            ("ours, library.search.run (said --since)", public_search, library.interrupt,
             (Cancelled,), library_answers, (0.002, 0.020)),
            ("raw SQLite, the same long statement", raw_read, lambda: raw["conn"].interrupt(),
             (sqlite3.OperationalError,), raw_answers, (0.005, 0.040)),
        ]  # fmt: skip
        for _ in range(2):  # warm the page cache and the statement caches
            worker.jobs.put(long_read)
            worker.jobs.put(public_search)
        for _ in range(runs):
            for label, statement, stop, stopped, after, (low, high) in cases:
                latency, ok = one_run(
                    worker, statement, stop, stopped, after, rng.uniform(low, high)
                )
                latencies, finished, usable = results[label]
                if latency is None:
                    finished += 1
                else:
                    latencies.append(latency)
                results[label] = (latencies, finished, usable + ok)
        worker.jobs.put(lambda: raw["conn"].close())
        worker.stop()
    for label, (latencies, finished, usable) in results.items():
        print(summary(label, latencies, finished, usable, runs))
    worst = max(max(results[label][0], default=0.0) for label in list(results)[:2])
    print(f"  ours, worst of all: {ms(worst)} ms ({verdict(worst < TARGET_S)}: target < 20 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000])
    parser.add_argument("--runs", type=int, default=30, help="interrupts of each case")
    args = parser.parse_args()
    for n in args.sizes:
        bench(n, args.runs)


if __name__ == "__main__":
    main()

"""A backup of the N-article library beside a plain file copy, and the longest pause it
causes to searches running meanwhile.

    .venv/bin/python bench/backup.py [N] [--seconds 4]

The library is the cached bench library (build_library.py; default 100,000 articles, about
550 MB), copied to bench/out/backup-N.sqlite so that its backups go to bench/out (and are
deleted at the end). Figures, each beside its baseline from the same run:

- the backup as the app makes it (`library.backups.make`: SQLite's online backup API in
  steps of 256 pages over one read snapshot, the app's 2 ms pause between steps, then the
  switch to one rollback-journal file, `PRAGMA integrity_check`, fsync and rename), split into
  the copy and the check, beside `shutil.copyfile` of the same file and a bare
  `PRAGMA integrity_check` of it;
- searches (a fixed mix, run back to back on the main thread as the app runs them on its
  GUI thread) for `--seconds` without a backup, then while the app's backup runs on a
  thread of its own: p50, p95 and the longest, and the longest pause the backup caused
  (the longest search during it, less the median of the same query without it). Target:
  under 50 ms.

The page cache is warmed by reading the file once before anything is timed, so that the
copy, the backup and the searches all read from memory, as a library used daily does.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import threading
import time

from _common import OUT, ensure_library, ms, p50, percentile, verdict

from briefing.core import Library

QUERIES = ("said", "sanction*", '"prime minister"', "oil prices", "kipchoge")
PAUSE_S = 0.002  # what briefing/ui/actions/backups.py waits between steps


def warm(path: os.PathLike[str]) -> None:
    with open(path, "rb") as handle:
        while handle.read(16 << 20):
            pass


def search_loop(library: Library, seconds: float, stop: threading.Event | None = None):
    """Searches back to back for `seconds` (or until `stop`): [(query, seconds)]."""
    times: list[tuple[str, float]] = []
    deadline = time.perf_counter() + seconds
    k = 0
    while time.perf_counter() < deadline and not (stop is not None and stop.is_set()):
        query = QUERIES[k % len(QUERIES)]
        started = time.perf_counter()
        library.search.run(query, limit=20)
        times.append((query, time.perf_counter() - started))
        k += 1
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument(
        "--nice",
        type=int,
        default=10,
        help="the backup thread's niceness, as the app sets it on Linux (0: as any thread)",
    )
    args = parser.parse_args()
    source = ensure_library(args.n)
    path = OUT / f"backup-{args.n}.sqlite"
    shutil.copyfile(source, path)
    folder = path.with_name(path.name + "-backups")
    shutil.rmtree(folder, ignore_errors=True)
    size = path.stat().st_size
    print(f"{args.n:,} articles, {size / 1e6:,.0f} MB; load average {os.getloadavg()[0]:.2f}")
    warm(path)

    # Baselines: a plain copy of the file, and a bare integrity check of it.
    copies = []
    for _ in range(3):
        started = time.perf_counter()
        shutil.copyfile(path, OUT / "backup-plain-copy.sqlite")
        copies.append(time.perf_counter() - started)
    (OUT / "backup-plain-copy.sqlite").unlink()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    started = time.perf_counter()
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    bare_check = time.perf_counter() - started
    conn.close()

    library = Library.open(path)
    library.search.run("warm up")

    # The backup alone, as the app makes it.
    copied_at: list[float] = []

    class Recorder:
        def update(self, done: int, total: int, label: str = "") -> None:
            if done >= total:
                copied_at.append(time.perf_counter())

        def check(self) -> None:
            pass

    started = time.perf_counter()
    backup = library.backups.make("manual", progress=Recorder(), pause=lambda: time.sleep(PAUSE_S))
    total = time.perf_counter() - started
    copy_phase = copied_at[0] - started if copied_at else float("nan")
    print(
        f"plain file copy            p50 {ms(p50(copies)):>6} ms   (3 runs: "
        f"{', '.join(ms(c) for c in copies)})"
    )
    print(f"bare integrity_check           {ms(bare_check):>6} ms")
    print(
        f"backup, as the app makes   {ms(total):>10} ms   = copy {ms(copy_phase)} ms "
        f"+ journal switch, integrity_check, fsync, rename {ms(total - copy_phase)} ms"
    )
    print(
        f"  ratio to the plain copy: copy phase {copy_phase / p50(copies):.1f}x, "
        f"whole {total / p50(copies):.1f}x; backup {backup.size / 1e6:,.0f} MB, "
        f"{backup.articles:,} articles"
    )

    # Searches without a backup, then while one runs on another thread (as in the app).
    alone = search_loop(library, args.seconds)
    done = threading.Event()
    result: dict[str, float] = {}

    def back_up() -> None:
        if args.nice:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), args.nice)
        with Library.open(path) as other:
            began = time.perf_counter()
            other.backups.make("manual", pause=lambda: time.sleep(PAUSE_S))
            result["seconds"] = time.perf_counter() - began
        done.set()

    worker = threading.Thread(target=back_up)
    worker.start()
    during = search_loop(library, 600, stop=done)
    worker.join()
    medians = {q: statistics.median([t for query, t in alone if query == q]) for q in QUERIES}
    for label, times in (("searches alone", alone), ("during the backup", during)):
        values = [t for _q, t in times]
        excess = [t - medians[q] for q, t in times]
        print(
            f"{label:26} n {len(values):>5}   p50 {ms(p50(values)):>6} ms   "
            f"p95 {ms(percentile(values, 95)):>6} ms   max {ms(max(values)):>6} ms   "
            f"longest over its query's median {ms(max(excess))} ms"
        )
    pauses = [t - medians[q] for q, t in during]
    noise = max(t - medians[q] for q, t in alone)
    caused = max(pauses) - noise
    print(
        f"longest pause the backup caused a search: {ms(max(caused, 0))} ms beyond the "
        f"longest without it (target < 50 ms: {verdict(caused < 0.050)}); the backup took "
        f"{ms(result['seconds'])} ms meanwhile (niceness {args.nice})"
    )
    print(f"load average {os.getloadavg()[0]:.2f}")
    library.close()
    shutil.rmtree(folder, ignore_errors=True)
    path.unlink()


if __name__ == "__main__":
    main()

"""The team library against a local PostgreSQL: first join, syncs, and ten analysts at once.

    .venv/bin/python bench/team.py [10000 100000] [--soak SECONDS] [--analysts 10]
    .venv/bin/python bench/team.py --soak 300        # the soak alone

Starts a throwaway PostgreSQL cluster of its own (tests/postgres.py: Debian's postgresql
package, as root it runs as the postgres user; fsync off, as for the tests), then for each
size, on a copy of the cached library of N articles (bench/build_library.py):

- first join (upload of every article): beside a raw `COPY` of the same rows (the articles'
  columns and uids, read from the same file) into a plain table, in the same run, and into
  lz4-compressed columns as the team's data is. Target: join <= 3x raw COPY.
- a second, empty library joining (download of every article), beside a raw INSERT of the
  same rows into a fresh library (the full-text index's triggers are most of the cost).
- a sync with nothing to do, p50 of 7. Target: < 100 ms at every size.
- 1,000 articles given another outlet (in the full-text index until schema 9, beside it
  since) in one transaction, then the sync that pushes them, and the other library's sync
  that pulls them, beside the time the edits took in the library itself; then the same with
  another author (never in the index).
  Target: < 2 s each (--fields: which, in what order; a field twice is edited twice). Then
  the other library's idle sync.

--soak: ten simulated analysts (threads, a library each, starting from the worked example),
each making 100 changes (new sources, claim grades and tags) then syncing, in a loop for the
time given (default 300 s); then each syncs twice more and the libraries must hold the same
records, every source made exactly once. Prints the loops, syncs and changes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from _common import ensure_library, ms, verdict  # noqa: E402

from briefing.core import Library  # noqa: E402
from tests import postgres as pg  # noqa: E402
from tests.core.team.conftest import records  # noqa: E402

COLUMNS = (
    "id, uid, title, title_proposed, outlet, agency, author, dateline, date, url, language, "
    "source_format, content_hash, imported_at, text, original"
)


def load() -> str:
    return f"load {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"


def raw_copy(cluster: pg.Cluster, path: Path, compression: str = "") -> float:
    """The baseline: the same article rows, read from the library and COPYed into a table
    (its columns as PostgreSQL has them by default; `compression`: "lz4", as the team
    library's data column has it since its schema 2)."""
    import sqlite3

    import psycopg

    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS raw_articles")
        large = f" COMPRESSION {compression}" if compression else ""
        conn.execute(
            "CREATE TABLE raw_articles (id bigint, uid text PRIMARY KEY, title text, "
            "title_proposed int, outlet text, agency text, author text, dateline text, "
            f"date text, url text, language text, source_format text, content_hash text, "
            f"imported_at text, text text{large}, original text{large})"
        )
        start = time.perf_counter()
        source = sqlite3.connect(path)
        with conn.cursor().copy(f"COPY raw_articles ({COLUMNS}) FROM STDIN") as copy:
            for row in source.execute(f"SELECT {COLUMNS} FROM articles"):
                copy.write_row(row)
        source.close()
        return time.perf_counter() - start


def raw_insert(path: Path, folder: Path) -> float:
    """The download's baseline: the same article rows inserted with one plain executemany
    into a fresh library (its schema: the full-text index and journal triggers fire)."""
    import sqlite3

    columns = f"{COLUMNS.replace('id, ', '', 1)}, date_start, date_end"
    rows = sqlite3.connect(path).execute(f"SELECT {columns} FROM articles").fetchall()
    target = folder / "raw-insert.sqlite"
    Library.open(target).close()
    conn = sqlite3.connect(target, isolation_level=None)
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(
        f"INSERT INTO articles ({columns}) VALUES ({', '.join('?' * len(rows[0]))})", rows
    )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    for side in ("", "-wal", "-shm"):
        target.with_name(target.name + side).unlink(missing_ok=True)
    return elapsed


def sizes(cluster: pg.Cluster, n: int, folder: Path, fields: list[str]) -> None:
    print(f"\n== {n:,} articles ({load()})")
    original = ensure_library(n)
    path = folder / f"a-{n}.sqlite"
    shutil.copy(original, path)
    a = Library.open(path)  # migrated to this schema before anything is timed
    a.settings.set_user_name("A. Analyst")
    count = a.articles.count()
    baseline = raw_copy(cluster, path)
    lz4 = raw_copy(cluster, path, "lz4")
    team = f"bench{n}"
    url = cluster.url()
    start = time.perf_counter()
    report = a.team.join(url, team)
    joined = time.perf_counter() - start
    ratio = joined / baseline
    print(
        f"first join: {joined:.1f} s for {report.pushed:,} records; raw COPY of the "
        f"{count:,} rows {baseline:.1f} s: {ratio:.2f}x (target <= 3x) {verdict(ratio <= 3)}; "
        f"into lz4 columns, as the team's data is, {lz4:.1f} s: {joined / lz4:.2f}x"
    )
    inserted = raw_insert(path, folder)
    b = Library.open(folder / f"b-{n}.sqlite")
    start = time.perf_counter()
    report = b.team.join(url, team)
    download = time.perf_counter() - start
    print(
        f"second library joins (download): {download:.1f} s for {report.pulled:,} records; "
        f"a raw INSERT of the same rows into a fresh library (its full-text and journal "
        f"triggers) {inserted:.1f} s: {download / inserted:.2f}x"
    )
    idle = []
    for _ in range(7):
        start = time.perf_counter()
        assert a.team.sync().pushed == 0
        idle.append(time.perf_counter() - start)
    p50 = statistics.median(idle)
    print(f"sync with nothing to do: p50 {ms(p50)} ms (target < 100 ms) {verdict(p50 < 0.1)}")
    ids = a.articles.ids()[:1000]
    schema = a.connection().execute("PRAGMA user_version").fetchone()[0]
    outlet_indexed = "in" if schema < 9 else "not in"  # db/009_outlet_beside_the_index.sql
    for round_, field in enumerate(fields):
        indexed = outlet_indexed if field == "outlet" else "not in"
        start = time.perf_counter()
        with a.transaction():
            for i, article_id in enumerate(ids):
                a.articles.edit(article_id, **{field: f"Bench {field} {round_} {i % 7}"})
        edit = time.perf_counter() - start
        start = time.perf_counter()
        pushed = a.team.sync().pushed
        push = time.perf_counter() - start
        start = time.perf_counter()
        pulled = b.team.sync().pulled
        pull = time.perf_counter() - start
        print(
            f"sync of 1,000 articles given another {field} (an {field} is {indexed} the "
            f"full-text index): push {push * 1000:.0f} ms ({pushed} records), pull elsewhere "
            f"{pull * 1000:.0f} ms ({pulled}) (target < 2 s) {verdict(max(push, pull) < 2)}; "
            f"the same edits made in the library {edit * 1000:.0f} ms"
        )
    idle = []
    for _ in range(7):
        start = time.perf_counter()
        assert b.team.sync().pulled == 0
        idle.append(time.perf_counter() - start)
    p50 = statistics.median(idle)
    print(
        f"the downloaded library's sync with nothing to do: p50 {ms(p50)} ms (target < 100 ms) "
        f"{verdict(p50 < 0.1)}"
    )
    a.close()
    b.close()


def soak(cluster: pg.Cluster, seconds: float, analysts: int, folder: Path) -> bool:
    print(f"\n== {analysts} analysts, 100 changes each per loop, {seconds:.0f} s ({load()})")
    url, team = cluster.url(), "soak"
    first = Library.open(folder / "soak-0.sqlite")
    first.load_sample()
    first.team.join(url, team)
    libraries = [first]
    for i in range(1, analysts):
        library = Library.open(folder / f"soak-{i}.sqlite")
        library.team.join(url, team)
        libraries.append(library)
        library.close()
    first.close()
    made: list[list[str]] = [[] for _ in range(analysts)]
    syncs = [0] * analysts
    errors: list[str] = []
    deadline = time.monotonic() + seconds

    def work(i: int) -> None:
        library = Library.open(folder / f"soak-{i}.sqlite")
        library.settings.set_user_name(f"Analyst {i}")
        loop = 0
        try:
            while time.monotonic() < deadline:
                loop += 1
                claims = library.claims.list()
                with library.transaction():
                    for k in range(90):
                        title = f"analyst {i} loop {loop} source {k}"
                        library.sources.add(title=title, kind="document")
                        made[i].append(title)
                    for k, claim in enumerate(claims[:10]):
                        library.claims.edit(claim.id, grade=1 + (loop + k + i) % 6,
                                            add_tags=[f"a{i}"])  # fmt: skip
                library.team.sync()
                syncs[i] += 1
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(f"analyst {i}: {exc!r}")
        finally:
            library.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(analysts)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    opened = [Library.open(folder / f"soak-{i}.sqlite") for i in range(analysts)]
    for _ in range(2):
        for library in opened:
            library.team.sync()
    snapshots = [records(library) for library in opened]
    same = all(s == snapshots[0] for s in snapshots)
    titles = [s.title for s in opened[0].sources.list()]
    wanted = [t for titles_of in made for t in titles_of]
    exact = sorted(t for t in titles if t.startswith("analyst ")) == sorted(wanted)
    conflicts = sum(len(library.team.conflicts()) for library in opened)
    for library in opened:
        library.close()
    print(
        f"{sum(syncs)} syncs in {elapsed:.0f} s, {len(wanted):,} sources made "
        f"(+{10 * sum(syncs):,} claim edits); errors: {len(errors)}"
    )
    for line in errors[:5]:
        print("  ", line)
    print(
        f"all {analysts} libraries the same: {same}; every source exactly once: {exact}; "
        f"grade conflicts recorded: {conflicts} {verdict(same and exact and not errors)}"
    )
    return same and exact and not errors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "sizes", nargs="*", type=int, help="default 10000 100000 (none with --soak)"
    )
    parser.add_argument("--soak", type=float, default=0, metavar="SECONDS")
    parser.add_argument("--analysts", type=int, default=10)
    parser.add_argument(
        "--fields",
        nargs="+",
        choices=("outlet", "author"),
        default=["outlet", "author"],
        help="the article fields 1,000 edits change, one sync each, in this order",
    )
    args = parser.parse_args()
    if not args.sizes and not args.soak:
        args.sizes = [10_000, 100_000]
    bindir = pg.find_bindir()
    if bindir is None:
        sys.exit(pg.NO_POSTGRES)
    cluster = pg.start(bindir)
    folder = Path(tempfile.mkdtemp(prefix="briefing-team-bench-"))
    try:
        start = time.perf_counter()
        os.system("true")
        print(f"baseline: a process start (`true`) {ms(time.perf_counter() - start)} ms; {load()}")
        for n in args.sizes:
            sizes(cluster, n, folder, args.fields)
        if args.soak:
            soak(cluster, args.soak, args.analysts, folder)
    finally:
        pg.stop(cluster)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

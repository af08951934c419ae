"""Build benchmark libraries of N articles and measure import throughput against raw SQLite.

    .venv/bin/python bench/build_library.py 10000 100000 [--force] [--profile]

The 3,000 real articles of the corpus (2,867 distinct bodies: the BBC set repeats some) are
repeated until there are N. Copy k of a text differs from the other copies by its dateline
(place and date, prepended in wire style: "LONDON, Mar 3, 2019 - ..."), so every copy has its
own text and the duplicate detection keeps it; copies after the first also get an "UPDATE k-"
title and another of 12 outlets.
The import goes through the real core API, `library.imports.texts(..., source_format="text")`,
one call (one transaction) per outlet, the outlet given as import metadata; the date comes
from the dateline, as it does for wire copy.

The baseline is the same rows (read back from the built library) inserted with one plain
sqlite3 `executemany` into a fresh database with the same schema (every script in db/, in
order) and pragmas (WAL, synchronous=NORMAL), FTS kept up to date by the same triggers.
Target: ours >= 0.5x raw.

The library is cached as bench/out/library-N-gV.sqlite for the other benchmarks; an existing
one is kept unless --force.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import sqlite3
import sys
import time
from pathlib import Path

from _common import CORPUS_TEXT, OUT, ROOT, library_path, migration_sql, verdict

from briefing.core import Library, Metadata
from briefing.core.migrate import split_statements

OUTLETS = (
    "BBC News",
    "Reuters",
    "Wikinews (en)",
    "Associated Press",
    "Agence France-Presse",
    "The Guardian",
    "Al Jazeera",
    "Deutsche Welle",
    "The Straits Times",
    "South China Morning Post",
    "The Hindu",
    "ABC News Australia",
)
PLACES = (
    "LONDON",
    "WASHINGTON",
    "NEW YORK",
    "HONG KONG",
    "PARIS",
    "BERLIN",
    "TOKYO",
    "NAIROBI",
    "SYDNEY",
    "SINGAPORE",
    "BRUSSELS",
    "MOSCOW",
    "SAO PAULO",
    "JOHANNESBURG",
    "NEW DELHI",
    "BEIJING",
)
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
FIRST_DAY = dt.date(2000, 1, 1)
SPAN_DAYS = 9125  # 25 years; 263 is prime to it, so copies of one text never share a date
# uid too: a row inserted without one gets one from a trigger, which rewrites the row; the
# raw baseline inserts the rows exactly as ours stored them, uids included.
COLUMNS = (
    "title, title_proposed, outlet, agency, author, dateline, date, date_start, date_end, "
    "url, language, source_format, source_path, content_hash, imported_at, text, original, uid"
)


def base_articles() -> list[tuple[str, str, str]]:
    """(title, body, outlet) of each distinct corpus text, in file-name order."""
    seen: set[str] = set()
    bases = []
    for path in sorted(CORPUS_TEXT.glob("*.txt")):
        title, _, body = path.read_text("utf-8").partition("\n\n")
        body = body.strip()
        if body in seen:  # the BBC set holds 98 exact duplicate pairs
            continue
        seen.add(body)
        name = path.name
        outlet = (
            "BBC News"
            if name.startswith("bbc-")
            else "Reuters"
            if name.startswith("reuters")
            else "Wikinews (en)"
        )
        bases.append((title.strip(), body, outlet))
    return bases


def generate(n: int, bases: list[tuple[str, str, str]]) -> dict[str, list[tuple[str, str]]]:
    """N (name, text) items grouped by outlet; every text distinct."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for index in range(n):
        i, k = index % len(bases), index // len(bases)
        title, body, outlet = bases[i]
        if k:
            title = f"UPDATE {k}-{title}"
            outlet = OUTLETS[(i + k) % len(OUTLETS)]
        day = FIRST_DAY + dt.timedelta(days=(i * 7 + k * 263) % SPAN_DAYS)
        place = PLACES[(i + k) % len(PLACES)]
        dateline = f"{place}, {MONTHS[day.month - 1]} {day.day}, {day.year} - "
        groups.setdefault(outlet, []).append((f"bench-{index:07d}", f"{title}\n\n{dateline}{body}"))
    return groups


def import_ours(path: Path, groups: dict[str, list[tuple[str, str]]]) -> tuple[float, int]:
    """Import every group through the core; return (seconds, articles stored)."""
    stored = 0
    with Library.open(path) as library:
        started = time.perf_counter()
        for outlet, items in groups.items():
            results = library.imports.texts(
                items, source_format="text", metadata=Metadata(outlet=outlet)
            )
            bad = [r for r in results if r.status != "imported"]
            if bad:
                sys.exit(f"{len(bad)} items were not imported, e.g. {bad[0]}")
            stored += len(results)
        elapsed = time.perf_counter() - started
    return elapsed, stored


def import_raw(rows: list[tuple], path: Path) -> float:
    """executemany the rows into a fresh database with the same schema; return seconds."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    # Migration 005 reports its index build through this function, which migrate() defines.
    conn.create_function("briefing_progress", 2, lambda _label, _total: 1)
    conn.execute("BEGIN")
    for script in migration_sql():
        for statement in split_statements(script):
            conn.execute(statement)
    conn.execute("COMMIT")
    marks = ", ".join("?" * len(COLUMNS.split(",")))
    started = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(f"INSERT INTO articles ({COLUMNS}) VALUES ({marks})", rows)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    assert count == len(rows), (count, len(rows))
    return elapsed


def build(n: int, *, profile: bool = False) -> None:
    target = library_path(n)
    scratch = OUT / f"building-{n}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    bases = base_articles()
    groups = generate(n, bases)
    print(f"{n:,} articles from {len(bases):,} distinct corpus texts, {len(groups)} outlets")

    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    ours, stored = import_ours(scratch, groups)
    if profiler:
        profiler.disable()
    assert stored == n, (stored, n)

    conn = sqlite3.connect(scratch)
    rows = conn.execute(f"SELECT {COLUMNS} FROM articles ORDER BY id").fetchall()
    conn.close()
    raw = import_raw(rows, OUT / f"raw-{n}.sqlite")
    scratch.replace(target)

    ours_rate, raw_rate = n / ours, n / raw
    ratio = ours_rate / raw_rate
    print(f"  ours (library.imports.texts): {ours:7.2f} s  {ours_rate:9,.0f} articles/s")
    print(f"  raw  (sqlite3 executemany):   {raw:7.2f} s  {raw_rate:9,.0f} articles/s")
    print(f"  ratio ours/raw: {ratio:.2f}x  (target >= 0.5x: {verdict(ratio >= 0.5)})")
    if n >= 100_000:
        print(f"  {n:,} imported in {ours:.1f} s (target < 60 s: {verdict(ours < 60)})")
    size = target.stat().st_size / 1_048_576
    print(f"  saved {target.relative_to(ROOT)} ({size:.0f} MB)")
    if profiler:
        print("  profile of our import (top 15 by own time):")
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="+", type=int, help="article counts, e.g. 10000 100000")
    parser.add_argument("--force", action="store_true", help="rebuild a cached library")
    parser.add_argument("--profile", action="store_true", help="cProfile our import")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    for n in args.sizes:
        if library_path(n).exists() and not args.force:
            print(f"{library_path(n).name} exists (cached); --force rebuilds and re-measures")
            continue
        build(n, profile=args.profile)


if __name__ == "__main__":
    main()

"""Search latency over the benchmark libraries: ours vs raw FTS5 SQL vs grep.

    .venv/bin/python bench/search.py [SIZES ...] [--runs 30] [--grep-runs 5] [--budget 20]

For each library (10,000 and 100,000 articles unless SIZES are given; built with
build_library.py if missing) and each query of a fixed mix, times:

  ours  library.search.run(query, limit=20, ...): top 20 with snippets, as the CLI and app do;
  raw   the same SQL as briefing/core/search/service.py, written out by hand, on a plain sqlite3
        connection to the same file (same rows, same snippets; checked);
  grep  `grep -r -l -i -F` over the same texts written one file per article under
        bench/out/grep-N-gV/<outlet>/ (written once); two words are two greps joined by xargs,
        the outlet filter greps that outlet's folder (and, on a second line, every file,
        keeping the paths in that folder), the date filter has no grep equivalent.

Prints p50/p95 per query and overall (all runs pooled), ours/raw (target <= 1.2x) and the
speedup over grep (target >= 100x), pooled and read three more ways (whole mix, geometric
mean, worst query); then Library.open time on the existing file (median of
15; target < 50 ms) and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import math
import re
import shlex
import sqlite3
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from _common import (
    DEFAULT_SIZES,
    GENERATOR_VERSION,
    OUT,
    ensure_library,
    ms,
    p50,
    peak_rss_mb,
    percentile,
    verdict,
)

from briefing.core import Library
from briefing.core.library import CACHE_KIB
from briefing.core.search.service import RANK_WINDOW

LIMIT = 20
SLOW_MS = 50  # a query slower than this at p95 is called out
WIDTH = 42  # of the query column


@dataclass(frozen=True)
class Query:
    label: str
    typed: str  # what the reader types
    match: str  # the FTS5 MATCH expression, written out for the raw SQL
    filters: dict[str, str] = field(default_factory=dict)
    grep: tuple[str, ...] = ()  # fixed strings, ANDed; empty: no grep equivalent


QUERIES = (
    Query("rare word", "kipchoge", "kipchoge", grep=("kipchoge",)),
    Query("common word", "said", "said", grep=("said",)),
    Query("phrase", '"prime minister"', '"prime minister"', grep=("prime minister",)),
    Query("prefix", "sanction*", "sanction*", grep=("sanction",)),
    Query("two words", "oil prices", "oil prices", grep=("oil", "prices")),
    Query("outlet", "election", "election", {"outlet": "The Guardian"}, grep=("election",)),
    Query("since", "economy", "economy", {"since": "2020-01-01"}),
)

# The raw baseline runs the statements our search runs, straight on sqlite3: the best ids by
# bm25 among the newest RANK_WINDOW matches that pass the filters (the outlet inside the
# index, as its key token; dates by the covering index of db/003), then snippets for those
# ids. What is left between the two columns is our Python overhead.
TOP_SQL = """
    SELECT id, score FROM (
        SELECT articles_fts.rowid AS id, bm25(articles_fts, 10.0, 1.0, 0.0) AS score
        FROM articles_fts {join}
        WHERE articles_fts MATCH ? {filters}
        ORDER BY articles_fts.rowid DESC LIMIT ?)
    ORDER BY score, id DESC LIMIT ?"""
DATES_JOIN = "CROSS JOIN articles a INDEXED BY articles_search_dates ON a.id = articles_fts.rowid"
SNIPPET_SQL = """
    SELECT a.id, a.title, a.outlet, a.date, snippet(articles_fts, 1, ?, ?, '…', 24)
    FROM articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid
    WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({marks})"""
COUNT_SQL = """
    SELECT count(*) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
    WHERE articles_fts MATCH ? {filters}"""


def index_match(query: Query) -> str:
    """The MATCH expression, with the outlet's key token ANDed when filtered by outlet."""
    if "outlet" not in query.filters:
        return query.match
    key = query.filters["outlet"].encode().lower().hex()
    return f'({query.match}) AND outlet_key : "\ue002{key}\ue002"'


def raw_filters(query: Query, *, outlet: bool) -> tuple[str, list[object]]:
    clauses, params = "", []
    if outlet and "outlet" in query.filters:
        clauses += " AND a.outlet = ? COLLATE NOCASE"
        params.append(query.filters["outlet"])
    if "since" in query.filters:
        clauses += " AND a.date_end >= ?"
        params.append(query.filters["since"])
    return clauses, params


def raw_search(conn: sqlite3.Connection, query: Query) -> list[tuple]:
    """The rows our search returns, by the same SQL, in rank order."""
    clauses, params = raw_filters(query, outlet=False)
    sql = TOP_SQL.format(join=DATES_JOIN if clauses else "", filters=clauses)
    top = conn.execute(sql, [index_match(query), *params, RANK_WINDOW, LIMIT]).fetchall()
    if not top:
        return []
    sql = SNIPPET_SQL.format(marks=",".join("?" * len(top)))
    rows = conn.execute(sql, ["\ue000", "\ue001", query.match, *(i for i, _ in top)])
    found = {row[0]: row for row in rows}
    return [found[i] for i, _ in top if i in found]


def match_count(conn: sqlite3.Connection, query: Query) -> int:
    """How many articles match, by plain SQL over the articles table (not by the outlet key)."""
    clauses, params = raw_filters(query, outlet=True)
    return conn.execute(COUNT_SQL.format(filters=clauses), [query.match, *params]).fetchone()[0]


def slug(outlet: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (outlet or "none").lower()).strip("-")


def grep_folder(n: int, library_file: Path) -> Path:
    """The library's articles as files (title, blank line, text), one folder per outlet."""
    folder = OUT / f"grep-{n}-g{GENERATOR_VERSION}"
    done = folder / ".complete"
    if done.exists():
        return folder
    print(f"[writing {n:,} articles as files under {folder.name}/ for grep]", flush=True)
    conn = sqlite3.connect(library_file)
    for id_, title, outlet, text in conn.execute("SELECT id, title, outlet, text FROM articles"):
        sub = folder / slug(outlet)
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{id_}.txt").write_text(f"{title}\n\n{text}\n", "utf-8")
    conn.close()
    done.touch()
    return folder


def grep_command(query: Query, folder: Path, *, whole: bool = False) -> str:
    """The grep pipeline for `query`. An outlet filter greps that outlet's folder only, or with
    `whole` greps every file and keeps the paths in that outlet's folder."""
    outlet = query.filters.get("outlet")
    where = folder / slug(outlet) if outlet and not whole else folder
    first, *rest = query.grep
    command = f"grep -r -l -i -F -Z -e {shlex.quote(first)} {shlex.quote(str(where))}"
    if outlet and whole:
        command += f" | grep -z -F -e {shlex.quote(f'/{slug(outlet)}/')}"
    for word in rest:
        command += f" | xargs -0 -r grep -l -i -F -Z -e {shlex.quote(word)}"
    return command


def time_grep(command: str, runs: int) -> list[float]:
    samples = []
    for attempt in range(runs + 1):  # the first run warms the page cache and is not kept
        started = time.perf_counter()
        subprocess.run(["sh", "-c", command], capture_output=True, check=False)
        if attempt:
            samples.append(time.perf_counter() - started)
    return samples


def time_pair(library: Library, raw: sqlite3.Connection, query: Query, runs: int, budget: float):
    """Alternate ours and raw runs (after a warm-up) until `runs` or the time budget."""
    for _ in range(2):
        hits = library.search.run(query.typed, limit=LIMIT, **query.filters)
        rows = raw_search(raw, query)
    same = [h.id for h in hits] == [r[0] for r in rows] and [h.snippet for h in hits] == [
        r[4] for r in rows
    ]
    ours, theirs = [], []
    started = time.perf_counter()
    while len(ours) < runs and (len(ours) < 5 or time.perf_counter() - started < budget):
        t0 = time.perf_counter()
        library.search.run(query.typed, limit=LIMIT, **query.filters)
        t1 = time.perf_counter()
        raw_search(raw, query)
        t2 = time.perf_counter()
        ours.append(t1 - t0)
        theirs.append(t2 - t1)
    return ours, theirs, same


def open_times(path: Path, runs: int = 15) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        library = Library.open(path)
        samples.append(time.perf_counter() - started)
        library.close()
    return samples


def spread(samples: list[float]) -> str:
    """ "p50/p95" in milliseconds."""
    return f"{ms(p50(samples)):>7}/{ms(percentile(samples, 95)):<7}"


def line(label: str, matches: str, ours: list[float], raw: list[float], grep: str, rest: str):
    ratio = p50(ours) / p50(raw)
    head = f"{label[:WIDTH]:<{WIDTH}} {matches:>8}"
    print(f"{head} {spread(ours)} {spread(raw)} {ratio:>7.2f}x {grep}{rest}")


def readings(per_query: list[tuple[float, float, float]]) -> None:
    """The speedup over grep read three more ways than pooled medians: the whole mix's time
    (sum of the queries' p50s), the geometric mean of the queries' speedups and the slowest
    query's speedup; each with the outlet query's grep over its folder and over every file."""
    ours = [q[0] for q in per_query]
    print("speedup vs grep read other ways (outlet query's grep over its folder / all files):")
    ways = {
        "whole mix (sum of p50s)": lambda greps: sum(greps) / sum(ours),
        "geometric mean": lambda greps: math.exp(
            statistics.fmean(math.log(g / o) for g, o in zip(greps, ours, strict=True))
        ),
        "worst query": lambda greps: min(g / o for g, o in zip(greps, ours, strict=True)),
    }
    for label, way in ways.items():
        folder, every = way([q[1] for q in per_query]), way([q[2] for q in per_query])
        print(f"  {label:<24} {folder:.0f}x / {every:.0f}x")


def bench(n: int, args: argparse.Namespace) -> None:
    path = ensure_library(n)
    folder = grep_folder(n, path) if args.grep_runs else None
    print(f"\n{n:,} articles ({path.name}, {path.stat().st_size / 1_048_576:.0f} MB)")
    print(
        f"{'query':<{WIDTH}} {'matches':>8} {'ours p50/p95 ms':>15} {'raw p50/p95 ms':>15}"
        f" {'ours/raw':>8} {'grep p50 ms':>11} {'vs grep':>7}  runs"
    )
    all_ours, all_raw, all_grep, grepped_ours, slow = [], [], [], [], []
    all_grep_whole = []  # the same, with the outlet query's grep over every file
    per_query = []  # (ours p50, grep p50, grep p50 with the outlet query over every file)
    raw = sqlite3.connect(path)
    # The same page cache as a Library connection (core/library.py), so the baseline differs
    # from ours only by our code.
    raw.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    with Library.open(path) as library:
        for query in QUERIES:
            matches = match_count(raw, query)
            ours, theirs, same = time_pair(library, raw, query, args.runs, args.budget)
            all_ours += ours
            all_raw += theirs
            grep_cells, whole_line = f"{'n/a':>11} {'n/a':>7}", None
            if folder is not None and query.grep:
                grep = time_grep(grep_command(query, folder), args.grep_runs)
                all_grep += grep
                grepped_ours += ours
                grep_cells = f"{ms(p50(grep)):>11} {p50(grep) / p50(ours):>6.0f}x"
                whole = grep
                if "outlet" in query.filters:
                    whole = time_grep(grep_command(query, folder, whole=True), args.grep_runs)
                    whole_line = f"{ms(p50(whole)):>11} {p50(whole) / p50(ours):>6.0f}x"
                all_grep_whole += whole
                per_query.append((p50(ours), p50(grep), p50(whole)))
            label = f"{query.label}: {query.typed}"
            if query.filters:
                label += " " + " ".join(f"--{k} {v}" for k, v in query.filters.items())
            note = "" if same else "  ROWS DIFFER"
            line(label, f"{matches:,}", ours, theirs, grep_cells, f"  {len(ours)}{note}")
            if whole_line:
                print(f"{'  same, grep over all files, kept the outlet':<{WIDTH + 41}}{whole_line}")
            if percentile(ours, 95) * 1000 > SLOW_MS:
                slow.append(f"{query.label} ({ms(percentile(ours, 95))} ms)")
    raw.close()

    # The grep comparison pools only the queries grep can answer.
    speedup = p50(all_grep) / p50(grepped_ours) if all_grep else 0.0
    grep_cells = f"{ms(p50(all_grep)):>11} {speedup:>6.0f}x" if all_grep else ""
    line("overall (all runs pooled)", "", all_ours, all_raw, grep_cells, "")
    ratio = p50(all_ours) / p50(all_raw)
    print(f"ours/raw overall {ratio:.2f}x (target <= 1.2x: {verdict(ratio <= 1.2)})")
    if all_grep:
        print(f"speedup vs grep overall {speedup:.0f}x (target >= 100x: {verdict(speedup >= 100)})")
        whole = p50(all_grep_whole) / p50(grepped_ours)
        print(f"  the same with the outlet query's grep over all files: {whole:.0f}x")
        readings(per_query)
    if slow:
        print(f"p95 above {SLOW_MS} ms: {', '.join(slow)}")
    opens = open_times(path)
    print(
        f"Library.open on the existing file: median {ms(statistics.median(opens))} ms, "
        f"max {ms(max(opens))} ms over {len(opens)} runs "
        f"(target < 50 ms: {verdict(statistics.median(opens) < 0.05)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(DEFAULT_SIZES))
    parser.add_argument("--runs", type=int, default=30, help="timed runs per query (ours, raw)")
    parser.add_argument("--grep-runs", type=int, default=5, help="timed grep runs; 0 skips grep")
    parser.add_argument(
        "--budget", type=float, default=20.0, help="seconds per query before runs are cut (>= 5)"
    )
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    for n in args.sizes:
        bench(n, args)
    print(f"\npeak RSS of this process: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

"""Search latency over the benchmark libraries: ours vs the FTS5 floor vs raw SQL vs grep.

    .venv/bin/python bench/search.py [SIZES ...] [--runs 30] [--grep-runs 5] [--budget 20]

For each library (10,000 and 100,000 articles unless SIZES are given; built with
build_library.py if missing) and each query of a fixed mix, times:

  ours   library.search.run(query, limit=20, ...): top 20 with snippets, as the CLI and app do;
  floor  the plain one-statement FTS5 ranking of every match: SELECT rowid, snippet(...) ...
         WHERE articles_fts MATCH ? ORDER BY bm25(...) LIMIT 20 (the filters in the same
         statement: from schema 9 the outlet as `+rowid IN` the outlet's ids read from its
         index, before it as its key token in the MATCH), on a plain sqlite3 connection;
  raw    the SQL of briefing/core/search/article_hits.py, written out by hand (same rows, same
         snippets; checked): what is left between ours and raw is our Python;
  grep   `grep -r -l -i -F` over the same texts written one file per article under
         bench/out/grep-N-gV/<outlet>/ (written once); 0 --grep-runs skips it.

Prints p50/p95 per query, ours/floor at p95 (target <= 1.2x, and ours under 150 ms at 100k),
ours/raw, the speedup over grep; then inputs that must be answered within the same bounds or
refused (a lone `*`, punctuation with a prefix star, NEAR with a huge distance, 10,000 words);
then Library.open time and the process's peak RSS. The raw column needs a library at schema 7
(db/007_search_index.sql); run on an older checkout (PYTHONPATH=that checkout) it shows n/a.
"""

from __future__ import annotations

import argparse
import math
import os
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

from briefing.core import BriefingError, Library

CACHE_KIB = 64 * 1024  # as core/thread_connections.py sets it
LIMIT = 20
TARGET_MS = 150  # every query at 100k
FLOOR_RATIO = 1.2
WIDTH = 40  # of the query column
HS, HE = "\ue000", "\ue001"


@dataclass(frozen=True)
class Query:
    label: str
    typed: str  # what the reader types
    match: str  # the FTS5 MATCH expression, written out for the floor and raw SQL
    filters: dict[str, str] = field(default_factory=dict)
    grep: tuple[str, ...] = ()  # fixed strings, ANDed; empty: no grep equivalent


QUERIES = (
    Query("rare word", "kipchoge", "kipchoge", grep=("kipchoge",)),
    Query("common word", "said", "said", grep=("said",)),
    Query("common words", "the said", "the said"),
    Query("phrase", '"prime minister"', '"prime minister"', grep=("prime minister",)),
    Query("prefix", "sanction*", "sanction*", grep=("sanction",)),
    Query("short prefix", "pre*", "pre*"),
    Query("4-letter prefix", "comp*", "comp*"),
    Query("two letters", "ka*", "ka*"),
    Query("one letter", "s*", "s*"),
    Query("one letter", "t*", "t*"),
    Query("one letter", "a*", "a*"),
    Query("rare one letter", "z*", "z*"),
    Query("two words", "oil prices", "oil prices", grep=("oil", "prices")),
    Query("word OR common word", "sanctions OR said", "sanctions OR said"),
    Query("outlet", "election", "election", {"outlet": "The Guardian"}, grep=("election",)),
    Query("common word, outlet", "said", "said", {"outlet": "The Guardian"}),
    # On a library whose Reuters wire texts have no outlet, their agency stands in.
    Query("common word, outlet or agency", "said", "said", {"outlet": "Reuters"}),
    Query("since", "economy", "economy", {"since": "2020-01-01"}),
    Query("common word, since", "said", "said", {"since": "2020-01-01"}),
)

# Inputs that are answered within the same bounds, or refused in one line.
BAD_INPUT = (
    ("a lone star", "*"),
    ("punctuation prefix", ".,;*"),
    ("NEAR, huge distance", "NEAR(said minister, 2000000000)"),
    ("10,000 words", " ".join(f"w{i}" for i in range(10_000))),
    ("a phrase of 10,000 words", '"' + " ".join(["the said"] * 5_000) + '"'),
    ("the said, 32 times", " ".join(["the said"] * 32)),
)

DATES_JOIN = "CROSS JOIN articles a INDEXED BY articles_search_dates ON a.id = articles_fts.rowid"
FLOOR_SQL = """
    SELECT articles_fts.rowid, snippet(articles_fts, 1, ?, ?, '…', 24)
    FROM articles_fts {join}
    WHERE articles_fts MATCH ? {filters}
    ORDER BY bm25(articles_fts, 10.0, 1.0, 0.0), articles_fts.rowid DESC LIMIT ?"""
# The raw mirror of article_hits.py: count the index's matches up to "most of the library"; then
# rank all of them, or take the newest (with date filters: rank the filtered ones, counting
# them in the same pass, and take the newest if they are still most); then read the
# snippets of the ones kept in a second statement, and their titles.
COUNT_SQL = """
    SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? {narrow} LIMIT ?)"""
RANK_SQL = """
    SELECT articles_fts.rowid, bm25(articles_fts, 10.0, 1.0, 0.0) AS score
    FROM articles_fts {join}
    WHERE articles_fts MATCH ? {filters}
    ORDER BY {order} LIMIT ?"""
FEW_SQL = """
    SELECT articles_fts.rowid, bm25(articles_fts, 10.0, 1.0, 0.0) AS score,
           snippet(articles_fts, 1, ?, ?, '…', 24)
    FROM articles_fts {join} WHERE articles_fts MATCH ? {filters}
    ORDER BY score, articles_fts.rowid DESC LIMIT ?"""
IN_RANGE_SQL = """
    SELECT count(*) FROM (SELECT 1 FROM articles a WHERE 1 {filters} LIMIT ?)"""
COUNTED_SQL = """
    SELECT id, score, count(*) OVER () FROM (
        SELECT articles_fts.rowid AS id, bm25(articles_fts, 10.0, 1.0, 0.0) AS score
        FROM articles_fts {join} WHERE articles_fts MATCH ? {filters})
    ORDER BY score, id DESC LIMIT ?"""
NEWEST_SQL = """
    SELECT articles_fts.rowid, bm25(articles_fts, 10.0, 1.0, 0.0),
           snippet(articles_fts, 1, ?, ?, '…', 24)
    FROM articles_fts WHERE articles_fts MATCH ? {narrow}
    ORDER BY articles_fts.rowid DESC LIMIT ?"""
SEEK_SNIPPETS_SQL = """
    SELECT rowid, snippet(articles_fts, 1, ?, ?, '…', 24) FROM articles_fts
    WHERE articles_fts MATCH ? AND rowid IN ({marks})"""
SNIPPETS_SQL = """
    SELECT rowid, snippet(articles_fts, 1, ?, ?, '…', 24) FROM articles_fts
    WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN ({marks})"""
TITLES_SQL = "SELECT id, title, outlet, date, uid FROM articles WHERE id IN ({marks})"
ALL_MATCHES_SQL = """
    SELECT count(*) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
    WHERE articles_fts MATCH ? {filters}"""


def schema(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


# The outlet as the lists show it (schema 11, db/011_agency_standing_for_outlet.sql): the
# article's outlet, or its agency when it has none; before schema 11, the outlet alone.
OUTLET_SQL = """ AND +articles_fts.rowid IN (
    SELECT id FROM articles INDEXED BY articles_outlet WHERE outlet = ? COLLATE NOCASE
    UNION ALL SELECT id FROM articles INDEXED BY articles_agency_alone
        WHERE ifnull(outlet, '') = '' AND agency = ? COLLATE NOCASE)"""
OUTLET_CONDITION = """(a.outlet = ? COLLATE NOCASE
    OR (ifnull(a.outlet, '') = '' AND a.agency = ? COLLATE NOCASE))"""
OUTLET_COUNT_SQL = """
    SELECT count(*) FROM (SELECT 1 FROM articles a WHERE {outlet} LIMIT ?)"""
OLD_OUTLET_SQL = """ AND +articles_fts.rowid IN (
    SELECT id FROM articles INDEXED BY articles_outlet WHERE outlet = ? COLLATE NOCASE)"""
OLD_OUTLET_CONDITION = "a.outlet = ? COLLATE NOCASE"


def outlet_condition(conn: sqlite3.Connection) -> tuple[str, int]:
    """The outlet filter on `a` at this schema, and how many times it takes the outlet."""
    return (OUTLET_CONDITION, 2) if schema(conn) >= 11 else (OLD_OUTLET_CONDITION, 1)


def narrow(conn: sqlite3.Connection, query: Query) -> tuple[str, list[object]]:
    """The outlet filter beside the MATCH (schema 9: db/009_outlet_beside_the_index.sql):
    each match's id tested against the outlet's ids, read once from its index (from schema
    11 its two indexes: the outlets', and the agencies' of the articles without one)."""
    if "outlet" not in query.filters or schema(conn) < 9:
        return "", []
    if schema(conn) < 11:
        return OLD_OUTLET_SQL, [query.filters["outlet"]]
    return OUTLET_SQL, [query.filters["outlet"]] * 2


def index_match(conn: sqlite3.Connection, query: Query) -> str:
    """The MATCH expression, with the outlet's key token ANDed when filtered by outlet: at
    schema 7 and 8 the upper hex of each spelling of the outlet, before it the lowered hex;
    from schema 9 the outlet is not in the index (see narrow())."""
    if "outlet" not in query.filters or schema(conn) >= 9:
        return query.match
    outlet = query.filters["outlet"]
    if schema(conn) >= 7:
        spellings = [
            row[0]
            for row in conn.execute(
                "SELECT DISTINCT outlet FROM articles WHERE outlet = ? COLLATE NOCASE", [outlet]
            )
        ]
        keys = " OR ".join(f'"\ue002{s.encode().hex().upper()}\ue002"' for s in spellings)
        return f"({query.match}) AND outlet_key : ({keys})"
    return f'({query.match}) AND outlet_key : "\ue002{outlet.encode().lower().hex()}\ue002"'


def raw_filters(
    conn: sqlite3.Connection, query: Query, *, outlet: bool
) -> tuple[str, list[object]]:
    clauses, params = "", []
    if outlet and "outlet" in query.filters:
        condition, times = outlet_condition(conn)
        clauses += f" AND {condition}"
        params += [query.filters["outlet"]] * times
    if "since" in query.filters:
        clauses += " AND a.date_end >= ?"
        params.append(query.filters["since"])
    return clauses, params


def floor_search(conn: sqlite3.Connection, query: Query) -> list[tuple]:
    clauses, params = raw_filters(conn, query, outlet=False)
    outlet, outlet_params = narrow(conn, query)
    sql = FLOOR_SQL.format(join=DATES_JOIN if clauses else "", filters=outlet + clauses)
    args = [HS, HE, index_match(conn, query), *outlet_params, *params, LIMIT]
    return conn.execute(sql, args).fetchall()


def fts_rows(conn: sqlite3.Connection) -> int:
    (n,) = conn.execute("SELECT count(*) FROM articles").fetchone()
    return n


def raw_search(conn: sqlite3.Connection, query: Query, total: int) -> list[tuple]:
    """The rows our search returns, by the same SQL, in order (schema 7 and later)."""
    dates, date_params = raw_filters(conn, query, outlet=False)
    join = DATES_JOIN if dates else ""
    match = index_match(conn, query)
    outlet, outlet_params = narrow(conn, query)
    clauses, params = outlet + dates, [*outlet_params, *date_params]
    most = max(total // 2, 10_000) + 1
    in_range = most
    if outlet:  # the outlet alone may leave fewer than most (schema 9)
        sql = OUTLET_COUNT_SQL.format(outlet=outlet_condition(conn)[0])
        (in_range,) = conn.execute(sql, [*outlet_params, most]).fetchone()
    if dates and in_range >= most:
        sql = IN_RANGE_SQL.format(filters=dates)
        (in_range,) = conn.execute(sql, [*date_params, most]).fetchone()
    matches = most
    if in_range >= most:
        sql = COUNT_SQL.format(narrow=outlet)
        (matches,) = conn.execute(sql, [match, *outlet_params, most]).fetchone()
        if not matches:
            return []
    if matches <= LIMIT and in_range >= most:  # all shown: snippets in the ranking statement
        sql = FEW_SQL.format(join=join, filters=clauses)
        top = conn.execute(sql, [HS, HE, match, *params, LIMIT]).fetchall()
        titles = TITLES_SQL.format(marks=",".join("?" * len(top)))
        found = {row[0]: row for row in conn.execute(titles, [row[0] for row in top])}
        return [(*found[i][:4], snippet) for i, _, snippet in top if i in found]
    if matches < most or in_range < most:
        sql = RANK_SQL.format(join=join, filters=clauses, order="score, articles_fts.rowid DESC")
        top = conn.execute(sql, [match, *params, LIMIT]).fetchall()
    elif not dates:
        sql = NEWEST_SQL.format(narrow=outlet)
        top = conn.execute(sql, [HS, HE, match, *outlet_params, LIMIT]).fetchall()
        titles = TITLES_SQL.format(marks=",".join("?" * len(top)))
        found = {row[0]: row for row in conn.execute(titles, [row[0] for row in top])}
        return [(*found[i][:4], snippet) for i, _, snippet in top if i in found]
    else:
        sql = COUNTED_SQL.format(join=join, filters=clauses)
        ranked = conn.execute(sql, [match, *params, LIMIT]).fetchall()
        top = [row[:2] for row in ranked]
        if ranked and ranked[0][2] >= most:
            sql = RANK_SQL.format(join=join, filters=clauses, order="articles_fts.rowid DESC")
            top = conn.execute(sql, [match, *params, LIMIT]).fetchall()
    ids = [row[0] for row in top]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    if re.search(r'(\w{4,}|"[^"]{4,}")\*', match):
        sql, args = SNIPPETS_SQL.format(marks=marks), [HS, HE, match, min(ids), max(ids), *ids]
    else:
        sql, args = SEEK_SNIPPETS_SQL.format(marks=marks), [HS, HE, match, *ids]
    snippets = dict(conn.execute(sql, args))
    titles = TITLES_SQL.format(marks=",".join("?" * len(top)))
    found = {row[0]: row for row in conn.execute(titles, ids)}
    return [(*found[i][:4], snippets.get(i, "")) for i in ids if i in found]


def match_count(conn: sqlite3.Connection, query: Query) -> int:
    """How many articles match, by plain SQL over the articles table (not by the outlet key)."""
    clauses, params = raw_filters(conn, query, outlet=True)
    sql = ALL_MATCHES_SQL.format(filters=clauses)
    return conn.execute(sql, [query.match, *params]).fetchone()[0]


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


def time_three(
    library: Library, conn: sqlite3.Connection, query: Query, args: argparse.Namespace
) -> tuple[list[float], list[float], list[float], str]:
    """Alternate ours, the floor and raw (after two warm-ups) until --runs or the budget."""
    total = fts_rows(conn)
    has_raw = schema(conn) >= 7
    for _ in range(2):
        hits = library.search.run(query.typed, limit=LIMIT, **query.filters)
        floor_search(conn, query)
        rows = raw_search(conn, query, total) if has_raw else None
    mark = "" if has_raw else "  (raw: n/a before schema 7)"
    if rows is not None:
        articles = [h for h in hits if h.kind == "article"]
        same = [h.id for h in articles] == [r[0] for r in rows] and [
            h.snippet for h in articles
        ] == [r[4] for r in rows]
        mark = "" if same else "  ROWS DIFFER"
    if getattr(hits, "newest_first", False):
        mark += "  newest first"
    else:  # ranked: the true BM25 top 20 is the floor's
        floor_ids = [row[0] for row in floor_search(conn, query)]
        if [h.id for h in hits if h.kind == "article"] != floor_ids:
            mark += "  TOP 20 DIFFERS FROM THE FLOOR'S"
    ours, floor, raw = [], [], []
    started = time.perf_counter()
    while len(ours) < args.runs and (len(ours) < 5 or time.perf_counter() - started < args.budget):
        t0 = time.perf_counter()
        library.search.run(query.typed, limit=LIMIT, **query.filters)
        t1 = time.perf_counter()
        floor_search(conn, query)
        t2 = time.perf_counter()
        if has_raw:
            raw_search(conn, query, total)
        t3 = time.perf_counter()
        ours.append(t1 - t0)
        floor.append(t2 - t1)
        raw.append(t3 - t2)
    return ours, floor, raw if has_raw else [], mark


def time_bad_input(library: Library) -> None:
    print("inputs answered within the same bounds, or refused in one line:")
    for label, typed in BAD_INPUT:
        started = time.perf_counter()
        try:
            hits = library.search.run(typed, limit=LIMIT)
            outcome = f"{len(hits)} hits"
        except BriefingError as exc:
            outcome = f"refused: {exc}"
        took = time.perf_counter() - started
        print(f"  {label:<24} {ms(took):>8} ms  {outcome[:70]}")


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


def line(
    label: str,
    matches: str,
    ours: list[float],
    floor: list[float],
    raw: list[float],
    grep: str,
    rest: str,
) -> None:
    ratio = percentile(ours, 95) / percentile(floor, 95)
    raw_cells = f"{spread(raw)} {p50(ours) / p50(raw):>6.2f}x" if raw else f"{'n/a':>15} {'':>7}"
    head = f"{label[:WIDTH]:<{WIDTH}} {matches:>8}"
    print(f"{head} {spread(ours)} {spread(floor)} {ratio:>7.2f}x {raw_cells} {grep}{rest}")


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
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\n{n:,} articles ({path.name}, {path.stat().st_size / 1_048_576:.0f} MB); load {load}")
    print(
        f"{'query':<{WIDTH}} {'matches':>8} {'ours p50/p95 ms':>15} {'floor p50/p95':>15}"
        f" {'p95 o/f':>8} {'raw p50/p95':>15} {'o/raw':>7} {'grep p50 ms':>11} {'vs grep':>7}"
    )
    all_ours, all_floor, all_raw, all_grep, grepped_ours, missed = [], [], [], [], [], []
    all_grep_whole = []  # the same, with the outlet query's grep over every file
    per_query = []  # (ours p50, grep p50, grep p50 with the outlet query over every file)
    conn = sqlite3.connect(path)
    # The same page cache as a Library connection (core/thread_connections.py), so the
    # baselines differ from ours only by what they do.
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    with Library.open(path) as library:
        for query in QUERIES:
            if args.only and not any(word in query.label for word in args.only):
                continue
            matches = match_count(conn, query)
            ours, floor, raw, mark = time_three(library, conn, query, args)
            all_ours += ours
            all_floor += floor
            all_raw += raw
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
            line(label, f"{matches:,}", ours, floor, raw, grep_cells, f"  {len(ours)}{mark}")
            if whole_line:
                print(f"{'  same, grep over all files, kept the outlet':<{WIDTH + 82}}{whole_line}")
            p95 = percentile(ours, 95)
            over = p95 > FLOOR_RATIO * percentile(floor, 95)
            if over or (n <= 100_000 and p95 * 1000 > TARGET_MS):
                missed.append(f"{query.label} {query.typed} ({ms(p95)} ms)")
        time_bad_input(library)
    conn.close()

    speedup = p50(all_grep) / p50(grepped_ours) if all_grep else 0.0
    grep_cells = f"{ms(p50(all_grep)):>11} {speedup:>6.0f}x" if all_grep else ""
    line("overall (all runs pooled)", "", all_ours, all_floor, all_raw, grep_cells, "")
    print(
        f"every query's p95 within {FLOOR_RATIO}x of the floor"
        + (f" and under {TARGET_MS} ms" if n <= 100_000 else "")
        + f": {verdict(not missed)}"
        + (f" (missed: {', '.join(missed)})" if missed else "")
    )
    if all_grep:
        print(f"speedup vs grep overall {speedup:.0f}x (target >= 100x: {verdict(speedup >= 100)})")
        whole = p50(all_grep_whole) / p50(grepped_ours)
        print(f"  the same with the outlet query's grep over all files: {whole:.0f}x")
        readings(per_query)
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
    parser.add_argument(
        "--only", nargs="+", metavar="WORD", help="only the queries whose label has a WORD"
    )
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    for n in args.sizes:
        bench(n, args)
    print(f"\npeak RSS of this process: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

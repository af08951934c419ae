"""The change journal at scale: `changes_since` after 100 changes, a bottom-line edit.

    .venv/bin/python bench/journal.py [N] [--runs 30]

Works on a copy of the cached N-article library (100,000 by default; built if missing), in
bench/out/journal-N.sqlite, so the cached file is never written. Untimed, it adds 200 claims
(one on the first sentence of 200 articles) and a briefing quoting all of them.

It prints, each beside a baseline from the same run, with the machine's load:

- `changes_since(v)` where 100 records changed since v (100 claim edits, each its own
  transaction): p50 and p95 over --runs calls, against the raw SQL that reads the same
  journal rows on a plain sqlite3 connection. Target: under 5 ms;
- `changes_since(0)` (everything), for scale: it reads every journal row;
- editing the bottom line of the 200-claim briefing: p50 in ms and the number of SQL
  statements it runs (counted with the connection's trace callback), against a raw UPDATE of
  the same row. The goal: one statement's worth of work, whatever the briefing holds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench._common import OUT, ensure_library, ms, p50, percentile, remove_database  # noqa: E402
from briefing.core import Library, Span  # noqa: E402

CLAIMS = 200


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    source = ensure_library(args.n)
    path = OUT / f"journal-{args.n}.sqlite"
    remove_database(path)
    shutil.copy(source, path)
    with Library.open(path) as library:
        claim_ids, briefing = _prepare(library)
        _changes_since(library, claim_ids, args.runs)
        _bottom_line(library, briefing, args.runs)
    return 0


def _prepare(library: Library) -> tuple[list[int], int]:
    started = time.perf_counter()
    conn = library.connection()
    articles = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id LIMIT 400")]
    claim_ids: list[int] = []
    with library.transaction():
        for article_id in articles:
            text = library.articles.get(article_id).text
            words = text.split()
            if len(words) < 12:
                continue
            quote = " ".join(words[4:10])
            try:
                claim = library.claims.add(article_id, Span(quote=quote, occurrence=1))
            except Exception:  # noqa: BLE001 - a quote that spans odd white space: skip it
                continue
            claim_ids.append(claim.id)
            if len(claim_ids) == CLAIMS:
                break
        briefing = library.briefings.new("Bench briefing")
        for start in range(0, len(claim_ids), 20):
            library.briefings.add_claims(
                briefing, claim_ids[start : start + 20], section=f"Section {start // 20 + 1}"
            )
    print(
        f"prepared {len(claim_ids)} claims and a briefing quoting them "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return claim_ids, briefing


def _changes_since(library: Library, claim_ids: list[int], runs: int) -> None:
    before = library.version
    for n, claim_id in enumerate(claim_ids[:100]):
        library.claims.edit(claim_id, note=f"checked {n}")
    raw = sqlite3.connect(library.path)
    ours_t, raw_t = [], []
    for _ in range(runs):
        started = time.perf_counter()
        changes = library.changes_since(before)
        ours_t.append(time.perf_counter() - started)
        started = time.perf_counter()
        rows = raw.execute(
            "SELECT kind, uid, record_id, added, version, deleted, gone FROM journal "
            "WHERE version > ? ORDER BY version",
            (before,),
        ).fetchall()
        raw_t.append(time.perf_counter() - started)
    raw.close()
    assert len(changes.updated_ids("claim")) == min(100, len(claim_ids)), changes
    journal_rows = library.connection().execute("SELECT count(*) FROM journal").fetchone()[0]
    print(f"\nchanges_since after 100 claim edits ({journal_rows:,} journal rows)")
    print(
        f"  ours  p50 {ms(p50(ours_t))} ms  p95 {ms(percentile(ours_t, 95))} ms"
        f"   (target < 5 ms: {'OK' if percentile(ours_t, 95) < 0.005 else 'MISSED'})"
    )
    print(
        f"  raw   p50 {ms(p50(raw_t))} ms  p95 {ms(percentile(raw_t, 95))} ms"
        f"   ({len(rows)} rows)   ours/raw {p50(ours_t) / p50(raw_t):.2f}x"
    )
    everything = []
    for _ in range(3):
        started = time.perf_counter()
        library.changes_since(0)
        everything.append(time.perf_counter() - started)
    print(f"  changes_since(0), everything: p50 {ms(p50(everything))} ms")


def _bottom_line(library: Library, briefing: int, runs: int) -> None:
    conn = library.connection()
    statements: list[str] = []
    ours_t, raw_t = [], []
    for n in range(runs):
        statements.clear()
        conn.set_trace_callback(statements.append)
        started = time.perf_counter()
        library.briefings.edit(briefing, bluf=f"Bottom line, draft {n}.")
        ours_t.append(time.perf_counter() - started)
        conn.set_trace_callback(None)
        counted = len(statements)
    raw = sqlite3.connect(library.path, isolation_level=None)
    raw.execute("PRAGMA synchronous = FULL")
    for n in range(runs):
        started = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("UPDATE briefings SET bluf = ? WHERE id = ?", (f"raw {n}", briefing))
        raw.execute("COMMIT")
        raw_t.append(time.perf_counter() - started)
    raw.close()
    writes = [s for s in statements if s.lstrip().upper().startswith(("UPDATE", "INSERT"))]
    print(f"\nediting the bottom line of a {CLAIMS}-claim briefing")
    print(
        f"  ours  p50 {ms(p50(ours_t))} ms, {counted} statements "
        f"({len(writes)} writes; the rest: begin/commit, the journal's version, the re-read)"
    )
    print(f"  raw   p50 {ms(p50(raw_t))} ms (BEGIN, one UPDATE, COMMIT: the triggers run too)")
    for statement in statements:
        print(f"    {' '.join(statement.split())[:110]}")


if __name__ == "__main__":
    sys.exit(main())

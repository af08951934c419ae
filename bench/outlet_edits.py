"""Giving articles another outlet at scale: one edit, and 1,000 at once, beside raw SQLite.

    .venv/bin/python bench/outlet_edits.py [N] [--runs 21]

Works on a copy of the cached N-article library (100,000 by default; built if missing), in
bench/out/outlet-edits-N.sqlite, so the cached file is never written. Each figure is the
median of --runs (one edit) or of 3 (1,000 edits), every edit undone untimed before the next,
with the machine's load (the samples of the series of 3 are printed too):

- one outlet edit, `articles.edit(id, outlet=...)`, its own transaction, as the app's
  Edit Article makes it;
- 1,000 articles given another outlet by `articles.edit_many` (Edit Selected Articles: one
  transaction), and by 1,000 `articles.edit` in one `library.transaction()` (as a team pull
  or bench/team.py writes them); the same 1,000 given another agency by `edit_many` (the
  agency was never in the search index);
- beside them, on a plain sqlite3 connection to the same file: the same 1,000 UPDATEs of the
  outlet in one transaction (the schema's triggers fire: the search index's too before
  db/009), and of the author, which no index holds: the floor.

Run it from an older checkout (its bench/ and core) for the figures before a schema change.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench._common import OUT, ensure_library, ms, remove_database  # noqa: E402
from briefing.core import BatchEdit, Library  # noqa: E402

MANY = 1_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    source = ensure_library(args.n)
    path = OUT / f"outlet-edits-{args.n}.sqlite"
    remove_database(path)
    shutil.copy(source, path)
    with Library.open(path) as library:  # migrated, if it must be, before anything is timed
        conn = library.connection()
        (schema,) = conn.execute("PRAGMA user_version").fetchone()
        print(f"{args.n:,} articles, schema {schema}; {_load()}")
        ids = [row[0] for row in conn.execute(f"SELECT id FROM articles ORDER BY id LIMIT {MANY}")]
        _library_edits(library, ids, args.runs)
    _raw_edits(path, ids)
    remove_database(path)
    return 0


def _library_edits(library: Library, ids: list[int], runs: int) -> None:
    first = library.articles.get(ids[0])
    one = _median(
        runs,
        lambda i: library.articles.edit(ids[0], outlet=f"Bench outlet {i}"),
        lambda: library.articles.edit(ids[0], outlet=first.outlet),
    )
    print(f"one outlet edit (articles.edit, its own transaction): {ms(one)} ms  ({_load()})")
    for field in ("outlet", "agency"):
        edits: list[BatchEdit] = []

        def edit(i: int, field: str = field, edits: list[BatchEdit] = edits) -> None:
            edits.append(library.articles.edit_many(ids, **{field: f"Bench {field} {i}"}))

        def revert(edits: list[BatchEdit] = edits) -> None:
            library.articles.revert_edit_many(edits.pop())

        many = _median(3, edit, revert)
        print(f"{MANY:,} articles, another {field} by edit_many: {many:.3f} s  ({_load()})")
    before = {article_id: library.articles.get(article_id).outlet for article_id in ids}

    def edit_each(i: int) -> None:
        with library.transaction():
            for k, article_id in enumerate(ids):
                library.articles.edit(article_id, outlet=f"Bench outlet {i} {k % 7}")

    def restore() -> None:
        with library.transaction():
            for article_id, outlet in before.items():
                library.articles.edit(article_id, outlet=outlet)

    each = _median(3, edit_each, restore)
    print(f"{MANY:,} outlet edits by articles.edit in one transaction: {each:.3f} s  ({_load()})")


def _raw_edits(path: os.PathLike[str], ids: list[int]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA cache_size = -65536")  # as core/thread_connections.py sets it
    marks = ",".join("?" * len(ids))
    for column in ("outlet", "author"):
        before = conn.execute(f"SELECT {column}, id FROM articles WHERE id IN ({marks})", ids)
        rows = before.fetchall()

        def update(i: int, column: str = column) -> None:
            conn.execute("BEGIN")
            for k, article_id in enumerate(ids):
                conn.execute(
                    f"UPDATE articles SET {column} = ? WHERE id = ?",
                    (f"Bench {column} {i} {k % 7}", article_id),
                )
            conn.execute("COMMIT")

        def restore(column: str = column, rows: list[tuple] = rows) -> None:
            conn.execute("BEGIN")
            conn.executemany(f"UPDATE articles SET {column} = ? WHERE id = ?", rows)
            conn.execute("COMMIT")

        took = _median(3, update, restore)
        print(f"raw SQLite, {MANY:,} UPDATEs of the {column} in one transaction: {took:.3f} s")
    conn.close()


def _median(runs: int, act: Callable[[int], object], undo: Callable[[], object]) -> float:
    """The median of `runs` timed acts, each undone untimed; the samples of a short series
    are printed too, the first apart (the first write after a bulk-built index can merge
    its segments)."""
    samples = []
    for i in range(runs):
        started = time.perf_counter()
        act(i)
        samples.append(time.perf_counter() - started)
        undo()
    if runs <= 3:
        print(f"  runs: {', '.join(f'{s:.3f} s' for s in samples)}")
    return statistics.median(samples)


def _load() -> str:
    return f"load {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"


if __name__ == "__main__":
    sys.exit(main())

"""Suggesting mentions across a library: finding on a helper thread, storing on the caller's.

At 100k articles and 1,000 actors a run finds 2.9 million suggestions. Finding them
(mention_finder: Python around an Aho-Corasick automaton) and storing them (SQLite: a row
and two index entries each) take about as long as each other, so they overlap: a helper
thread reads the articles a range at a time through its own connection and finds the names
in them, and the calling thread stores each range's suggestions in one short transaction.
SQLite runs a statement without holding Python's GIL, and a range's rows go in a few
multi-row INSERTs, so the two threads share two cores instead of taking turns. The writing
stays on the calling thread, whose commits are announced like any other (the app gathers an
op's commits on its writer thread).

The journal: a suggestion is part of its actor, and migration 004's trigger moved the actor
to a new version for every suggestion stored. A batch sets the journal head's `bulk` flag
(migration 008), which that trigger honours, and then moves each actor that gained
suggestions once, naming them from the rows the batch added; the flag is cleared in the
same transaction, so a failure rolls it back with the rows.

Each batch checks its rows' articles and actors itself, once, under the write lock, and
stores them with SQLite's foreign key checks off: row by row they were a third of the
store's time (`store`). Where the rest goes, the same 2.9 million rows stored raw at 100k
in 50 batches (load 4-5): 10.8 s of CPU; without the actor index (actor_id, state), whose
entries land at 1,000 places in each batch, 5.9; without the journal's insert trigger, which
runs for every row only to find the bulk flag set, 8.9. Both serve others (the actor page
and its counts; the journal of rows written by anyone else) and stay.

Cancelling stops between batches: the suggestions of the articles searched so far are
stored and stay (another run adds the rest, and finds nothing twice).
"""

from __future__ import annotations

import json
import queue
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

from briefing.core.actors.mention_finder import Match
from briefing.core.errors import Cancelled
from briefing.core.progress import Progress

if TYPE_CHECKING:
    from briefing.core.library import Library

Row = tuple[int, int, int, int, str]  # article, actor, start, end, text
Span = tuple[int, int, int, int]  # article, actor, start, end
Find = Callable[[int, str], list[Match]]  # (article id, text) -> its matches

# About 58,000 suggestions: a transaction of some 300 ms. Each batch rewrites a page of the
# actor index for every actor and the journal row of every actor (1,000 in the bench), so
# fewer, larger batches store 2.9 million suggestions with less work (bench/suggest.py).
BATCH_ARTICLES = 2000
_COLUMNS = 5
_PUT_WAIT_S = 0.1


class SuggestCancelled(Cancelled):
    """A suggestion run its user stopped; what it stored before stopping stays."""

    def __init__(self, articles: int, total: int, new: int) -> None:
        self.articles = articles
        self.total = total
        self.new = new
        self.kept = (
            f"the {new:,} new suggestions found in {articles:,} of {total:,} articles are kept"
            if articles
            else "nothing was stored"
        )
        super().__init__(f"suggesting cancelled; {self.kept}")


@dataclass(frozen=True)
class _Batch:
    rows: list[Row]
    articles: int


def suggest_everywhere(library: Library, find: Find, progress: Progress) -> tuple[int, int]:
    """Find and store suggestions in every article; (articles searched, new suggestions)."""
    total = library.connection().execute("SELECT count(*) FROM articles").fetchone()[0]
    found: queue.Queue[_Batch | BaseException | None] = queue.Queue(maxsize=2)
    stop = threading.Event()
    finder = threading.Thread(
        target=_find_all,
        args=(library, find, found, stop),
        name="briefing-mention-finder",
        daemon=True,
    )
    finder.start()
    searched = new = 0
    try:
        with library.syncing_once():
            while (batch := found.get()) is not None:
                if isinstance(batch, BaseException):
                    raise batch
                progress.check()
                new += store(library, batch.rows)
                searched += batch.articles
                progress.update(min(searched, total), max(total, searched), "finding mentions")
    except Cancelled:
        raise SuggestCancelled(searched, max(total, searched), new) from None
    finally:
        stop.set()
        finder.join()
    return searched, new


def _find_all(
    library: Library,
    find: Find,
    out: queue.Queue[_Batch | BaseException | None],
    stop: threading.Event,
) -> None:
    """The helper thread: every article, a range at a time, onto the queue; then None (or
    the exception that stopped it). Its connection is its own, closed when it ends."""
    try:
        conn = library.connection()
        tagged = tagged_spans(conn, None)
        after = 0
        while not stop.is_set():
            # A range at a time rather than one long read, so that the file can be
            # checkpointed while the run goes on.
            articles = conn.execute(
                "SELECT id, text FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                (after, BATCH_ARTICLES),
            ).fetchall()
            if not articles:
                break
            after = articles[-1][0]
            known = set(
                conn.execute(
                    'SELECT article_id, actor_id, start, "end" FROM mention_suggestions '
                    "WHERE article_id BETWEEN ? AND ?",
                    (articles[0][0], after),
                )
            )
            rows = new_rows(articles, find, tagged, known)
            if not _put(out, _Batch(rows, len(articles)), stop):
                return
        _put(out, None, stop)
    except BaseException as exc:  # noqa: B036 - handed to the calling thread, which raises it
        _put(out, exc, stop)
    finally:
        library.release_connection()


def _put(
    out: queue.Queue[_Batch | BaseException | None],
    item: _Batch | BaseException | None,
    stop: threading.Event,
) -> bool:
    """Hand `item` over unless the caller stopped listening; whether it was handed over."""
    while not stop.is_set():
        try:
            out.put(item, timeout=_PUT_WAIT_S)
            return True
        except queue.Full:
            continue
    return False


def new_rows(
    articles: Iterable[tuple[int, str]],
    find: Find,
    tagged: set[Span],
    known: set[Span] | None = None,
) -> list[Row]:
    """The suggestions found in some articles, less the spans tagged already and those
    `known` (suggested before: storing would skip them anyway)."""
    skip = tagged | known if known else tagged
    rows: list[Row] = []
    for article_id, text in articles:
        matches = find(article_id, text)
        if skip:
            matches = [m for m in matches if (article_id, m[0], m[1], m[2]) not in skip]
        # A comprehension: 2.9 million rows at 100k articles, on the finder's thread.
        rows += [(article_id, actor, start, end, found) for actor, start, end, found, _ in matches]
    return rows


def tagged_spans(conn: sqlite3.Connection, article_id: int | None) -> set[Span]:
    """Spans already tagged as a mention of their actor: no need to suggest them."""
    sql = """SELECT n.article_id, m.actor_id, n.start, n."end" FROM mentions m
             JOIN annotations n ON n.id = m.annotation_id WHERE n.orphaned = 0"""
    params: list[object] = []
    if article_id is not None:
        sql += " AND n.article_id = ?"
        params.append(article_id)
    return set(conn.execute(sql, params))


def store(library: Library, rows: list[Row]) -> int:
    """Store suggestions in one transaction; how many were new (one already there, pending
    or answered, is left as it is).

    The batch checks its own references: the rows of an article or actor another writer
    deleted since they were found are left out, read once a batch under the write lock,
    and the rows go in with foreign keys off. SQLite's check is a look-up of the article
    and the actor for every row, a third of the store's time at 100k articles (2.9 million
    rows: 16.2 s of CPU with it, 10.8 without, bench/suggest.py). Inside a caller's
    transaction the pragma cannot change, and the checks stay on.
    """
    if not rows:
        return 0
    conn = library.connection()
    checked = not conn.in_transaction and conn.execute("PRAGMA foreign_keys").fetchone()[0]
    if checked:
        conn.execute("PRAGMA foreign_keys = OFF")
    try:
        return _store(library, rows)
    finally:
        if checked:
            conn.execute("PRAGMA foreign_keys = ON")


def _store(library: Library, rows: list[Row]) -> int:
    with library.transaction() as conn:
        rows = _still_there(conn, rows)
        if not rows:
            return 0
        before = conn.execute("SELECT coalesce(max(id), 0) FROM mention_suggestions").fetchone()[0]
        conn.execute("UPDATE journal_head SET bulk = 1 WHERE id = 1")
        added = _insert(conn, rows)
        conn.execute("UPDATE journal_head SET bulk = 0 WHERE id = 1")
        if added:
            conn.execute("UPDATE journal_head SET version = version + 1 WHERE id = 1")
            if added == len(rows):
                # Every row went in: the actors that gained suggestions are those of the
                # rows, known here without reading the batch's rows back. (`+kind`: a seek per
                # actor by record_id, not a read of every actor's journal row.)
                actors = sorted({row[1] for row in rows})
                conn.execute(
                    """UPDATE journal SET version = (SELECT version FROM journal_head WHERE id = 1)
                       WHERE +kind = 'actor' AND deleted = 0 AND record_id IN
                           (SELECT value FROM json_each(?))""",
                    (json.dumps(actors),),
                )
            else:
                # Some were there already (another writer's): the batch's own rows, by rowid
                # (left to itself the planner reads the whole actor index for the actors).
                conn.execute(
                    """UPDATE journal SET version = (SELECT version FROM journal_head WHERE id = 1)
                       WHERE kind = 'actor' AND deleted = 0 AND record_id IN
                           (SELECT DISTINCT actor_id FROM mention_suggestions NOT INDEXED
                            WHERE id > ?)""",
                    (before,),
                )
    return added


def _insert(conn: sqlite3.Connection, rows: list[Row]) -> int:
    per_statement = min(5000, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // _COLUMNS)
    added = 0
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        values = ",".join(["(?,?,?,?,?)"] * len(chunk))
        cursor = conn.execute(
            "INSERT OR IGNORE INTO mention_suggestions "
            f'(article_id, actor_id, start, "end", text) VALUES {values}',
            list(chain.from_iterable(chunk)),
        )
        added += max(cursor.rowcount, 0)
    return added


def _still_there(conn: sqlite3.Connection, rows: list[Row]) -> list[Row]:
    """The rows whose article and actor are in the library (all of them, almost always:
    the finder read them moments ago)."""
    articles = {row[0] for row in rows}
    actors = {row[1] for row in rows}
    there_articles = _present(conn, "articles", articles)
    there_actors = _present(conn, "actors", actors)
    if len(there_articles) == len(articles) and len(there_actors) == len(actors):
        return rows
    return [row for row in rows if row[0] in there_articles and row[1] in there_actors]


def _present(conn: sqlite3.Connection, table: str, ids: set[int]) -> set[int]:
    # `table` is one of two names written above, never input.
    found = conn.execute(
        f"SELECT id FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(ids)),),
    )
    return {row[0] for row in found}

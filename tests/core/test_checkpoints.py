"""A long write's checkpoints, made by a helper thread (core/checkpoints.py)."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

import briefing.core.transactions as transactions_module
from briefing.core import Library
from briefing.core.checkpoints import BackgroundCheckpoints

PAGE = 4096


def _writer(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")  # only the helper checkpoints
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)")
    return conn


def _write(conn: sqlite3.Connection, checkpoints: BackgroundCheckpoints | None, n: int) -> int:
    """`n` transactions of about 100 pages each; the largest the log's file grew."""
    largest = 0
    for _ in range(n):
        if checkpoints is not None:
            checkpoints.before_transaction()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO t (body) VALUES (?)", [(os.urandom(3000),) for _ in range(100)]
        )
        conn.execute("COMMIT")
        if checkpoints is not None:
            checkpoints.committed()
        largest = max(largest, os.stat(f"{conn_path(conn)}-wal").st_size)
    return largest


def conn_path(conn: sqlite3.Connection) -> str:
    return str(conn.execute("PRAGMA database_list").fetchone()[2])


def test_the_log_starts_over_once_it_passes_its_limit(tmp_path: Path) -> None:
    """The writer never pauses, yet the log stays near its limit: past it, the writer waits
    for the helper to copy what was committed, and its next transaction starts the log
    over. Without the helper's checkpoints the same writes grow the log to their total."""
    alone = _writer(tmp_path / "alone.sqlite")
    grown = _write(alone, None, 40)
    alone.close()

    conn = _writer(tmp_path / "helped.sqlite")
    checkpoints = BackgroundCheckpoints(tmp_path / "helped.sqlite", limit=300)
    try:
        largest = _write(conn, checkpoints, 40)
    finally:
        checkpoints.close()
    assert grown > 4000 * PAGE  # 40 transactions of ~100 pages, never copied back
    # The limit, and the commits the helper may be behind (BEHIND) and the one passing it.
    assert largest < (300 + 5 * 110) * PAGE
    # Copied into the file as it went: the rows are there without the log.
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    check = sqlite3.connect(tmp_path / "helped.sqlite")
    assert check.execute("SELECT count(*) FROM t").fetchone() == (4000,)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    check.close()


def test_a_helper_that_cannot_checkpoint_never_holds_the_writer(tmp_path: Path) -> None:
    """A library it cannot open (here a folder): the helper gives up and the writer goes on
    at once (its own checkpoints, at twice the limit, are the safety net)."""
    checkpoints = BackgroundCheckpoints(tmp_path, limit=0)
    checkpoints.committed()
    checkpoints.before_transaction()  # returns: the helper failed, nothing to wait for
    checkpoints.close()
    assert not [t for t in threading.enumerate() if t.name == "briefing-checkpoints"]


def test_an_import_checkpoints_as_it_goes_and_leaves_no_thread(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a small limit the import's pages reach the library's file while it runs; the
    library is whole afterwards, every article found by search, and the helper is gone."""
    monkeypatch.setattr(transactions_module, "LONG_WRITE_CHECKPOINT_PAGES", 64)
    texts = [
        (f"t{i}", f"Story {i}\n\nWord{i} " + "A sentence of an article. " * 120)
        for i in range(1500)
    ]
    results = library.imports.texts(texts)
    assert {r.status for r in results} == {"imported"}
    assert library.path.stat().st_size > 4_000_000  # copied in, not only in the log
    conn = library.connection()
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert library.articles.count() == 1500
    assert [hit.id for hit in library.search.run("word1499", kinds=("article",))] == [1500]
    assert not [t for t in threading.enumerate() if t.name == "briefing-checkpoints"]

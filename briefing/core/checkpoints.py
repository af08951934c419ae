"""Checkpoints of a long write, made on a thread of their own.

A checkpoint copies the write-ahead log's pages into the library's file and waits for the
disk. Made by the writer itself (SQLite's automatic checkpoint, at the commit that passes
the log's limit), each stopped a long write for 0.3-0.7 s, ten times in an import of 100k
articles; the one long transaction that short ones are measured against (issue 14) makes a
single checkpoint at its end. Here a helper thread, on its own connection, copies what each
commit wrote while the writer goes on with its next batch: SQLite lets one checkpoint run
beside one writer (PASSIVE: it copies what is committed and waits for nobody).

The log starts over from its beginning only when everything in it has been copied, at the
writer's next transaction; a writer that never pauses would never see that, and the log
would grow as large as the write. So before a transaction, once the log has passed its
limit, the writer waits for the helper to finish copying what was committed (the last
batch or two: the helper has kept up) and the log then starts over. The file is never less
consistent than with SQLite's own checkpoints: the copying is the same, only its thread
differs.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

BEHIND = 2  # commits the helper may have left to copy when the writer begins another
CAUGHT_UP_WAIT_S = 10.0  # past this (a reader holds old pages), the writer goes on; the log grows


class BackgroundCheckpoints:
    """A helper thread checkpointing `path` after every commit `committed()` reports;
    `before_transaction()` keeps the log under `limit` pages. Close it when the write ends."""

    def __init__(self, path: Path, limit: int) -> None:
        self._path = path
        self._limit = limit
        self._frames = 0  # pages in the log at the last checkpoint (its file never shrinks)
        self._changed = threading.Condition()
        self._committed = 0  # commits reported
        self._copied = 0  # commits whose pages a finished checkpoint copied
        self._closing = False
        self._failed: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="briefing-checkpoints", daemon=True)
        self._thread.start()

    def committed(self) -> None:
        """The writer committed: its pages are the helper's to copy."""
        with self._changed:
            self._committed += 1
            self._changed.notify_all()

    def before_transaction(self) -> None:
        """Before the writer's next transaction: when the log has passed its limit, wait
        until what is committed has been copied, so that the transaction starts it over;
        else wait only should the helper be more than `BEHIND` commits behind (a slow disk:
        the writer must not outrun it, or the log grows past its limit unseen)."""
        with self._changed:
            full = self._frames >= self._limit
            target = self._committed if full else self._committed - BEHIND
            self._changed.wait_for(
                lambda: self._copied >= target or self._failed is not None or self._closing,
                timeout=CAUGHT_UP_WAIT_S,
            )
            if full:
                self._frames = 0  # the transaction starts the log over (unless a reader holds it)

    def close(self) -> None:
        """Stop the helper and wait for the checkpoint in hand; the caller makes the last."""
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        self._thread.join()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:  # the writer's own checkpoints will do
            self._fail(exc)
            return
        try:
            while True:
                with self._changed:
                    self._changed.wait_for(lambda: self._committed > self._copied or self._closing)
                    if self._closing:
                        return
                    target = self._committed
                # PASSIVE: copies every committed page no reader still needs, never waits.
                _busy, frames, _copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                with self._changed:
                    self._frames = frames
                    self._copied = target
                    self._changed.notify_all()
        except sqlite3.Error as exc:
            self._fail(exc)
        finally:
            conn.close()

    def _fail(self, exc: BaseException) -> None:
        """The helper cannot checkpoint (the file went away, the disk is full): it stops and
        the writer stops waiting for it; the writer's own error, if any, is the one told."""
        with self._changed:
            self._failed = exc
            self._changed.notify_all()

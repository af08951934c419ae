"""Giving the library file's free pages back to the disk, a little at a time.

SQLite keeps the pages a deletion frees (or a full-text index merge: FTS5 rewrites its
segments as they grow) for later writes, so a file never shrinks by itself: a library of
300k articles imported before issue 15 was 21% free pages. A library made by this version
is created with `auto_vacuum = INCREMENTAL`, and after a large deletion (or an import that
left much free) `reclaim()` moves pages from the end of the file into the free ones and
truncates it, a step of 8 MB per short transaction, pausing after each step as long as it
took, so that another writer (another copy of the app, a script) waits a few tens of
milliseconds at most. It runs only when it pays: 10% of the file and 16 MB free at least.

A library made by an earlier version has `auto_vacuum = NONE`, which only a full VACUUM can
change (minutes at 300k articles, every other writer waiting): nothing is done to it here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core.progress import NoProgress, Progress

if TYPE_CHECKING:
    from briefing.core.library import Library

INCREMENTAL = 2  # PRAGMA auto_vacuum's value for it
STEP_PAGES = 2048
MIN_SHARE = 0.10
MIN_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class FreeSpace:
    pages: int  # in the file
    free: int  # on its free list
    page_size: int
    incremental: bool  # whether the free pages can be given back without a VACUUM

    @property
    def share(self) -> float:
        return self.free / self.pages if self.pages else 0.0

    @property
    def pays(self) -> bool:
        """Whether reclaiming is worth its writes: a tenth of the file and 16 MB at least."""
        return (
            self.incremental and self.share >= MIN_SHARE and self.free * self.page_size >= MIN_BYTES
        )


def free_space(library: Library) -> FreeSpace:
    conn = library.connection()
    pages, free, size, mode = (
        conn.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("page_count", "freelist_count", "page_size", "auto_vacuum")
    )
    return FreeSpace(pages, free, size, mode == INCREMENTAL)


def reclaim(library: Library, progress: Progress | None = None, *, force: bool = False) -> int:
    """Give free pages back to the disk when it pays (or whenever any can be, `force`);
    how many were given back. Not inside a transaction: each step is one of its own."""
    progress = progress or NoProgress()
    before = free_space(library)
    if not (before.pays or force and before.incremental and before.free):
        return 0
    if library.connection().in_transaction:
        return 0  # the caller's transaction would hold the lock through every step
    left = before.free
    while left > 0:
        progress.check()
        started = time.monotonic()
        with library.transaction() as conn:
            # Python's sqlite3 steps a statement that returns no rows once, and each step
            # of incremental_vacuum moves one page: one statement per page (microseconds).
            for _ in range(min(STEP_PAGES, left)):
                conn.execute("PRAGMA incremental_vacuum(1)")
            now_free = int(conn.execute("PRAGMA freelist_count").fetchone()[0])
        if now_free >= left:  # nothing moved (another writer freed more meanwhile)
            break
        left = now_free
        progress.update(before.free - left, before.free, "giving free space back to the disk")
        time.sleep(time.monotonic() - started)  # the lock free as long as it was held
    return before.free - left

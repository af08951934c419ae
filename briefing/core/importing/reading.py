"""Reading ahead: the inputs of an import are read and parsed on a helper thread.

An import's time goes to two things that can run side by side: understanding each input (
Python: cleaning the text, the dateline, the title, the content hash) and storing a batch
(SQLite: the rows, their indexes and the search index), which runs without holding Python's
GIL. Done one after the other on one thread, 100k plain-text articles took about 10 s of
parsing plus 30 s of storing; with the parsing on a helper thread, ahead of the storing
thread, the two share two cores and the import takes about as long as the storing alone
(bench/build_library.py).

The helper only reads and parses; it touches no connection. The calling thread asks for
the inputs one at a time, in order, and does everything it did before with each: the
progress, the check for cancelling, the batches and their transactions. So what a user
sees is unchanged, and a cancel stops the helper and drops what it read ahead (never
stored, never reported). The helper stays a bounded distance ahead (some chunks, each
closed at a number of inputs, of bytes, or after a moment of reading), so memory and the
work thrown away on a cancel stay small.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")

CHUNK_ITEMS = 64
CHUNK_BYTES = 512 * 1024
CHUNK_SECONDS = 0.05  # slow inputs (HTML pages) reach the caller at least this often
# A full batch and more (service.BATCH_ARTICLES is 500): while the storing thread commits
# one batch, the helper reads the next whole. With 4 chunks (256 inputs) it stopped half
# way, and the storing thread waited for the other half at every batch: 2.9 s of 24 at 30k
# articles, 1.4 s with 16 (build_library.py, load 4.5).
CHUNKS_AHEAD = 16
_PUT_WAIT_S = 0.1


class _Failed:
    """An exception the helper met, carried to the caller, which raises it."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


_DONE = object()


class ReadAhead(Generic[In, Out]):
    """`read(item)` for every item, computed ahead on a helper thread, handed out in order.

    Use as a context manager: leaving it stops the helper and waits for it (it finishes
    the item in hand). `size(out)` weighs a result for the chunk's byte limit.
    """

    def __init__(
        self,
        items: Sequence[In],
        read: Callable[[In], Out],
        size: Callable[[Out], int],
        *,
        name: str = "briefing-import-reader",
    ) -> None:
        self._items = items
        self._read = read
        self._size = size
        self._queue: queue.Queue[list[Out] | _Failed | object] = queue.Queue(CHUNKS_AHEAD)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._started = False

    def __enter__(self) -> Iterator[Out]:
        self._thread.start()
        self._started = True
        return self._results()

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._stop.set()
        if self._started:
            self._thread.join()

    def _results(self) -> Iterator[Out]:
        while True:
            chunk = self._queue.get()
            if chunk is _DONE:
                return
            if isinstance(chunk, _Failed):
                raise chunk.exc
            assert isinstance(chunk, list)
            yield from chunk

    def _run(self) -> None:
        chunk: list[Out] = []
        try:
            weight = 0
            began = time.monotonic()
            for item in self._items:
                if self._stop.is_set():
                    return
                if not chunk:
                    began = time.monotonic()
                out = self._read(item)
                # Hand the GIL over after every input. The storing thread's SQLite calls
                # release it, and each needs it back to return: while this thread parsed,
                # each waited Python's switch interval (5 ms) for it, some ten per batch.
                # That was 8 s of 45 in a 100k import (bench/build_library.py); yielding
                # here costs this thread, which has time to spare, a syscall per input.
                time.sleep(0)
                chunk.append(out)
                weight += self._size(out)
                if (
                    len(chunk) >= CHUNK_ITEMS
                    or weight >= CHUNK_BYTES
                    or time.monotonic() - began >= CHUNK_SECONDS
                ):
                    if not self._put(chunk):
                        return
                    chunk, weight = [], 0
            if chunk and not self._put(chunk):
                return
            self._put(_DONE)
        except BaseException as exc:  # noqa: B036 - handed to the calling thread, which raises it
            # What was read before it first, so the caller meets the failure at its place.
            if not chunk or self._put(chunk):
                self._put(_Failed(exc))

    def _put(self, item: list[Out] | _Failed | object) -> bool:
        """Hand `item` over unless the caller stopped listening; whether it was."""
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=_PUT_WAIT_S)
                return True
            except queue.Full:
                continue
        return False


__all__ = ["ReadAhead"]

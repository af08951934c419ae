"""Reading ahead on a helper thread: every input in order, failures raised where the caller
asks, and a caller that stops early stops the helper within a bounded distance ahead."""

from __future__ import annotations

import threading

import pytest

from briefing.core.importing import reading
from briefing.core.importing.reading import ReadAhead


def test_every_item_is_read_once_in_order_on_another_thread() -> None:
    caller = threading.get_ident()
    threads: set[int] = set()

    def read(item: int) -> int:
        threads.add(threading.get_ident())
        return item * 2

    items = list(range(1_000))
    with ReadAhead(items, read, lambda _out: 1) as results:
        assert list(results) == [item * 2 for item in items]
    assert threads and caller not in threads


def test_no_items_gives_nothing() -> None:
    with ReadAhead([], lambda item: item, lambda _out: 1) as results:
        assert list(results) == []


def test_an_error_while_reading_is_raised_to_the_caller_after_the_items_before_it() -> None:
    def read(item: int) -> int:
        if item == 100:
            raise ValueError("item 100 is broken")
        return item

    got: list[int] = []
    with pytest.raises(ValueError, match="item 100 is broken"):
        with ReadAhead(list(range(200)), read, lambda _out: 1) as results:
            got.extend(results)
    assert got == list(range(100))


def test_a_caller_that_stops_early_stops_the_reader_a_bounded_distance_ahead() -> None:
    read_so_far: list[int] = []

    def read(item: int) -> int:
        read_so_far.append(item)
        return item

    reader = ReadAhead(list(range(100_000)), read, lambda _out: 1)
    with reader as results:
        assert next(results) == 0
        assert next(results) == 1
    # Left: the helper has ended, and read no more than the chunks it may hold, the chunk
    # it was filling and the item in hand.
    assert not reader._thread.is_alive()
    bound = (reading.CHUNKS_AHEAD + 2) * reading.CHUNK_ITEMS + 1
    assert len(read_so_far) <= bound
    assert read_so_far == list(range(len(read_so_far)))


def test_large_results_close_a_chunk_early(monkeypatch: pytest.MonkeyPatch) -> None:
    """The byte limit holds the helper back: with 1 MB results, a few are read ahead, not
    the whole item limit of every chunk."""
    read_so_far: list[int] = []

    def read(item: int) -> bytes:
        read_so_far.append(item)
        return b"x" * 1_000_000

    reader = ReadAhead(list(range(1_000)), read, len)
    with reader as results:
        next(results)
        while reader._queue.qsize() < reading.CHUNKS_AHEAD:  # let it fill what it may
            threading.Event().wait(0.01)
    assert len(read_so_far) <= reading.CHUNKS_AHEAD + 3

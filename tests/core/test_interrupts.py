"""library.interrupt() stops a running search from another thread, and nothing else."""

from __future__ import annotations

import threading

import pytest

from briefing.core import BriefingError, Cancelled, Library


def test_a_search_interrupted_from_another_thread_raises_cancelled(
    search_library: Library,
) -> None:
    """The search runs on a worker thread; SQLite's progress handler (a hook of the
    connection, not of our code) holds its statement mid-way until the main thread has
    interrupted it, so the interrupt lands while a statement runs."""
    running, interrupted = threading.Event(), threading.Event()
    outcome: list[object] = []

    def hold() -> int:
        running.set()
        interrupted.wait(5)
        return 0

    def search() -> None:
        conn = search_library.connection()
        conn.set_progress_handler(hold, 10)
        try:
            outcome.append(search_library.search.run("said"))
        except BaseException as exc:  # noqa: B036 - handed to the main thread
            outcome.append(exc)
        finally:
            conn.set_progress_handler(None, 0)
        # The same thread's connection goes on as before.
        outcome.append(search_library.search.run("SenseTime"))

    worker = threading.Thread(target=search)
    worker.start()
    assert running.wait(5)
    search_library.interrupt()
    interrupted.set()
    worker.join(10)
    stopped, after = outcome
    assert isinstance(stopped, Cancelled) and isinstance(stopped, BriefingError)
    assert [hit.id for hit in after][:1] == [1]


def test_an_interrupt_between_two_statements_is_not_lost(search_library: Library) -> None:
    """SQLite forgets an interrupt that arrives while no statement runs; the read does not."""
    with pytest.raises(Cancelled):
        with search_library.interruptible() as read:
            search_library.interrupt()
            # SQLite runs this one to the end: it started on an idle connection.
            assert read.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 41
    assert search_library.search.run("SenseTime")


def test_an_interrupt_with_nothing_running_changes_nothing(search_library: Library) -> None:
    search_library.interrupt()
    assert [hit.id for hit in search_library.search.run("SenseTime")][:1] == [1]


def test_an_interrupt_never_reaches_a_write(search_library: Library) -> None:
    with search_library.transaction() as conn:
        search_library.interrupt()
        conn.execute("UPDATE articles SET title = 'Interrupted? No' WHERE id = 2")
    assert search_library.articles.get(2).title == "Interrupted? No"

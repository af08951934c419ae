"""Ops: callbacks on the GUI thread, failures leave the library as it was, cancel is silent."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QWidget

from briefing.core import Changes, ImportCancelled, InvalidInput, Kind, Library
from briefing.core.errors import Cancelled
from briefing.ui.ops import CoreOp, OpRunner, QueryOp
from tests.conftest import SAMPLE, wikinews_files


def test_core_op_delivers_on_the_gui_thread_and_announces_the_change(
    qtbot, library: Library
) -> None:
    runner = OpRunner(library)
    seen: dict[str, object] = {}

    def on_success(results: list) -> None:
        seen["thread"] = QThread.currentThread()
        seen["results"] = results

    op = CoreOp(runner, lambda lib, progress: lib.imports.files([SAMPLE], progress=progress))
    with qtbot.waitSignal(runner.library_changed, timeout=5000):
        op.success(on_success).run()
    qtbot.waitUntil(lambda: "results" in seen)
    assert seen["thread"] is QApplication.instance().thread()
    assert seen["results"][0].status == "imported"
    assert library.articles.count() == 1
    runner.shutdown()


def test_a_failing_write_leaves_the_library_unchanged(qtbot, library: Library) -> None:
    runner = OpRunner(library)
    failures: list[BaseException] = []

    def import_then_fail(lib: Library, _progress: object) -> None:
        with lib.transaction():
            lib.imports.files([SAMPLE])
            raise InvalidInput("no, after all")

    op = CoreOp(runner, import_then_fail).failure(failures.append)
    with qtbot.waitSignal(op.failed, timeout=5000):
        op.run()
    assert [str(f) for f in failures] == ["no, after all"]
    assert library.articles.count() == 0
    runner.shutdown()


def test_cancel_stops_the_job_through_progress_check(qtbot, library: Library) -> None:
    runner = OpRunner(library)
    op = QueryOp(runner, lambda lib, progress: progress.check())
    op.cancel()
    with qtbot.waitSignal(op.failed, timeout=5000) as blocker:
        op.run()
    assert isinstance(blocker.args[0], Cancelled)
    runner.shutdown()


def test_a_cancelled_import_says_what_it_kept_and_announces_it(
    qtbot, make_window, library: Library
) -> None:
    """An import commits as it goes: cancelled, it keeps what it stored, the status bar says
    how much, and the list shows it (not "nothing was changed")."""
    window = make_window(library)

    class CancelAfterFive:
        done = 0

        def update(self, done: int, total: int, label: str = "") -> None:
            self.done = done

        def check(self) -> None:
            if self.done >= 5:
                raise Cancelled("cancelled")

    def import_some(lib: Library, _progress: object) -> object:
        return lib.imports.files(wikinews_files(10), progress=CancelAfterFive())

    op = CoreOp(window.runner, import_some, parent=window)
    with (
        qtbot.waitSignal(window.runner.library_changed, timeout=5000) as heard,
        qtbot.waitSignal(op.failed, timeout=5000) as failed,
    ):
        op.run()
    assert isinstance(failed.args[0], ImportCancelled)
    assert len(heard.args[0].added_ids(Kind.ARTICLE)) == 5 == library.articles.count()
    message = "Cancelled: the 5 articles imported before it stopped are kept"
    assert window.statusBar().currentMessage() == message
    qtbot.waitUntil(lambda: window.library_pane.model.rowCount() == 5)


def test_the_worker_keeps_one_connection(qtbot, library: Library) -> None:
    """A worker thread reuses its connection rather than opening one per op."""
    runner = OpRunner(library)
    ids = []
    for _ in range(3):
        op = QueryOp(runner, lambda lib, _p: id(lib.connection()))
        with qtbot.waitSignal(op.finished, timeout=5000) as blocker:
            op.run()
        ids.append(blocker.args[0])
    assert len(set(ids)) == 1
    runner.shutdown()


def test_a_result_for_a_widget_deleted_meanwhile_is_dropped(qtbot, library: Library) -> None:
    """A window closed while its op ran (the workspace's preview did): no callback on it."""
    runner = OpRunner(library)
    release = threading.Event()
    asker = QWidget()
    seen: list[object] = []
    asker.destroyed.connect(lambda: seen.append("destroyed"))

    def slow(_lib: Library, _progress: object) -> int:
        release.wait(5)
        return 42

    op = QueryOp(runner, slow, parent=asker).success(lambda result: seen.append(asker.isVisible()))
    op.run()
    asker.deleteLater()
    qtbot.waitUntil(lambda: seen == ["destroyed"])
    with qtbot.waitSignal(op.finished, timeout=5000):
        release.set()
    assert seen == ["destroyed"]  # the callback, which touches the widget, never ran
    runner.shutdown()


def test_an_op_of_several_commits_is_announced_once(qtbot, library: Library) -> None:
    """One user action, one announcement: the op's three commits reach the views merged."""
    runner = OpRunner(library)
    heard: list[Changes] = []
    runner.library_changed.connect(heard.append)

    def three_writes(lib: Library, _progress: object) -> int:
        actor = lib.actors.add("Reuters", kind="organisation")
        lib.actors.add_alias(actor.id, "Thomson Reuters")
        return lib.actors.add("AFP", kind="organisation").id

    op = CoreOp(runner, three_writes)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run()
    (changes,) = heard
    assert changes.added_ids(Kind.ACTOR) == {a.actor.id for a in library.actors.list()}
    assert not changes.updated  # the alias came with an actor that is new anyway
    runner.shutdown()


def test_an_undo_step_is_announced_at_once_with_what_it_changed(qtbot, library: Library) -> None:
    runner = OpRunner(library)
    heard: list[Changes] = []
    runner.library_changed.connect(heard.append)
    actor = library.actors.add("Xinhua", kind="organisation")  # on this (the GUI) thread
    assert [c.added_ids(Kind.ACTOR) for c in heard] == [{actor.id}]
    runner.shutdown()


def test_another_copy_of_the_library_is_heard_within_a_second(qtbot, library: Library) -> None:
    """A second program on the same file commits; the runner notices (data_version) and
    announces what it changed, from the journal, in order and only once."""
    runner = OpRunner(library)
    heard: list[Changes] = []
    runner.library_changed.connect(heard.append)
    other = Library.open(library.path)
    try:
        (result,) = other.imports.files([SAMPLE])
        with qtbot.waitSignal(runner.library_changed, timeout=1500):
            pass
        assert heard[0].added_ids(Kind.ARTICLE) == {result.id}
        # Then ours, then theirs again: each announced once, nothing skipped.
        mine = library.actors.add("Mine")
        theirs = other.actors.add("Theirs")
        qtbot.waitUntil(lambda: any(theirs.id in c.added_ids(Kind.ACTOR) for c in heard))
        qtbot.wait(2 * OpRunner.POLL_MS)
        added = [i for c in heard for i in c.added_ids(Kind.ACTOR)]
        assert added == [mine.id, theirs.id]
        assert heard[-1].version == library.version
    finally:
        other.close()
        runner.shutdown()


def test_a_write_that_meets_a_busy_library_before_writing_is_tried_again(
    qtbot, library: Library
) -> None:
    """LibraryBusy is what a write gets when another program held the lock past the busy
    timeout; here the op's first attempt gets it (as from a second copy's import) and the
    runner tries again, saying it waits, instead of failing."""
    from briefing.core import LibraryBusy

    runner = OpRunner(library)
    attempts: list[int] = []
    said: list[str] = []

    def write(lib: Library, _progress: object) -> int:
        attempts.append(1)
        if len(attempts) == 1:
            raise LibraryBusy("busy: another program is writing")
        return lib.actors.add("After the wait").id

    op = CoreOp(runner, write)
    op.progressed.connect(lambda _d, _t, label: said.append(label))
    with qtbot.waitSignal(op.finished, timeout=5000) as done:
        op.run()
    assert len(attempts) == 2 and library.actors.get(done.args[0]).name == "After the wait"
    assert any("Waiting for another program" in s for s in said)
    runner.shutdown()


def test_a_write_that_had_committed_is_not_run_twice(qtbot, library: Library) -> None:
    from briefing.core import LibraryBusy

    runner = OpRunner(library)
    attempts: list[int] = []

    def write(lib: Library, _progress: object) -> None:
        attempts.append(1)
        lib.actors.add(f"Part {len(attempts)}")
        raise LibraryBusy("busy: another program is writing")

    op = CoreOp(runner, write)
    with qtbot.waitSignal(op.failed, timeout=5000) as failed:
        op.run()
    assert isinstance(failed.args[0], LibraryBusy) and len(attempts) == 1
    assert [a.actor.name for a in library.actors.list()] == ["Part 1"]
    runner.shutdown()


def test_an_op_that_comes_after_shutdown_starts_no_thread(qtbot, library: Library) -> None:
    """A search's timer can fire as its window closes: the query it runs then must not start
    the reader again, since a thread still running when Qt deletes it aborts the program
    ("QThread: Destroyed while thread is still running", seen once in CI at exit)."""
    runner = OpRunner(library)
    ran: list[int] = []
    runner.shutdown()
    QueryOp(runner, lambda lib, progress: ran.append(1)).run()
    CoreOp(runner, lambda lib, progress: ran.append(2)).run()
    qtbot.wait(100)
    assert ran == []
    assert not any(
        thread.isRunning()
        for thread in (runner._reader, runner._writer, runner._editor, runner._syncer)
    )
    assert not runner.busy

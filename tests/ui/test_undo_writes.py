"""Edits while another program holds the library's write lock (a second copy importing):
the window never waits, the edit is kept and written when the lock is free, in order, and
the reader is told in full. The lock is held by a real second process."""

from __future__ import annotations

import time

import pytest

from briefing.core import Library, NotFound
from briefing.ui.widgets.annotation_panel import IdRole
from tests.other_process import LockHolder
from tests.ui.helpers import sample_window, select


def test_an_edit_meeting_a_busy_library_waits_off_the_gui_thread_and_is_kept(
    qtbot, make_window, library: Library
) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    before = {a.id for a in library.annotations.for_article(1)}
    with LockHolder(
        library.path, "INSERT INTO tags (name) VALUES ('from the other copy')"
    ) as other:
        select(window, "postponing a US$767 million")
        started = time.perf_counter()
        assert window.highlight_action.isEnabled()
        window.highlight_action.trigger()
        took = time.perf_counter() - started
        assert took < 0.5  # it used to freeze for the busy timeout (5 s), then drop the edit
        assert window.runner.edits.pending == 1
        assert window.undo_action.text() == "&Undo Highlight (Reader)"  # kept: it will be written
        assert {a.id for a in library.annotations.for_article(1)} == before
        # The reader is told, in full, after a moment: which edit, who holds the library.
        with qtbot.waitSignal(window.runner.edits.waiting, timeout=5000) as told:
            pass
        assert "Highlight" in told.args[0] and "nothing is lost" in told.args[0]
        assert "“briefing import” (process" in told.args[0]
        assert window.notices.visible_texts()
        other.release()
    qtbot.waitUntil(lambda: window.runner.edits.pending == 0, timeout=5000)
    (new,) = [a for a in library.annotations.for_article(1) if a.id not in before]
    assert new.kind == "highlight"
    assert "from the other copy" in [t.name for t in library.tags.list()]
    # ... and shown: the panel has it, the notice is gone.
    qtbot.waitUntil(lambda: new.id in _panel_ids(window), timeout=3000)
    qtbot.waitUntil(lambda: not window.notices.visible_texts(), timeout=3000)


def test_undo_of_a_waiting_edit_waits_its_turn(qtbot, make_window, library: Library) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    window.reader.page.setFocus()  # where a selection made with the mouse leaves it
    before = {a.id for a in library.annotations.for_article(1)}
    with LockHolder(library.path):
        select(window, "postponing a US$767 million")
        window.highlight_action.trigger()
        select(window, "Hong Kong")
        window.highlight_action.trigger()
        window.undo_action.trigger()  # takes back the second: queued after it
        assert window.runner.edits.pending == 3
    qtbot.waitUntil(lambda: window.runner.edits.pending == 0, timeout=5000)
    added = [a for a in library.annotations.for_article(1) if a.id not in before]
    text = library.articles.get(1).text
    assert [text[a.start : a.end] for a in added] == ["postponing a US$767 million"]
    window.redo_action.trigger()  # the library is free: done at once again
    assert window.runner.edits.pending == 0
    assert len(library.annotations.for_article(1)) == len(before) + 2


def test_a_waiting_edit_whose_record_went_meanwhile_says_so(
    qtbot, make_window, library: Library
) -> None:
    """The other copy deletes the claim while holding the lock; the edit made here waits,
    then cannot be made: the reader is told why, the command leaves the stack, and later
    edits still go through."""
    window, _ = sample_window(qtbot, make_window, library)
    window.reader.page.setFocus()  # Edit ▸ Undo acts on the reader's history, not a field's
    claim = library.claims.list()[0]
    failures: list[str] = []
    window.runner.edits.failed.connect(failures.append)
    with LockHolder(library.path, f"DELETE FROM annotations WHERE id = {claim.id}"):
        window.undo.push(_edit_note(window, claim.id, "checked"))
        select(window, "Hong Kong")
        window.highlight_action.trigger()
        assert window.runner.edits.pending == 2
    qtbot.waitUntil(lambda: window.runner.edits.pending == 0, timeout=5000)
    assert failures and "Edit claim" in failures[0] and "no claim" in failures[0]
    with pytest.raises(NotFound):
        library.claims.get(claim.id)
    assert any(a.kind == "highlight" for a in library.annotations.for_article(1))
    assert window.undo_action.text() == "&Undo Highlight (Reader)"
    window.undo_action.trigger()
    window.undo_action.trigger()  # the failed edit: inert, dropped as the stack reaches it
    assert not any(
        a.kind == "highlight" and library.articles.get(1).text[a.start : a.end] == "Hong Kong"
        for a in library.annotations.for_article(1)
    )


def test_closing_with_an_edit_waiting_asks_first(qtbot, make_window, library: Library) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    with LockHolder(library.path):
        select(window, "Hong Kong")
        window.highlight_action.trigger()
        assert not window.close()  # kept open: the question is shown
        assert window.isVisible() and window.pending_close_question is not None
        window.pending_close_question.reject()  # "Keep Waiting"
    qtbot.waitUntil(lambda: window.runner.edits.pending == 0, timeout=5000)
    assert window.close()


def _edit_note(window, claim_id: int, note: str):  # noqa: ANN001, ANN202
    from dataclasses import replace

    from briefing.ui.undo.commands import EditClaim

    before = window.library.claims.state(claim_id)
    return EditClaim(window.undo, claim_id, before, replace(before, note=note))


def _panel_ids(window) -> set[int]:  # noqa: ANN001
    return {
        item.data(0, IdRole)
        for section in ("Claims", "Highlights", "Notes", "Actors")
        for item in window.panel.items(section)
    }

"""The team library in the app: the status bar, Sync Now off the GUI thread, pulled changes
refreshing the views, the conflicts dialog, joining; against the session's PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from briefing.core import Changes, Kind, Library
from briefing.ui.dialogs.team import ConflictsDialog, JoinDialog
from briefing.ui.team_sync import ago, status_text
from tests import postgres as pg


def test_status_text_says_where_the_library_stands() -> None:
    base = {"joined": True, "syncing": False, "offline": False, "conflicts": 0, "waiting": 0}
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert ago("2026-01-01T11:58:00Z", now) == "2 min ago"
    assert ago("2026-01-01T11:59:50Z", now) == "just now"
    assert ago("2025-12-30T12:00:00Z", now) == "2 days ago"
    assert status_text(**{**base, "joined": False}, last_sync_at=None) == ""
    assert status_text(**base, last_sync_at=None) == "synced never"
    assert status_text(**{**base, "waiting": 3}, last_sync_at=None) == "3 changes waiting"
    assert status_text(**{**base, "offline": True}, last_sync_at=None) == "offline"
    assert status_text(**{**base, "conflicts": 2}, last_sync_at=None) == "2 conflicts"
    assert status_text(**{**base, "syncing": True, "waiting": 1}, last_sync_at=None) == "syncing…"


@pytest.fixture
def two(tmp_path, postgres, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", pg.PASSWORD)
    url, team = postgres.tcp_url(password=None), postgres.new_team()
    a = Library.open(tmp_path / "a.sqlite")
    a.settings.set_user_name("A. Analyst")
    a.load_sample()
    a.team.join(url, team)
    b = Library.open(tmp_path / "b.sqlite")
    b.settings.set_user_name("B. Analyst")
    b.team.join(url, team)
    yield a, b, url, team
    a.close()
    b.close()


def _sync(qtbot, window, failed: bool = False) -> None:
    op = window.team_sync.sync_now()
    assert op is not None
    with qtbot.waitSignal(op.failed if failed else op.finished, timeout=20000):
        pass


def test_sync_now_runs_off_the_gui_thread_and_refreshes_the_views(qtbot, make_window, two):
    a, b, _, _ = two
    window = make_window(a)
    assert window.team_status.text() == "synced just now"
    claim = a.claims.list()[0]
    threads: list[int] = []
    a.add_listener(lambda _changes: threads.append(threading.get_ident()))
    # A change here: waiting.
    a.claims.edit(claim.id, grade=1)
    qtbot.waitUntil(lambda: window.team_status.text() == "1 change waiting")
    _sync(qtbot, window)
    assert window.team_status.text() == "synced just now"
    # A change by B arrives with Sync Now, and is announced as a claim change.
    (b_claim,) = [c for c in b.claims.list() if c.uid == claim.uid]
    b.team.sync()
    b.claims.edit(b_claim.id, note="From B.")
    b.team.sync()
    heard = []
    window.runner.library_changed.connect(heard.append)
    _sync(qtbot, window)
    qtbot.waitUntil(lambda: any(claim.id in c.ids(Kind.CLAIM) for c in heard))
    assert a.claims.get(claim.id).note == "From B."
    assert threads and threading.main_thread().ident not in threads[-1:]


def test_the_conflicts_dialog_settles_a_conflict(qtbot, make_window, two):
    a, b, _, _ = two
    claim = a.claims.list()[0]
    (b_claim,) = [c for c in b.claims.list() if c.uid == claim.uid]
    a.claims.edit(claim.id, grade=2)
    a.team.sync()
    b.claims.edit(b_claim.id, grade=6)
    window = make_window(b)
    _sync(qtbot, window)
    qtbot.waitUntil(lambda: window.team_status.text() == "1 conflict")
    dialog = ConflictsDialog(b, window.runner, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert [dialog.table.item(0, c).text() for c in (1, 2, 3, 4)] == ["grade", "6", "2",
                                                                      "A. Analyst"]  # fmt: skip
    dialog.keep_mine.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0)
    assert b.claims.get(b_claim.id).grade == 6
    assert dialog.empty.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: window.team_status.text() == "1 change waiting")


def test_joining_from_the_app_and_a_refused_password(qtbot, make_window, tmp_path, postgres,
                                                      monkeypatch):  # fmt: skip
    monkeypatch.delenv("PGPASSWORD", raising=False)
    library = Library.open(tmp_path / "c.sqlite")
    try:
        window = make_window(library)
        assert window.team_status.text() == "" and not window.team_status.isVisibleTo(window)
        dialog = JoinDialog(window.team_sync, window)
        qtbot.addWidget(dialog)
        dialog.url.setText(postgres.tcp_url(password=None))
        dialog.team.setText(postgres.new_team())
        dialog.password.setText("wrong")
        dialog._join()
        qtbot.waitUntil(lambda: "refused the password" in dialog.message.text(), timeout=20000)
        assert library.team.link() is None
        dialog.password.setText(pg.PASSWORD)
        dialog._join()
        qtbot.waitUntil(lambda: library.team.link() is not None, timeout=20000)
        qtbot.waitUntil(lambda: window.team_status.text() == "synced just now")
        assert "wrong" not in library.team.link().url and pg.PASSWORD not in library.team.link().url
    finally:
        window.close()
        library.close()


def test_the_app_syncs_on_its_own_every_few_minutes(qtbot, make_window, two, monkeypatch):
    from briefing.ui import team_sync

    monkeypatch.setattr(team_sync, "AUTO_SYNC_MS", 300)  # "every few minutes", sped up
    a, b, _, _ = two
    claim = a.claims.list()[0]
    (b_claim,) = [c for c in b.claims.list() if c.uid == claim.uid]
    b.claims.edit(b_claim.id, note="B, while A's window is open")
    b.team.sync()
    # Only the commit that brings the claim counts: opening the window may write on the
    # main thread.
    threads: list[int] = []

    def listen(changes: Changes) -> None:
        if claim.id in changes.ids(Kind.CLAIM):
            threads.append(threading.get_ident())

    a.add_listener(listen)
    window = make_window(a)
    heard = []
    window.runner.library_changed.connect(heard.append)
    # Nobody asks: the timer's sync brings B's note, announced as a change to that claim.
    qtbot.waitUntil(lambda: any(claim.id in c.ids(Kind.CLAIM) for c in heard), timeout=20000)
    assert a.claims.get(claim.id).note == "B, while A's window is open"
    # The window's poll can announce the commit before the syncing thread has told its
    # listeners (seen once in CI: nothing heard here yet); they are told, on that thread.
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert threading.main_thread().ident not in threads
    qtbot.waitUntil(lambda: window.team_status.text() == "synced just now")


def test_closing_the_window_sends_what_waits(qtbot, make_window, two):
    a, b, _, _ = two
    claim = a.claims.list()[0]
    window = make_window(a)
    a.claims.edit(claim.id, note="Sent as the window closes")
    qtbot.waitUntil(lambda: window.team_status.text() == "1 change waiting")
    window.close()
    assert a.team.local_changes() == 0
    b.team.sync()
    (b_claim,) = [c for c in b.claims.list() if c.uid == claim.uid]
    assert b_claim.note == "Sent as the window closes"


def test_offline_is_said_and_the_changes_wait(qtbot, make_window, tmp_path, postgres, monkeypatch):
    from tests.flaky_proxy import FlakyProxy

    monkeypatch.setenv("PGPASSWORD", pg.PASSWORD)
    library = Library.open(tmp_path / "d.sqlite")
    library.load_sample()
    with FlakyProxy(("127.0.0.1", postgres.port), every=3600) as proxy:
        url = postgres.tcp_url(password=None).replace(f":{postgres.port}/", f":{proxy.port}/")
        library.team.join(url, postgres.new_team())
    # The proxy is gone: the server cannot be reached.
    try:
        window = make_window(library)
        claim = library.claims.list()[0]
        library.claims.edit(claim.id, grade=3)
        qtbot.waitUntil(lambda: window.team_status.text() == "1 change waiting")
        _sync(qtbot, window, failed=True)
        qtbot.waitUntil(lambda: window.team_status.text() == "offline · 1 change waiting")
        assert "cannot reach the server" in window.statusBar().currentMessage()
        assert "cannot reach the server" in window.team_status.toolTip()  # after it fades
        assert library.claims.get(claim.id).grade == 3 and library.team.local_changes() == 1
        window.close()  # offline: closing does not wait for a sync that cannot happen
    finally:
        library.close()

"""`briefing team ...` and `briefing brief share` as analysts and scripts use them, against
the session's throwaway PostgreSQL; bad input is one line, exit 2, nothing changed."""

from __future__ import annotations

import json
import socket
import sqlite3
import threading
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.core.migrate import latest_version
from tests import postgres as pg

STATUS_KEYS = {
    "joined", "team", "url", "joined_at", "last_sync_at", "last_error", "local_changes",
    "team_changes", "conflicts", "online", "members",
}  # fmt: skip


def run(lib: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = main(["--library", str(lib), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def libs(tmp_path: Path, capsys) -> tuple[Path, Path]:
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    assert run(a, "whoami", "A. Analyst", capsys=capsys)[0] == 0
    assert run(b, "whoami", "B. Analyst", capsys=capsys)[0] == 0
    assert run(a, "sample", capsys=capsys)[0] == 0
    return a, b


def schemas(postgres: pg.Cluster) -> set[str]:
    with postgres.admin() as admin:
        return {r[0] for r in admin.execute("SELECT schema_name FROM information_schema.schemata")}


def test_join_sync_status_conflicts_resolve_leave(libs, postgres, monkeypatch, capsys):
    monkeypatch.setenv("PGPASSWORD", pg.PASSWORD)
    a, b = libs
    url, team = postgres.tcp_url(password=None), postgres.new_team()
    code, out, err = run(a, "team", "join", url, "--team", team, capsys=capsys)
    assert code == 0, err
    assert out.startswith(f"joined the team library '{team}' at postgresql://analyst@127.0.0.1")
    assert "pushed" in out
    code, out, _ = run(b, "team", "join", url, "--team", team, capsys=capsys)
    assert code == 0 and "35 changes pulled" in out
    # A grade changed on both sides: B's sync keeps the team's and lists the conflict.
    uid = [c["uid"] for c in json.loads(run(a, "claims", "--json", capsys=capsys)[1])
           if c["id"] == 1][0]  # fmt: skip
    (b_id,) = [c["id"] for c in json.loads(run(b, "claims", "--json", capsys=capsys)[1])
               if c["uid"] == uid]  # fmt: skip
    assert run(a, "claim", "edit", "1", "--grade", "2", capsys=capsys)[0] == 0
    assert run(b, "claim", "edit", str(b_id), "--grade", "5", capsys=capsys)[0] == 0
    assert run(a, "team", "sync", capsys=capsys)[0] == 0
    code, out, _ = run(b, "team", "sync", capsys=capsys)
    assert "1 conflict" in out
    status = json.loads(run(b, "team", "status", "--json", capsys=capsys)[1])
    assert set(status) == STATUS_KEYS
    assert (status["joined"], status["team"], status["conflicts"], status["online"]) == (
        True,
        team,
        1,
        True,
    )
    assert status["members"] == ["A. Analyst", "B. Analyst"]
    assert "s3cret" not in json.dumps(status)
    (conflict,) = json.loads(run(b, "team", "conflicts", "--json", capsys=capsys)[1])
    assert {k: conflict[k] for k in ("kind", "field", "mine", "theirs", "theirs_by")} == {
        "kind": "claim",
        "field": "grade",
        "mine": 5,
        "theirs": 2,
        "theirs_by": "A. Analyst",
    }
    code, out, _ = run(b, "team", "conflicts", capsys=capsys)
    assert "grade" in out and "A. Analyst" in out
    assert conflict["record"] == b_id
    claim = json.loads(run(b, "claims", "--json", capsys=capsys)[1])
    claim = [c for c in claim if c["id"] == b_id][0]
    assert claim["grade"] == 2
    assert (claim["created_by"], claim["changed_by"]) == ("A. Analyst", "A. Analyst")
    assert claim["changed_at"]
    code, out, _ = run(b, "team", "resolve", str(conflict["id"]), "--keep", "mine", capsys=capsys)
    assert code == 0 and "kept mine" in out
    assert run(b, "team", "sync", capsys=capsys)[0] == 0
    assert run(a, "team", "sync", capsys=capsys)[0] == 0
    claims = json.loads(run(a, "claims", "--json", capsys=capsys)[1])
    (one,) = [c for c in claims if c["id"] == 1]
    assert (one["grade"], one["changed_by"]) == (5, "B. Analyst")
    code, out, _ = run(b, "team", "leave", capsys=capsys)
    assert code == 0 and "keeps everything" in out
    status = json.loads(run(b, "team", "status", "--json", capsys=capsys)[1])
    assert set(status) == STATUS_KEYS and status["joined"] is False
    code, _, err = run(b, "team", "sync", capsys=capsys)
    assert code == 2 and err.count("\n") == 1 and "team join" in err


def test_brief_share(libs, postgres, monkeypatch, capsys):
    monkeypatch.setenv("PGPASSWORD", pg.PASSWORD)
    a, b = libs
    url, team = postgres.tcp_url(password=None), postgres.new_team()
    assert run(a, "brief", "new", "SenseTime", capsys=capsys)[0] == 0
    assert run(a, "brief", "add", "1", "1", "2", capsys=capsys)[0] == 0
    assert json.loads(run(a, "brief", "show", "1", "--json", capsys=capsys)[1])["shared"] is False
    code, out, _ = run(a, "brief", "share", "1", capsys=capsys)
    assert code == 0 and "a team library, once joined" in out
    run(a, "team", "join", url, "--team", team, capsys=capsys)
    run(b, "team", "join", url, "--team", team, capsys=capsys)
    shown = json.loads(run(b, "brief", "show", "1", "--json", capsys=capsys)[1])
    assert shown["shared"] is True and len(shown["sections"][0]["items"]) == 2
    code, out, _ = run(a, "brief", "share", "1", "--off", capsys=capsys)
    assert code == 0 and "withdrawn" in out
    code, _, err = run(a, "brief", "share", "9", capsys=capsys)
    assert code == 2 and "no briefing with id 9" in err


def _refused(code: int, err: str, *words: str) -> None:
    assert code == 2
    assert err.startswith("briefing: ") and err.count("\n") == 1, err
    for word in words:
        assert word in err, err


def test_bad_urls_are_one_line(libs, capsys):
    a, _ = libs
    for url, word in (
        ("http://db.example.org/news", "not a PostgreSQL URL"),
        ("newsroom", "not a PostgreSQL URL"),
        ("postgresql://u@h/db?sslmode=sometimes", "sslmode"),
    ):
        _refused(*run(a, "team", "join", url, capsys=capsys)[::2], word)
    _refused(*run(a, "team", "join", "postgresql://u@h/db", "--team", "No Way", capsys=capsys)[::2],
             "cannot name a team library")  # fmt: skip
    assert json.loads(run(a, "team", "status", "--json", capsys=capsys)[1])["joined"] is False


def test_a_refused_password_changes_nothing_anywhere(libs, postgres, capsys):
    a, _ = libs
    before = schemas(postgres)
    url = postgres.tcp_url(password="not it")
    code, out, err = run(a, "team", "join", url, "--team", postgres.new_team(), capsys=capsys)
    _refused(code, err, "refused the password")
    assert "not it" not in err and "not%20it" not in err
    assert schemas(postgres) == before
    assert json.loads(run(a, "team", "status", "--json", capsys=capsys)[1])["joined"] is False


def test_an_unreachable_server_and_one_that_is_not_postgresql(libs, capsys):
    a, _ = libs
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    code, _, err = run(a, "team", "join", f"postgresql://u@127.0.0.1:{closed}/db", capsys=capsys)
    _refused(code, err, "cannot reach the server")
    # A web server where PostgreSQL was expected.
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]

    def answer() -> None:
        for _ in range(4):  # libpq may try twice (SSL, then plain)
            try:
                conn, _ = server.accept()
            except OSError:
                return
            conn.recv(1024)
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            conn.close()

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    try:
        code, _, err = run(a, "team", "join", f"postgresql://u@127.0.0.1:{port}/db", capsys=capsys)
    finally:
        server.close()
    _refused(code, err, "does not speak PostgreSQL")
    assert json.loads(run(a, "team", "status", "--json", capsys=capsys)[1])["joined"] is False


def test_a_newer_team_schema_is_refused(libs, postgres, monkeypatch, capsys):
    monkeypatch.setenv("PGPASSWORD", pg.PASSWORD)
    a, b = libs
    url, team = postgres.tcp_url(password=None), postgres.new_team()
    assert run(a, "team", "join", url, "--team", team, capsys=capsys)[0] == 0
    with postgres.admin() as admin:
        admin.execute(f"UPDATE {team}.meta SET value = '99' WHERE key = 'schema_version'")
        before = admin.execute(f"SELECT count(*), max(version) FROM {team}.records").fetchone()
    code, _, err = run(b, "team", "join", url, "--team", team, capsys=capsys)
    _refused(code, err, "newer Briefing", "update Briefing")
    code, _, err = run(a, "team", "sync", capsys=capsys)
    _refused(code, err, "newer Briefing")
    with postgres.admin() as admin:
        assert (
            admin.execute(f"SELECT count(*), max(version) FROM {team}.records").fetchone() == before
        )
        members = admin.execute(f"SELECT count(*) FROM {team}.members").fetchone()[0]
    assert members == 1
    assert json.loads(run(b, "team", "status", "--json", capsys=capsys)[1])["joined"] is False
    # A schema that is not ours is not touched either.
    with postgres.admin() as admin:
        admin.execute("CREATE SCHEMA IF NOT EXISTS theirs")
        admin.execute("CREATE TABLE IF NOT EXISTS theirs.stuff (x int)")
    code, _, err = run(b, "team", "join", postgres.url(), "--team", "theirs", capsys=capsys)
    _refused(code, err, "not a Briefing team library")


def test_a_library_from_a_newer_briefing_is_refused_before_the_server_is_asked(
    tmp_path, postgres, capsys
):
    newer = tmp_path / "newer.sqlite"
    assert run(newer, "sample", capsys=capsys)[0] == 0
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.close()
    before = schemas(postgres)
    team = postgres.new_team()
    code, _, err = run(newer, "team", "join", postgres.url(), "--team", team, capsys=capsys)
    _refused(code, err, "newer version of Briefing")
    assert schemas(postgres) == before

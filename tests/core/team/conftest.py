"""Analysts with libraries of their own, and a team library for them in the session's
throwaway PostgreSQL (tests/postgres.py; skipped where PostgreSQL is not installed)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefing.core import Kind, Library
from briefing.core.team.records import ORDER, read
from tests import postgres as pg


@pytest.fixture
def team(postgres: pg.Cluster, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """(url, team name): a new team library for this test, reached over TCP with a
    password from PGPASSWORD, as an analyst would."""
    monkeypatch.setenv("PGPASSWORD", pg.PASSWORD)
    return postgres.tcp_url(password=None), postgres.new_team()


@pytest.fixture
def analyst(tmp_path: Path) -> Iterator[Callable[[str], Library]]:
    """analyst("A. Analyst"): a library of that analyst's own."""
    opened: list[Library] = []

    def make(name: str) -> Library:
        library = Library.open(tmp_path / f"{name.replace(' ', '_')}.sqlite")
        library.settings.set_user_name(name)
        opened.append(library)
        return library

    yield make
    for library in opened:
        library.close()


def records(library: Library) -> dict[str, dict[str, object]]:
    """Every shared record by kind and uid, as the team holds it: two libraries in step
    give the same."""
    conn = library.connection()
    found: dict[str, dict[str, object]] = {}
    for kind in ORDER:
        table = {"claim": "annotations", "annotation": "annotations"}.get(kind, f"{kind}s")
        where = {"claim": "kind = 'claim'", "annotation": "kind != 'claim'"}.get(kind, "1")
        ids = {i: u for i, u in conn.execute(f"SELECT id, uid FROM {table} WHERE {where}")}
        found[str(kind)] = {ids[i]: data for i, data in read(conn, Kind(kind), ids).items()}
    return found

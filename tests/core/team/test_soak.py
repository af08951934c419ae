"""Analysts syncing at the same time, over and over (a short run of bench/team.py --soak):
no change is lost or applied twice, and once everyone has synced the libraries are the same."""

from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path

from briefing.core import Library
from tests.core.team.conftest import records

ANALYSTS = 4
SECONDS = 6.0
SOURCES_PER_LOOP = 15


def test_analysts_syncing_at_once_lose_and_double_nothing(team, postgres, tmp_path: Path):
    url, name = team
    first = Library.open(tmp_path / "analyst-0.sqlite")
    first.load_sample()
    first.team.join(url, name)
    shared = sorted(c.uid for c in first.claims.list())[:4]
    first.close()
    for i in range(1, ANALYSTS):
        library = Library.open(tmp_path / f"analyst-{i}.sqlite")
        library.team.join(url, name)
        library.close()
    made: list[list[str]] = [[] for _ in range(ANALYSTS)]
    syncs = [0] * ANALYSTS
    errors: list[str] = []
    deadline = time.monotonic() + SECONDS

    def work(i: int) -> None:
        library = Library.open(tmp_path / f"analyst-{i}.sqlite")
        library.settings.set_user_name(f"Analyst {i}")
        try:
            claims = {c.uid: c.id for c in library.claims.list()}
            loop = 0
            while time.monotonic() < deadline or not syncs[i]:
                loop += 1
                with library.transaction():
                    for k in range(SOURCES_PER_LOOP):
                        title = f"analyst {i} loop {loop} source {k}"
                        library.sources.add(title=title, kind="document")
                        made[i].append(title)
                    for k, uid in enumerate(shared):
                        library.claims.edit(
                            claims[uid], grade=1 + (loop + k + i) % 6, add_tags=[f"a{i}"]
                        )
                library.team.sync()
                syncs[i] += 1
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(f"analyst {i}: {exc!r}")
        finally:
            library.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(ANALYSTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert all(syncs)
    libraries = [Library.open(tmp_path / f"analyst-{i}.sqlite") for i in range(ANALYSTS)]
    try:
        for _ in range(2):
            for library in libraries:
                library.team.sync()
        for library in libraries:
            report = library.team.sync()
            assert report.pulled == report.pushed == 0
        snapshots = [records(library) for library in libraries]
        assert all(s == snapshots[0] for s in snapshots[1:])
        wanted = Counter(t for titles in made for t in titles)
        for library in libraries:
            titles = Counter(
                s.title for s in library.sources.list() if s.title.startswith("analyst")
            )
            assert titles == wanted  # every source, each once
        with postgres.admin() as admin:
            in_team = Counter(
                row[0]
                for row in admin.execute(
                    f"SELECT data->>'title' FROM {name}.records "
                    "WHERE kind = 'source' AND NOT deleted AND data->>'title' LIKE 'analyst %'"
                )
            )
        assert in_team == wanted
        # Each analyst's tag reached every claim they all edited: no addition lost.
        claims = {c.uid: c for c in libraries[0].claims.list()}
        for uid in shared:
            assert set(claims[uid].tags) >= {f"a{i}" for i in range(ANALYSTS)}
    finally:
        for library in libraries:
            library.close()

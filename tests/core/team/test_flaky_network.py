"""A network that drops every fraction of a second (a TCP proxy that cuts every connection
through it on a timer): each sync that is cut short leaves both sides consistent, syncing
again until one completes gets there, and nothing is doubled or lost."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from briefing.core import Library, TeamUnavailable
from briefing.core.team import pull, push, service
from tests import postgres as pg
from tests.conftest import wikinews_files
from tests.core.team.conftest import records
from tests.flaky_proxy import FlakyProxy


def until_done(run: Callable[[], object], *, attempts: int = 300) -> int:
    """Run until it completes (as the app's timer or an analyst would); how many were cut."""
    for failed in range(attempts):
        try:
            run()
        except TeamUnavailable as exc:
            assert "\n" not in str(exc) and pg.PASSWORD not in str(exc)
            continue
        return failed
    raise AssertionError(f"no sync completed in {attempts} attempts")


def join_or_sync(library: Library, url: str, team: str) -> None:
    if library.team.link() is None:
        library.team.join(url, team)
    else:
        library.team.sync()


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches small enough for cuts to land between them, and the waits between a sync's
    reconnects (0.5 s, doubling, five times: for a real network) short enough for a proxy
    that cuts every 0.1 s: with them, one unlucky run waited past the test's 120 s."""
    monkeypatch.setattr(pull, "PULL_BATCH", 5)
    monkeypatch.setattr(push, "PUSH_BATCH", 5)
    monkeypatch.setattr(service, "RETRY_WAIT_S", 0.01)


def test_syncs_over_a_network_that_drops_complete_with_nothing_doubled(
    analyst, team, postgres, small_batches
):
    url, name = team
    a = analyst("A. Analyst")
    a.load_sample()
    a.imports.files(wikinews_files(12))
    a.team.join(url, name)
    b = analyst("B. Analyst")
    with FlakyProxy(("127.0.0.1", postgres.port), every=0.1) as proxy:
        flaky = url.replace(f":{postgres.port}/", f":{proxy.port}/")
        until_done(lambda: join_or_sync(b, flaky, name))
        assert records(b) == records(a)
        # Both sides change things; B's pushes and pulls go through the dropping network.
        made = [f"flaky source {i}" for i in range(40)]
        with b.transaction():
            for title in made:
                b.sources.add(title=title, kind="document")
            for claim in b.claims.list()[:8]:
                b.claims.edit(claim.id, note=f"B's note on {claim.id}")
        with a.transaction():
            for claim in a.claims.list()[8:14]:
                a.claims.edit(claim.id, grade=2)
            a.sources.add(title="A's source", kind="document")
        a.team.sync()
        until_done(b.team.sync)
        # The network did drop mid-sync: connections were cut while in use (each sync
        # makes a lost one again and goes on; what it could not finish, the next did).
        assert proxy.cuts > 0
        proxy.dropping = False
        a.team.sync()
        assert b.team.sync().pushed == 0 and a.team.sync().pulled == 0
    assert records(a) == records(b)
    # Each of B's sources once in the team and once in each library.
    with postgres.admin() as admin:
        titles = Counter(
            row[0]
            for row in admin.execute(
                f"SELECT data->>'title' FROM {name}.records WHERE kind = 'source' AND NOT deleted"
            )
        )
    assert all(titles[t] == 1 for t in made)
    for library in (a, b):
        mine = Counter(s.title for s in library.sources.list())
        assert all(mine[t] == 1 for t in made) and mine["A's source"] == 1
    assert not a.team.conflicts() and not b.team.conflicts()

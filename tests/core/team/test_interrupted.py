"""A connection to the team lost mid-sync (the server ends it: pg_terminate_backend): both
sides stay consistent, and the next sync finishes the job with nothing lost or doubled."""

from __future__ import annotations

import pytest

from briefing.core import TeamUnavailable
from briefing.core.team import pull, push
from tests.conftest import wikinews_files
from tests.core.team.conftest import records


class KillAt:
    """A Progress that has the server end the sync's connection at its n-th report of a
    stage ("pulled", or "pushed": right after a batch committed in the team, before the
    library hears of it)."""

    def __init__(self, postgres, stage: str, at: int) -> None:
        self.postgres, self.stage, self.at, self.seen = postgres, stage, at, 0

    def update(self, done: int, total: int, label: str = "") -> None:
        if label != self.stage:
            return
        self.seen += 1
        if self.seen == self.at:
            with self.postgres.admin() as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = 'briefing' AND pid <> pg_backend_pid()"
                )

    def check(self) -> None:
        pass


def server_rows(postgres, team: str) -> list[tuple[str, str]]:
    with postgres.admin() as admin:
        return admin.execute(f"SELECT kind, uid FROM {team}.records WHERE NOT deleted").fetchall()


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pull, "PULL_BATCH", 7)
    monkeypatch.setattr(push, "PUSH_BATCH", 7)


def test_a_pull_cut_short_is_finished_by_the_next_sync(analyst, team, postgres, small_batches):
    a = analyst("A. Analyst")
    a.load_sample()
    a.imports.files(wikinews_files(10))
    a.team.join(*team)
    b = analyst("B. Analyst")
    with pytest.raises(TeamUnavailable, match="connection|closed|terminat"):
        b.team.join(*team, progress=KillAt(postgres, "pulled", 2), retries=0)  # cut after batch 2
    assert b.team.link() is not None  # joined; the sync is what was cut short
    half = records(b)
    assert 0 < sum(len(v) for v in half.values()) < sum(len(v) for v in records(a).values())
    b.team.sync()
    assert records(b) == records(a)
    assert b.team.sync().pulled == 0


def test_a_push_cut_after_the_team_committed_is_not_applied_twice(
    analyst, team, postgres, small_batches
):
    url, name = team
    a = analyst("A. Analyst")
    a.load_sample()
    a.team.join(url, name)
    b = analyst("B. Analyst")
    b.team.join(url, name)
    for claim in b.claims.list():
        b.claims.edit(claim.id, grade=1, add_tags=["checked"])
    for i in range(12):
        b.sources.add(title=f"Filing {i}", kind="document")
    with pytest.raises(TeamUnavailable):
        b.team.sync(progress=KillAt(postgres, "pushed", 1), retries=0)
    # The team has the first batch; the library did not hear so. Both are whole.
    b.team.sync()
    assert b.team.conflicts() == []
    a.team.sync()
    assert records(a) == records(b)
    assert all(c.grade == 1 and "checked" in c.tags for c in a.claims.list())
    assert sorted(s.title for s in a.sources.list() if s.title.startswith("Filing")) == sorted(
        f"Filing {i}" for i in range(12)
    )
    assert len(server_rows(postgres, name)) == sum(len(v) for v in records(a).values())
    assert b.team.status(online=False).local_changes == 0


def test_a_sync_cut_at_every_point_converges(analyst, team, postgres, small_batches):
    url, name = team
    a = analyst("A. Analyst")
    a.load_sample()
    a.team.join(url, name)
    b = analyst("B. Analyst")
    b.team.join(url, name)
    for round_ in range(1, 4):
        for library, who in ((a, "a"), (b, "b")):
            for i in range(9):
                library.sources.add(title=f"{who} {round_}.{i}", kind="document")
        for stage in ("pulled", "pushed"):
            try:
                b.team.sync(progress=KillAt(postgres, stage, round_), retries=0)
            except TeamUnavailable:
                pass
        a.team.sync()
        b.team.sync()
        a.team.sync()
        assert records(a) == records(b)
    titles = [s.title for s in a.sources.list()]
    assert len(titles) == len(set(titles)) == 4 + 2 * 3 * 9


def test_a_connection_lost_mid_sync_is_made_again_and_the_sync_goes_on(
    analyst, team, postgres, small_batches
):
    a = analyst("A. Analyst")
    a.load_sample()
    a.imports.files(wikinews_files(10))
    a.team.join(*team)
    b = analyst("B. Analyst")
    killer = KillAt(postgres, "pulled", 2)
    b.team.join(*team, progress=killer)  # cut after batch 2, and finished all the same
    assert killer.seen > 2  # the batches after the cut came through a new connection
    assert records(b) == records(a)
    assert b.team.sync().pulled == 0 and b.team.status(online=False).last_error is None

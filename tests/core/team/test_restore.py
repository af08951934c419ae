"""Restoring a backup of a library that is in a team: the restored file is the library as it
was, its link to the team included, so its next sync is that of a library that was offline
since the backup. What it pushed after the backup comes back from the team (not pushed
again, not lost); what it had not pushed at the backup is pushed once; others' changes
arrive; nothing is doubled or called a conflict."""

from __future__ import annotations

from collections import Counter

from briefing.core import Library
from tests.core.team.conftest import records


def test_a_restored_library_neither_pushes_again_nor_misses_a_change(analyst, team, postgres):
    url, name = team
    a = analyst("A. Analyst")
    a.load_sample()
    a.team.join(url, name)
    b = analyst("B. Analyst")
    b.team.join(url, name)
    claims = sorted(a.claims.list(), key=lambda c: c.uid)
    # Not yet synced when the backup is made: it goes with the backup.
    a.claims.edit(claims[0].id, note="A, before the backup")
    backup = a.backups.make()
    a.team.sync()
    # After the backup, pushed: the restored file has none of it.
    a.claims.edit(claims[1].id, note="A, after the backup")
    a.sources.add(title="Made after the backup", kind="document")
    a.team.sync()
    (b_claim,) = [c for c in b.claims.list() if c.uid == claims[2].uid]
    b.claims.edit(b_claim.id, note="B's note, while A restores")
    b.team.sync()
    path = a.path
    a.close()
    Library.restore_backup(path, backup.name)
    a = Library.open(path)
    try:
        restored = {c.uid: c for c in a.claims.list()}
        assert restored[claims[1].uid].note != "A, after the backup"  # as at the backup
        assert a.team.link() is not None and a.team.local_changes() > 0
        report = a.team.sync()
        assert report.pushed == 0  # the team has all of it already
        assert not a.team.conflicts()
        now = {c.uid: c for c in a.claims.list()}
        assert now[claims[0].uid].note == "A, before the backup"
        assert now[claims[1].uid].note == "A, after the backup"  # back from the team
        assert now[claims[2].uid].note == "B's note, while A restores"
        assert Counter(s.title for s in a.sources.list())["Made after the backup"] == 1
        assert a.team.status(online=False).local_changes == 0
        # Nothing missed from here on either way: a new edit goes out, B's come in.
        a.claims.edit(now[claims[3].uid].id, note="A, after the restore")
        assert a.team.sync().pushed == 1
        b.team.sync()
        assert records(a) == records(b)
        with postgres.admin() as admin:
            sources = admin.execute(
                f"SELECT count(*) FROM {name}.records WHERE kind = 'source' AND NOT deleted "
                "AND data->>'title' = 'Made after the backup'"
            ).fetchone()[0]
        assert sources == 1
        assert a.team.sync().pulled == 0 and b.team.sync().pulled == 0
    finally:
        a.close()

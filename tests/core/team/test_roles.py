"""The README's setup with a login role per analyst: a group role owns the database, and each
analyst's sessions there act as it, so the team library the first one makes is everyone's."""

from __future__ import annotations

import itertools

from briefing.core import Library
from tests.core.team.conftest import records

_DATABASES = itertools.count(1)


def test_analysts_with_roles_of_their_own_share_one_team_library(postgres, tmp_path):
    database = f"newsroom{next(_DATABASES)}"
    group = f"{database}_team"
    with postgres.admin() as admin:  # as the README says, word for word but the names
        admin.execute(f"CREATE ROLE {group} NOLOGIN")
        for analyst in ("alice", "bob"):
            admin.execute(f"CREATE ROLE {database}_{analyst} LOGIN IN ROLE {group}")
        admin.execute(f"CREATE DATABASE {database} OWNER {group}")
        for analyst in ("alice", "bob"):
            admin.execute(
                f"ALTER ROLE {database}_{analyst} IN DATABASE {database} SET role {group}"
            )
    alice = Library.open(tmp_path / "alice.sqlite")
    bob = Library.open(tmp_path / "bob.sqlite")
    try:
        alice.load_sample()
        alice.team.join(postgres.url(database, role=f"{database}_alice"), "xinjiang")
        bob.team.join(postgres.url(database, role=f"{database}_bob"), "xinjiang")
        claim = bob.claims.list()[0]
        bob.claims.edit(claim.id, grade=2)
        assert bob.team.sync().pushed == 1
        alice.team.sync()
        assert records(alice) == records(bob)
        status = bob.team.status()
        assert status.online and status.team_changes == 0
    finally:
        alice.close()
        bob.close()

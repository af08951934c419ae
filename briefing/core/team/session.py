"""What one sync works with: the library, the team's connection and schema, the records as
the team holds them, and the report of what it did. Pull (pull.py) and push (push.py) build
on it; sync.py runs them in order (its docstring tells the whole story)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from briefing.core.changes import Kind
from briefing.core.progress import NoProgress, Progress
from briefing.core.team import link as links
from briefing.core.team.records import (
    Data,
)

if TYPE_CHECKING:
    import psycopg

    from briefing.core.library import Library

# Pairs of keys given as one JSON text: psycopg builds a text[] parameter in Python, element
# by element, which cost a first join of 100k articles seconds; JSON is written in C and
# read by the server in C.
PAIRS = "(SELECT e->>0, e->>1 FROM jsonb_array_elements(%s::jsonb) e)"
COLUMNS = (
    "kind, uid, version, deleted, merged_into, withdrawn, data, created_by, changed_by, changed_at"
)


@dataclass(frozen=True)
class Remote:
    """A record as the team holds it."""

    kind: Kind
    uid: str
    version: int
    deleted: bool
    merged_into: str | None
    withdrawn: bool
    data: Data
    created_by: str | None
    changed_by: str | None
    changed_at: str | None

    @classmethod
    def of(cls, row: tuple[Any, ...]) -> Remote:
        kind, uid, version, deleted, into, withdrawn, data, created, changed, at = row
        return cls(
            Kind(kind), uid, version, deleted, into, withdrawn, data or {}, created, changed, at
        )


@dataclass
class SyncReport:
    """What one sync did. `conflicts` counts those it found (see TeamService.conflicts)."""

    pulled: int = 0
    pushed: int = 0
    conflicts: int = 0
    team_version: int = 0
    kept: list[str] = field(default_factory=list)  # edits kept against deletions, said once


class Session:
    def __init__(
        self,
        library: Library,
        pg: psycopg.Connection[Any],
        link: links.Link,
        progress: Progress | None = None,
    ) -> None:
        self.library = library
        self.pg = pg
        self.link = link
        self.report = SyncReport(team_version=link.pulled_version)
        self.progress = progress or NoProgress()
        self.user = library.settings.user_name
        self.library_uid = library.uid  # read once: every pushed row carries it
        from psycopg import sql

        self._s = sql.Identifier(link.team)
        self._sql = sql

    def q(self, text: str) -> Any:
        """A statement on the team's schema: {s} stands for it."""
        return self._sql.SQL(text).format(s=self._s)

    def fetch(self, keys: Iterable[tuple[Kind, str]]) -> list[Remote]:
        keys = list(keys)
        if not keys:
            return []
        rows = self.pg.execute(
            self.q(f"SELECT {COLUMNS} FROM {{s}}.records WHERE (kind, uid) IN {PAIRS}"),
            (json_text([[str(k), u] for k, u in keys]),),
        ).fetchall()
        return [Remote.of(r) for r in rows]


def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def one(cursor: Any) -> Any:
    """The first column of the one row a statement gives."""
    row = cursor.fetchone()
    assert row is not None
    return row[0]

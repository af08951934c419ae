"""What a write changed: the kinds of record added, updated or deleted, with their ids.

Every committed write yields one `Changes` (the library announces it to its listeners), and
`library.changes_since(version)` answers the same question for everything committed since a
version, by any process. So a view asks one value "did my rows change?" whether the change was
its own, another window's, or another program's (Anki's `OpChanges` plays this part).

The ids are the local integer ids the services use. A claim is also an annotation (the same
id); the journal files it under "claim", and other annotations (mentions, highlights, notes)
under "annotation". A change to a record's parts counts as a change to the record: a new alias
updates its actor, a moved item its briefing, a source linked to a claim that claim.

`full` means "anything may have changed": the journal could not say exactly (it was cut short
behind the library's back, or the version asked about is older than what it keeps). A view
then reloads everything rather than trust a partial answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    ARTICLE = "article"
    ANNOTATION = "annotation"
    CLAIM = "claim"
    ACTOR = "actor"
    SOURCE = "source"
    TAG = "tag"
    BRIEFING = "briefing"


_EMPTY: frozenset[int] = frozenset()


def _frozen(ids: Mapping[Kind, Iterable[int]] | None) -> Mapping[Kind, frozenset[int]]:
    if not ids:
        return {}
    frozen = {Kind(kind): frozenset(values) for kind, values in ids.items()}
    return {kind: values for kind, values in frozen.items() if values}  # an empty set says nothing


@dataclass(frozen=True)
class Changes:
    """Records added, updated and deleted, by kind, between journal versions `since` and
    `version` (where the journal stood after: ask `changes_since` from there next time).

    A record both added and deleted within that span is in neither: nobody outside it ever
    saw it. Versions are 0 for a value that does not come from the journal.
    """

    added: Mapping[Kind, frozenset[int]] = field(default_factory=dict)
    updated: Mapping[Kind, frozenset[int]] = field(default_factory=dict)
    deleted: Mapping[Kind, frozenset[int]] = field(default_factory=dict)
    version: int = 0
    full: bool = False
    since: int = 0

    @classmethod
    def of(
        cls,
        *,
        added: Mapping[Kind, Iterable[int]] | None = None,
        updated: Mapping[Kind, Iterable[int]] | None = None,
        deleted: Mapping[Kind, Iterable[int]] | None = None,
        version: int = 0,
        full: bool = False,
        since: int = 0,
    ) -> Changes:
        return cls(_frozen(added), _frozen(updated), _frozen(deleted), version, full, since)

    # Asking ---------------------------------------------------------------------------------

    def touches(self, *kinds: Kind | str) -> bool:
        """Whether any record of these kinds (any kind, when none is named) changed."""
        if self.full:
            return True
        wanted = [Kind(k) for k in kinds] or list(Kind)
        return any(k in self.added or k in self.updated or k in self.deleted for k in wanted)

    def added_ids(self, kind: Kind | str) -> frozenset[int]:
        return self.added.get(Kind(kind), _EMPTY)

    def updated_ids(self, kind: Kind | str) -> frozenset[int]:
        return self.updated.get(Kind(kind), _EMPTY)

    def deleted_ids(self, kind: Kind | str) -> frozenset[int]:
        return self.deleted.get(Kind(kind), _EMPTY)

    def ids(self, kind: Kind | str) -> frozenset[int]:
        """Every id of this kind that was added, updated or deleted."""
        k = Kind(kind)
        return self.added_ids(k) | self.updated_ids(k) | self.deleted_ids(k)

    def __bool__(self) -> bool:
        return self.full or bool(self.added or self.updated or self.deleted)

    # Combining ------------------------------------------------------------------------------

    def __or__(self, later: Changes) -> Changes:
        """This, then `later`: what a view that saw neither must catch up on."""
        if not isinstance(later, Changes):
            return NotImplemented
        added: dict[Kind, set[int]] = {}
        updated: dict[Kind, set[int]] = {}
        deleted: dict[Kind, set[int]] = {}
        for kind in Kind:
            a = set(self.added_ids(kind))
            u = set(self.updated_ids(kind))
            d = set(self.deleted_ids(kind))
            for i in later.added_ids(kind):
                if i in d:  # gone, then back (an undo): it changed
                    d.discard(i)
                    u.add(i)
                else:
                    a.add(i)
            for i in later.updated_ids(kind):
                if i not in a:
                    u.add(i)
            for i in later.deleted_ids(kind):
                if i in a:  # came and went: never seen
                    a.discard(i)
                else:
                    u.discard(i)
                    d.add(i)
            added[kind], updated[kind], deleted[kind] = a, u, d
        return Changes.of(
            added=added,
            updated=updated,
            deleted=deleted,
            version=max(self.version, later.version),
            full=self.full or later.full,
            since=min(self.since, later.since) if self.since and later.since else 0,
        )

    def as_json(self) -> dict[str, object]:
        """Plain lists, for `--json` and for scripts: {"added": {"claim": [3]}, ...}."""
        return {
            "since": self.since,
            "version": self.version,
            "full": self.full,
            **{
                name: {str(k): sorted(ids) for k, ids in sorted(part.items())}
                for name, part in (
                    ("added", self.added),
                    ("updated", self.updated),
                    ("deleted", self.deleted),
                )
            },
        }

    def __repr__(self) -> str:
        parts = []
        for name, part in (
            ("added", self.added),
            ("updated", self.updated),
            ("deleted", self.deleted),
        ):
            for kind, ids in sorted(part.items()):
                parts.append(f"{name} {kind} {sorted(ids)}")
        if self.full:
            parts.append("full")
        return f"Changes(v{self.version}: {'; '.join(parts) or 'nothing'})"


NO_CHANGES = Changes()

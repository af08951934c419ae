"""Merging a record changed on both sides since the last sync, field by field (Zotero's way).

Three versions of the record: the base (what the team held when this library last synced
it, as fingerprints), mine (the local record) and theirs (the team's). A field that only one
side changed takes that side's value; one that both changed to the same value is settled. A
field whose value is a set (tags, subjects, sources, links, aliases) takes every addition
and removal from both sides. A field that both changed to different values keeps the team's
value, and the local one is handed back as a conflict for the analyst to settle: never lost,
never silent. With no base (two analysts made the same article or actor apart), every field
that differs is such a field, except the moment each made it (the earlier stays).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from briefing.core.team.fingerprints import same
from briefing.core.team.records import QUIET_FIELDS, SET_FIELDS, Data


@dataclass(frozen=True)
class FieldConflict:
    field: str
    mine: Any
    theirs: Any


def merge(base: Data | None, mine: Data, theirs: Data) -> tuple[Data, list[FieldConflict]]:
    """The merged record, and the fields where mine lost to theirs."""
    merged: Data = {}
    conflicts: list[FieldConflict] = []
    for field in dict.fromkeys([*theirs, *mine]):
        m, t = mine.get(field), theirs.get(field)
        b_known = base is not None and field in base
        b = base.get(field) if base is not None else None
        if equal(m, t):
            merged[field] = t
        elif b_known and same(m, b):
            merged[field] = t
        elif b_known and same(t, b):
            merged[field] = m
        elif field in SET_FIELDS:
            merged[field] = merge_sets(list(b or []) if b_known else [], m or [], t or [])
        elif field in QUIET_FIELDS:
            merged[field] = min((v for v in (m, t) if v is not None), default=None)
        else:
            merged[field] = t
            conflicts.append(FieldConflict(field, m, t))
    return merged, conflicts


def merge_sets(base: list[Any], mine: list[Any], theirs: list[Any]) -> list[Any]:
    """Theirs, plus what I added, less what I removed (since the base)."""
    key = _key
    b = {key(v) for v in base}
    m = {key(v): v for v in mine}
    result = {key(v): v for v in theirs}
    for k, v in m.items():
        if k not in b:
            result[k] = v
    for k in b - set(m):
        result.pop(k, None)
    return [result[k] for k in sorted(result)]


def changed_fields(base: Data | None, data: Data) -> list[str]:
    """The fields of `data` that differ from the base (all of them with no base)."""
    if base is None:
        return list(data)
    return [f for f, v in data.items() if f not in base or not same(v, base[f])]


def edited(base: Data, data: Data) -> bool:
    """Whether `data` holds an edit made since the base: what vetoes a deletion. Removals
    from a set field do not count (a claim loses its link to a claim deleted with it)."""
    for field in changed_fields(base, data):
        if field not in SET_FIELDS:
            return True
        had = {_key(v) for v in base.get(field) or []}
        if any(_key(v) not in had for v in data.get(field) or []):
            return True
    return False


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def equal(a: Any, b: Any) -> bool:
    if type(a) is type(b) and isinstance(a, str | int | type(None)):
        return bool(a == b)  # most fields: no JSON to write for a long text
    return _key(a) == _key(b)

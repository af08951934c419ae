"""What a base keeps of a field, and how a field is compared with it.

A base (link.py) is the team's record as it was at the last sync, kept for every shared
record so that the next sync can tell what changed on each side (merge.py). Keeping every
text twice would double the library, so a base keeps fingerprints: short values as they are,
long ones as a digest. That is enough to tell whether a field changed, not to say what it
was. Separate from records.py, which says what a record holds: this says what is remembered
of it, and is all link.py and merge.py need.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from briefing.core.team.records import SET_FIELDS, Data

DIGEST_OVER = 200  # characters of JSON


def fingerprint(value: Any) -> Any:
    """The value itself when short, else {"$sha256": digest}: what a base keeps."""
    if isinstance(value, str):
        if len(value) <= DIGEST_OVER:
            return value
        return {"$sha256": hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()}
    if value is None or isinstance(value, bool | int | float):
        return value
    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    if len(text) <= DIGEST_OVER:
        return value
    return {"$sha256": hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()}


def fingerprints(data: Data) -> Data:
    """A base: every field's fingerprint, set fields whole (they merge element by element).
    Short strings and plain values, most fields, are taken as they are without a call: a
    first join fingerprints every record it sends."""
    out: Data = {}
    for k, v in data.items():
        kind = type(v)
        if k in SET_FIELDS or v is None or kind is bool or kind is int:
            out[k] = v
        elif kind is str and len(v) <= DIGEST_OVER:
            out[k] = v
        else:
            out[k] = fingerprint(v)
    return out


def same(value: Any, base: Any) -> bool:
    """Whether a field's value is what the base holds (given as a fingerprint)."""
    wanted = _canonical(base)
    return bool(_canonical(value) == wanted or _canonical(fingerprint(value)) == wanted)


def _canonical(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in sorted(value.items())}
    return value

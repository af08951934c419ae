"""The one place that says what time it is, in the form the library stores (UTC, ISO 8601)."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

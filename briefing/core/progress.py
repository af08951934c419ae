"""How long jobs report progress and learn they were cancelled, without knowing who watches.

The CLI draws a terminal bar, the app a progress dialog over a worker's signals, tests a
recorder. Implementations should throttle drawing themselves: the core calls update() per
item and must not be slowed by it.
"""

from __future__ import annotations

from typing import Protocol

from briefing.core.errors import Cancelled


class Progress(Protocol):
    def update(self, done: int, total: int, label: str = "") -> None: ...

    def check(self) -> None:
        """Raise Cancelled if the user asked to stop."""
        ...


class NoProgress:
    """The progress of a job nobody watches."""

    def update(self, done: int, total: int, label: str = "") -> None:
        pass

    def check(self) -> None:
        pass


__all__ = ["Cancelled", "NoProgress", "Progress"]

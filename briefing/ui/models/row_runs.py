"""Row numbers as runs of consecutive rows: one beginRemoveRows or dataChanged per run, not
per row, when a change touches scattered rows of a long table."""

from __future__ import annotations

from collections.abc import Iterable


def runs(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Ascending row numbers as (first, last) runs: [2, 3, 4, 9] -> [(2, 4), (9, 9)]."""
    found: list[tuple[int, int]] = []
    for row in rows:
        if found and found[-1][1] == row - 1:
            found[-1] = (found[-1][0], row)
        else:
            found.append((row, row))
    return found

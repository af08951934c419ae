"""Counts and lists in the app's sentences ("1 alias and 2 mentions"), written one way."""

from __future__ import annotations


def counted(n: int, word: str, many: str = "") -> str:
    """ "1 mention", "1,370 mentions"; `many` for plurals that are not word + "s"."""
    return f"{n:,} " + (word if n == 1 else many or f"{word}s")


def joined(parts: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]

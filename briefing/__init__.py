"""Briefing: a reader's library of news articles, turned into briefings."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed package's metadata when first asked:
    importlib.metadata costs 30 ms, which every command would pay at start-up."""
    if name != "__version__":
        raise AttributeError(f"module 'briefing' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("briefing")
    except PackageNotFoundError:  # running from a checkout that was never installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found

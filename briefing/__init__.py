"""Briefing: a reader's library of news articles, turned into briefings."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("briefing")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"

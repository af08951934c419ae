"""Argument types shared by subcommands: a bad value is a one-line usage error, exit 2.

Arguments arrive as the bytes the shell passed; Python gives those that are not UTF-8 as
lone surrogates (PEP 383). A file name may hold such bytes and must still open its file, so
path arguments are typed `path` and kept as given; any other argument that is not text is
refused before the command runs (`not_text`), instead of failing somewhere inside it.
"""

from __future__ import annotations

import argparse

from briefing.core import has_surrogates, printable

# Ids, positions, counts and limits: beyond this they mean nothing (a library of a billion
# records is not one file on a laptop), and past 2**63 SQLite could not even compare them.
MAX_NUMBER = 1_000_000_000


def positive_int(text: str) -> int:
    shown = printable(text)
    if not (text.isascii() and text.strip().isdigit()):
        raise argparse.ArgumentTypeError(f"'{shown}' is not a number")
    if len(text.strip()) > 12 or int(text) > MAX_NUMBER:
        raise argparse.ArgumentTypeError(f"'{shown}' is too large (at most {MAX_NUMBER:,})")
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{shown}' must be at least 1")
    return value


def article_id(text: str) -> int:
    try:
        return positive_int(text)
    except argparse.ArgumentTypeError as exc:
        if "too large" in str(exc):
            raise
        raise argparse.ArgumentTypeError(
            f"'{printable(text)}' is not an article id (a number)"
        ) from None


class PathArgument(str):
    """A file name as the shell gave it, bytes that are not UTF-8 included."""


def path(text: str) -> PathArgument:
    return PathArgument(text)


def not_text(args: argparse.Namespace) -> str | None:
    """The message for the first argument that is not text (paths excepted), or None."""
    for value in vars(args).values():
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if isinstance(item, str) and not isinstance(item, PathArgument):
                if has_surrogates(item):
                    return (
                        f"the argument '{printable(item)}' is not valid text (UTF-8); "
                        "give it in UTF-8"
                    )
    return None

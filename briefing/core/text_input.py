"""Text from outside that may not be text: file names, arguments, environment values, JSON.

Python turns bytes that are not UTF-8 in a file name, an argument or an environment value
into lone surrogates (PEP 383: b"caf\\xe9" becomes "caf\\udce9"), so the name still opens its
file; JSON's "\\ud800" escapes give lone surrogates too. Such a str cannot be encoded as UTF-8,
so it cannot be stored, printed to a UTF-8 stream or searched for. Two things are done with
it: a name is shown (and stored) escaped, "caf\\xe9", while the file itself is still opened by
its real name; anything meant as text is refused with a message that shows it escaped.
"""

from __future__ import annotations

import re

from briefing.core.errors import InvalidInput

_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogates(value: str) -> bool:
    # ASCII first: a C check of a flag CPython keeps on every str, where the search reads
    # every character (an import asks of each article's whole text).
    return not value.isascii() and _SURROGATE.search(value) is not None


def printable(value: str) -> str:
    """`value` with every lone surrogate written out: a byte that was not UTF-8 as \\xNN
    (as the shell's $'...' writes it), any other as \\udNNN. Valid text is returned as is."""
    if not has_surrogates(value):
        return value
    return _SURROGATE.sub(_escape, value)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def check_text(value: str, what: str) -> str:
    """`value`, or InvalidInput saying that `what` is not text."""
    if has_surrogates(value):
        raise InvalidInput(f"{what} is not valid text (UTF-8): '{printable(value)}'")
    return value

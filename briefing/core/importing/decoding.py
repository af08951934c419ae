"""Bytes to text, whatever encoding the file was saved in.

UTF-8 (with or without a BOM) is tried first because it is what nearly everything is, and a
strict UTF-8 decode almost never succeeds on text that is not UTF-8. Next comes the charset a
web page declares, read the way browsers read it (a page that says ISO-8859-1 means
windows-1252). Only then does charset-normalizer guess. Binary content is refused rather
than decoded into noise.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# What browsers do with declared labels (WHATWG Encoding Standard).
_BROWSER_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "shift_jis": "cp932",
    "tis-620": "cp874",
    "iso-8859-9": "cp1254",
}


# DOS and old Mac code pages: statistically close to the Windows ones on short texts, and
# never what a news file is written in today. Left out so the guesser cannot pick them.
_IMPLAUSIBLE = [
    "cp437",
    "cp737",
    "cp775",
    "cp850",
    "cp852",
    "cp855",
    "cp857",
    "cp858",
    "cp860",
    "cp861",
    "cp862",
    "cp863",
    "cp864",
    "cp865",
    "cp866",
    "cp869",
    "cp1006",
    "cp1125",
    "cp037",
    "cp273",
    "cp424",
    "cp500",
    "cp875",
    "cp1026",
    "cp1140",
    "mac_cyrillic",
    "mac_greek",
    "mac_iceland",
    "mac_latin2",
    "mac_roman",
    "mac_turkish",
    "hp_roman8",
    "kz1048",
    "ptcp154",
]


class NotText(ValueError):
    """The bytes are not text in any encoding we can recognise."""


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        # UTF-16 text has NULs too; it starts with a BOM when it is a real text file.
        return not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    return False


def decode(data: bytes, *, html: bool = False) -> str:
    """Decode `data`; raise NotText for binary content or text in no known encoding."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if looks_binary(data):
        raise NotText("not a text file (it holds binary data)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        declared = declared_charset(data)
        if declared:
            try:
                return data.decode(declared)
            except (UnicodeDecodeError, LookupError):
                pass
    # Almost UTF-8: one truncated character in a long UTF-8 file is damage, not another
    # encoding; keep the text and mark the bad byte rather than guess a legacy charset.
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    if _mostly_ascii(data):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    best = charset_normalizer.from_bytes(data, cp_exclusion=_IMPLAUSIBLE).best()
    if best is None:
        raise NotText("not a text file (no known text encoding fits its bytes)")
    return str(best)


def declared_charset(data: bytes) -> str | None:
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    label = match[1].decode("ascii", "ignore").lower()
    label = _BROWSER_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _mostly_ascii(data: bytes) -> bool:
    """English text with the odd pound sign or accent: statistics cannot tell encodings
    apart from one or two bytes, and windows-1252 is by far the likeliest for such text."""
    high = sum(1 for byte in data if byte >= 0x80)
    return high * 100 <= len(data)


def _mostly_utf8(data: bytes) -> bool:
    """A few broken sequences among many good multi-byte ones: damaged UTF-8.

    A Latin-1 file with one pound sign has one bad sequence and no good ones, and must go
    to the guesser instead.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for char in text if ord(char) > 0x7F) - bad
    return bad <= 3 and good >= 10 * bad

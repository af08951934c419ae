"""Which web addresses may become links: the one allow-list, used at input and at export.

A link in an exported briefing is followed by whoever opens it, in a browser, a mail client
or a PDF viewer, so only schemes that fetch a page or open a message may become one: http,
https and mailto. Anything else (`javascript:`, `data:`, `vbscript:`, `file:`, and schemes
nobody has heard of) is kept as text. No other scheme earns its place: a news source is a
web page or an address to write to; `ftp:` is gone from browsers, `tel:` and `doi:` name
nothing a briefing cites that an https address does not name better.

The check is strict on purpose. A value must start with the scheme itself: no leading
space, no control character, no character reference (`java&#115;cript:`), nothing a browser
or a Markdown renderer would strip or decode into a different scheme before it acts. At
input a value is trimmed first (people paste with spaces); a stored value is judged as it is.
"""

from __future__ import annotations

import re
import urllib.parse

from briefing.core.errors import InvalidInput

SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# C0 and C1 controls, and white space that is not a plain space: never in a real address,
# and what disguises a scheme (`java\tscript:` is javascript: to a browser).
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028-\u202f\ufeff]")
# What a link destination may hold unescaped in every Markdown renderer (CommonMark, GFM,
# Pandoc, Python-Markdown) and in an HTML attribute: RFC 3986's unreserved and reserved
# characters and `%`, less the parentheses and the apostrophe. `&` stays: all of them read
# it as itself (see `link_target` for the one case they do not).
_SAFE = "-._~:/?#@!$&*+,;=%"
_ENTITY_LIKE = re.compile(r"&([A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")


def scheme_of(value: str) -> str | None:
    """The scheme a value starts with, lower-cased ("JaVaScRiPt:" is "javascript"), or None."""
    match = _SCHEME.match(value)
    return match[1].lower() if match else None


def is_linkable(value: str | None) -> bool:
    """True when `value`, exactly as it is, is an http(s) address with a host or a mailto:
    address: what may become a link in an export."""
    if not value or _FORBIDDEN.search(value) or value != value.strip():
        return False
    scheme = scheme_of(value)
    if scheme not in SCHEMES:
        return False
    rest = value[len(scheme) + 1 :]
    if scheme == "mailto":
        return bool(rest)
    return rest.startswith("//") and bool(rest[2:].split("/", 1)[0].split("?", 1)[0])


def checked_url(value: str | None, what: str = "a URL") -> str | None:
    """A URL typed or given by someone, trimmed, or None when empty; InvalidInput when it is
    not an address a briefing may link to (what says whose, for the message)."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if is_linkable(value):
        return value
    scheme = scheme_of(value)
    shown = value if len(value) <= 60 else value[:59] + "…"
    if scheme in SCHEMES:
        raise InvalidInput(
            f"{what} {shown!r} is not a complete address (no host, or a control character)"
        )
    raise InvalidInput(f"{what} must start with http://, https:// or mailto: (not {shown!r})")


def web_address(value: str | None) -> str | None:
    """A URL found in a file (an HTML page's canonical link), kept only when linkable: a page
    that names a `javascript:` address as its own has no address worth keeping."""
    if value is None:
        return None
    value = value.strip()
    return value if is_linkable(value) else None


def link_target(value: str | None) -> str | None:
    """The address as a link destination that every Markdown renderer and browser reads the
    same, or None when it may not be a link.

    Spaces, quotes, parentheses, brackets, backslashes and non-ASCII characters are
    percent-encoded (a non-ASCII host is written in IDNA); an address whose `&` and `;`
    would read as a character reference (`&copy;`) has that `;` encoded, since the
    renderers disagree on decoding it. Nothing already percent-encoded is encoded again.
    """
    if not is_linkable(value):
        return None
    assert value is not None
    parts = urllib.parse.urlsplit(value)
    netloc = parts.netloc
    if netloc and not netloc.isascii():
        netloc = _ascii_host(netloc)
    encoded = urllib.parse.urlunsplit(
        (
            parts.scheme,
            netloc,
            urllib.parse.quote(parts.path, safe=_SAFE),
            urllib.parse.quote(parts.query, safe=_SAFE),
            urllib.parse.quote(parts.fragment, safe=_SAFE),
        )
    )
    return _ENTITY_LIKE.sub(lambda m: f"&{m[1]}%3B", encoded)


def _ascii_host(netloc: str) -> str:
    userinfo, at, hostport = netloc.rpartition("@")
    host, colon, port = hostport.partition(":")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        host = urllib.parse.quote(host, safe="")
    userinfo = urllib.parse.quote(userinfo, safe=_SAFE) if at else ""
    return f"{userinfo}{at}{host}{colon}{port}"

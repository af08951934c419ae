"""What a reader types, made into an FTS5 query that cannot fail.

Words are ANDed; `"phrases"`, `prefix*`, `OR`, `NOT`, `AND` and parentheses keep their FTS5
meaning. Anything else FTS5 would choke on (`SenseTime's`, `US$767`, `C++`, an unclosed
quote) is quoted, so it is searched as the words it contains. If the result is still not
valid FTS5 (`AND OR`, `NEAR(`, unbalanced parentheses), the caller runs `literal()`: every
chunk quoted, nothing an operator. Chunks with no word characters at all (`*`, `--`, `;`)
are dropped, because an empty phrase makes FTS5 match nothing.
"""

from __future__ import annotations

import re
import sqlite3

OPERATORS = frozenset({"AND", "OR", "NOT"})
_CHUNK = re.compile(r'"[^"]*"?\*?|[()]|[^\s()"]+')
# FTS5 barewords: ASCII letters, digits and "_", and any non-ASCII character. Written as
# "not ASCII" rather than the range \u0080-\U0010FFFF, whose set took 70 ms to compile (on
# every start of the app and the command line).
_BAREWORD = re.compile(r"^(?:[A-Za-z0-9_]|[^\x00-\x7f])+$")
_WORDISH = re.compile(r"[^\W_]", re.UNICODE)
_WORDISH_RUN = re.compile(r"[^\W_]+", re.UNICODE)


def translate(query: str) -> str:
    """The query with FTS5 syntax kept and everything else made literal.

    May still be invalid FTS5 (operators in the wrong place); see `literal()`.
    """
    parts = []
    for chunk in _CHUNK.findall(query):
        if chunk in ("(", ")") or chunk in OPERATORS:
            parts.append(chunk)
        elif chunk.startswith('"'):
            prefix = chunk.endswith("*") and len(chunk) > 1
            inner = chunk.rstrip("*") if prefix else chunk
            inner = inner[1:-1] if len(inner) > 1 and inner.endswith('"') else inner[1:]
            if _WORDISH.search(inner):
                parts.append(_quote(inner) + ("*" if prefix else ""))
        else:
            term = _term(chunk)
            if term:
                parts.append(term)
    if not any(part in ("(", ")") or part in OPERATORS for part in parts):
        # Only words and phrases, ANDed: a repeated one narrows nothing, but BM25 would
        # score it again in every match (pasted text saying "the said" 32 times took 5 s
        # at 10k articles).
        firsts: dict[str, str] = {}
        for part in parts:
            firsts.setdefault(part.casefold(), part)
        parts = list(firsts.values())
    return " ".join(parts)


def count_terms(translated: str) -> int:
    """How many words a translated query holds, those inside phrases and the operators
    included: what FTS5 must look up and, for a phrase, line up in every article."""
    return len(_WORDISH_RUN.findall(translated))


def literal(query: str) -> str:
    """Every chunk of the query as a quoted string: valid FTS5 for any input."""
    chunks = query.replace('"', " ").split()
    return " ".join(_quote(chunk) for chunk in chunks if _WORDISH.search(chunk))


def _term(chunk: str) -> str:
    prefix = chunk.endswith("*")
    word = chunk.rstrip("*")
    if not _WORDISH.search(word):
        return ""
    if _BAREWORD.match(word):
        return word + ("*" if prefix else "")
    return _quote(word) + ("*" if prefix else "")


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def is_syntax_error(exc: sqlite3.OperationalError) -> bool:
    """FTS5 refusing the query itself (answered again as literal words), as opposed to a
    failure of the library (which must surface)."""
    message = str(exc)
    return message.startswith("fts5:") or "syntax error" in message or "unterminated" in message


def prefix_last(typed: str) -> str:
    """What a search field asks while the reader types: the last word as a prefix, as
    instant search does everywhere (Algolia calls it prefixLast), so that "Sen" finds
    SenseTime before the word is finished. A space after it says the word is whole, and
    a phrase, an operator, a parenthesis or a word given its own `*` are left as typed.
    The other words stay whole: "us sanc" must not match every "use" and "user".
    Surrounding spaces are dropped either way."""
    query = typed.strip()
    if not query or typed[-1].isspace():
        return query
    chunks = _CHUNK.findall(query)
    if not chunks or not query.endswith(chunks[-1]):
        return query
    last = chunks[-1]
    if last in ("(", ")") or last in OPERATORS or last.startswith('"') or last.endswith("*"):
        return query
    if not _WORDISH.search(last):
        return query
    return query + "*"

r"""Text from articles and readers made safe to put into Markdown, for three renderers at once.

The exported Markdown must mean the same in Python-Markdown (footnotes, tables), in a
CommonMark renderer (markdown-it-py with its footnote plugin) and in Pandoc, and a quote
must render as exactly its text. Each renderer escapes differently, so only what all three
read the same way is used:

- Always, a backslash before \ ` * _ { } [ ] # | (Python-Markdown escapes only
  \ ` * _ { } [ ] ( ) > # + - . ! and, with its tables extension, |; CommonMark and Pandoc
  escape any ASCII punctuation). With brackets escaped no link, image, footnote reference
  or Pandoc span can form; with braces escaped no Pandoc attribute; `#` also keeps a
  heading's closing sequence from eating a trailing `#`.
- Always, entities for `<` and `&` (`\<` is no escape in Python-Markdown): `<script>` and
  `&amp;` show as typed.
- The second of two `-` or `.` (`-\-`, `.\.\.`): Pandoc's smart typography would make a
  dash of `--` and an ellipsis of `...`.
- Entities for `$`, `^` and `~` when there are two or more of one (one alone is "US$767
  million"): Pandoc reads `$x$` as TeX math, `^x^` as superscript, `~x~` as subscript.
- An entity for `@` after anything but a letter or digit (an e-mail address stays as it is):
  Pandoc reads `@key` as a citation.
- At the start of the text, what only a line start makes structure: > + - ( and `1.`, `1)`,
  `a.` (Pandoc's fancy lists) get a backslash; `:` `~` `=` `%` (Pandoc's definition lists
  and fenced divs, setext underlines, Pandoc's title block), which have no backslash escape
  in Python-Markdown, get an entity.
Mid-line `.`, `-`, `(`, `!` stay bare, so the Markdown stays readable.

`inline` flattens all white space to single spaces: a quote or a name can then never start a
line of its own, so indentation, fences and line-start markers cannot arise mid-text.
`paragraphs` does the same per paragraph for quotes that span paragraphs. `note` keeps a
reader's Markdown (emphasis, links, code, paragraphs) but defuses whatever would start a
block: a note stays a note and cannot add headings, lists, quotes, tables or footnotes.
"""

from __future__ import annotations

import re

from briefing.core.urls import link_target

_ALWAYS = frozenset("\\`*_{}[]#|")
_BACKSLASHED = frozenset("\\`*_{}[]()#+-.!|>")  # what every renderer un-escapes
_ENTITIES = {"&": "&amp;", "<": "&lt;"}
# Pandoc reads a pair of these as TeX math, superscript, subscript or strikeout.
_PAIRED = {"$": "&#36;", "^": "&#94;", "~": "&#126;"}
_LINE_START_ENTITIES = {":": "&#58;", "~": "&#126;", "=": "&#61;", "%": "&#37;"}
_LINE_START = re.compile(r"[>+\-(:~=%]|(?:\d+|[A-Za-z]{1,9})[.)]")
# C0 and C1 controls but tab and newline: never meaningful in news, and Python-Markdown uses
# STX/ETX as placeholders of its own.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
# What an autolink may hold in every renderer: no brackets, quotes or white space, and no
# `_`/`*` pairs that Pandoc could read as emphasis around it.
_AUTOLINKABLE = re.compile(r"[^\s<>\"'`\\|{}^\[\]()]+\Z")


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    return _CONTROLS.sub(" ", text)


def _escape_chars(text: str) -> str:
    out = []
    previous = ""
    paired = {c: e for c, e in _PAIRED.items() if text.count(c) > 1}
    for char in text:
        if char in _ALWAYS or (char in "-." and previous == char):
            out.append("\\" + char)
        elif char in paired:
            out.append(paired[char])
        elif char == "@" and not previous.isalnum():  # Pandoc's citations: @key, [@key]
            out.append("&#64;")
        else:
            out.append(_ENTITIES.get(char, char))
        previous = char
    return "".join(out)


def _escape_line_start(escaped: str) -> str:
    """Defuse the first character(s) when only a line start makes them structure."""
    match = _LINE_START.match(escaped)
    if not match:
        return escaped
    cut = match.end() - 1  # the marker's last character: '>' or the '.' of '1.'
    return escaped[:cut] + _one(escaped[cut]) + escaped[cut + 1 :]


def flatten(text: str) -> str:
    """White space as a renderer shows it: runs folded to one space, ends trimmed."""
    return " ".join(_clean(text).split())


def inline(text: str | None) -> str:
    """Any text as one line of inert Markdown: renders as exactly `flatten(text)`."""
    if not text:
        return ""
    return _escape_line_start(_escape_chars(flatten(text)))


def paragraph_texts(text: str) -> list[str]:
    """The paragraphs of a quote (split at blank lines), each flattened; empty ones dropped."""
    return [p for p in (flatten(part) for part in _PARAGRAPH_BREAK.split(_clean(text))) if p]


def paragraphs(text: str | None) -> list[str]:
    """A quote as escaped paragraphs, one line each, for a blockquote of several paragraphs."""
    return [_escape_line_start(_escape_chars(p)) for p in paragraph_texts(text or "")]


def url(value: str | None) -> str:
    """A web address as a link when the allow-list lets it be one (core/urls.py), else as
    escaped text that no renderer links.

    A plain web address is an autolink, `<https://...>`. Any other is a link whose text is
    the address as it reads, `[https://a.example/it's](https://a.example/it%27s)`: one with
    characters that must be percent-encoded (spaces, quotes, parentheses, non-ASCII), and
    `mailto:`, of which Python-Markdown makes no autolink.
    Either way every renderer makes the same link of it: CommonMark, GFM, Pandoc and
    Python-Markdown read a bare `&` in a destination as itself, so it is not escaped.
    """
    if not value:
        return ""
    target = link_target(value)
    if target is None:
        return inline(value)
    if target == value and _AUTOLINKABLE.match(value) and value[:4].lower() == "http":
        return f"<{value}>"
    return f"[{_unlinkable(inline(value))}]({target})"


def _unlinkable(text: str) -> str:
    """Link text that no GFM reader makes a second link of: Pandoc's gfm reader links
    `https://...`, `www.` and e-mail addresses even inside a link's text."""
    text = text.replace(":", "&#58;", 1).replace("@", "&#64;")
    return re.sub(r"(?i)www\.", lambda m: m[0][:3] + "&#46;", text)


# Notes ------------------------------------------------------------------------------------

_NOTE_BLOCK_START = re.compile(
    r"""(?x) ^ (?:
        [#>|:=]                         # headings, quotes, line blocks, definitions, setext
      | [-+*] (?=\s|$)                  # bullet lists
      | (?:[-*_+]\s*){3,} $             # thematic breaks, setext underlines
      | (?=[-:|\s]*-) [-:|\s]+ $        # table delimiter rows
      | \+-                             # Pandoc's grid tables
      | `{3,} | ~{3,} | ~(?=\s|$)       # fences, Pandoc's definitions
      | \[ [^\]]* \]:                   # link and footnote definitions
      | \( [A-Za-z0-9@#]{0,6} \)        # Pandoc's (a) (1) (@) lists
      | (?:\d+|[A-Za-z]{1,9}) [.)] (?=\s|$)  # 1. 2) and Pandoc's a. iv) lists
      | \#\.                            # Pandoc's #. lists
    )"""
)


def note(text: str | None) -> str:
    """A reader's note: Markdown for emphasis, code and `[links](url)`, kept as written, in
    paragraphs. Every line that could open a block is defused, and so are raw HTML (`<`
    shows as itself), pipes (no tables), indentation (no code blocks, no list continuations)
    and every bracket outside a complete one-line link: footnote references (`[^x]`,
    Pandoc's `^[...]`), images, and unbalanced brackets, which Pandoc matches across blank
    lines and headings."""
    if not text:
        return ""
    blocks: list[list[str]] = [[]]
    for raw in _clean(text).split("\n"):
        line = raw.strip()
        if not line:
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(_defuse_line_start(_NOTE_TOKEN.sub(_note_token, line)))
    return "\n\n".join("\n".join(lines) for lines in blocks if lines)


# An escape pair, a link (its address may hold balanced parentheses, as Wikipedia's do),
# or a character to escape. Not a link after "!"
# (an image) or "^" (an inline footnote "^[...]" to Pandoc and markdown-it).
_NOTE_TOKEN = re.compile(
    r"\\.|(?<![!\\^])\[(?!\^)[^\[\]\n\\]+\]\((?:[^()\s\\<>]|\([^()\s\\<>]*\))+\)|[\[\]|<]"
)


def _note_token(match: re.Match[str]) -> str:
    token = match.group(0)
    if token == "\\<":  # CommonMark's escape, which Python-Markdown reads as raw HTML
        return "&lt;"
    if len(token) > 1 and token[0] == "[":  # a link: kept when its address may be one, else text
        text, _, address = token[1:-1].partition("](")
        target = link_target(address)
        if target is None:
            return f"\\[{text}\\]({_escape_chars(address)})"
        return f"[{text}]({target})"
    if len(token) > 1:  # "\x": as written
        return token
    return "&lt;" if token == "<" else "\\" + token


def _defuse_line_start(line: str) -> str:
    match = _NOTE_BLOCK_START.match(line)
    if not match:
        return line
    marker = match.group(0)
    if marker[0].isalnum():  # "1." or "a)": escape the punctuation after the number
        cut = len(marker) - 1
        return line[:cut] + _one(line[cut]) + line[cut + 1 :]
    if line.startswith("\\"):  # already escaped ("\|" from the pipes above)
        return line
    return _one(line[0]) + line[1:]


def _one(char: str) -> str:
    if char in _BACKSLASHED:
        return "\\" + char
    return _LINE_START_ENTITIES.get(char) or _ENTITIES.get(char) or f"&#{ord(char)};"

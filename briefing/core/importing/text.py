"""Plain text as a reader pastes or saves it.

The canonical text is the input with its line ends made LF, control characters and a BOM
removed and surrounding blank space trimmed; nothing else changes, so what the reader sees
is what the agency printed. One exception: a hard-wrapped text that marks paragraphs by
indenting their first lines gets the blank lines our paragraphs are (indented.py says
when and why). A short first line followed by a blank line is a headline and
becomes the title; otherwise a title is proposed from the first sentence and marked as
proposed.
"""

from __future__ import annotations

import re

from briefing.core.importing.extracted import Extracted, ExtractedChanges
from briefing.core.importing.indented import indented_paragraphs
from briefing.core.importing.wire import read_wire_marks

TITLE_MAX = 90
_HEADLINE_MAX = 200
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$")
_WEAK_ENDINGS = frozenset(
    "a an the of to in on at for from by with and or but as that which who is was were be "
    "it its their his her this these those than".split()
)


def clean_text(text: str) -> str:
    """The canonical form of any text: LF line ends, no control characters, trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def parse_text(text: str, *, source_format: str = "text") -> Extracted:
    text = clean_text(text)
    title = ""
    first, sep, rest = text.partition("\n")
    if sep and rest.startswith(("\n", " \n")) and _is_headline(first):
        title = " ".join(first.split())
        text = rest.strip()
    # After the headline: the blank line under it is the title's, not a paragraph mark.
    text = indented_paragraphs(text)
    return with_wire_marks(Extracted(text=text, source_format=source_format, title=title))


def with_wire_marks(article: Extracted) -> Extracted:
    """Fill dateline, date and agency from the text, and propose a title if there is none."""
    marks = read_wire_marks(article.text)
    changes: ExtractedChanges = {}
    if marks.dateline and not article.dateline:
        changes["dateline"] = marks.dateline
    if marks.date and not article.date:
        changes["date"] = marks.date
    if marks.agency and not article.agency:
        changes["agency"] = marks.agency
    if not article.title.strip():
        changes["title"] = propose_title(article.text[marks.body_start :])
        changes["title_proposed"] = True
    return article.with_changes(**changes) if changes else article


def propose_title(text: str, limit: int = TITLE_MAX) -> str:
    """The first sentence, cut at a word boundary when it is long.

    Trailing small words ("postponing a") are dropped before the ellipsis so that a cut
    title still reads as a phrase.
    """
    paragraph = " ".join(text.strip().split("\n\n", 1)[0].split())
    sentence = _SENTENCE_END.split(paragraph, maxsplit=1)[0].strip()
    if len(sentence) <= limit:
        return sentence.rstrip(".")
    words = sentence[: limit + 1].split(" ")[:-1] or [sentence[:limit]]
    while len(words) > 3 and words[-1].lower().strip(",;:") in _WEAK_ENDINGS:
        words.pop()
    return " ".join(words).rstrip(",;:—–-") + "…"


def _is_headline(line: str) -> bool:
    line = line.strip()
    if not line or len(line) > _HEADLINE_MAX:
        return False
    if read_wire_marks(line + "\n").dateline:
        return False
    # A headline does not end like a sentence; a one-line lede does. Wire headlines in
    # capitals may end in an abbreviation ("TARIFF CUTS FOR U.S.").
    if line.endswith((",", ";", ":")):
        return False
    if line.endswith("."):
        return line.isupper() or line.endswith("...") or bool(_ABBREVIATION_END.search(line))
    return True

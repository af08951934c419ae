"""Laying an article out as a QTextDocument, and the exact map between the two coordinates.

Every annotation offset is a Python str index into the article's canonical text. The reader
shows something else: a metadata header first, then one QTextBlock per paragraph (the
blank-line-separated blocks of the text, trimmed; single line breaks inside a paragraph
become spaces of the same length). `PositionMap` converts between the two exactly.

Beware: QTextDocument counts UTF-16 code units, so a character outside the BMP (an emoji, a
rare CJK ideograph) takes two document positions but one str index. Paragraphs without such
characters (nearly all) convert by plain subtraction; the others count code units.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument

from briefing.core import InvalidInput, parse_optional

# Characters QTextCursor.insertText() would turn into a new block; each shows as one space.
_BLOCK_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\u2029": " "})
_BLANK_LINES = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?:;,\u2026][\"'\u2019\u201d)\]]*$")
HEADING_MAX_CHARS = 80
HEADING_MAX_WORDS = 10
DATE_LINE_MAX_CHARS = 40
_ATTRIBUTION = re.compile(r"^[\u2014\u2013\u2015-]")  # "—Troy Roberts", under a quote
_WEEKDAY = re.compile(
    r"^(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+", re.IGNORECASE
)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the canonical text: [start, end) with surrounding space trimmed."""

    start: int
    end: int
    heading: bool
    dateline: bool = False  # a line that is only a date: "Sunday, June 23, 2019"


def split_paragraphs(text: str) -> list[Paragraph]:
    """The blank-line-separated blocks; a short single line without end punctuation (the
    sample's `'Caught in the middle'`) is a sub-heading, unless it is only a date (Wikinews
    opens each story with "Sunday, June 23, 2019": that is the story's dateline), names who
    said the quote above it ("—Troy Roberts"), or stands among other short lines (a list)."""
    paragraphs = []
    position = 0
    for match in [*_BLANK_LINES.finditer(text), None]:
        stop = match.start() if match else len(text)
        chunk = text[position:stop]
        stripped = chunk.strip()
        if stripped:
            start = position + (len(chunk) - len(chunk.lstrip()))
            end = start + len(stripped)
            dateline = _is_date_line(stripped)
            heading = not dateline and _is_heading(stripped)
            paragraphs.append(Paragraph(start, end, heading, dateline))
        if match:
            position = match.end()
    # A sub-heading stands over text: short lines one after another are a list (a table of
    # results, seats per party), and one that ends the article is a sign-off ("Reuter").
    runs = [p.heading for p in paragraphs]
    for n, paragraph in enumerate(paragraphs):
        last = n + 1 == len(runs)
        if paragraph.heading and ((n > 0 and runs[n - 1]) or last or runs[n + 1]):
            paragraphs[n] = Paragraph(paragraph.start, paragraph.end, False, paragraph.dateline)
    return paragraphs


def _is_heading(block: str) -> bool:
    return (
        "\n" not in block
        and not _ATTRIBUTION.match(block)
        and len(block) <= HEADING_MAX_CHARS
        and len(block.split()) <= HEADING_MAX_WORDS
        and not _SENTENCE_END.search(block)
    )


def _is_date_line(block: str) -> bool:
    if len(block) > DATE_LINE_MAX_CHARS or "\n" in block:
        return False
    try:
        return parse_optional(_WEEKDAY.sub("", block).rstrip(" .")) is not None
    except InvalidInput:
        return False


def utf16_length(text: str) -> int:
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


class PositionMap:
    """Canonical str offsets <-> document positions, for the paragraphs laid out."""

    def __init__(self, text: str, paragraphs: list[Paragraph], doc_starts: list[int]) -> None:
        self._text = text
        self._paragraphs = paragraphs
        self._starts = [p.start for p in paragraphs]
        self._doc_starts = doc_starts
        self._wide = [utf16_length(text[p.start : p.end]) != p.end - p.start for p in paragraphs]

    def to_document(self, offset: int) -> int:
        """The document position of a canonical offset. An offset in the space between two
        paragraphs lands at the end of the paragraph before it."""
        if not self._paragraphs:
            return 0
        i = max(bisect_right(self._starts, offset) - 1, 0)
        paragraph = self._paragraphs[i]
        offset = min(max(offset, paragraph.start), paragraph.end)
        if not self._wide[i]:
            return self._doc_starts[i] + offset - paragraph.start
        return self._doc_starts[i] + utf16_length(self._text[paragraph.start : offset])

    def to_canonical(self, position: int) -> int | None:
        """The canonical offset at a document position; None inside the header."""
        if not self._paragraphs or position < self._doc_starts[0]:
            return None
        i = bisect_right(self._doc_starts, position) - 1
        paragraph = self._paragraphs[i]
        units = position - self._doc_starts[i]
        if not self._wide[i]:
            return min(paragraph.start + units, paragraph.end)
        offset = paragraph.start
        while units > 0 and offset < paragraph.end:
            units -= 2 if ord(self._text[offset]) > 0xFFFF else 1
            offset += 1
        return offset


@dataclass(frozen=True)
class Header:
    title: str
    byline: str  # outlet · agency · dateline · date, whatever is known


@dataclass(frozen=True)
class Typography:
    """The reading fonts; sizes in points."""

    body: QFont
    heading: QFont
    title: QFont
    byline: QFont
    line_height_percent: int = 150
    paragraph_spacing: float = 12.0


def build_document(
    document: QTextDocument, header: Header, text: str, typography: Typography
) -> PositionMap:
    """Fill `document` (cleared first) and return the map of where the text went."""
    document.clear()
    document.setDefaultFont(typography.body)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()

    title_block = QTextBlockFormat()
    title_block.setBottomMargin(6)
    title_block.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    title_chars = QTextCharFormat()
    title_chars.setFont(typography.title)
    cursor.setBlockFormat(title_block)
    cursor.insertText(header.title, title_chars)

    byline_block = QTextBlockFormat()
    byline_block.setBottomMargin(typography.paragraph_spacing * 2)
    byline_chars = QTextCharFormat()
    byline_chars.setFont(typography.byline)
    byline_chars.setProperty(QTextCharFormat.Property.UserProperty, "byline")
    cursor.insertBlock(byline_block, byline_chars)
    cursor.insertText(header.byline, byline_chars)

    body_chars = QTextCharFormat()
    body_chars.setFont(typography.body)
    heading_chars = QTextCharFormat()
    heading_chars.setFont(typography.heading)
    dateline_chars = QTextCharFormat()  # set as the byline is: it says when, like the byline
    dateline_chars.setFont(typography.byline)
    paragraphs = split_paragraphs(text)
    doc_starts = []
    for paragraph in paragraphs:
        block = QTextBlockFormat()
        block.setLineHeight(
            typography.line_height_percent,
            QTextBlockFormat.LineHeightTypes.ProportionalHeight.value,
        )
        if paragraph.heading:
            block.setTopMargin(typography.paragraph_spacing)
            block.setBottomMargin(typography.paragraph_spacing / 2)
            block.setHeadingLevel(2)
        else:
            block.setBottomMargin(typography.paragraph_spacing)
        if paragraph.heading:
            chars = heading_chars
        elif paragraph.dateline:
            chars = dateline_chars
        else:
            chars = body_chars
        cursor.insertBlock(block, chars)
        doc_starts.append(cursor.position())
        # Same length: a line break inside a paragraph is shown as the space it reads as.
        cursor.insertText(text[paragraph.start : paragraph.end].translate(_BLOCK_BREAKS), chars)
    cursor.endEditBlock()
    return PositionMap(text, paragraphs, doc_starts)

"""Hard-wrapped plain text whose paragraphs start on an indented line, not after a blank one.

Wire copy of the 1980s (Reuters-21578) and much teletype-era text is wrapped at about 65
characters and marks a new paragraph only by indenting its first line, with no blank line
between paragraphs. Our canonical text, and the reader that lays it out, know one paragraph
mark: a blank line. Kept as printed, such a story read as one paragraph with runs of spaces
where the indents were. So a plain-text import rewrites these texts, once, into the
canonical form: each indented line starts a paragraph (a blank line before it, its indent
dropped), and a wrapped line under it stays in its paragraph behind a single line break,
which the reader shows as one space. Blank lines already there stay paragraph breaks.

It is separate from text.py because it is a judgement about the whole text's layout
convention, made from evidence counted over all its lines, before which nothing may change:
a text that separates paragraphs by blank lines (nearly every text today) keeps every
character, its indented list items and quotations included. Only new imports pass here;
articles already stored keep the text their annotations are anchored on (and the duplicate
check folds white space, so the same story imported again is still found).
"""

from __future__ import annotations

_INDENT = (" ", "\t")


def indented_paragraphs(text: str) -> str:
    """`text` with its indented paragraph starts made blank-line paragraphs, when indents
    are how it marks paragraphs; otherwise `text` itself, unchanged."""
    if "\n " not in text and "\n\t" not in text:  # no indented line: most texts, at once
        return text
    lines = text.split("\n")
    if not _marks_paragraphs_by_indent(lines):
        return text
    paragraphs: list[list[str]] = []
    after_blank = True
    for line in lines:
        if not line.strip():
            after_blank = True
            continue
        if after_blank or line.startswith(_INDENT):
            paragraphs.append([])
        # The indent is the paragraph mark, now the blank line; trailing spaces before a
        # wrap would show as a run of spaces. Spacing inside the line (a table's columns)
        # is the agency's and stays.
        paragraphs[-1].append(line.strip())
        after_blank = False
    return "\n\n".join("\n".join(paragraph) for paragraph in paragraphs)


def _marks_paragraphs_by_indent(lines: list[str]) -> bool:
    """Whether these lines start paragraphs by indenting them rather than after blank lines.

    The evidence: an indented line right under a text line, with a wrapped, unindented line
    under it, is a paragraph start by indent; an unindented line after a blank line is a
    paragraph start by blank line. Indents win when blank-line starts are absent (a story
    that is only indented lines and tables has no other mark) or fewer. A blank-line text's
    indented lines under a text line are list items or quotations, with no wrapped line
    under them, and its blank-line starts outnumber anything else: it keeps its reading.
    """
    indented_under_text = indent_starts = blank_line_starts = 0
    for n, line in enumerate(lines):
        if not line.strip() or n == 0:
            continue
        above = lines[n - 1]
        if not above.strip():
            blank_line_starts += not line.startswith(_INDENT)
        elif line.startswith(_INDENT):
            indented_under_text += 1
            below = lines[n + 1] if n + 1 < len(lines) else ""
            indent_starts += bool(below.strip()) and not below.startswith(_INDENT)
    if not indented_under_text:
        return False
    return blank_line_starts == 0 or indent_starts > blank_line_starts

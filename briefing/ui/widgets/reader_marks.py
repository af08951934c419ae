"""The reader's marks: how each kind is drawn, and redrawn in place.

A mark is drawn as a character format merged into the reader's read-only document (painted
with the text, for free), and what a colour alone cannot say as a shape over the text (a
`Decoration`, painted by the page after the text): a claim's status as a rule under its
lines (theme.CLAIM_RULES), a suggested mention as a dashed outline.

When another copy changes a mark of the open article, only the stretches where the marks
that changed were or are lose their marks' formats and get back those of every mark there
now (`redraw`): the document is not laid out anew, and the scroll position, the selection
and the find matches stay. Positions here are the document's (reader_document.PositionMap
turns the core's offsets into them).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from briefing.ui.article_view import Mark
from briefing.ui.theme import CLAIM_RULES, MarkColours

ToDocument = Callable[[int], int]  # a canonical offset to its document position

# Claims first, mentions last: later formats win where they overlap, and a mention only
# colours the text, so it shows inside a claim or a highlight. A suggestion is no format at
# all: it is outlined over the text (a Decoration).
LAYER = {"claim": 0, "highlight": 1, "note": 2, "mention": 4}


@dataclass(frozen=True)
class Decoration:
    """A shape drawn over the text between two document positions: a claim's status rule
    ("solid", "dashed", "dotted", "strike") or a suggestion's "outline"."""

    start: int
    end: int
    style: str
    colour: QColor


MARK_PROPERTIES = (
    QTextFormat.Property.BackgroundBrush,
    QTextFormat.Property.ForegroundBrush,
    QTextFormat.Property.TextUnderlineStyle,
    QTextFormat.Property.TextUnderlineColor,
    QTextFormat.Property.FontUnderline,
)


def format_of(mark: Mark, colours: MarkColours) -> QTextCharFormat | None:
    """The character format a mark merges into the text (None for a suggestion: it is
    outlined over the text, see `decorations_of`). Only `MARK_PROPERTIES` are set."""
    fmt = QTextCharFormat()
    if mark.kind == "claim":
        fmt.setBackground(colours.claim_of(mark.status))
    elif mark.kind == "highlight":
        fmt.setBackground(colours.highlight)
    elif mark.kind == "note":
        fmt.setBackground(colours.note)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    elif mark.kind == "mention":
        colour = colours.mention(mark.actor_kind)
        # Coloured text with a dotted underline: told apart by actor kind, and not
        # mistaken for a link (links are solid).
        fmt.setForeground(colour)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(colour)
    else:
        return None
    return fmt


def clear_mark_formats(document: QTextDocument, start: int, end: int) -> None:
    """Take the marks' properties off the characters in [start, end), fragment by fragment,
    keeping what the layout gave them (fonts, the byline's colour)."""
    pieces = []  # read first: setting a format splits and merges the fragments
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            first = max(start, fragment.position())
            last = min(end, fragment.position() + fragment.length())
            fmt = fragment.charFormat()
            if first < last and any(fmt.hasProperty(p) for p in MARK_PROPERTIES):
                for prop in MARK_PROPERTIES:
                    fmt.clearProperty(prop)
                pieces.append((first, last, fmt))
            fragments += 1
        block = block.next()
    cursor = QTextCursor(document)
    for first, last, fmt in pieces:
        cursor.setPosition(first)
        cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(fmt)


def draw_marks(
    document: QTextDocument, to_document: ToDocument, marks: list[Mark], colours: MarkColours
) -> list[Decoration]:
    """Merge the marks' formats into a document just laid out, in their layers; the
    decorations to draw over it."""
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for mark in sorted(marks, key=lambda m: LAYER.get(m.kind, 9)):
        fmt = format_of(mark, colours)
        if fmt is not None:
            cursor.setPosition(to_document(mark.start))
            cursor.setPosition(to_document(mark.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
    cursor.endEditBlock()
    return decorations_of(to_document, marks, colours)


def decorations_of(
    to_document: ToDocument, marks: list[Mark], colours: MarkColours
) -> list[Decoration]:
    """What is drawn over the text for `marks`, by start."""
    decorations = []
    for mark in marks:
        start, end = to_document(mark.start), to_document(mark.end)
        if mark.kind == "claim":
            rule = CLAIM_RULES.get(mark.status or "asserted")
            if rule:
                decorations.append(Decoration(start, end, rule, colours.rule_of(mark.status)))
        elif mark.kind == "suggestion":
            # Outlined, dashed, in a colour of its own: a question for the reader, not a
            # fact yet (a wavy underline read as a spelling error).
            decorations.append(Decoration(start, end, "outline", colours.suggestion))
    return sorted(decorations, key=lambda d: (d.start, d.end))


def redraw(
    document: QTextDocument,
    to_document: ToDocument,
    changed: Collection[Mark],
    marks: list[Mark],
    colours: MarkColours,
) -> list[tuple[int, int]]:
    """Take the marks' formats off the stretches where `changed` marks were or are, and
    merge back those of every mark in `marks` (all the article's now) that is there, in
    the layers `draw_marks` uses. A suggestion has no format (it is outlined only): the
    stretches where only suggestions changed are left as they are.

    The stretches where any changed mark was or is, whatever its kind (`stretches_of`), in
    document positions: what must be repainted. The document repaints the formats it
    changed itself, but not the shapes drawn over them (a rule, an outline): the caller
    does, over all of these.
    """
    formatted = stretches_of(to_document, [m for m in changed if m.kind != "suggestion"])
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for start, end in formatted:
        clear_mark_formats(document, start, end)
    layered = sorted(marks, key=lambda m: LAYER.get(m.kind, 9))
    for start, end in formatted:
        for mark in layered:
            first, last = to_document(mark.start), to_document(mark.end)
            if last <= start or first >= end:
                continue
            fmt = format_of(mark, colours)
            if fmt is None:
                continue
            cursor.setPosition(max(first, start))
            cursor.setPosition(min(last, end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
    cursor.endEditBlock()
    document.setModified(False)
    return stretches_of(to_document, changed)


def stretches_of(to_document: ToDocument, marks: Iterable[Mark]) -> list[tuple[int, int]]:
    """The document's stretches the marks cover, overlapping or touching ones joined, by
    start."""
    stretches: list[list[int]] = []
    for mark in sorted(marks, key=lambda m: m.start):
        start, end = to_document(mark.start), to_document(mark.end)
        if stretches and start <= stretches[-1][1]:
            stretches[-1][1] = max(stretches[-1][1], end)
        else:
            stretches.append([start, end])
    return [(start, end) for start, end in stretches]


def painted_rects(
    document: QTextDocument, stretches: list[tuple[int, int]], offset: QPointF
) -> list[QRect]:
    """Where the decorations over `stretches` may be painted, in the viewport's
    coordinates (`offset`: the document's origin there), with room for a rule's width."""
    return [
        rect.translated(offset).adjusted(-4, -2, 4, 6).toAlignedRect()
        for start, end in stretches
        for rect, _ascent, _descent in segments(document, start, end)
    ]


def paint_decorations(
    painter: QPainter,
    document: QTextDocument,
    decorations: list[Decoration],
    exposed: QRectF,
    offset: QPointF,
) -> None:
    """Draw the decorations (by start) whose lines meet `exposed` (in the document's
    coordinates); `offset` is the document's origin in the painter's."""
    layout = document.documentLayout()
    for deco in decorations:
        first = layout.blockBoundingRect(document.findBlock(deco.start))
        if first.top() > exposed.bottom():
            break  # by start: the rest are further down
        if layout.blockBoundingRect(document.findBlock(deco.end)).bottom() < exposed.top():
            continue  # above what is painted: its lines need not be found
        for rect, ascent, descent in segments(document, deco.start, deco.end):
            if rect.bottom() < exposed.top() or rect.top() > exposed.bottom():
                continue
            drawn, pen = shape(deco, rect.translated(offset), ascent, descent)
            painter.setPen(pen)
            if isinstance(drawn, QRectF):
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(drawn, 3, 3)
            else:
                painter.drawLine(drawn)


def shapes(document: QTextDocument, deco: Decoration, offset: QPointF) -> list[QLineF | QRectF]:
    """Where a decoration is drawn, piece by piece (`offset`: the document's origin)."""
    return [
        shape(deco, rect.translated(offset), ascent, descent)[0]
        for rect, ascent, descent in segments(document, deco.start, deco.end)
    ]


def x_of(line: object, position: int) -> float:
    """QTextLine.cursorToX's x (PySide gives it as a float, or with the position it used)."""
    found = line.cursorToX(position)  # type: ignore[attr-defined]
    return float(found[0] if isinstance(found, tuple) else found)


def segments(document: QTextDocument, start: int, end: int) -> list[tuple[QRectF, float, float]]:
    """The span's piece on each line it runs over, in the document's coordinates, with the
    line's ascent and descent."""
    pieces = []
    layout = document.documentLayout()
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        text_layout = block.layout()
        origin = layout.blockBoundingRect(block).topLeft()
        base = block.position()
        for n in range(text_layout.lineCount()):
            line = text_layout.lineAt(n)
            line_start = base + line.textStart()
            first, last = max(start, line_start), min(end, line_start + line.textLength())
            text = block.text()
            while last > first and text[last - base - 1].isspace():
                last -= 1  # the space a line breaks at is not underlined
            if first >= last:
                continue
            x1, x2 = x_of(line, first - base), x_of(line, last - base)
            rect = QRectF(origin.x() + x1, origin.y() + line.y(), x2 - x1, line.height())
            pieces.append((rect, line.ascent(), line.descent()))
        block = block.next()
    return pieces


def shape(
    deco: Decoration, rect: QRectF, ascent: float, descent: float
) -> tuple[QLineF | QRectF, QPen]:
    """Where and how one line's piece of a decoration is drawn (see Decoration): a rule
    (a line) or an outline (a rectangle), and the pen."""
    weight = max(2.0, ascent / 6)
    pen = QPen(deco.colour, weight)
    if deco.style == "outline":
        pen.setWidthF(1.0)  # quieter than a claim's rule: a question, not a finding
        pen.setDashPattern([4.0, 3.0])
        return QRectF(rect.left() - 2, rect.top() + 1, rect.width() + 4, ascent + descent), pen
    if deco.style == "strike":
        pen.setWidthF(max(1.2, weight * 0.6))
        y = rect.top() + ascent * 0.66
    else:
        y = rect.top() + ascent + descent * 0.75
    if deco.style == "dashed":
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setDashPattern([3.5, 2.5])  # in pen widths
    elif deco.style == "dotted":
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setWidthF(weight * 1.6)  # bold dots: nothing like a mention's hairline dots
        pen.setDashPattern([0.01, 1.7])
    else:
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return QLineF(QPointF(rect.left(), y), QPointF(rect.right(), y)), pen

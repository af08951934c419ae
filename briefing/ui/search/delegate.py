"""How one search hit is drawn: kind badge and title, outlet and date, the snippet with the
matched words marked.

    [Claim] SenseTime postpones IPO after US blacklisting
            by US Treasury · AFP · 14 Dec 2021
            …saying SenseTime's facial recognition programmes were designed…

The first row of each group (actors, claims and notes, articles) carries the group's
heading above it, and when the group has more hits than it shows, a "Show all N ›" link at
the heading's right end (the view turns a click on it into showing that kind alone).
Matched words get the find colour with the text's own dark colour, as
the reader marks them once the hit is open, so what lit up in the list is what lights up
in the text. Snippets wrap to at most three lines, the last ending in "…" when cut.

Each row's layout is cached by hit and width: painting is then drawing, and a new set of
results costs one layout per visible row, not one per paint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from briefing.core import SearchHit
from briefing.ui.models.article_list import format_date
from briefing.ui.search.results_model import KIND_NAMES, HitRole
from briefing.ui.theme import LIGHT, MarkColours, mark_colours

PAD_X = 10
PAD_TOP = 7
PAD_BOTTOM = 9
GAP = 2  # between the lines of a row
HEADING_GAP = 6
SNIPPET_LINES = {"actor": 2}  # else 3
MAX_CACHE = 2000
_SPACES = re.compile(r"\s+")


@dataclass
class _Layout:
    height: int
    snippet: QTextLayout | None
    cut: bool  # the snippet did not fit: "…" after its last line


class HitDelegate(QStyledItemDelegate):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self._cache: dict[tuple[SearchHit, int, bool], _Layout] = {}

    def clear_cache(self) -> None:
        self._cache.clear()

    # Fonts ----------------------------------------------------------------------------------

    def _fonts(self) -> tuple[QFont, QFont, QFont, QFont]:
        """Body (snippet), title, meta, heading/badge."""
        body = QFont(self._view.font())
        title = QFont(body)
        title.setWeight(QFont.Weight.DemiBold)
        meta = QFont(body)
        meta.setPointSizeF(body.pointSizeF() * 0.9)
        small = QFont(body)
        small.setPointSizeF(body.pointSizeF() * 0.8)
        small.setWeight(QFont.Weight.DemiBold)
        return body, title, meta, small

    def heading_height(self) -> int:
        """Of the group heading drawn above a group's first row, inside that row."""
        return QFontMetrics(self._fonts()[3]).height() + 2 * HEADING_GAP

    # Layout ---------------------------------------------------------------------------------

    def _layout(self, hit: SearchHit, heading: bool, width: int) -> _Layout:
        key = (hit, width, heading)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        if len(self._cache) > MAX_CACHE:
            self._cache.clear()
        body, title, meta, _small = self._fonts()
        height = PAD_TOP + QFontMetrics(title).height()
        if _meta(hit):  # no outlet and no date (undated wire copy): no empty line for them
            height += GAP + QFontMetrics(meta).height()
        snippet, cut = None, False
        text, ranges = _snippet_text(hit)
        if text:
            snippet, cut, lines_height = _wrap(
                text, ranges, body, width - 2 * PAD_X, SNIPPET_LINES.get(hit.kind, 3)
            )
            height += GAP + 2 + lines_height
        height += PAD_BOTTOM + (self.heading_height() if heading else 0)
        layout = _Layout(height, snippet, cut)
        self._cache[key] = layout
        return layout

    def sizeHint(  # noqa: N802 - Qt's name
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hit = index.data(HitRole.Hit)
        if hit is None:
            return super().sizeHint(option, index)
        width = max(self._view.viewport().width(), 120)
        return QSize(width, self._layout(hit, bool(index.data(HitRole.Group)), width).height)

    # Painting -------------------------------------------------------------------------------

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        hit = index.data(HitRole.Hit)
        if hit is None:
            return
        heading = index.data(HitRole.Group) or ""
        rect = option.rect
        layout = self._layout(hit, bool(heading), rect.width())
        body, title_font, meta_font, small = self._fonts()
        palette = option.palette
        colours = mark_colours(palette)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = rect.top()
        if heading:
            more = index.data(HitRole.More) or ""
            top = self._paint_heading(painter, rect, heading, more, small, palette, index.row() > 0)

        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.rect = QRect(rect.left(), top, rect.width(), rect.bottom() - top + 1)
        item.text = ""
        style = self._view.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, item, painter, self._view)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        meta_colour = QColor(text_colour) if selected else QColor(colours.byline)
        if selected:
            meta_colour.setAlphaF(0.85)

        x, right = rect.left() + PAD_X, rect.right() - PAD_X
        y = top + PAD_TOP
        metrics = QFontMetrics(title_font)
        if hit.kind != "article":
            x += self._paint_badge(painter, hit, x, y, metrics.height(), small, colours) + 6
        painter.setFont(title_font)
        painter.setPen(text_colour)
        title = metrics.elidedText(hit.title, Qt.TextElideMode.ElideRight, right - x)
        painter.drawText(
            QRect(x, y, right - x, metrics.height()), Qt.AlignmentFlag.AlignVCenter, title
        )
        y += metrics.height()

        x = rect.left() + PAD_X
        if described := _meta(hit):
            metrics = QFontMetrics(meta_font)
            painter.setFont(meta_font)
            painter.setPen(meta_colour)
            meta = metrics.elidedText(described, Qt.TextElideMode.ElideRight, right - x)
            painter.drawText(
                QRect(x, y + GAP, right - x, metrics.height()), Qt.AlignmentFlag.AlignVCenter, meta
            )
            y += GAP + metrics.height()
        y += GAP + 2

        if layout.snippet is not None:
            painter.setFont(body)
            painter.setPen(text_colour)
            layout.snippet.draw(painter, QPointF(x, y))
            if layout.cut:
                last = layout.snippet.lineAt(layout.snippet.lineCount() - 1)
                at = QPointF(x + last.naturalTextWidth(), y + last.y() + last.ascent())
                painter.drawText(at, "…")
        # A hair between rows; none above the next group's heading, which has its own rule.
        if not selected and not index.siblingAtRow(index.row() + 1).data(HitRole.Group):
            painter.setPen(palette.color(QPalette.ColorRole.Midlight))
            painter.drawLine(
                rect.left() + PAD_X, rect.bottom(), rect.right() - PAD_X, rect.bottom()
            )
        painter.restore()

    def more_link_rect(self, rect: QRect, more: str) -> QRect:
        """Where a heading's "Show all" link is drawn in a first row's `rect`."""
        font = QFont(self._fonts()[3])
        width = QFontMetrics(font).horizontalAdvance(f"{more} ›") + 2
        height = self.heading_height()
        return QRect(rect.right() - PAD_X - width, rect.top(), width + PAD_X, height)

    def _paint_heading(
        self,
        painter: QPainter,
        rect: QRect,
        text: str,
        more: str,
        font: QFont,
        palette: QPalette,
        rule: bool,
    ) -> int:
        """The group's heading at the top of `rect`; returns where the row itself starts."""
        height = self.heading_height()
        if rule:
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.drawLine(rect.left(), rect.top(), rect.right(), rect.top())
        right = rect.right() - PAD_X
        if more:
            link = self.more_link_rect(rect, more)
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.Link))
            painter.drawText(
                link.adjusted(0, 0, -PAD_X, 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                f"{more} ›",
            )
            right = link.left() - 6
        heading = QFont(font)
        heading.setCapitalization(QFont.Capitalization.AllUppercase)
        heading.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        painter.setFont(heading)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        left = rect.left() + PAD_X
        area = QRect(left, rect.top() + HEADING_GAP, right - left, height - 2 * HEADING_GAP)
        text = QFontMetrics(heading).elidedText(text, Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(area, Qt.AlignmentFlag.AlignVCenter, text)
        return rect.top() + height

    def _paint_badge(
        self,
        painter: QPainter,
        hit: SearchHit,
        x: int,
        y: int,
        line_height: int,
        font: QFont,
        colours: MarkColours,
    ) -> int:
        """The kind's pill at the start of the title line; returns its width."""
        name = KIND_NAMES.get(hit.kind, hit.kind)
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(name) + 10
        height = metrics.height() + 2
        box = QRectF(x, y + (line_height - height) / 2, width, height)
        background, ink = _badge_colours(hit, colours)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(box, 4, 4)
        painter.setFont(font)
        painter.setPen(ink)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, name)
        return width


def _badge_colours(hit: SearchHit, colours: MarkColours) -> tuple[QColor, QColor]:
    """The reader's own colour for the kind: claims blue, notes violet, actors by kind."""
    if hit.kind == "actor":
        ink = colours.mention(hit.detail)
        background = QColor(ink)
        background.setAlphaF(0.16)
        return background, ink
    background = colours.claim if hit.kind == "claim" else colours.note
    return background, QColor("#1f1f1f") if background.lightness() > 128 else QColor("#f0f0f0")


def _meta(hit: SearchHit) -> str:
    if hit.kind == "actor":
        return (hit.detail or "actor").capitalize()
    parts = []
    if hit.kind == "claim" and hit.detail:
        parts.append(f"by {hit.detail}")
    parts += [hit.outlet or hit.agency or "", format_date(hit.date)]  # as the lists show it
    return "  ·  ".join(p for p in parts if p)


def _snippet_text(hit: SearchHit) -> tuple[str, list[tuple[int, int]]]:
    """The snippet as one paragraph (paragraph breaks and runs of spaces made one space) and
    where its matches are; "" for an actor whose snippet is just the name already shown."""
    text, ranges = "", []
    for piece, is_match in hit.snippet_parts():
        piece = _SPACES.sub(" ", piece)
        if text.endswith(" ") and piece.startswith(" "):
            piece = piece[1:]
        if is_match:
            ranges.append((len(text), len(piece)))
        text += piece
    if hit.kind == "actor" and " ".join(text.split()) == hit.title:
        return "", []
    if hit.kind == "claim":  # its words, quoted as the annotation panel quotes them
        return f"“{text.strip()}”", [(start + 1 - text[:1].isspace(), n) for start, n in ranges]
    return text, ranges


def _wrap(
    text: str, ranges: list[tuple[int, int]], font: QFont, width: int, max_lines: int
) -> tuple[QTextLayout, bool, int]:
    """The snippet laid out in `width`; whether it was cut; the height of its lines."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    match = QTextCharFormat()
    match.setBackground(LIGHT.find)  # under dark text in either palette: always readable
    match.setForeground(QColor("#111111"))
    formats = []
    for start, length in ranges:
        item = QTextLayout.FormatRange()
        item.start, item.length, item.format = start, length, match
        formats.append(item)
    layout.setFormats(formats)
    ellipsis = QFontMetrics(font).horizontalAdvance("…") + 2
    y, cut = 0.0, False
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        last = layout.lineCount() == max_lines
        if last and line.textStart() + line.textLength() < len(text):
            line.setLineWidth(max(width - ellipsis, 10))
            cut = True
        y += line.height()
        if last:
            break
    layout.endLayout()
    return layout, cut, int(y + 0.999)

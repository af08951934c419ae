"""The reader's type and measure: the fonts it sets an article in, and the size the pane
must have for a number of characters a line, or of lines in sight.

Apart from the reader (reader.py) because these are the main window's questions, asked
before any article is shown: the row of panes keeps the reader at a readable measure
(`width_for(MIN_MEASURE_CHARS)`, below which the side panes fold, see ui/panes and
main_panes.py), and a dock below it leaves the page a few lines (`height_for`). The
answers come from the body font alone; the page itself keeps its column near
reader_page.MEASURE_CHARS by its side margins, at any width.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QStyle, QTextEdit

from briefing.ui.widgets.reader_document import Typography
from briefing.ui.widgets.reader_page import MIN_SIDE_MARGIN

COMFORT_CHARS = 60  # what the reader keeps before side panes get more than their minimum
# Fewer than 45 characters a line and reading turns into scanning. Lines break between
# words, so a line as laid out holds about 5% fewer characters than its column has average
# characters: a column of 48 gives lines of 45 and more, most of them.
READABLE_CHARS = 45
MIN_MEASURE_CHARS = 48
FOCUS_RING = 2  # style.qss: the page's border, coloured while it has the focus
SERIF = ["Charter", "Georgia", "Source Serif 4", "Noto Serif", "DejaVu Serif", "serif"]
SANS = ["Inter", "Segoe UI", "Helvetica Neue", "Noto Sans", "DejaVu Sans", "sans-serif"]


def typography(base_point_size: float) -> Typography:
    body = QFont()
    body.setFamilies(SERIF)
    body.setPointSizeF(base_point_size * 1.2)
    heading = QFont()
    heading.setFamilies(SANS)
    heading.setPointSizeF(base_point_size * 1.25)
    heading.setWeight(QFont.Weight.Bold)
    title = QFont()
    title.setFamilies(SERIF)
    title.setPointSizeF(base_point_size * 1.9)
    title.setWeight(QFont.Weight.Bold)
    byline = QFont()
    byline.setFamilies(SANS)
    byline.setPointSizeF(base_point_size * 0.95)
    return Typography(body, heading, title, byline)


def width_for(page: QTextEdit, base_point_size: float, chars: int) -> int:
    """The pane's width at which a line of the article holds `chars` average characters
    of the body font: the column, its margins, the page's frame and scroll bar."""
    body = typography(base_point_size).body
    column = QFontMetricsF(body).averageCharWidth() * chars
    margins = 2 * MIN_SIDE_MARGIN  # the root frame's side margins (replace the document's)
    scroll_bar = page.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    # The page's frame: style.qss gives it a focus ring (not there before it is polished).
    frame = max(page.frameWidth(), FOCUS_RING)
    return int(column + margins + 2 * frame + scroll_bar) + 1


def line_pitch(base_point_size: float) -> float:
    """From one line of body text to the next, as the reader lays paragraphs out."""
    shape = typography(base_point_size)
    return QFontMetricsF(shape.body).lineSpacing() * shape.line_height_percent / 100


def height_for(page: QTextEdit, base_point_size: float, lines: int) -> int:
    """The pane's height at which the page shows `lines` lines of body text at once (a
    dock below it must leave this much for reading, not skimming)."""
    frame = max(page.frameWidth(), FOCUS_RING)
    return int(line_pitch(base_point_size) * lines + 2 * frame) + 1

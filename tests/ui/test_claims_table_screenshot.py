"""The claims table with the worked example's claims, in a window of its own (its dock
detached), wide enough for every column; then looked at. (The README's claims-table.png is
the table docked in the main window: tests/ui/test_desk_screenshots.py.)

Run with: xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest -m screenshot tests/ui
(the picture is saved under tmp_path).
Asserts what can fail in a picture: not blank, every claim listed, and no header, label or
button text wider than its place.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QLabel

from briefing.ui.claims_table import open_claims
from briefing.ui.claims_table.dock import ClaimsDock
from briefing.ui.claims_table.model import COLUMNS, QUOTE
from briefing.ui.claims_table.view import CELL_PADDING, LINES
from tests.ui.helpers import REAL_WINDOW, first_run_window, save_screenshot

pytestmark = REAL_WINDOW


def test_claims_table_screenshot(qtbot, qapp, tmp_path: Path) -> None:
    with first_run_window(qtbot, qapp, tmp_path) as (window, library):
        table = open_claims(window)
        dock = table.parentWidget()
        assert isinstance(dock, ClaimsDock)
        dock.setFloating(True)
        dock.resize(1440, 520)
        qtbot.waitExposed(dock)
        qtbot.waitUntil(lambda: table.width() >= 1400)
        qtbot.waitUntil(lambda: table.model.loaded and not table.loading)
        ids = [row.id for row in table.model.rows]
        table.view.select_ids([ids[0], ids[2]], current=ids[2])
        table.view.setFocus()
        qapp.processEvents()

        image = dock.grab()
        save_screenshot(image, tmp_path / "claims-table.png")
        assert table.view.folded_columns() == []  # wide enough for every column
        assert table.model.rowCount() == len(library.claims.list()) == 6
        assert table.bar.count.text() == "6 of 6 claims"
        view = table.view
        for row in range(table.model.rowCount()):  # every row in sight, none cut off
            assert view.viewport().rect().contains(view.visualRect(table.model.index(row, 0)))
        header = view.horizontalHeader()
        metrics = QFontMetrics(header.font())
        for number, column in enumerate(COLUMNS):
            assert metrics.horizontalAdvance(column.title) + 12 <= header.sectionSize(number)
        # Every cell but the quote (elided on purpose, whole in its tooltip) fits its two
        # lines; no row is drawn shorter than its text.
        cell_metrics = QFontMetrics(view.font())
        lines = view.verticalHeader().defaultSectionSize() - 2 * CELL_PADDING
        assert lines >= LINES * cell_metrics.lineSpacing()
        for row in range(table.model.rowCount()):
            for number in range(len(COLUMNS)):
                if number == QUOTE:
                    continue
                text = table.model.index(row, number).data()
                space = QRect(0, 0, header.sectionSize(number) - 2 * CELL_PADDING - 4, 1000)
                needed = cell_metrics.boundingRect(space, Qt.TextFlag.TextWordWrap, text)
                assert needed.height() <= LINES * cell_metrics.lineSpacing(), text
                assert needed.width() <= space.width(), text
        for widget in table.findChildren(QLabel) + table.findChildren(QAbstractButton):
            if widget.isVisible() and widget.text() and not getattr(widget, "wordWrap", bool)():
                width = QFontMetrics(widget.font()).horizontalAdvance(
                    widget.text().replace("&", "")
                )
                assert width <= widget.width(), widget.text()

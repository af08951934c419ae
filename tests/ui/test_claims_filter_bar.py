"""The claims table's filter bar on one row, two or three as its dock narrows: each chooser
keeps its least width, nothing overlaps, and the bar is never held wider than three rows
need (the table docks beside the reader on a short screen, ui/dock_room.py)."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from briefing.ui.claims_table.filter_bar import ClaimFilterBar


def _laid_out(qtbot, bar: ClaimFilterBar, width: int) -> list[QRect]:
    bar.resize(width, bar.sizeHint().height())
    qtbot.waitUntil(lambda: bar.width() == width)
    bar.grid.activate()
    bar.resize(width, bar.minimumSizeHint().height())
    bar.grid.activate()
    widgets: list[QWidget] = [bar.search, *bar.choosers, bar.count]
    return [w.geometry() for w in widgets]


def test_the_bar_takes_one_two_or_three_rows(qtbot) -> None:
    bar = ClaimFilterBar()
    qtbot.addWidget(bar)
    bar.show()
    one, two, three = bar._one_row_width(), bar._two_rows_width(), bar._three_rows_width()
    assert one > two > three
    assert bar.minimumSizeHint().width() == three  # what a side dock may narrow it to
    for width, rows in ((one + 20, 1), (two, 2), (two - 1, 3), (three, 3)):
        rects = _laid_out(qtbot, bar, width)
        assert bar.rows == rows, (width, bar.rows)
        assert bar.two_rows == (rows > 1)
        middles = sorted(r.center().y() for r in rects)
        lines = 1 + sum(1 for a, b in zip(middles, middles[1:], strict=False) if b - a > 4)
        assert lines == rows, (width, middles)
        for combo, rect in zip(bar.choosers, rects[1:5], strict=True):
            assert rect.width() >= combo.minimumSizeHint().width(), (width, combo.accessibleName())
            assert rect.right() < width
        assert not any(a.intersects(b) for n, a in enumerate(rects) for b in rects[n + 1 :]), width
    # Wider again: back to one row.
    _laid_out(qtbot, bar, one + 20)
    assert bar.rows == 1

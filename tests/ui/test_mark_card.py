"""Where a mark's hover card goes: below the lines of its mark, else above them, else beside
the text; never over the mark, always on the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication

from briefing.core import Library
from briefing.ui.widgets.mark_card import GAP, placed
from tests.ui.helpers import sample_window

SCREEN = QRect(0, 0, 1024, 640)  # a small laptop's screen, the smallest
CARD = QSize(358, 226)  # the sample's disputed claim's card there


def _card(where: QPoint, lines: QRect, size: QSize = CARD) -> QRect:
    return QRect(placed(size, where, lines, SCREEN), size)


@pytest.mark.parametrize("top", [60, 120, 200, 300])
def test_below_the_lines_of_the_mark_where_there_is_room(top: int) -> None:
    lines = QRect(315, top, 490, 3 * 25)
    card = _card(QPoint(424, top + 30), lines)
    assert card.top() == lines.bottom() + 1 + GAP
    assert SCREEN.contains(card) and not card.intersects(lines)


@pytest.mark.parametrize("top", [400, 450, 520, 600])
def test_above_them_near_the_bottom_of_the_screen(top: int) -> None:
    """The pointer on the second line of a claim in the lower half: the card above the
    claim's first line, not above the pointer (over the words it describes)."""
    lines = QRect(315, top, 490, min(3 * 25, 640 - top))
    card = _card(QPoint(424, top + 30), lines)
    assert card.bottom() == lines.top() - 1 - GAP
    assert SCREEN.contains(card) and not card.intersects(lines)


def test_beside_the_text_when_neither_above_nor_below_has_room() -> None:
    lines = QRect(300, 150, 400, 300)  # a long claim filling the middle of the screen
    card = _card(QPoint(500, 300), lines, QSize(300, 200))
    assert SCREEN.contains(card) and not card.intersects(lines)
    assert card.left() > lines.right()  # to its right, where there is room


def test_on_the_screen_when_there_is_no_room_anywhere() -> None:
    lines = QRect(100, 100, 824, 440)
    card = _card(QPoint(1000, 300), lines)
    assert SCREEN.contains(card)


def test_the_card_never_covers_its_mark_and_stays_on_the_screen(
    qtbot, make_window, library: Library
) -> None:
    """Every mark of the sample, with the reader scrolled to the top, the middle and the
    end, in a window as large as the screen: the card is on the screen and clear of every
    line of the marks it describes."""
    window, _ = sample_window(qtbot, make_window, library)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    window.setGeometry(screen)
    qtbot.waitUntil(lambda: window.geometry() == screen)
    reader = window.reader
    viewport = reader.page.viewport()
    bar = reader.page.verticalScrollBar()
    checked = 0
    for value in (bar.minimum(), bar.maximum() // 2, bar.maximum()):
        bar.setValue(value)
        for mark in window.view.marks():
            point = reader.mark_point(mark)
            if not viewport.rect().contains(point):
                continue  # scrolled out of view
            marks = reader.marks_at(point)
            assert reader.show_card(marks, viewport.mapToGlobal(point))
            card, lines = reader.card.frameGeometry(), reader.mark_lines(marks)
            assert not lines.isEmpty()
            assert screen.contains(card), (mark, card, screen)
            assert not card.intersects(lines), (mark, card, lines)
            checked += 1
    assert checked >= 6  # (fewer marks in view at a scale factor of 2)

"""The actors window fits its screen (briefing/ui/actors/fit.py): opened within the screen's
free area, a saved size larger than the screen shrunk to it and centred over the main
window, and at each size the project tries (1024x640, 1366x768, 1920x1080 at scale factor 2,
that is 960x540 logical pixels) its review buttons in sight, ordinary names whole in the
list, the name field showing the name and the mentions' headers whole.

The offscreen screen is 800x600: the opening is tried on it, through View ▸ Actors; the
other sizes by placing the window in an area of that size (fit.place), its layout as it
would be there (logical pixels are what the layouts see at any scale factor).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QPushButton, QWidget

from briefing.core import Library
from briefing.ui.actors import fit, open_actors
from briefing.ui.actors.list_model import NAME
from briefing.ui.actors.list_view import NAME_CHARS, PADDING
from briefing.ui.actors.window import ActorsWindow
from tests.ui.helpers import sample_window

REVIEW = ("Accept Selected", "Reject Selected", "Accept All", "Reject All")
AREAS = [
    pytest.param(QRect(0, 0, 1024, 640), id="1024x640"),
    pytest.param(QRect(0, 0, 1366, 768), id="1366x768"),
    pytest.param(QRect(0, 0, 960, 540), id="1920x1080@2"),
]


def _frame(window: QWidget) -> QRect:
    """The window's frame as the window manager would draw it (offscreen draws none)."""
    return QRect(window.pos(), window.size() + fit.frame_extra(window))


def _opened(qtbot, make_window, library: Library) -> tuple[QWidget, ActorsWindow]:
    main, _article_id = sample_window(qtbot, make_window, library)
    library.mentions.suggest()
    window = open_actors(main, library.actors.resolve("SenseTime").id)
    qtbot.waitExposed(window)
    return main, window


def _inside(window: ActorsWindow, widget: QWidget) -> bool:
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return widget.isVisible() and window.rect().contains(QRect(top_left, widget.size()))


def test_a_new_window_opens_within_its_screen(qtbot, make_window, library: Library) -> None:
    main, window = _opened(qtbot, make_window, library)
    area = window.screen().availableGeometry()
    assert window.size() != fit.FIRST_SIZE  # 1480x900 was wider and taller than the screen
    assert area.contains(_frame(window)), (area, _frame(window))


def test_a_saved_size_larger_than_the_screen_shrinks_to_it(
    qtbot, make_window, library: Library, settings_path
) -> None:
    main, _article_id = sample_window(qtbot, make_window, library)
    big = QWidget()
    big.setGeometry(QRect(40, 30, 1480, 900))
    main.settings.setValue("actors/geometry", big.saveGeometry())
    window = open_actors(main)
    qtbot.waitExposed(window)
    area = window.screen().availableGeometry()
    assert area.contains(_frame(window)), (area, _frame(window))


def test_a_saved_window_that_fits_keeps_its_place(qtbot, make_window, library: Library) -> None:
    main, window = _opened(qtbot, make_window, library)
    window.setGeometry(QRect(30, 40, 760, 500))
    window.close()  # saves its geometry
    window.deleteLater()
    qtbot.waitUntil(lambda: main.findChild(ActorsWindow) is None)
    again = open_actors(main)
    qtbot.waitExposed(again)
    assert again.geometry() == QRect(30, 40, 760, 500)


def test_placed_centred_over_the_main_window(qtbot, make_window, library: Library) -> None:
    main, window = _opened(qtbot, make_window, library)
    area = QRect(0, 0, 2560, 1440)
    main.setGeometry(QRect(700, 200, 1000, 700))
    window.resize(fit.FIRST_SIZE)
    fit.place(window, main, area, saved=False)
    assert _frame(window).center() == main.frameGeometry().center()
    # Where centring would cross the screen's edge, it stops at the edge.
    main.setGeometry(QRect(1800, 500, 700, 500))
    window.resize(fit.FIRST_SIZE)
    fit.place(window, main, area, saved=False)
    assert area.contains(_frame(window)) and _frame(window).right() == area.right()


@pytest.mark.parametrize("area", AREAS)
def test_at_each_screen_size_the_window_fits_and_reads(
    qtbot, make_window, library: Library, area: QRect
) -> None:
    main, window = _opened(qtbot, make_window, library)
    main.setGeometry(area)
    window.resize(fit.FIRST_SIZE)
    fit.place(window, main, area, saved=False)
    qtbot.waitUntil(lambda: window.size().width() <= area.width())
    qtbot.wait(300)  # the window manager, then the splitters and layouts, settle
    assert area.contains(_frame(window)), (area, _frame(window))
    assert window.minimumSizeHint().height() + fit.FRAME_GUESS.height() <= area.height()

    # The review buttons in sight, in the window.
    buttons = {b.text(): b for b in window.findChildren(QPushButton) if b.text() in REVIEW}
    assert sorted(buttons) == sorted(REVIEW)
    assert [name for name, b in buttons.items() if not _inside(window, b)] == []

    # Ordinary names whole in the list; the list never scrolls sideways.
    view = window.list
    room = view.columnWidth(NAME) - 2 * PADDING
    metrics = QFontMetrics(view.font())
    names = [window.proxy.index(r, NAME).data() for r in range(window.proxy.rowCount())]
    cut = [n for n in names if metrics.horizontalAdvance(n) > room]
    assert [n for n in cut if len(n) <= NAME_CHARS] == [], (cut, room)
    assert view.horizontalHeader().length() <= view.viewport().width()

    # The name field shows the name; the mentions' headers are whole.
    page = window.page_view
    name_room = page.name.width() - 12
    assert QFontMetrics(page.name.font()).horizontalAdvance("SenseTime") <= name_room
    for tree in (page.mentions, page.suggestions):
        header = tree.header()
        header_metrics = QFontMetrics(header.font())
        for section in range(header.count()):
            label = tree.headerItem().text(section)
            assert header_metrics.horizontalAdvance(label) + 12 <= header.sectionSize(section), (
                tree.accessibleName(),
                label,
            )


def test_the_list_is_never_narrower_than_its_names(qtbot, make_window, library: Library) -> None:
    """Made as narrow as it goes, the list keeps NAME_CHARS characters for a name beside the
    Suggested count; the other counts fold away for it."""
    _main, window = _opened(qtbot, make_window, library)
    window.resize(fit.FIRST_SIZE)
    window.splitter.setSizes([10, 2000])
    qtbot.wait(20)
    view = window.list
    least = view.fontMetrics().averageCharWidth() * NAME_CHARS
    assert view.columnWidth(NAME) - 2 * PADDING >= least - 1
    shown = [c for c in range(1, 5) if not view.isColumnHidden(c)]
    assert shown == [4]  # Suggested alone
    window.splitter.setSizes([700, 780])
    qtbot.wait(20)
    assert [c for c in range(1, 5) if not view.isColumnHidden(c)] == [1, 2, 3, 4]


def test_first_size_fits_where_there_is_room() -> None:
    assert fit.list_width(1480, 250, None) == fit.LIST_WIDTH
    assert fit.list_width(1000, 250, None) == 300  # a share of a narrower window
    assert fit.list_width(800, 250, None) == 250  # never less than its least
    assert fit.list_width(1480, 250, 400) == 400  # as the reader left it
    assert QSize(1480, 900) == fit.FIRST_SIZE

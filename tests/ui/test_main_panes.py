"""The main window's panes on a real window: the reader keeps a readable measure at every
width, side panes fold and say how to come back, the reader's choices are kept, and the
first window fits its screen."""

from __future__ import annotations

import statistics
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from briefing.core import Library
from briefing.ui.app import open_window
from briefing.ui.main_window import MainWindow
from briefing.ui.models.article_list import CLAIMS, OUTLET, TITLE
from briefing.ui.widgets.library_pane import TITLE_CHARS, TITLE_MIN_CHARS
from briefing.ui.widgets.reader_measure import MIN_MEASURE_CHARS, READABLE_CHARS
from briefing.ui.widgets.reader_page import MEASURE_CHARS
from tests.ui.helpers import laid_out_lines, sample_window
from tests.ui.test_search_helpers import answered, fill, search

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _shown(window: MainWindow) -> dict[str, bool]:
    return {name: window.panes.is_shown(name) for name in ("library", "reader", "panel")}


def test_the_reader_keeps_its_measure_as_the_window_narrows(
    qtbot, make_window, library: Library
) -> None:
    window, _article = sample_window(qtbot, make_window, library)
    seen = {}
    for width in (1920, 1400, 1200, 1024, 900, 840, 700, window.minimumSizeHint().width()):
        window.resize(width, 700)
        assert window.width() == width
        measure = window.reader.measure()
        assert MIN_MEASURE_CHARS <= measure <= MEASURE_CHARS + 0.5, (width, measure)
        lines = laid_out_lines(window)  # as the reader sees them, broken between words
        assert statistics.median(lines) >= READABLE_CHARS, (width, sorted(lines))
        seen[width] = _shown(window)
    assert seen[1920] == seen[1024] == {"library": True, "reader": True, "panel": True}
    assert seen[840] == {"library": True, "reader": True, "panel": False}
    assert seen[window.width()] == {"library": False, "reader": True, "panel": False}
    # Wide again: the folded panes come back by themselves.
    window.resize(1400, 900)
    assert _shown(window) == seen[1920]


def test_a_folded_pane_is_a_strip_that_says_how_to_bring_it_back(
    qtbot, make_window, library: Library
) -> None:
    window, _article = sample_window(qtbot, make_window, library)
    window.resize(840, 700)
    strip = window.panes.strip_of("panel")
    assert strip.isVisible() and not window.panel.isVisible()
    assert "Ctrl+Shift+P" in strip.toolTip() and strip.accessibleName() == "Show Annotations"
    message = window.statusBar().currentMessage()
    assert "Annotations folded" in message and "Ctrl+Shift+P" in message
    assert not window.panel_toggle.isChecked()

    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton)
    # Asked for, the panel comes first: the library folds to make room, the reader stays.
    assert _shown(window) == {"library": False, "reader": True, "panel": True}
    assert window.reader.measure() >= MIN_MEASURE_CHARS
    assert window.panel_toggle.isChecked() and not window.library_toggle.isChecked()


def test_keys_bring_a_folded_pane_back_with_the_focus(qtbot, make_window, library: Library) -> None:
    window, _article = sample_window(qtbot, make_window, library)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.resize(window.minimumSizeHint().width(), 700)
    assert not window.panes.is_shown("panel")
    window.reader.page.setFocus()
    qtbot.keyClick(window.reader.page, Qt.Key.Key_3, CTRL)
    assert window.panes.is_shown("panel") and QApplication.focusWidget() is window.panel.tree
    qtbot.keyClick(window.panel.tree, Qt.Key.Key_L, CTRL)  # Filter Library
    assert window.panes.is_shown("library")
    assert QApplication.focusWidget() is window.library_pane.filter


def test_a_pane_closed_from_the_view_menu_stays_closed_next_time(
    qtbot, make_window, library: Library
) -> None:
    window, _article = sample_window(qtbot, make_window, library)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.panel_toggle.isChecked()
    qtbot.keyClick(window.reader.page, Qt.Key.Key_P, CTRL_SHIFT)
    assert not window.panel.isVisible() and window.panes.strip_of("panel").isVisible()
    window.resize(1900, 1000)  # room enough, but it was closed on purpose
    assert not window.panes.is_shown("panel")
    window.close()

    again = make_window(library)
    again.show()
    assert not again.panes.is_shown("panel") and again.panes.is_shown("library")
    again.panel_toggle.trigger()
    assert again.panes.is_shown("panel")


def test_typing_a_search_in_a_narrow_window_shows_the_results(
    qtbot, make_window, library: Library
) -> None:
    fill(library)
    window = make_window(library)
    window.show()
    qtbot.waitExposed(window)
    window.resize(window.minimumSizeHint().width(), 700)
    assert not window.panes.is_shown("library")
    page = search(qtbot, window, "SenseTime")
    qtbot.waitUntil(lambda: answered(page) and page.model.rowCount() > 0)
    # No room for the results beside a readable article: they take its place for now.
    assert window.panes.is_shown("library") and page.isVisible()
    assert not window.panes.is_shown("reader")
    assert window.panes.strip_of("reader").isVisible()
    row = next(r for r, hit in enumerate(page.model.hits) if hit.kind == "article")
    assert page.open_row(row)
    assert window.panes.is_shown("reader") and window.reader.measure() >= MIN_MEASURE_CHARS


def test_the_title_column_keeps_room_to_read(qtbot, make_window, library: Library) -> None:
    window, _article = sample_window(qtbot, make_window, library)
    pane = window.library_pane
    header = pane.view.horizontalHeader()
    char = pane.view.fontMetrics().averageCharWidth()
    for width in (1920, 1400, 1100, 1024, 900):
        window.resize(width, 700)
        if not window.panes.is_shown("library"):
            continue
        title = header.sectionSize(TITLE)
        shown = [c for c in (OUTLET, CLAIMS) if not header.isSectionHidden(c)]
        assert title >= char * TITLE_MIN_CHARS, (width, title)
        if shown:  # a column beside the date only while the title has its room
            assert title >= char * TITLE_CHARS, (width, title, shown)
        # The title fills what the other columns leave: no gap, no sideways scrolling.
        visible = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        assert sum(header.sectionSize(c) for c in visible) == pane.view.viewport().width()


def test_pane_widths_dragged_by_the_reader_come_back(
    qtbot, make_window, library: Library, settings_path: Path
) -> None:
    window, _article = sample_window(qtbot, make_window, library)
    handle = window.panes.splitter.handle(1)  # between the library and the reader
    start = handle.rect().center()
    end = start + start.__class__(90, 0)
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(handle, end)
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=end)
    wider = window.panes.widths()["library"]
    window.close()
    again = make_window(library)
    again.show()
    qtbot.waitExposed(again)
    assert again.panes.widths()["library"] == wider


def test_the_first_window_fits_the_screen_it_opens_on(qtbot, tmp_path: Path) -> None:
    library = Library.open(tmp_path / "new.sqlite")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = open_window(library, settings)
    qtbot.addWidget(window)
    try:
        available = window.screen().availableGeometry()
        assert available.contains(window.geometry()), (available, window.geometry())
        assert window.width() >= available.width() * 0.8
        # A size remembered from another screen or scale (a sliver of this one) is not used.
        window.resize(window.minimumSizeHint().width(), 200)
        window.save_settings()
        window.close()
        again = open_window(library, settings)
        qtbot.addWidget(again)
        assert again.height() >= available.height() * 0.8
        assert available.contains(again.geometry())
        again.close()
    finally:
        library.close()

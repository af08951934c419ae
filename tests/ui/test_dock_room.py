"""The docks share the main window with the reader (ui/dock_room.py): docking the workspace
keeps the annotation panel beside a readable article, and undocking it gives back what was
there; with the claims table docked too, the reader keeps its lines and its measure on a
1024x640 laptop, a 1080p screen at scale factor 2 (960x540) and a 720p one at 1.5 (853x480):
the table goes beside the reader as a tab of the workspace. The saved layout comes back,
an older one included.

Offscreen, sizes are the logical pixels those screens give; the screenshot tests
(test_desk_screenshots.py) look at the same windows at their real scale factors."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar

from briefing.core import Library
from briefing.core.sample import load_sample
from briefing.ui.claims_table import open_claims
from briefing.ui.claims_table.dock import ClaimsDock
from briefing.ui.dock_room import READER_LINES, TABLE_ROWS
from briefing.ui.main_window import MainWindow
from briefing.ui.widgets.reader_measure import MIN_MEASURE_CHARS
from briefing.ui.workspace import open_workspace
from briefing.ui.workspace.dock import WorkspaceDock, set_floating

SMALL_SCREENS = [(1024, 640), (960, 540), (853, 480)]
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea


def _window(qtbot, make_window, library: Library, width: int, height: int) -> MainWindow:
    sample = load_sample(library)
    window = make_window(library)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_article(sample.article_id, select=True)
    return window


def _settled(qtbot, window: MainWindow, size: tuple[int, int]) -> None:
    qtbot.wait(50)  # the layout's pass after a dock moved
    assert (window.width(), window.height()) == size  # it still fits the screen


def _shown(window: MainWindow) -> dict[str, bool]:
    return {name: window.panes.is_shown(name) for name in ("library", "reader", "panel")}


def _rows_in_sight(dock: ClaimsDock) -> int:
    view = dock.table.view
    return view.viewport().height() // view.verticalHeader().defaultSectionSize()


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1024, 640), (960, 540)])
def test_docking_the_workspace_keeps_the_annotation_panel(
    qtbot, make_window, library: Library, width: int, height: int
) -> None:
    window = _window(qtbot, make_window, library, width, height)
    _settled(qtbot, window, (width, height))
    before = _shown(window)
    assert before["panel"] and before["reader"]
    open_workspace(window, focus=False)
    dock = window.findChild(WorkspaceDock)
    _settled(qtbot, window, (width, height))
    # The marks stay beside a readable article; the library list folds to its strip first.
    assert window.panes.is_shown("panel") and window.panes.is_shown("reader")
    assert window.reader.measure() >= MIN_MEASURE_CHARS
    assert dock.width() >= dock.minimumSizeHint().width()
    assert dock.workspace.panes.is_shown("editor")
    # Undocked (its own window), it gives back what was there; docked again, the panel stays.
    set_floating(window, True)
    qtbot.waitUntil(lambda: _shown(window) == before)
    dock.resize(width, dock.height())  # a wide window of its own, then docked back
    set_floating(window, False)
    _settled(qtbot, window, (width, height))
    assert window.panes.is_shown("panel") and window.reader.measure() >= MIN_MEASURE_CHARS
    dock.close()
    qtbot.waitUntil(lambda: _shown(window) == before)


def test_a_window_too_narrow_for_the_panel_beside_the_workspace_folds_it_as_before(
    qtbot, make_window, library: Library
) -> None:
    """853 pixels cannot hold the reader's measure, the panel and the workspace: the panel
    folds to its strip (which brings it back) rather than the reader narrowing."""
    window = _window(qtbot, make_window, library, 853, 480)
    open_workspace(window, focus=False)
    _settled(qtbot, window, (853, 480))
    assert not window.panes.is_shown("panel") and window.reader.measure() >= MIN_MEASURE_CHARS


@pytest.mark.parametrize("first", ["workspace", "claims"])
@pytest.mark.parametrize(("width", "height"), SMALL_SCREENS)
def test_both_docks_on_a_small_screen_leave_the_reader_its_lines(
    qtbot, make_window, library: Library, width: int, height: int, first: str
) -> None:
    window = _window(qtbot, make_window, library, width, height)
    lines_before = window.reader.lines_in_sight()
    assert lines_before >= READER_LINES  # the window alone leaves room to read
    if first == "workspace":
        open_workspace(window, focus=False)
        table = open_claims(window, focus=False)
    else:
        table = open_claims(window, focus=False)
        open_workspace(window, focus=False)
    qtbot.waitUntil(lambda: table.model.loaded and not table.loading)
    claims, workspace = window.findChild(ClaimsDock), window.findChild(WorkspaceDock)
    _settled(qtbot, window, (width, height))
    # The table is a tab beside the workspace, at the right edge: no longer below the
    # reader, whose height is the window's again.
    assert window.dockWidgetArea(claims) == RIGHT
    assert workspace in window.tabifiedDockWidgets(claims)
    assert window.reader.lines_in_sight() >= READER_LINES, window.reader.lines_in_sight()
    assert window.reader.lines_in_sight() >= lines_before - 1
    assert window.reader.measure() >= MIN_MEASURE_CHARS
    # The tabs show; the table in front has rows in sight, and the workspace its editor.
    bars = [b for b in window.findChildren(QTabBar) if b.isVisible() and b.count() == 2]
    assert len(bars) == 1 and bars[0].changeCurrentOnDrag()
    claims.raise_()
    qtbot.wait(50)
    assert _rows_in_sight(claims) >= TABLE_ROWS
    assert claims.width() >= claims.minimumSizeHint().width()
    workspace.raise_()
    qtbot.wait(50)
    assert workspace.workspace.panes.is_shown("editor")


def test_a_roomy_window_keeps_the_table_below_the_reader(
    qtbot, make_window, library: Library
) -> None:
    window = _window(qtbot, make_window, library, 1920, 1000)
    open_workspace(window, focus=False)
    table = open_claims(window, focus=False)
    qtbot.waitUntil(lambda: table.model.loaded and not table.loading)
    _settled(qtbot, window, (1920, 1000))
    claims = window.findChild(ClaimsDock)
    assert window.dockWidgetArea(claims) == BOTTOM and not window.tabifiedDockWidgets(claims)
    assert window.reader.lines_in_sight() >= READER_LINES
    assert _rows_in_sight(claims) >= TABLE_ROWS
    assert all(window.panes.is_shown(name) for name in ("library", "reader", "panel"))


def test_a_bottom_dock_is_made_no_taller_than_leaves_the_reader_its_lines(
    qtbot, make_window, library: Library
) -> None:
    """The claims table alone at 1366x768: its first height is a share of the window, less
    where that would take the reader's lines."""
    window = _window(qtbot, make_window, library, 1366, 768)
    table = open_claims(window, focus=False)
    qtbot.waitUntil(lambda: table.model.loaded and not table.loading)
    _settled(qtbot, window, (1366, 768))
    claims = window.findChild(ClaimsDock)
    assert window.dockWidgetArea(claims) == BOTTOM
    assert window.reader.lines_in_sight() >= READER_LINES
    assert _rows_in_sight(claims) >= TABLE_ROWS


def test_the_layout_comes_back_and_an_older_one_is_shared_out_anew(
    qtbot, make_window, library: Library
) -> None:
    window = _window(qtbot, make_window, library, 1024, 640)
    open_workspace(window, focus=False)
    open_claims(window, focus=False)
    _settled(qtbot, window, (1024, 640))
    claims = window.findChild(ClaimsDock)
    # The reader drags the table back below the reader, as an older version put it.
    window.addDockWidget(BOTTOM, claims)
    qtbot.wait(50)
    assert window.dockWidgetArea(claims) == BOTTOM
    assert window.reader.lines_in_sight() < READER_LINES  # the trip, as it was
    window.close()
    # Next run: the layout loads as saved, and as the docks reopen the table goes beside
    # the reader again.
    again = make_window(library)
    again.resize(1024, 640)
    again.show()
    qtbot.waitExposed(again)
    qtbot.waitUntil(lambda: again.findChild(ClaimsDock) is not None)
    claims = again.findChild(ClaimsDock)
    qtbot.waitUntil(lambda: again.dockWidgetArea(claims) == RIGHT)
    assert again.findChild(WorkspaceDock) in again.tabifiedDockWidgets(claims)
    qtbot.wait(50)
    assert again.reader.lines_in_sight() >= READER_LINES
    again.close()
    # And tabbed, they come back tabbed.
    third = make_window(library)
    third.resize(1024, 640)
    third.show()
    qtbot.waitExposed(third)
    qtbot.waitUntil(lambda: third.findChild(ClaimsDock) is not None)
    claims = third.findChild(ClaimsDock)
    qtbot.wait(50)
    assert third.findChild(WorkspaceDock) in third.tabifiedDockWidgets(claims)
    assert third.reader.lines_in_sight() >= READER_LINES

"""How the main window's docks (the briefing workspace, the claims table) share its room with
the reader, so that opening one never leaves a slot of an article to peer through.

The reader comes first, as in the row of panes (main_panes.py); a dock gets what is left,
sized when it is shown or docked:

- A dock at a side edge (the workspace, or the tabs it heads) is made no wider than leaves
  the reader its minimum measure with the annotation panel beside it, so docking the
  workspace keeps the marks in sight (the library list folds to its strip first), and never
  narrower than the dock's own minimum: on a window too narrow even for that, the panel
  folds as it would for any lack of room, and its strip brings it back.
- The claims table at the bottom edge is made no taller than leaves the reader READER_LINES
  lines in sight. Where even its smallest useful height would take those lines (a 640-pixel
  laptop, a 1080p monitor at scale factor 2), the table goes beside the reader, to the
  right edge, and the reader keeps the window's height: as a tab of the workspace when
  that is docked at a side (the two take turns at the edge, and the tab under a dragged
  claim comes to the front, so a claim still drags from the table into a section).

A border the reader drags afterwards is theirs until the dock is next shown. Closing a dock
or floating it as its own window gives its room back: the panes come back as they fit.
A layout saved by an older version loads as saved, and is then shared out this way as its
docks reopen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDockWidget, QStyle, QTabBar

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow

READER_LINES = 15  # lines of the article in sight below a dock: reading, not peering
TABLE_ROWS = 2  # rows of claims in sight at the least in a dock at the bottom
SIDE_SHARE = 0.5  # of the window's width, at most, for a side dock being shown
BOTTOM_SHARE = 0.4  # of the window's height, at most, for a bottom dock being shown
SIDES = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea
_SIZE_BEFORE = "dockRoomSizeBefore"  # the window's size before a dock was shown


def place(main: MainWindow, dock: QDockWidget) -> None:
    """Before `dock` shows: the claims table goes beside the reader where below it would
    take the reader's lines (see above), as a tab of the workspace when that is docked at a
    side; the workspace joins the table's tabs when it would be stacked with it at a side
    edge too short for both. Done while the dock is hidden: a main window laid out right
    after docks are tabbed leaves their tab bar hidden (Qt 6.11)."""
    if dock.isFloating():
        return
    main.setProperty(_SIZE_BEFORE, main.size())
    workspace, table = _docks(main)
    if table is None or not (dock is table or _docked(table)):
        return
    main.layout().activate()  # measured as the window is now (at start, just shown)
    beside = workspace is not None and (dock is workspace or _docked(workspace))
    at_side = beside and main.dockWidgetArea(workspace) in SIDES
    area = main.dockWidgetArea(table)
    if area == BOTTOM and not _bottom_fits(main, table):
        moving = table.isVisible()  # shown already: hidden while it moves
        if moving:
            table.hide()
        if at_side:
            main.tabifyDockWidget(workspace, table)
        else:
            main.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, table)
        if moving:
            table.show()
    elif (
        dock is workspace
        and area in SIDES
        and main.dockWidgetArea(workspace) == area
        and workspace not in main.tabifiedDockWidgets(table)
        and not _stack_fits(main, workspace, table)
    ):
        main.tabifyDockWidget(table, workspace)


def share(main: MainWindow, shown: QDockWidget) -> None:
    """`shown` was just shown or docked: no wider or taller than leaves the reader its room
    (see above)."""
    if not _docked(shown):
        return
    main.layout().activate()  # the dock in its place now, to measure from
    before = main.property(_SIZE_BEFORE)
    main.setProperty(_SIZE_BEFORE, None)
    workspace, table = _docks(main)
    if (
        isinstance(before, QSize)
        and main.height() > before.height()
        and workspace is not None
        and table is not None
        and _docked(workspace)
        and _docked(table)
        and main.dockWidgetArea(workspace) in SIDES
        and main.dockWidgetArea(table) == BOTTOM
    ):
        # The workspace narrowed the table below the reader until its filters took more
        # rows than the window has height: the table goes beside the reader after all.
        table.hide()
        main.tabifyDockWidget(workspace, table)
        table.show()
        shown.raise_()
        main.resize(before)
        main.layout().activate()
    _change_tabs_on_drag(main)
    for dock in (d for d in _docks(main) if d is not None and _docked(d)):
        area = main.dockWidgetArea(dock)
        if area in SIDES:
            _fit_side(main, dock)
        elif area == BOTTOM:
            _fit_bottom(main, dock)


def side_width(main: MainWindow, dock: QDockWidget) -> int:
    """The widest a side dock may be shown: the reader keeps its minimum measure with the
    annotation panel beside it (unless the reader closed it), the dock at least its own
    minimum (and its tabs' minimums)."""
    panes = main.panes
    shown = [] if panes.is_closed("panel") else ["panel"]
    room = main.width() - panes.narrowest(shown) - _separator(main)
    least = max(d.minimumSizeHint().width() for d in _tabs_of(main, dock))
    return max(least, min(int(main.width() * SIDE_SHARE), room))


def bottom_height(main: MainWindow, dock: QDockWidget) -> int:
    """The tallest a bottom dock may be shown: the reader keeps READER_LINES lines, the dock
    at least the height for TABLE_ROWS rows."""
    room = _column_height(main, dock) - main.reader.height_for(READER_LINES) - _separator(main)
    return max(_least_height(dock), min(int(main.height() * BOTTOM_SHARE), room))


def _bottom_fits(main: MainWindow, dock: QDockWidget) -> bool:
    """Whether the reader keeps READER_LINES lines above `dock` at its least height."""
    reader = main.reader.height_for(READER_LINES)
    return _column_height(main, dock) - _separator(main) - _least_height(dock) >= reader


def _stack_fits(main: MainWindow, *docks: QDockWidget) -> bool:
    """Whether `docks`, one above the other at a side edge, fit the window's height."""
    least = sum(d.minimumSizeHint().height() for d in docks) + _separator(main)
    return least <= main.panes.height()


def _fit_side(main: MainWindow, dock: QDockWidget) -> None:
    width = side_width(main, dock)
    if dock.width() > width:
        main.resizeDocks([dock], [width], Qt.Orientation.Horizontal)


def _fit_bottom(main: MainWindow, dock: QDockWidget) -> None:
    height = bottom_height(main, dock)
    if dock.height() > height:
        main.resizeDocks([dock], [height], Qt.Orientation.Vertical)


def _column_height(main: MainWindow, dock: QDockWidget) -> int:
    """The height the reader and a bottom `dock` share: the panes' and the dock's, as laid
    out (the dock's counted only while it is shown below them)."""
    height = main.panes.height()
    if dock.isVisible() and _docked(dock) and main.dockWidgetArea(dock) == BOTTOM:
        height += dock.height() + _separator(main)
    return height


def _least_height(dock: QDockWidget) -> int:
    """A bottom dock's least useful height: its minimum, and room for TABLE_ROWS rows of a
    table in it beyond what its minimum shows."""
    least = dock.minimumSizeHint().height()
    view = getattr(getattr(dock, "table", None), "view", None)
    if view is None:
        return least
    row = view.verticalHeader().defaultSectionSize()
    shows = max(0, view.minimumSizeHint().height() - view.horizontalHeader().sizeHint().height())
    return least + max(0, TABLE_ROWS * row - shows)


def _separator(main: MainWindow) -> int:
    return main.style().pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent, None, main)


def _docked(dock: QDockWidget) -> bool:
    return dock.isVisible() and not dock.isFloating()


def _tabs_of(main: MainWindow, dock: QDockWidget) -> list[QDockWidget]:
    return [dock, *(d for d in main.tabifiedDockWidgets(dock) if _docked(d))]


def _docks(main: MainWindow) -> tuple[QDockWidget | None, QDockWidget | None]:
    """The workspace's dock and the claims table's, where made (each is made when first
    shown: looked for by name, so that neither is loaded for the other)."""
    found = {d.objectName(): d for d in main.findChildren(QDockWidget)}
    return found.get("workspaceDock"), found.get("claimsDock")


def _change_tabs_on_drag(main: MainWindow) -> None:
    """The docks' tab bars bring the tab under a dragged claim to the front (Qt makes a
    tab bar when docks are first tabbed together; it is the main window's child)."""
    for bar in main.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
        bar.setChangeCurrentOnDrag(True)
        bar.setAcceptDrops(True)

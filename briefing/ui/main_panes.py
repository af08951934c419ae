"""The main window's row of panes, library | reader | annotations, and its first size.

The reader comes first (see ui/panes): it keeps at least MIN_MEASURE_CHARS characters a line,
so when the window is too narrow, the annotation panel folds to a strip at the right edge,
then the library list to one at the left. A strip names its pane and brings it back when
clicked; so do View ▸ Library List and View ▸ Annotation Panel (checked while shown: unchecking
one keeps it folded however wide the window), the Go to … keys, and typing a search (its
results are in the library's place). The status line says when a pane folded for want of
room, and how to bring it back.

The first window takes most of the screen it opens on (never more), and a remembered
geometry that no longer fits the screens there (another monitor, another scale factor) is
put back on the screen.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QScreen

from briefing.ui import errors
from briefing.ui.panes.row import PaneRow
from briefing.ui.widgets.reader_measure import COMFORT_CHARS, MIN_MEASURE_CHARS

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from briefing.ui.main_window import MainWindow

FIRST_SIZE = QSize(1400, 900)  # on a large screen; less on a smaller one
SCREEN_SHARE = 0.92  # of the screen's free area, at most, for the first window
PANEL_CHARS = (30, 55)  # the annotation panel: minimum and preferred, average characters
LIBRARY_PREFERRED_CHARS = 80  # room for the title (30) beside the outlet, date and claims
NAMES = {"library": "Library", "reader": "Article", "panel": "Annotations"}
SETTING = "window/panes"


def build(window: MainWindow) -> PaneRow:
    """The row with the window's panes (not yet its keys: `connect` does that)."""
    row = PaneRow(window)
    row.setObjectName("mainPanes")
    char = window.fontMetrics().averageCharWidth()
    library = window.library_pane
    row.add_pane(
        "library",
        window.left_pane,
        label=NAMES["library"],
        minimum=library.minimum_width(),
        preferred=max(library.minimum_width(), char * LIBRARY_PREFERRED_CHARS),
        priority=2,
    )
    reader = window.reader
    row.add_pane(
        "reader",
        reader,
        label=NAMES["reader"],
        minimum=reader.width_for(MIN_MEASURE_CHARS),
        preferred=reader.width_for(COMFORT_CHARS),
        main=True,
    )
    row.add_pane(
        "panel",
        window.panel,
        label=NAMES["panel"],
        minimum=char * PANEL_CHARS[0],
        preferred=char * PANEL_CHARS[1],
        priority=1,
    )
    return row


def update_minimums(window: MainWindow) -> None:
    """Fonts or style changed: the panes' minimums, which are measured in characters."""
    char = window.fontMetrics().averageCharWidth()
    row = window.panes
    row.set_minimum("library", window.library_pane.minimum_width())
    row.set_minimum("reader", window.reader.width_for(MIN_MEASURE_CHARS))
    row.set_minimum("panel", char * PANEL_CHARS[0])


def connect(window: MainWindow) -> None:
    """Strips' tooltips, the View menu's pane toggles, hints in the status line."""
    row = window.panes
    toggles = {"library": window.library_toggle, "panel": window.panel_toggle}
    for name, action in toggles.items():
        action.setCheckable(True)
        action.toggled.connect(lambda on, name=name: _on_toggled(window, name, on))
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        row.strip_of(name).setToolTip(
            f"{_noun(name)}, folded to give the article room: click, or press {keys}, to show it"
        )
    keys = window.focus_actions[1].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    row.strip_of("reader").setToolTip(
        f"The article, folded while the library is shown: click, or press {keys}, to read it"
    )
    row.changed.connect(lambda: _sync_toggles(window, toggles))
    row.changed.connect(lambda: _unsay_folded(window))
    row.folded.connect(lambda name: _say_folded(window, name, toggles))
    _sync_toggles(window, toggles)


def _noun(name: str) -> str:
    return {"library": "The library list", "panel": "The annotation panel"}.get(name, name)


def _on_toggled(window: MainWindow, name: str, on: bool) -> None:
    if on == window.panes.is_shown(name):
        return
    if on:
        window.panes.request(name)
    else:
        window.panes.set_closed(name, True)


def _sync_toggles(window: MainWindow, toggles: dict[str, QAction]) -> None:
    for name, action in toggles.items():
        blocked = action.blockSignals(True)
        action.setChecked(window.panes.is_shown(name))
        action.blockSignals(blocked)


def _say_folded(window: MainWindow, name: str, toggles: dict[str, QAction]) -> None:
    action = toggles.get(name)
    if action is None:
        return
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    edge = "left" if name == "library" else "right"
    short = {"library": "Library", "panel": "Annotations"}[name]
    errors.show_status(window, f"{short} folded to the {edge} edge for room: {keys} shows it")
    window.panes.setProperty("foldedSaid", (name, window.statusBar().currentMessage()))


def _unsay_folded(window: MainWindow) -> None:
    """A fold said in the status line that is undone (the window grew again, the dock
    settled) is no longer news."""
    said = window.panes.property("foldedSaid")
    if not said:
        return
    name, message = said
    if window.panes.is_shown(name) and window.statusBar().currentMessage() == message:
        window.statusBar().clearMessage()
        window.panes.setProperty("foldedSaid", None)


def show(window: MainWindow, name: str) -> None:
    """Bring a pane back if it is folded (a key that goes to it, a search typed)."""
    if not window.panes.is_shown(name):
        window.panes.request(name)


# Remembering ------------------------------------------------------------------------------


def restore(window: MainWindow) -> None:
    """Geometry, the panes as the reader left them, the docks; the workspace and the
    claims table, if they were open, once the window is up (neither is needed to start
    reading)."""
    settings = window.settings
    geometry = settings.value("window/geometry")
    if geometry is None or not window.restoreGeometry(geometry) or not _fits(window):
        place_first(window)
    try:
        state = json.loads(str(settings.value(SETTING, "")))
    except ValueError:
        state = None
    window.panes.restore(state)
    docks = settings.value("window/state")
    if docks is not None:
        window.restoreState(docks)
    if settings.value("workspace/open", False, bool):
        QTimer.singleShot(0, window, lambda: _reopen_workspace(window))
    if settings.value("claims/open", False, bool):
        QTimer.singleShot(0, window, lambda: _reopen_claims(window))


def _reopen_workspace(window: MainWindow) -> None:
    from briefing.ui.workspace import open_workspace

    open_workspace(window, focus=False)


def _reopen_claims(window: MainWindow) -> None:
    from briefing.ui.claims_table import open_claims

    open_claims(window, focus=False)


def save(window: MainWindow) -> None:
    # Loaded if it was ever opened: the docks are not part of start-up.
    from briefing.ui.claims_table.dock import ClaimsDock
    from briefing.ui.workspace.dock import WorkspaceDock

    settings = window.settings
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue(SETTING, json.dumps(window.panes.state()))
    settings.setValue("window/state", window.saveState())
    for name, kind in (("workspace", WorkspaceDock), ("claims", ClaimsDock)):
        dock = window.findChild(kind)
        settings.setValue(f"{name}/open", dock is not None and dock.isVisible())


def first_size(available: QSize) -> QSize:
    """The first window on a screen whose free area is `available`: FIRST_SIZE, or less."""
    return QSize(
        min(FIRST_SIZE.width(), int(available.width() * SCREEN_SHARE)),
        min(FIRST_SIZE.height(), int(available.height() * SCREEN_SHARE)),
    )


def place_first(window: MainWindow) -> None:
    """Size the window for the screen it opens on, centred on it."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(FIRST_SIZE)
        return
    available = screen.availableGeometry()
    size = first_size(available.size()).expandedTo(window.minimumSizeHint())
    size = size.boundedTo(available.size())
    rect = QRect(available.topLeft(), size)
    rect.moveCenter(available.center())
    window.resize(size)
    window.move(rect.topLeft())


def _fits(window: MainWindow) -> bool:
    """Whether the restored geometry is on a screen, within it and not a sliver of it (a
    size saved at another scale factor can come back a quarter of what it was)."""
    screen = _screen_at(window.geometry())
    if screen is None:
        return False
    available = screen.availableGeometry()
    size = window.size()
    wanted = first_size(available.size())
    return (
        size.width() <= available.width()
        and size.height() <= available.height()
        and size.width() >= wanted.width() // 2
        and size.height() >= wanted.height() // 2
    )


def _screen_at(rect: QRect) -> QScreen | None:
    for screen in QGuiApplication.screens():
        if screen.availableGeometry().intersects(rect):
            return screen
    return None

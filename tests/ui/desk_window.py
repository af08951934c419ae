"""The main window at one screen size and scale factor, in a process of its own:

    python -m tests.ui.desk_window OUT.png LIBRARY SETTINGS WIDTH HEIGHT [workspace] [claims]

with QT_SCALE_FACTOR in the environment (read once, when the QApplication is made: hence a
child process). WIDTH and HEIGHT are the screen's pixels; the window fills them, so at a
scale factor of 2 it is half as many logical pixels each way. With `workspace`, the worked
example's briefing is open in the docked workspace; with `claims`, the claims table is
open in its dock (at the bottom edge, where it opens the first time). It saves the grab
to OUT.png and prints, as JSON, what tests/ui/test_desk_screenshots.py asserts on: the
reader's measure by QFontMetrics (its column, the viewport less the side margins, over
the body font's average character width) and the lines as laid out, which panes are
shown, labels and buttons narrower than their text, and panes that overlap.
"""

from __future__ import annotations

import json
import statistics
import sys

from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QDockWidget,
    QLabel,
    QToolButton,
    QWidget,
)

from briefing.core import Library
from briefing.ui.app import make_application, open_window
from briefing.ui.main_window import MainWindow
from briefing.ui.panes.strip import ARROW, PaneStrip
from tests.ui.helpers import laid_out_lines
from tests.ui.window_script import settle, wait

DESIGNATION = "The designation"
RESPONSE = "SenseTime's response"
REACTION = "Beijing's reaction"


def _briefing(library: Library) -> int:
    claims = {c.quote[:12]: c.id for c in library.claims.list()}
    ids = list(claims.values())
    b = library.briefings.new(
        "SenseTime IPO and US sanctions",
        bluf="The US Treasury's designation forced SenseTime to postpone its listing; "
        "SenseTime denies the accusation and Beijing threatens countermeasures.",
        author="A. Analyst",
        date="2021-12-15",
    )
    library.briefings.add_claims(b, ids[:3], section=DESIGNATION)
    library.briefings.add_claims(b, ids[3:5], section=RESPONSE)
    library.briefings.add_claims(b, ids[5:], section=REACTION)
    return b


def _clipped(window: QWidget) -> list[str]:
    """Visible labels and buttons whose one-line text is wider than they are."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text():
            if "<" in widget.text():
                continue  # rich text lays itself out
            text = widget.text().replace("&", "")
        elif isinstance(widget, QToolButton) and widget.text():
            if widget.toolButtonStyle() == widget.toolButtonStyle().ToolButtonIconOnly:
                continue
            text = widget.text().replace("&", "")
            if widget.width() < widget.sizeHint().width():
                found.append(f"{type(widget).__name__} {text!r}")
            continue
        elif isinstance(widget, PaneStrip):  # its name runs down it, below the arrow
            room = widget.height() - ARROW - 10
            if QFontMetrics(widget.font()).horizontalAdvance(widget.label) > room:
                found.append(f"PaneStrip {widget.label!r}")
            continue
        elif isinstance(widget, QAbstractButton) and widget.text():
            text = widget.text().replace("&", "")
        else:
            continue
        if QFontMetrics(widget.font()).horizontalAdvance(text) > widget.contentsRect().width():
            found.append(f"{type(widget).__name__} {text!r}")
    return found


def _overlaps(window: MainWindow) -> list[str]:
    rects = []
    for name in ("library", "reader", "panel"):
        for widget in (
            window.panes.splitter.widget(["library", "reader", "panel"].index(name)),
            window.panes.strip_of(name),
        ):
            if widget.isVisible():
                top_left = widget.mapTo(window, widget.rect().topLeft())
                rects.append((name, QRect(top_left, widget.size())))
    return [
        f"{a} {b}"
        for n, (a, ra) in enumerate(rects)
        for b, rb in rects[n + 1 :]
        if ra.intersects(rb)
    ]


def _claims_seen(window: MainWindow, table: QWidget) -> dict[str, object]:
    """The claims dock as seen: shown, docked, its rows in sight, and whether it lies below
    the reader (taking its height, not its width)."""
    from briefing.ui.claims_table.dock import ClaimsDock

    dock = window.findChild(ClaimsDock)
    assert dock is not None
    view = table.view  # type: ignore[attr-defined]
    reader = window.reader
    reader_bottom = reader.mapTo(window, reader.rect().bottomLeft()).y()
    top = dock.mapTo(window, dock.rect().topLeft()).y()
    workspace = window.findChild(QDockWidget, "workspaceDock")
    return {
        "shown": dock.isVisible() and not dock.isFloating(),
        "below_reader": top >= reader_bottom,
        "beside_reader": window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea,
        "tab_of_workspace": workspace is not None and workspace in window.tabifiedDockWidgets(dock),
        "rows_in_sight": view.viewport().height() // view.verticalHeader().defaultSectionSize(),
        "size": [dock.width(), dock.height()],
    }


def main(
    out: str, library_path: str, settings_path: str, width: str, height: str, *flags: str
) -> None:
    app = make_application()
    library = Library.open(library_path)
    window = open_window(library, QSettings(settings_path, QSettings.Format.IniFormat))
    ratio = window.devicePixelRatioF()
    window.resize(round(int(width) / ratio), round(int(height) / ratio))
    wait(app, lambda: window.windowHandle() is not None and window.windowHandle().isExposed())
    wait(app, lambda: window.panel.items("Claims") != [])
    workspace = None
    if "workspace" in flags:
        from briefing.ui.workspace import open_workspace

        briefing_id = _briefing(library)
        workspace = open_workspace(window, focus=False)
        workspace.reload()
        workspace.select_briefing(briefing_id)
        wait(app, lambda: "Bottom line up front" in workspace.preview.toPlainText())
        wait(app, lambda: not workspace.preview.busy)
    table = None
    if "claims" in flags:
        from briefing.ui.claims_table import open_claims

        table = open_claims(window, focus=False)
        wait(app, lambda: table.model.loaded and not table.loading)
    settle(app)
    image = window.grab().toImage()
    image.save(out)
    lines = laid_out_lines(window)
    print(
        json.dumps(
            {
                "size": [image.width(), image.height()],
                "ratio": ratio,
                "logical": [window.width(), window.height()],
                "measure": window.reader.measure(),
                "reader_shown": window.panes.is_shown("reader"),
                "line_median": statistics.median(lines),
                "lines_in_sight": window.reader.lines_in_sight(),
                "line_min": min(lines),
                "shown": {n: window.panes.is_shown(n) for n in ("library", "reader", "panel")},
                "workspace": workspace is not None and workspace.isVisible(),
                "workspace_panes": workspace.panes.widths() if workspace else {},
                "claims": _claims_seen(window, table) if table is not None else {},
                "clipped": _clipped(window),
                "overlaps": _overlaps(window),
                "colours": len(
                    {
                        image.pixelColor(x, y).rgb()
                        for x in range(0, image.width(), 17)
                        for y in range(0, image.height(), 13)
                    }
                ),
            }
        )
    )
    window.close()
    window.runner.shutdown()
    library.close()


if __name__ == "__main__":
    main(*sys.argv[1:])

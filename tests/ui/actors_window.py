"""The actors window on a screen of a given size, in a process of its own:

    python -m tests.ui.actors_window OUT.png LIBRARY SETTINGS [saved] [fill]

run under an X server whose screen is the size to try (tests/ui/test_actors_fit_screenshot.py
starts an Xvfb of its own for each), with QT_SCALE_FACTOR in the environment (read once, when
the QApplication is made: hence a process). The main window fills the screen's available
area; View > Actors opens the actors window on SenseTime's page, with the worked example's
suggestions found. With `saved`, the settings first hold a 1480x900 window (the old first
size, larger than a laptop's screen); with `fill`, the window is then made as large as the
screen's room, as maximised (to look at by hand). It saves a grab of the actors window to
OUT.png and prints, as JSON, what the test asserts on: the screen's room and the window's frame, the
review buttons' rectangles on the screen, the actor names cut short in the list, the fields
and column headers narrower than their text, and whether the list scrolls sideways.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPushButton, QTreeWidget, QWidget

from briefing.core import Library
from briefing.ui.actors import open_actors
from briefing.ui.actors.list_model import NAME
from briefing.ui.actors.list_view import PADDING
from briefing.ui.actors.window import ActorsWindow
from briefing.ui.app import make_application, open_window
from tests.ui.window_script import settle, wait


def _rect(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def _global(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def _elided_names(window: ActorsWindow) -> list[str]:
    """The names in the actor list wider than the room its name column gives them."""
    view = window.list
    room = view.columnWidth(NAME) - 2 * PADDING
    metrics = QFontMetrics(view.font())
    names = [window.proxy.index(r, NAME).data() for r in range(window.proxy.rowCount())]
    return [name for name in names if metrics.horizontalAdvance(name) > room]


def _clipped(window: ActorsWindow) -> list[str]:
    """Labels and buttons narrower than their text, fields narrower than what they hold, and
    column headers narrower than their label."""
    found = []
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if not widget.isVisible() or not widget.text() or widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue
        text = widget.text().replace("&", "")
        if QFontMetrics(widget.font()).horizontalAdvance(text) > widget.contentsRect().width():
            found.append(f"{type(widget).__name__} {text!r}")
    for field in window.findChildren(QLineEdit):
        if field not in (window.filter, window.page_view.name):
            continue  # a description runs on in its field, as any long text does
        text = field.text() or field.placeholderText()
        room = field.width() - 12 - (22 if field.isClearButtonEnabled() else 0)
        if QFontMetrics(field.font()).horizontalAdvance(text) > room:
            found.append(f"field {field.accessibleName()!r}: {text!r}")
    for tree in window.findChildren(QTreeWidget):
        if not tree.isVisible():
            continue
        header = tree.header()
        metrics = QFontMetrics(header.font())
        for section in range(header.count()):
            label = tree.headerItem().text(section)
            if metrics.horizontalAdvance(label) + 12 > header.sectionSize(section):
                found.append(f"{tree.accessibleName()} header {label!r}")
    return found


def main(out: str, library_path: str, settings_path: str, *flags: str) -> None:
    app = make_application()
    library = Library.open(library_path)
    settings = QSettings(settings_path, QSettings.Format.IniFormat)
    window = open_window(library, settings)
    screen = window.screen()
    area = screen.availableGeometry()
    window.setGeometry(area)
    wait(app, lambda: window.windowHandle() is not None and window.windowHandle().isExposed())
    wait(app, lambda: window.panel.items("Claims") != [])  # the worked example, loaded
    library.mentions.suggest()
    if "saved" in flags:
        # A window saved at the old first size: restoreGeometry takes it as it was.
        probe = QWidget()
        probe.setGeometry(QRect(area.topLeft(), QSize(1480, 900)))
        settings.setValue("actors/geometry", probe.saveGeometry())
    actors = open_actors(window, library.actors.resolve("SenseTime").id)
    wait(app, lambda: actors.windowHandle() is not None and actors.windowHandle().isExposed())
    if "fill" in flags:  # as maximised: the whole of the screen's room
        actors.setGeometry(area)
    settle(app)
    page = actors.page_view
    group = page.suggestions.topLevelItem(0)
    if group is not None and group.childCount() > 1:
        group.child(1).setSelected(True)
    settle(app)
    actors.grab().save(out)
    review = {a.text().replace("&", "") for a in (actors.accept_action, actors.reject_action)}
    review |= {
        a.text().replace("&", "") for a in (actors.accept_all_action, actors.reject_all_action)
    }
    buttons = {
        button.text(): _rect(_global(button)) if button.isVisible() else None
        for button in actors.findChildren(QPushButton)
        if button.text() in review
    }
    seen = {
        "ratio": actors.devicePixelRatioF(),
        "area": _rect(area),
        "frame": _rect(actors.frameGeometry()),
        "main": _rect(window.frameGeometry()),
        "buttons": buttons,
        "elided_names": _elided_names(actors),
        "list_scrolls_sideways": actors.list.horizontalScrollBar().isVisible(),
        "clipped": _clipped(actors),
        "list_width": actors.list.width(),
        "columns": [
            0 if actors.list.isColumnHidden(c) else actors.list.columnWidth(c)
            for c in range(actors.proxy.columnCount())
        ],
    }
    print(json.dumps(seen))
    actors.close()
    window.close()
    window.runner.shutdown()
    library.close()


if __name__ == "__main__":
    main(*sys.argv[1:])

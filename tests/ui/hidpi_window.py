"""The main window at twice the pixels, in a process of its own: `python -m
tests.ui.hidpi_window OUT.png LIBRARY SETTINGS`, with QT_SCALE_FACTOR=2 in the environment.

The scale factor is read once, when the QApplication is made, and the test run already has
one at 1x: hence a child process. It saves the grab to OUT.png and prints, as JSON, what the
test asserts on: the image's size and device pixel ratio, how many pixels an icon has at
the window's ratio (an SVG icon renders at any size: 2x pixels, not 1x blown up), and the
labels wider than their place.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QToolButton

from briefing.core import Library
from briefing.ui.app import make_application, open_window
from briefing.ui.main_window import MainWindow
from briefing.ui.menus import icon
from tests.ui.window_script import wait


def _clipped(window: MainWindow) -> list[str]:
    clipped = []
    header = window.library_pane.view.horizontalHeader()
    metrics = QFontMetrics(header.font())
    model = window.library_pane.model
    for section in range(model.columnCount()):
        if header.isSectionHidden(section):
            continue  # stepped aside for the title (library_pane.py)
        label = model.headerData(section, header.orientation())
        if metrics.horizontalAdvance(label) + 12 > header.sectionSize(section):
            clipped.append(f"header {label}")
    for button in window.toolbar.findChildren(QToolButton):
        if button.isVisible() and button.text() and button.width() < button.sizeHint().width():
            clipped.append(f"toolbar {button.text()}")
    return clipped


def main(out: str, library_path: str, settings_path: str) -> None:
    app = make_application()
    library = Library.open(library_path)
    window = open_window(library, QSettings(settings_path, QSettings.Format.IniFormat))
    window.resize(1400, 900)
    wait(
        app,
        lambda: window.windowHandle() is not None and window.windowHandle().isExposed(),
        timeout=10.0,
    )
    wait(app, lambda: window.panel.items("Claims") != [], timeout=10.0)
    app.processEvents()
    image = window.grab().toImage()
    image.save(out)
    ratio = window.devicePixelRatioF()
    pixmap = icon("claim").pixmap(QSize(16, 16), ratio)
    print(
        json.dumps(
            {
                "size": [image.width(), image.height()],
                "ratio": ratio,
                "logical": [window.width(), window.height()],
                "icon_pixels": [pixmap.width(), pixmap.height()],
                "clipped": _clipped(window),
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
    main(*sys.argv[1:4])

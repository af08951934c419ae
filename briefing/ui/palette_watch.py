"""Widgets under a style sheet follow a palette changed while the app runs.

Qt's style-sheet style hands each widget it polishes a palette made from the sheet and the
palette of the moment, and the widget keeps it: when the desktop turns dark (or the user
picks another palette) with the app open, the application's palette changes, but the reader,
the panel and the workspace's preview stayed in the old colours, light text on the light
page they still had. Setting the same sheet again polishes every widget anew in the new
palette; the widgets that follow their palette themselves (the reader's marks, the preview's
stylesheet) hear of it as a PaletteChange.

The application object hears of the change itself (ApplicationPaletteChange is sent to it),
so the app is this subclass rather than a QApplication with an event filter: a filter on the
application sees every event of every widget, about 4 µs each through Python, which a
resize or a repaint of the whole window pays thousands of times.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication


class PaletteFollowingApplication(QApplication):
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationPaletteChange and self.styleSheet():
            self.setStyleSheet(self.styleSheet())
        return super().event(event)

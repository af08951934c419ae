"""Widgets under a style sheet follow a palette changed while the app runs.

Qt's style-sheet style hands each widget it polishes a palette made from the sheet and the
palette of the moment, and the widget keeps it: when the desktop turns dark (or the user
picks another palette) with the app open, the application's palette changes, but the reader,
the panel and the workspace's preview stayed in the old colours, light text on the light
page they still had. Setting the same sheet again polishes every widget anew in the new
palette; the widgets that follow their palette themselves (the reader's marks, the preview's
stylesheet) hear of it as a PaletteChange.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication


class _PaletteWatch(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ApplicationPaletteChange and watched is self.parent():
            app = self.parent()
            assert isinstance(app, QApplication)
            if app.styleSheet():
                app.setStyleSheet(app.styleSheet())
        return False


def follow_palette(app: QApplication) -> None:
    """Polish the app's widgets again whenever its palette changes (once per app)."""
    if app.findChild(_PaletteWatch) is None:
        app.installEventFilter(_PaletteWatch(app))

"""The Help menu: About Briefing, and the Keyboard Shortcuts dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QMessageBox

import briefing
from briefing.ui.dialogs.shortcuts import ShortcutsDialog

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow


def about_text(window: MainWindow) -> str:
    """What About says: the version (from the package metadata) and the library in use.

    The library path is the thing a reader most often needs to find again (to back it up,
    to open it with the CLI or Datasette), so it is shown in full and selectable.
    """
    return (
        f"<h3>Briefing {briefing.__version__}</h3>"
        "<p>A reader for turning news into briefings: mark claims, attribute them to "
        "actors, link their sources, export with citations.</p>"
        f"<p><b>Library:</b><br>{_escape(str(window.library.path))}</p>"
        f"<p><small>Qt {qVersion()}, PySide6 {pyside_version}</small></p>"
    )


def show_about(window: MainWindow) -> QMessageBox:
    """Opened, not exec'd (the event loop and tests go on); kept on `window.dialog`."""
    box = QMessageBox(window)
    box.setWindowTitle("About Briefing")
    box.setIconPixmap(window.windowIcon().pixmap(64, 64))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text(window))
    box.setAccessibleName("About Briefing")
    window.dialog = box
    box.finished.connect(box.deleteLater)
    box.open()
    return box


def show_shortcuts(window: MainWindow) -> ShortcutsDialog:
    dialog = ShortcutsDialog(window.menuBar(), window)
    window.dialog = dialog
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

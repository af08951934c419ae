"""When the library cannot be opened: say why, and offer another file or a new one."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

LIBRARY_FILTER = "Briefing libraries (*.sqlite *.db);;All files (*)"


def ask_for_library(message: str, parent: QWidget | None = None) -> str | None:
    """The path of another library to open or create, or None to give up (quit)."""
    while True:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Briefing")
        box.setText("The library cannot be opened.")
        box.setInformativeText(message)
        box.setAccessibleName("Library cannot be opened")
        choose = box.addButton("Choose Another…", QMessageBox.ButtonRole.AcceptRole)
        create = box.addButton("Create New…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(choose)
        box.exec()
        clicked = box.clickedButton()
        if clicked is choose:
            path, _ = QFileDialog.getOpenFileName(parent, "Open a library", "", LIBRARY_FILTER)
        elif clicked is create:
            path, _ = QFileDialog.getSaveFileName(
                parent, "Create a library", "library.sqlite", LIBRARY_FILTER
            )
        else:
            return None
        if path:
            return path

"""When the library cannot be opened: say why, and offer what can be done.

Another file or a new one, always. A library that was damaged, overwritten or emptied, and
has a backup that can be restored: its newest good backup, named by date and what it holds
(the file as it is is kept first, core/restoring.py). An empty file: to make a new library of
it, since an empty file where a library was expected is not made into one silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from briefing.core import Backup
from briefing.ui.dialogs.backups import describe_backup

LIBRARY_FILTER = "Briefing libraries (*.sqlite *.db);;All files (*)"


@dataclass(frozen=True)
class Answer:
    """What the reader chose: another path, a backup to restore, or a new library in the
    empty file."""

    path: str | None = None
    restore: Backup | None = None
    make_new: bool = False


def ask_for_library(
    message: str,
    parent: QWidget | None = None,
    *,
    empty: bool = False,
    backups: Sequence[Backup] = (),
) -> Answer | None:
    """What to do instead; None to give up (quit)."""
    newest = next((b for b in backups if b.restorable), None)
    while True:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Briefing")
        box.setText("The library cannot be opened.")
        informative = message
        if newest is not None:
            informative += f"\n\nIts newest good backup is from {describe_backup(newest)}."
        box.setInformativeText(informative)
        box.setAccessibleName("Library cannot be opened")
        restore = (
            box.addButton("Restore Backup", QMessageBox.ButtonRole.AcceptRole)
            if newest is not None
            else None
        )
        make_new = (
            box.addButton("Make a New Library There", QMessageBox.ButtonRole.AcceptRole)
            if empty
            else None
        )
        choose = box.addButton("Choose Another…", QMessageBox.ButtonRole.AcceptRole)
        create = box.addButton("Create New…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(restore or choose)
        box.exec()
        clicked = box.clickedButton()
        if restore is not None and clicked is restore:
            return Answer(restore=newest)
        if make_new is not None and clicked is make_new:
            return Answer(make_new=True)
        if clicked is choose:
            path, _ = QFileDialog.getOpenFileName(parent, "Open a library", "", LIBRARY_FILTER)
        elif clicked is create:
            path, _ = QFileDialog.getSaveFileName(
                parent, "Create a library", "library.sqlite", LIBRARY_FILTER
            )
        else:
            return None
        if path:
            return Answer(path=path)

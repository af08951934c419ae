"""File ▸ New Library, Open Library and Open Recent: another library in place of this one.

The app shows one library at a time, as Zotero and calibre do: the chosen file opens in a
new main window where this one was, and this window closes with its library (each window
commits what is typed as it closes). A file that cannot be opened (not a library, made by a
newer Briefing, not readable) is said in a message, and the library open now stays open.
A new library starts empty, its reader saying how to bring articles in (the worked example
is for the very first run). Every library opened goes to the top of Open Recent.

The file dialogs are opened, not exec'd (window.dialog holds the one open), as elsewhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from briefing.core import BriefingError

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow

LIBRARY_FILTER = "Briefing libraries (*.sqlite *.db);;All files (*)"
RECENT_KEY = "library/recent"
RECENT_COUNT = 8


def recent(window: MainWindow) -> list[str]:
    value = window.settings.value(RECENT_KEY, [])
    paths = [value] if isinstance(value, str) else list(value or [])
    return [p for p in paths if isinstance(p, str) and p]


def remember(window: MainWindow, path: Path) -> None:
    """Put `path` at the top of Open Recent."""
    text = str(path.resolve())
    paths = [text, *[p for p in recent(window) if p != text]][:RECENT_COUNT]
    window.settings.setValue(RECENT_KEY, paths)


def choose_new(window: MainWindow) -> QFileDialog:
    dialog = QFileDialog(window, "New Library")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(LIBRARY_FILTER)
    dialog.setDefaultSuffix("sqlite")
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite)  # an existing file is refused
    dialog.setDirectory(str(window.library.path.parent))
    dialog.selectFile("library.sqlite")
    dialog.fileSelected.connect(lambda path: new_library(window, Path(path)))
    return _open(window, dialog)


def choose_existing(window: MainWindow) -> QFileDialog:
    dialog = QFileDialog(window, "Open Library")
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilter(LIBRARY_FILTER)
    dialog.setDirectory(str(window.library.path.parent))
    dialog.fileSelected.connect(lambda path: open_library(window, Path(path)))
    return _open(window, dialog)


def new_library(window: MainWindow, path: Path) -> MainWindow | None:
    """Make an empty library at `path` and switch to it; a file already there is refused."""
    if path.exists():
        _refuse(
            window,
            f"{path} already exists. To use it, choose File ▸ Open Library; for a new "
            "library, choose a name that is not taken.",
        )
        return None
    return _switch(window, path, create=True)


def open_library(window: MainWindow, path: Path) -> MainWindow | None:
    """Switch to the library at `path` (which must exist)."""
    if path.resolve() == window.library.path.resolve():
        return window  # already open
    if not path.is_file():
        _refuse(window, f"{path} is not there any more (moved or deleted?).")
        return None
    return _switch(window, path, create=False)


def fill_recent_menu(window: MainWindow, menu: QMenu) -> None:
    """Open Recent's entries, read when the menu opens (another window may have added)."""
    menu.clear()
    current = str(window.library.path.resolve())
    paths = [p for p in recent(window) if p != current]
    for path in paths:
        action = menu.addAction(_label(Path(path)))
        action.setToolTip(path)
        action.setStatusTip(f"Open the library {path}")
        action.triggered.connect(lambda _checked=False, p=path: open_library(window, Path(p)))
    if not paths:
        empty = menu.addAction("No other libraries yet")
        empty.setEnabled(False)
        return
    menu.addSeparator()
    clear = menu.addAction("Clear Recent Libraries")
    clear.setStatusTip("Forget the libraries listed here (the files stay)")
    clear.triggered.connect(lambda: window.settings.setValue(RECENT_KEY, [current]))


def _label(path: Path) -> str:
    """The file's name and its folder, as a reader tells libraries apart."""
    return f"{path.name}  —  {path.parent}"


def _switch(window: MainWindow, path: Path, *, create: bool) -> MainWindow | None:
    from briefing.ui.app import open_library_file, open_window

    try:
        library = open_library_file(path, create=create, parent=window)
    except BriefingError as exc:
        _refuse(window, f"Could not open {path}: {exc}")
        return None
    window.save_settings()  # the new window takes this one's place and size
    new = open_window(library, window.settings, sample=False)
    old = window.library
    if not window.close():  # a dialog would not close: stay where we were
        new.close()
        library.close()
        return None
    old.close()
    window.deleteLater()
    return new


def _refuse(window: MainWindow, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, "Briefing", message, parent=window)
    box.setAccessibleName("Library not opened")
    _open(window, box)


def _open(window: MainWindow, dialog):  # noqa: ANN001, ANN202 - any dialog, returned as given
    window.dialog = dialog
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog

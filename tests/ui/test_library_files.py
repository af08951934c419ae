"""File ▸ New Library, Open Library and Open Recent, through their dialogs: another
library's window takes this one's place; what cannot be opened changes nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from briefing.core import Library
from briefing.core.sample import load_sample
from briefing.ui import app
from briefing.ui.actions.library_files import recent
from briefing.ui.main_window import MainWindow
from tests.ui.helpers import actions_in_menus


def _shown(qtbot, make_window, library: Library) -> MainWindow:
    sample = load_sample(library)
    window = make_window(library)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_article(sample.article_id, select=True)
    return window


def _choose(qtbot, window: MainWindow, action, path: Path) -> None:  # noqa: ANN001
    action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    dialog.selectFile(str(path))
    dialog.accept()


def _current() -> MainWindow:
    (window,) = [w for w in app.WINDOWS if w.isVisible()]
    return window


def test_new_library_opens_an_empty_one_in_this_windows_place(
    qtbot, make_window, library: Library, tmp_path: Path
) -> None:
    window = _shown(qtbot, make_window, library)
    assert {window.new_library_action, window.open_library_action} <= actions_in_menus(window)
    window.resize(760, 520)  # within the (800x600) offscreen screen: the size is kept
    geometry = window.geometry()
    new_path = tmp_path / "second.sqlite"
    _choose(qtbot, window, window.new_library_action, new_path)

    new = _current()
    qtbot.addWidget(new)
    assert new is not window and not window.isVisible()
    assert new.library.path == new_path and new.windowTitle() == "second.sqlite"
    assert new.geometry().size() == geometry.size()  # in the old one's place
    assert new.library.articles.count() == 0  # empty: the sample is for the first run
    placeholder = new.reader.page.placeholderText()
    assert "no articles yet" in placeholder and "Ctrl+O" in placeholder
    assert recent(new)[:2] == [str(new_path.resolve()), str(library.path.resolve())]
    new.close()


def test_new_library_over_an_existing_file_is_refused(
    qtbot, make_window, library: Library, tmp_path: Path
) -> None:
    window = _shown(qtbot, make_window, library)
    taken = tmp_path / "taken.sqlite"
    taken.write_bytes(b"something of the reader's")
    _choose(qtbot, window, window.new_library_action, taken)
    box = window.dialog
    assert isinstance(box, QMessageBox) and "already exists" in box.text()
    box.reject()
    assert taken.read_bytes() == b"something of the reader's"
    assert window.isVisible() and window.library.path == library.path


def test_a_file_that_is_not_a_library_is_refused_and_this_one_stays(
    qtbot, make_window, library: Library, tmp_path: Path
) -> None:
    window = _shown(qtbot, make_window, library)
    notes = tmp_path / "notes.db"
    notes.write_text("plain text, not SQLite")
    _choose(qtbot, window, window.open_library_action, notes)
    box = window.dialog
    assert isinstance(box, QMessageBox) and "Could not open" in box.text()
    box.reject()
    assert notes.read_text() == "plain text, not SQLite"
    assert window.isVisible() and window.library.articles.count() == 1  # still usable


def test_open_recent_goes_back_to_the_last_library(
    qtbot, make_window, library: Library, tmp_path: Path
) -> None:
    window = _shown(qtbot, make_window, library)
    other = tmp_path / "other.sqlite"
    Library.open(other).close()
    _choose(qtbot, window, window.open_library_action, other)
    new = _current()
    qtbot.addWidget(new)
    assert new.library.path == other
    new.recent_menu.aboutToShow.emit()
    entries = [a for a in new.recent_menu.actions() if a.text().startswith("library.sqlite")]
    assert len(entries) == 1 and entries[0].toolTip() == str(library.path.resolve())
    reopened = Library.open(library.path)  # the first window closed its library: as the app
    reopened.close()
    entries[0].trigger()
    back = _current()
    qtbot.addWidget(back)
    assert back.library.path.resolve() == library.path.resolve()
    assert back.library.articles.count() == 1
    assert back.reader.article_id == window.reader.article_id  # the one last read there
    back.close()

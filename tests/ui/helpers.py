"""Helpers for driving the main window the way a reader does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog

from briefing.core import Library
from briefing.core.sample import load_sample
from briefing.ui.main_window import MainWindow


def sample_window(qtbot, make_window, library: Library) -> tuple[MainWindow, int]:
    """A shown window on a library holding the annotated sample, with the sample open."""
    loaded = load_sample(library)
    window = make_window(library)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_article(loaded.article_id)
    return window, loaded.article_id


def select(window: MainWindow, phrase: str, occurrence: int = 1) -> tuple[int, int]:
    """Select the `occurrence`th `phrase` of the open article in the reader; its span."""
    text = window.library.articles.get(window.reader.article_id).text
    start = -1
    for _ in range(occurrence):
        start = text.index(phrase, start + 1)
    window.reader.select_span(start, start + len(phrase))
    return start, start + len(phrase)


def click(qtbot, button: QAbstractButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def dialog_of(window: MainWindow, kind: type[QDialog]) -> QDialog:
    dialog = window.dialog
    assert isinstance(dialog, kind), dialog
    assert dialog.isVisible()
    return dialog

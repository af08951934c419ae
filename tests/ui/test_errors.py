"""Errors reach the user as words: a dialog with copyable details, or another library."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from briefing.core import Library
from briefing.ui import errors
from briefing.ui.app import open_library
from tests.conftest import SAMPLE


def test_unexpected_error_offers_the_traceback_as_details(qtbot) -> None:
    try:
        raise RuntimeError("a bug")
    except RuntimeError as exc:
        box = errors.show_unexpected(None, exc)
    qtbot.addWidget(box)
    assert box.windowTitle() == "Unexpected error"
    assert "RuntimeError: a bug" in box.text()
    assert "Traceback" in box.detailedText() and "raise RuntimeError" in box.detailedText()


def test_a_library_that_cannot_be_opened_asks_instead_of_failing(qtbot, tmp_path: Path) -> None:
    not_a_library = tmp_path / "notes.sqlite"
    not_a_library.write_text("these are not the droids", "utf-8")
    seen: list[str] = []

    def close_the_question() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, close_the_question)
            return
        seen.append(box.informativeText())
        box.button(QMessageBox.StandardButton.Close).click()

    QTimer.singleShot(0, close_the_question)
    assert open_library(str(not_a_library)) is None
    assert seen and "not a Briefing library" in seen[0]
    assert not_a_library.read_text("utf-8") == "these are not the droids"


def test_dropping_files_imports_them(qtbot, make_window, library: Library) -> None:
    window = make_window(library)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(SAMPLE))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.runner.library_changed, timeout=10_000):
        window.dropEvent(event)
    assert library.articles.count() == 1
    qtbot.waitUntil(lambda: "Import finished" in window.statusBar().currentMessage())

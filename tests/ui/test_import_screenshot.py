"""A background import in the status bar, and Edit Selected Articles with a date it cannot
read, as a reader sees them; then looked at.

Run with: xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest -m screenshot tests/ui
(the pictures are saved under tmp_path). Asserts what can fail in a picture: not blank, the
indicator's text and the dialog's labels not cut, the indicator inside the window at a
laptop's width.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from briefing.core import Library
from briefing.ui.actions.import_files import import_paths
from briefing.ui.app import apply_style
from briefing.ui.main_window import MainWindow
from tests.conftest import SAMPLE, wikinews_files
from tests.ui.helpers import REAL_WINDOW, save_screenshot
from tests.ui.test_import_in_background import _folder

pytestmark = REAL_WINDOW


def _uncut(root: QWidget) -> None:
    for widget in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        if widget.isVisible() and widget.text() and not getattr(widget, "wordWrap", bool)():
            width = QFontMetrics(widget.font()).horizontalAdvance(widget.text().replace("&", ""))
            assert width <= widget.width(), widget.text()


@pytest.mark.parametrize("size", [(1024, 640), (1400, 900)])
def test_import_progress_and_batch_edit_screenshots(
    qtbot, qapp, tmp_path: Path, screenshots: Path, size: tuple[int, int]
) -> None:
    apply_style(qapp)
    library = Library.open(tmp_path / "library.sqlite")
    library.imports.files([SAMPLE, *wikinews_files(6)])
    folder = _folder(tmp_path, 4000)
    window = MainWindow(library, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    try:
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        op = import_paths(window, [str(folder)])
        assert op is not None
        indicator = window.import_progress
        qtbot.waitUntil(lambda: indicator.bar.value() >= 50, timeout=20_000)
        qapp.processEvents()
        save_screenshot(window.grab(), screenshots / f"import-progress-{size[0]}.png")
        _uncut(indicator)
        right = indicator.cancel_button.mapTo(window, QPoint(indicator.cancel_button.width(), 0))
        assert 0 < right.x() <= window.width()
        with qtbot.waitSignal(op.failed, timeout=20_000):
            indicator.cancel_button.click()

        window.library_pane.select_articles([a.id for a in library.articles.list()][:3])
        window.edit_selected_action.trigger()
        dialog = window.dialog
        qtbot.waitExposed(dialog)
        qtbot.keyClicks(dialog.fields["outlet"], "Reuters")
        qtbot.keyClicks(dialog.fields["date"], "someday")
        dialog.save_button.click()
        qapp.processEvents()
        save_screenshot(dialog.grab(), screenshots / f"batch-edit-{size[0]}.png")
        _uncut(dialog)
        dialog.reject()
    finally:
        window.close()
        qtbot.wait(1)
        library.close()

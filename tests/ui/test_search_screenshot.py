"""Library search in the main window, for docs/screenshots/search.png; then looked at.

Run with: xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest -m screenshot tests/ui
(the picture is saved under tmp_path; BRIEFING_UPDATE_SCREENSHOTS=1 saves it in docs/).
The worked example among the Wikinews test articles, "China" typed: an actor hit, claim hits and
article hits with their snippets; the worked example opened from its hit, the word marked
in the reader. Asserts what can fail in a picture: not blank, every kind shown, the marks
drawn, and no label wider than itself. Also the outlet field's list of proposals, a popup
that only a real window shows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QLabel

from briefing.core import Library, prefix_last
from briefing.ui.app import apply_style
from briefing.ui.main_window import MainWindow
from tests.ui.helpers import REAL_WINDOW, save_screenshot
from tests.ui.test_search_helpers import JANUARY, LATER, answered, fill

pytestmark = REAL_WINDOW
QUERY = "China"


def test_search_screenshot(qtbot, qapp, tmp_path: Path, screenshots: Path) -> None:
    apply_style(qapp)
    library = Library.open(tmp_path / "library.sqlite")
    sample = fill(library)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(library, settings)
    qtbot.addWidget(window)
    try:
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        page = window.search_page
        page.focus_field()
        qtbot.keyClicks(page.field, QUERY)
        qtbot.waitUntil(lambda: answered(page) and page.shown.query == prefix_last(QUERY))
        kinds = [hit.kind for hit in page.model.hits]
        assert {"actor", "claim", "article"} <= set(kinds)
        row = next(
            i
            for i, hit in enumerate(page.model.hits)
            if hit.kind == "article" and hit.article_id == sample.article_id
        )
        assert page.open_row(row)
        assert window.reader.terms.spans
        page.view.setFocus(Qt.FocusReason.OtherFocusReason)
        qtbot.wait(200)
        qapp.processEvents()

        image = window.grab()
        save_screenshot(image, screenshots / "search.png")
        for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
            if widget.isVisible() and widget.text() and not getattr(widget, "wordWrap", bool)():
                width = QFontMetrics(widget.font()).horizontalAdvance(
                    widget.text().replace("&", "")
                )
                assert width <= widget.width(), widget.text()
    finally:
        window.close()
        qtbot.wait(1)
        library.close()


def test_an_outlet_is_picked_from_the_fields_proposals(qtbot, qapp, tmp_path: Path) -> None:
    """Typing part of an outlet's name opens the list of matching outlets, and choosing one
    with the keyboard narrows the search to it: needs a real window for the popup."""
    apply_style(qapp)
    library = Library.open(tmp_path / "library.sqlite")
    fill(library)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(library, settings)
    qtbot.addWidget(window)
    try:
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        page = window.search_page
        page.focus_field()
        qtbot.keyClicks(page.field, "said")
        qtbot.waitUntil(lambda: answered(page) and page.shown.query == prefix_last("said"))
        field = page.filters.outlet
        field.setFocus()
        qtbot.waitUntil(lambda: page.filters.outlets.rowCount() > 0)
        qtbot.keyClicks(field, "news")
        popup = field.completer().popup()
        qtbot.waitUntil(popup.isVisible)
        shown = [popup.model().index(i, 0).data() for i in range(popup.model().rowCount())]
        assert JANUARY in shown and LATER in shown
        row = shown.index(LATER)
        for _ in range(row + 1):
            qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: answered(page) and page.shown.outlet == LATER)
        outlets = {library.articles.get(hit.article_id).outlet for hit in page.model.hits}
        assert outlets == {LATER}
    finally:
        window.close()
        qtbot.wait(1)
        library.close()

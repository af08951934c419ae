"""Focus you can see: the reader and the lists draw a ring in the highlight colour while
they have the keyboard (style.qss), and nothing moves when it comes and goes."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from briefing.core import Library, resources_dir
from tests.ui.helpers import sample_window


def _edge(widget: QWidget) -> tuple[int, ...]:
    """The colour of the widget's left edge, halfway down, as drawn."""
    image = widget.grab().toImage()
    return image.pixelColor(0, image.height() // 2).getRgb()


def test_the_focus_ring_shows_on_the_reader_and_the_lists(
    qtbot, make_window, library: Library
) -> None:
    window, _article = sample_window(qtbot, make_window, library)
    window.setStyleSheet((resources_dir() / "style.qss").read_text("utf-8"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    highlight = window.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    widgets = [window.reader.page, window.library_pane.view, window.panel.tree]
    for widget in widgets:
        others = [w for w in widgets if w is not widget]
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        assert _edge(widget) == highlight.getRgb(), widget.objectName()
        for other in others:
            assert _edge(other) != highlight.getRgb(), other.objectName()
    # The ring is there (transparent) without the focus too: the page keeps its width.
    page = window.reader.page
    focused = page.viewport().width()
    window.library_pane.view.setFocus()
    qtbot.waitUntil(lambda: not page.hasFocus())
    assert page.viewport().width() == focused

"""The toolbar's labels give way to the search field in one step: resized across the width
where the labels go (or come back), the field is where it ends up as soon as the resize
returns, and each paint of the toolbar shows it there."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from briefing.core import Library
from tests.ui.helpers import sample_window

LABELLED = Qt.ToolButtonStyle.ToolButtonTextBesideIcon


class _Paints(QObject):
    """The field's place (None: hidden) at each paint of the toolbar."""

    def __init__(self, toolbar: QWidget, field: QWidget) -> None:
        super().__init__(toolbar)
        self.field = field
        self.seen: list[QRect | None] = []
        toolbar.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.seen.append(QRect(self.field.geometry()) if self.field.isVisible() else None)
        return False


def test_each_paint_of_the_toolbar_shows_the_field_where_it_ends_up(
    qtbot, make_window, library: Library
) -> None:
    """Narrowed past the labelled buttons, the toolbar's layout first put the field behind
    the » button (it saw the width before the labels went) and painted that, then the
    field came back 140 pixels wider: a visible jump."""
    window, _ = sample_window(qtbot, make_window, library)
    toolbar, field = window.toolbar, window.search_page.field
    window.resize(2200, 700)
    qtbot.waitUntil(lambda: toolbar.toolButtonStyle() == LABELLED)
    paints = _Paints(toolbar, field)
    switched = 0
    for width in (1200, 2200, 1100, 2000, 1024, 2200):
        before = toolbar.toolButtonStyle()
        paints.seen.clear()
        window.resize(width, 700)
        # Laid out for good before anything is painted: a layout left for a posted event
        # is painted half done whenever a paint comes first (a window manager's expose).
        laid_out = QRect(field.geometry()) if field.isVisible() else None
        qtbot.waitUntil(lambda: bool(paints.seen))
        for _ in range(5):  # every paint the resize brings
            QApplication.processEvents()
            qtbot.wait(10)
        switched += toolbar.toolButtonStyle() != before
        assert field.isVisible()
        assert laid_out == field.geometry(), (width, laid_out, field.geometry())
        assert paints.seen == [field.geometry()], (width, paints.seen)  # painted once
    assert switched == 6  # each resize crossed the width where the labels go or come back


def test_typing_in_the_field_as_the_window_narrows_keeps_the_focus_in_it(
    qtbot, make_window, library: Library
) -> None:
    """The layout hid the field for a moment as the labels went, and Qt gave the focus to
    the next widget: the words typed next went into the library's filter."""
    window, _ = sample_window(qtbot, make_window, library)
    field = window.search_page.field
    window.resize(2200, 700)
    qtbot.waitUntil(lambda: window.toolbar.toolButtonStyle() == LABELLED)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "sanc")
    window.resize(1024, 700)
    assert window.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    assert field.hasFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "tions")
    assert field.text() == "sanctions"


def test_a_first_window_too_narrow_for_the_labels_shows_the_field(
    qtbot, make_window, library: Library
) -> None:
    """Shown for the first time narrower than the labelled buttons: the labels go before
    the window is on screen, and the field is in the toolbar, not behind the » button
    (laid out again while the toolbar was still hidden, the layout's request was dropped
    and the buttons kept their labelled widths)."""
    window = make_window(library)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    toolbar, field = window.toolbar, window.search_page.field
    qtbot.waitUntil(field.isVisible)
    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    assert field.geometry().right() < toolbar.width()
    extension = toolbar.findChild(QWidget, "qt_toolbar_ext_button")
    assert extension is None or not extension.isVisible()

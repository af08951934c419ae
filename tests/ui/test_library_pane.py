"""The library list as its pane is resized: the Title column fills what the others leave,
Claims and then Outlet step aside when the title would be too narrow, and each resize
paints the list once (a column resized the usual way repaints a timer's tick later: a
second frame)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from briefing.core import Library
from briefing.ui.models.article_list import CLAIMS, DATE, OUTLET, TITLE
from briefing.ui.widgets.library_pane import LibraryPane


class _Paints(QObject):
    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_each_resize_fits_the_columns_and_paints_the_list_once(
    qtbot, search_library: Library
) -> None:
    pane = LibraryPane(search_library)
    qtbot.addWidget(pane)
    pane.resize(700, 500)
    pane.show()
    qtbot.waitExposed(pane)
    view, header = pane.view, pane.view.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(TITLE) > 0)
    qtbot.wait(50)
    paints = _Paints(view.viewport())
    hidden = []
    for width in (640, 560, 480, 420, 360, 640):
        paints.count = 0
        pane.resize(width, 500)
        qtbot.waitUntil(lambda: paints.count > 0)
        qtbot.wait(60)  # room for a second paint, were one coming
        assert paints.count == 1, width
        shown = [c for c in (TITLE, OUTLET, DATE, CLAIMS) if not header.isSectionHidden(c)]
        assert sum(header.sectionSize(c) for c in shown) == view.viewport().width()
        hidden.append({c for c in (OUTLET, CLAIMS) if header.isSectionHidden(c)})
    assert hidden[0] == set() and hidden[-2] == {OUTLET, CLAIMS} and hidden[-1] == set()
    assert not view.horizontalScrollBar().isVisible()

"""Helpers for the search tests: a library that makes search discriminate, a shown window on
it, and typing a query and waiting for its answer."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefing.core import Library, prefix_last
from briefing.core.sample import SampleLoaded, load_sample
from briefing.ui.main_window import MainWindow
from briefing.ui.search.page import SearchPage
from tests.conftest import wikinews_files

CTRL = Qt.KeyboardModifier.ControlModifier
JANUARY = "Wikinews"  # the outlet given to the articles of January 2019
LATER = "Wikinews (en)"  # and to the others: two outlets to choose between


def fill(library: Library) -> SampleLoaded:
    """The worked example, then the 40 Wikinews articles (every one of January 2019, eight
    that mention sanctions) with their outlets set."""
    sample = load_sample(library)
    for result in library.imports.files(wikinews_files()):
        article = library.articles.get(result.id)
        january = article.date is not None and (article.date.year, article.date.month) == (2019, 1)
        library.articles.edit(result.id, outlet=JANUARY if january else LATER)
    return sample


def shown_window(qtbot, make_window, library: Library) -> tuple[MainWindow, SampleLoaded]:
    """The filled library in a shown, active main window."""
    sample = fill(library)
    window = make_window(library)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, sample


def answered(page: SearchPage) -> bool:
    return not page.searcher.busy and page.shown == page.searcher.latest


def search(qtbot, window: MainWindow, query: str) -> SearchPage:
    """Type `query` into the (emptied) field and wait for its answer."""
    page = window.search_page
    page.field.setFocus()
    page.field.clear()
    qtbot.keyClicks(page.field, query)
    asked = prefix_last(query)  # as the field asks it: the last word as typed so far
    qtbot.waitUntil(lambda: answered(page) and page.shown.query == asked)
    return page


def kinds(page: SearchPage) -> list[str]:
    return [hit.kind for hit in page.model.hits]


def row_of(page: SearchPage, kind: str, hit_id: int | None = None) -> int:
    return next(
        row
        for row, hit in enumerate(page.model.hits)
        if hit.kind == kind and (hit_id is None or hit.id == hit_id)
    )

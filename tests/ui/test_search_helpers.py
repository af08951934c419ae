"""Helpers for the search tests: a library that makes search discriminate, a shown window on
it, and typing a query and waiting for its answer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from briefing.core import Library
from briefing.core.sample import SampleLoaded, load_sample
from briefing.ui.main_window import MainWindow
from briefing.ui.search.page import SearchPage
from tests.conftest import CORPUS_TEXT

CTRL = Qt.KeyboardModifier.ControlModifier


def corpus_articles() -> list[Path]:
    """Six articles that mention sanctions and eighteen Wikinews stories of January 2019."""
    texts = sorted(CORPUS_TEXT.glob("bbc-*.txt"))
    sanctions = [p for p in texts if "sanction" in p.read_text("utf-8", "replace").lower()]
    return sanctions[:6] + sorted(CORPUS_TEXT.glob("wikinews-2019-01-*.txt"))[:18]


def fill(library: Library) -> SampleLoaded:
    """The worked example, then the corpus articles with their outlets set."""
    sample = load_sample(library)
    for result in library.imports.files(corpus_articles()):
        article = library.articles.get(result.id)
        outlet = "Wikinews" if article.date and article.date.year == 2019 else "BBC News"
        library.articles.edit(result.id, outlet=outlet)
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
    qtbot.waitUntil(lambda: answered(page) and page.shown.query == query)
    return page


def kinds(page: SearchPage) -> list[str]:
    return [hit.kind for hit in page.model.hits]


def row_of(page: SearchPage, kind: str, hit_id: int | None = None) -> int:
    return next(
        row
        for row, hit in enumerate(page.model.hits)
        if hit.kind == kind and (hit_id is None or hit.id == hit_id)
    )

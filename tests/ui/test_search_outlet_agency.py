"""The search panel's Outlet field, as a reader uses it, finds a wire text by the agency the
lists show for it when it has no outlet, and proposes that agency among the outlets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from briefing.core import Library
from briefing.core.sample import SampleLoaded
from briefing.ui.main_window import MainWindow
from tests.ui.test_search_helpers import answered, search, shown_window

WIRE = "BANK RATES\n\nLONDON, March 3 - The central bank cut its rates, dealers said.\n Reuter\n"


@pytest.fixture
def shown(qtbot, make_window, library: Library) -> tuple[MainWindow, SampleLoaded]:
    return shown_window(qtbot, make_window, library)


def test_the_outlet_field_finds_and_proposes_an_agency_standing_in(qtbot, shown) -> None:
    window, _sample = shown
    library = window.library
    (wire,) = library.imports.texts([("wire", WIRE)])
    article = library.articles.get(wire.id)
    assert (article.outlet, article.agency) == (None, "Reuters")
    page = search(qtbot, window, "bank")
    assert wire.id in [hit.article_id for hit in page.model.hits]

    page.filters.outlet.setFocus()
    qtbot.waitUntil(lambda: page.filters.outlets.rowCount() > 0)
    assert "Reuters" in page.filters.outlets.stringList()

    qtbot.keyClicks(page.filters.outlet, "reuters")
    qtbot.keyClick(page.filters.outlet, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: answered(page) and page.shown.outlet == "reuters")
    assert [hit.article_id for hit in page.model.hits] == [wire.id]

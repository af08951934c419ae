"""The lazy article list: Qt's model rules, core-side sorting and filtering, paging."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefing.core import Library
from briefing.core.dates import PartialDate
from briefing.ui.models.article_list import (
    CLAIMS,
    DATE,
    PAGE_SIZE,
    TITLE,
    ArticleListModel,
    ArticleRole,
    format_date,
)


def _titles(model: ArticleListModel) -> list[str]:
    return [model.index(row, TITLE).data() for row in range(model.rowCount())]


def test_model_passes_qt_model_tester(qtmodeltester, search_library: Library) -> None:
    model = ArticleListModel(search_library)
    assert model.rowCount() == search_library.articles.count()
    qtmodeltester.check(model)


def test_sorting_is_the_core_order(qapp, search_library: Library) -> None:
    model = ArticleListModel(search_library)
    model.sort(TITLE, Qt.SortOrder.AscendingOrder)
    expected = [s.title for s in search_library.articles.list(sort="title", descending=False)]
    assert _titles(model) == expected
    model.sort(CLAIMS, Qt.SortOrder.DescendingOrder)
    ids = [model.index(row, 0).data(ArticleRole.ArticleId) for row in range(model.rowCount())]
    assert ids == search_library.articles.ids(sort="claims", descending=True)


def test_filter_narrows_by_title_or_outlet(qapp, search_library: Library) -> None:
    model = ArticleListModel(search_library)
    model.set_filter("the star")
    assert model.rowCount() >= 1
    first = search_library.articles.get(model.article_id(0))
    assert "the star" in f"{first.title} {first.outlet}".lower()
    model.set_filter("no article has this zqxv")
    assert model.rowCount() == 0
    model.set_filter("")
    assert model.rowCount() == search_library.articles.count()


def test_rows_are_fetched_a_page_at_a_time(qapp, library: Library) -> None:
    library.imports.texts(
        [(f"{n}.txt", f"Story {n}\n\nThe {n}th story of the day.") for n in range(PAGE_SIZE + 20)]
    )
    model = ArticleListModel(library)
    assert model.rowCount() > PAGE_SIZE
    last = model.rowCount() - 1
    assert model.index(last, TITLE).data()  # End is instant: one page, not all before it
    assert len(model._rows) <= PAGE_SIZE


def test_dates_read_as_people_write_them() -> None:
    assert format_date(PartialDate.parse("2021-12-14")) == "14 Dec 2021"
    assert format_date(PartialDate.parse("Dec 14")) == "14 Dec"
    assert format_date(None) == ""
    assert DATE != TITLE

"""Complete search results in the main window: how many hits each kind has, "Show all" and
the next pages fetched as the list scrolls, the order chosen, and a filter that cannot be
read marked at its field with no results left on screen as if it applied.

The library holds the worked example and the 40 Wikinews test articles (search_helpers),
and 120 harbour reports more, dated one a month from January 2012, so that one word has
more hits than a page.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from briefing.core import Library
from briefing.ui.main_window import MainWindow
from briefing.ui.search.page import SearchPage
from briefing.ui.search.results_model import HitRole
from briefing.ui.search.searcher import LIMIT, PAGE
from tests.ui.test_search_helpers import answered, search, shown_window

REPORTS = 120


@pytest.fixture
def shown(qtbot, make_window, library: Library) -> MainWindow:
    window, _sample = shown_window(qtbot, make_window, library)
    results = library.imports.texts(
        [
            (
                f"report-{i}.txt",
                f"{'Zephyr' if i % 2 else 'Amber'} harbour report {i:03d}\n\n"
                f"Ships came and went at the harbour of Kestrel Bay, as in report {i}.",
            )
            for i in range(REPORTS)
        ]
    )
    for i, result in enumerate(results):
        library.articles.edit(result.id, date=f"{2012 + i // 12}-{1 + i % 12:02d}")
    return window


def _choose(qtbot, combo, text: str) -> None:
    """Choose `text` in a combo box as the reader does: focus, then the keyboard."""
    index = combo.findText(text, Qt.MatchFlag.MatchStartsWith)
    assert index >= 0, text
    combo.setFocus()
    while combo.currentIndex() != index:
        key = Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def _scroll_to_end(qtbot, page: SearchPage) -> None:
    bar = page.view.verticalScrollBar()
    bar.setValue(bar.maximum())


def test_the_counts_show_all_and_the_next_pages(qtbot, shown: MainWindow) -> None:
    page = search(qtbot, shown, "harbour")
    library = shown.library
    every = {h.id for h in library.search.run("harbour", kinds=("article",), limit=1000)}
    assert len(every) == REPORTS
    assert page.count.text().startswith(f"“harbour*”: {REPORTS} articles")
    assert page.scope.itemText(page.scope.findData("Articles")) == f"Articles ({REPORTS})"
    first = page.model.index(0, 0)
    assert first.data(HitRole.Group) == f"Articles ({LIMIT} of {REPORTS})"
    assert first.data(HitRole.More) == f"Show all {REPORTS}"

    # The heading's link, clicked where it is drawn.
    link = page.view.hit_delegate.more_link_rect(page.view.visualRect(first), f"Show all {REPORTS}")
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=link.center())
    qtbot.waitUntil(lambda: answered(page) and page.shown.kinds == ("article",))
    assert page.scope.currentText() == f"Articles ({REPORTS})"
    assert page.model.rowCount() == PAGE
    assert page.model.index(0, 0).data(HitRole.More) == ""  # shown whole: no link

    # Scrolling to the end fetches the next page, and the one after, then no more.
    seen = PAGE
    while seen < REPORTS:
        _scroll_to_end(qtbot, page)
        qtbot.waitUntil(lambda seen=seen: page.model.rowCount() > seen and answered(page))
        seen = page.model.rowCount()
    assert [h.id for h in page.model.hits] == [
        h.id for h in library.search.run("harbour", kinds=("article",), limit=1000)
    ]
    assert {h.id for h in page.model.hits} == every
    assert page.model.index(0, 0).data(HitRole.Group) == f"Articles ({REPORTS})"
    assert not page.model.canFetchMore(page.model.index(-1, 0))


def test_show_all_from_the_context_menu_and_back_to_every_kind(qtbot, shown) -> None:
    page = search(qtbot, shown, "harbour")
    menu = page.view.menu_for(0)
    show = next(a for a in menu.actions() if a.text().startswith("Show all"))
    assert show.text() == f"Show all {REPORTS} Articles"
    show.trigger()
    qtbot.waitUntil(lambda: answered(page) and page.shown.kinds == ("article",))
    assert page.model.rowCount() == PAGE
    _choose(qtbot, page.scope, "All kinds")
    qtbot.waitUntil(lambda: answered(page) and page.shown.kinds != ("article",))
    assert page.model.rowCount() == LIMIT


@pytest.mark.parametrize("order", ["Title", "Newest first", "Relevance"])
def test_the_results_in_the_order_chosen(qtbot, shown, order: str) -> None:
    page = search(qtbot, shown, "harbour")
    page.show_all("Articles")
    qtbot.waitUntil(lambda: answered(page) and page.shown.kinds == ("article",))
    if order != "Relevance":
        _choose(qtbot, page.sort, order)
        qtbot.waitUntil(lambda: answered(page) and page.shown.sort != "relevance")
    while page.model.rowCount() < REPORTS:
        seen = page.model.rowCount()
        _scroll_to_end(qtbot, page)
        qtbot.waitUntil(lambda seen=seen: page.model.rowCount() > seen and answered(page))
    hits = page.model.hits
    if order == "Title":
        titles = [h.title.casefold() for h in hits]
        assert titles == sorted(titles)
        assert hits[0].title.startswith("Amber") and hits[-1].title.startswith("Zephyr")
    elif order == "Newest first":
        dates = [h.date.first_day() for h in hits]
        assert dates == sorted(dates, reverse=True) and dates[0] == "2021-12-01"
    else:
        expected = shown.library.search.run("harbour", kinds=("article",), limit=1000)
        assert [h.id for h in hits] == [h.id for h in expected]


def test_dates_as_people_write_them_filter(qtbot, shown) -> None:
    page = search(qtbot, shown, "harbour")
    qtbot.keyClicks(page.filters.since, "Oct 2019")
    qtbot.keyClick(page.filters.since, Qt.Key.Key_Return)
    qtbot.keyClicks(page.filters.until, "14 Dec 2020")
    qtbot.keyClick(page.filters.until, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: answered(page) and page.shown.until == "14 Dec 2020")
    dates = sorted(h.date.iso() for h in page.model.hits)
    assert dates[0] == "2019-10" and dates[-1] == "2020-12" and len(dates) == 15
    assert "15 articles" in page.count.text()


def test_a_filter_that_cannot_be_read_is_marked_and_leaves_no_results(qtbot, shown) -> None:
    page = search(qtbot, shown, "harbour")
    assert page.model.rowCount() and page.view.isVisible()
    since = page.filters.since
    qtbot.keyClicks(since, "Octobre 2019")
    qtbot.keyClick(since, Qt.Key.Key_Return)
    # Marked at its field, said under the filters; no result left as if it applied.
    assert since.property("invalid") is True
    assert "Octobre 2019" in since.toolTip() and since.accessibleDescription()
    assert page.problem.isVisible() and page.problem.text().startswith("From date “Octobre 2019”")
    assert page.model.rowCount() == 0 and not page.view.isVisible()
    assert page.empty.isVisible() and "cannot be read" in page.empty.text()
    assert page.count.text() == ""
    # Typing on in the search field does not bring results back while the date is wrong,
    # and Enter opens nothing.
    page.field.setFocus()
    qtbot.keyClicks(page.field, " bay")
    qtbot.wait(200)
    assert page.model.rowCount() == 0 and not page.searcher.busy
    opened = shown.reader.article_id
    qtbot.keyClick(page.field, Qt.Key.Key_Return)
    qtbot.wait(100)
    assert shown.reader.article_id == opened
    # Corrected: unmarked, and the search runs with it.
    since.selectAll()
    qtbot.keyClicks(since, "Oct 2019")
    qtbot.keyClick(since, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: answered(page) and page.shown.since == "Oct 2019")
    assert not since.property("invalid") and not page.problem.isVisible()
    assert page.model.rowCount() and page.view.isVisible()
    assert all(h.date.first_day() >= "2019-10-01" for h in page.model.hits if h.date)


def test_an_answer_on_its_way_when_the_filter_goes_bad_is_dropped(qtbot, shown) -> None:
    page = search(qtbot, shown, "harbour")
    page.field.setText("harbour report")  # asked: its answer is on its way
    page.filters.until.setText("Dec 2O20")  # a letter O for the zero
    page.filters.until.editingFinished.emit()
    qtbot.wait(300)
    assert page.model.rowCount() == 0 and page.problem.isVisible()
    assert page.filters.invalid() == [page.filters.until]


def _focus_is_in(widget) -> bool:
    focus = QApplication.focusWidget()
    return focus is widget or (focus is not None and widget.isAncestorOf(focus))


def test_the_show_and_sort_choices_have_keys_and_names(qtbot, shown) -> None:
    page = search(qtbot, shown, "harbour")
    assert page.scope.accessibleName() and page.sort.accessibleName()
    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert _focus_is_in(page.scope)
    qtbot.keyClick(page, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert _focus_is_in(page.sort)


def test_a_hit_with_no_outlet_and_no_date_has_no_empty_line(qtbot, shown: MainWindow) -> None:
    """Undated wire copy without an outlet left a blank line between its title and its
    snippet (a first-user trip): the line goes, and the row is that much shorter."""
    library = shown.library
    plain, dated = (
        r.id
        for r in library.imports.texts(
            [
                ("plain", "Zanzibar cloves\n\nThe zanzibarian clove harvest fell."),
                ("dated", "Zanzibar spices\n\nThe zanzibarian spice harvest rose."),
            ]
        )
    )
    library.articles.edit(dated, outlet="Wire", date="2020-05-01")
    assert library.articles.get(plain).outlet is None and library.articles.get(plain).date is None
    page = search(qtbot, shown, "zanzibarian")
    rows = {page.model.hit(row).id: row for row in range(page.model.rowCount())}
    delegate = page.view.hit_delegate
    height = {  # the row's own, without a group's heading over it
        article: page.view.visualRect(page.model.index(row, 0)).height()
        - (delegate.heading_height() if page.model.index(row, 0).data(HitRole.Group) else 0)
        for article, row in rows.items()
        if article in (plain, dated)
    }
    meta_line = QFontMetrics(delegate._fonts()[2]).height()
    assert height[dated] - height[plain] >= meta_line

"""Library search in the main window, driven as a reader does: Ctrl+K, typing, results in
place of the library list, filters, syntax that is not FTS5, empty results, answers that
never go stale and that follow the library. Opening hits: test_search_opening.py.

The library holds the worked example among the 40 Wikinews test articles (eight about
sanctions, every one of January 2019 under one outlet, the later ones under another), so
every query and filter has to discriminate.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from briefing.core import Library, prefix_last
from briefing.core.sample import SampleLoaded
from briefing.core.search.hit import HIT_START
from briefing.ui.main_window import MainWindow
from briefing.ui.ops import CoreOp
from briefing.ui.search.results_model import HitRole, ResultsModel
from tests.ui.helpers import write
from tests.ui.test_search_helpers import (
    CTRL,
    JANUARY,
    LATER,
    answered,
    fill,
    kinds,
    search,
    shown_window,
)


@pytest.fixture
def shown(qtbot, make_window, library: Library) -> tuple[MainWindow, SampleLoaded]:
    return shown_window(qtbot, make_window, library)


def test_ctrl_k_focuses_the_search_field_from_the_reader(qtbot, shown) -> None:
    window, sample = shown
    window.open_article(sample.article_id)
    page = window.search_page
    page.field.setText("sanctions")
    window.reader.page.setFocus()
    qtbot.keyClick(window.reader.page, Qt.Key.Key_K, CTRL)
    assert QApplication.focusWidget() is page.field
    assert page.field.selectedText() == "sanctions"  # typing replaces it
    assert (
        window.search_action
        in next(a.menu() for a in window.menuBar().actions() if a.text() == "&View").actions()
    )
    assert page.field.isVisible() and page.field.parent() is window.toolbar


def test_typing_shows_results_with_snippets_in_place_of_the_library(qtbot, shown) -> None:
    window, _sample = shown
    assert window.left_pane.currentWidget() is window.library_pane
    page = search(qtbot, window, "sanctions")
    assert window.left_pane.currentWidget() is page and page.view.isVisible()
    hits = page.model.hits
    assert len(hits) >= 6 and set(kinds(page)) == {"article"}
    assert all(HIT_START in hit.snippet for hit in hits)
    assert page.model.index(0, 0).data(HitRole.Group) == f"Articles ({len(hits)})"
    # The word last typed is asked as a prefix, and the count line shows it so.
    assert page.count.text() == f"“sanctions*”: {len(hits)} articles"
    assert [h.id for h in hits] == [h.id for h in window.library.search.run("sanctions*")]


def test_actor_and_claim_hits_are_shown_as_such_first(qtbot, shown) -> None:
    window, sample = shown
    page = search(qtbot, window, "SenseTime")
    assert kinds(page) == ["actor", "claim", "claim", "article"]
    actor, claim = page.model.index(0, 0), page.model.index(1, 0)
    assert actor.data(HitRole.Group) == "Actors (1)"
    assert actor.data(Qt.ItemDataRole.AccessibleTextRole).startswith("Actor: SenseTime")
    assert claim.data(HitRole.Group) == "Claims and notes (2)"
    assert claim.data(Qt.ItemDataRole.AccessibleTextRole).startswith("Claim: ")
    assert page.model.index(2, 0).data(HitRole.Group) == ""  # the group is headed once
    claim_hit = claim.data(HitRole.Hit)
    assert claim_hit.id in sample.claims.values()
    speaker = window.library.claims.get(claim_hit.id).speaker
    assert claim_hit.detail == (speaker.name if speaker else None)
    assert page.model.index(3, 0).data(HitRole.Group) == "Articles (1)"


def test_the_actor_filter_narrows_claims_and_articles(qtbot, shown) -> None:
    window, _sample = shown
    page = search(qtbot, window, "China")
    everything = page.model.hits
    wang = window.library.actors.resolve("Wang Wenbin").id
    assert page.filters.choose_actor(wang)
    qtbot.waitUntil(lambda: answered(page) and page.shown.actor_id == wang)
    narrowed = page.model.hits
    assert narrowed and len(narrowed) < len(everything)
    assert "actor" not in kinds(page)  # actors are left out when a filter is set
    for hit in narrowed:
        if hit.kind == "claim":
            assert hit.detail == "Wang Wenbin" or wang in {
                a.id for a in window.library.claims.get(hit.id).about
            }
    assert page.count.text().endswith("·  actor Wang Wenbin")


def test_the_tag_filter_narrows(qtbot, shown) -> None:
    window, sample = shown
    page = search(qtbot, window, "said")
    assert len({hit.article_id for hit in page.model.hits}) > 1
    assert page.filters.choose_tag("IPO")
    qtbot.waitUntil(lambda: answered(page) and page.shown.tag == "IPO")
    assert {hit.article_id for hit in page.model.hits} == {sample.article_id}


def test_the_outlet_and_date_filters_narrow(qtbot, shown) -> None:
    window, _sample = shown
    page = search(qtbot, window, "said")
    library = window.library
    outlets = {library.articles.get(hit.article_id).outlet for hit in page.model.hits}
    assert {JANUARY, LATER} <= outlets

    qtbot.keyClicks(page.filters.outlet, "wikinews")
    qtbot.keyClick(page.filters.outlet, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: answered(page) and page.shown.outlet == "wikinews")
    hits = page.model.hits
    assert hits and {library.articles.get(h.article_id).outlet for h in hits} == {JANUARY}

    qtbot.keyClicks(page.filters.since, "2019-01-10")
    qtbot.keyClick(page.filters.since, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: answered(page) and page.shown.since == "2019-01-10")
    dates = [library.articles.get(h.article_id).date for h in page.model.hits]
    assert dates and all((d.year, d.month, d.day) >= (2019, 1, 10) for d in dates)
    assert len(dates) < len(hits)

    qtbot.keyClicks(page.filters.until, "2019-01-14")
    qtbot.keyClick(page.filters.until, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: answered(page) and page.shown.until == "2019-01-14")
    dates = [library.articles.get(h.article_id).date for h in page.model.hits]
    assert dates and all((2019, 1, 10) <= (d.year, d.month, d.day) <= (2019, 1, 14) for d in dates)

    page.filters.outlet.clear()  # its clear button: the filter is off at once
    qtbot.waitUntil(lambda: answered(page) and page.shown.outlet is None)
    assert page.count.text().endswith("·  from 2019-01-10, to 2019-01-14")


def test_the_outlet_field_proposes_the_librarys_outlets(qtbot, shown) -> None:
    window, _sample = shown
    page = search(qtbot, window, "said")
    library = window.library
    field = page.filters.outlet
    field.setFocus()
    qtbot.waitUntil(lambda: page.filters.outlets.rowCount() > 0)
    proposed = page.filters.outlets.stringList()
    assert proposed == [name for name, _count in library.articles.outlets()]
    assert {JANUARY, LATER} <= set(proposed)

    completer = field.completer()
    completer.setCompletionPrefix("(EN")  # what typing does, without the popup offscreen
    assert completer.completionCount() == 1 and completer.currentCompletion() == LATER
    completer.setCompletionPrefix("NEWS")  # matched anywhere in the name, case aside
    assert completer.completionCount() >= 2
    completer.activated.emit(LATER)  # what choosing it in the popup sends
    qtbot.waitUntil(lambda: answered(page) and page.shown.outlet == LATER)
    hits = page.model.hits
    assert hits and {library.articles.get(h.article_id).outlet for h in hits} == {LATER}


def test_a_partial_date_is_a_range(qtbot, shown) -> None:
    window, sample = shown
    page = search(qtbot, window, "said")
    qtbot.keyClicks(page.filters.since, "2021")
    qtbot.keyClick(page.filters.since, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: answered(page) and page.shown.since == "2021")
    assert {hit.article_id for hit in page.model.hits} == {sample.article_id}


def test_a_bad_date_is_marked_and_takes_the_results_away(qtbot, shown) -> None:
    """More in test_search_pages.py."""
    window, _sample = shown
    page = search(qtbot, window, "sanctions")
    qtbot.keyClicks(page.filters.since, "20x1")
    qtbot.keyClick(page.filters.since, Qt.Key.Key_Return)
    assert page.problem.text().startswith("From date “20x1”"), page.problem.text()
    assert page.filters.invalid() == [page.filters.since]
    assert page.model.hits == [] and page.shown is None
    assert not page.searcher.busy


@pytest.mark.parametrize("query", ['"SenseTime', "SenseTime)", "NEAR(", '"unbalanced'])
def test_a_query_that_is_not_valid_syntax_still_answers(qtbot, shown, query: str) -> None:
    window, _sample = shown
    page = search(qtbot, window, query)
    expected = window.library.search.run(query)
    assert page.model.hits == expected
    if "SenseTime" in query:
        assert "article" in kinds(page)
    shown_text = page.count.text() if expected else page.empty.text()
    assert query in shown_text


def test_an_empty_result_says_so_plainly(qtbot, shown) -> None:
    window, _sample = shown
    page = search(qtbot, window, "zanzibar quokka")
    assert page.model.rowCount() == 0
    assert page.empty.isVisible() and not page.view.isVisible()
    assert page.empty.text() == "No articles, claims or actors match “zanzibar quokka*”."
    page.filters.since.setText("2020")
    page.filters.since.editingFinished.emit()
    qtbot.waitUntil(lambda: answered(page) and page.shown.since == "2020")
    assert page.empty.text() == (
        "No articles, claims or actors match “zanzibar quokka*” (from 2020)."
    )


def test_a_word_typed_in_part_finds_the_words_it_begins(qtbot, shown) -> None:
    """Search matched whole words only: "Sen" (SenseTime on its way) found nothing, and a
    first-time user took it for a search that does not work. The word being typed is now a
    prefix; a space after it makes it whole, and then the empty page says how to ask for
    the words it begins."""
    window, sample = shown
    page = search(qtbot, window, "Sen")
    assert page.shown.query == "Sen*" and page.view.isVisible()
    assert sample.article_id in [hit.id for hit in page.model.hits if hit.kind == "article"]
    assert page.count.text().startswith("“Sen*”: ")
    page = search(qtbot, window, "Sen ")
    assert page.shown.query == "Sen" and page.model.rowCount() == 0
    assert "“Sen*” finds words that begin with “Sen”" in page.empty.text()
    page = search(qtbot, window, "postpones Sen")  # only the last word is a prefix
    assert page.shown.query == "postpones Sen*" and page.model.rowCount() > 0
    page = search(qtbot, window, "postpo Sen")  # "postpo" stays a whole word: no match
    assert page.model.rowCount() == 0
    page = search(qtbot, window, '"zanzibar quokka"')  # a phrase: no hint to give
    assert page.model.rowCount() == 0 and "Whole words" not in page.empty.text()


def test_stale_answers_never_overwrite_newer_ones(qtbot, shown) -> None:
    window, _sample = shown
    page = window.search_page
    answers: list[str] = []
    page.searcher.answered.connect(lambda request, _hits: answers.append(request.query))
    page.field.setFocus()
    typed = "sanctions said"
    qtbot.keyClicks(page.field, typed)  # faster than any answer comes back
    asked = prefix_last(typed)
    qtbot.waitUntil(lambda: answered(page) and page.shown.query == asked)
    prefixes = [prefix_last(typed[:n]) for n in range(1, len(typed) + 1)]
    positions = [max(i for i, p in enumerate(prefixes) if p == a) for a in answers]
    assert positions == sorted(positions) and answers[-1] == asked
    assert page.model.hits == window.library.search.run(asked)

    page.searcher.ask(page.shown.__class__("sanctions"))  # a slow, older question...
    page.searcher.ask(page.shown.__class__("SenseTime"))  # ...overtaken at once
    qtbot.waitUntil(lambda: answered(page) and page.shown.query == "SenseTime")
    qtbot.wait(50)
    assert page.shown.query == "SenseTime" and kinds(page)[0] == "actor"


def test_results_follow_changes_to_the_library(qtbot, shown) -> None:
    window, _sample = shown
    page = search(qtbot, window, "quokka")
    assert page.model.rowCount() == 0
    text = "Quokka census\n\nA quokka census on Rottnest Island counted twelve thousand."
    CoreOp(window.runner, lambda lib, _p: lib.imports.texts([("q.txt", text)])).run()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.hits[0].title == "Quokka census" and page.view.isVisible()


def test_the_field_stays_in_sight_in_a_narrow_window(qtbot, shown) -> None:
    window, _sample = shown
    field, toolbar = window.search_page.field, window.toolbar
    labelled = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert toolbar.toolButtonStyle() == labelled and field.isVisible()
    undo = toolbar.widgetForAction(window.undo_action)
    assert undo.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    window.resize(900, 700)
    qtbot.waitUntil(lambda: toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly)
    qtbot.waitUntil(field.isVisible)
    assert field.geometry().right() <= toolbar.width()
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: toolbar.toolButtonStyle() == labelled)
    assert field.isVisible() and undo.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly


def test_tab_goes_from_the_field_to_whichever_list_is_shown(qtbot, shown) -> None:
    window, _sample = shown
    page = window.search_page
    page.field.setFocus()
    qtbot.keyClick(page.field, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.library_pane.filter
    search(qtbot, window, "sanctions")
    order = []
    for _ in range(7):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [*page.filters.widgets, page.view, window.reader.page]


def test_the_results_are_asked_again_only_for_what_search_finds(qtbot, shown) -> None:
    window, sample = shown
    page = search(qtbot, window, "SenseTime")
    with qtbot.assertNotEmitted(page.searcher.answered, wait=100):
        write(qtbot, window, lambda lib: lib.briefings.new("Export curbs"))
        assert not page.searcher.busy  # no question was even asked
    claim_id = next(iter(sample.claims.values()))
    with qtbot.waitSignal(page.searcher.answered, timeout=5000):
        write(qtbot, window, lambda lib: lib.claims.edit(claim_id, note="checked twice"))


def test_the_results_model_passes_the_model_tester(qtmodeltester, qapp, library: Library) -> None:
    """Hits of every kind (actors, claims, notes, articles), then none."""
    fill(library)
    model = ResultsModel()
    qtmodeltester.check(model)  # from empty, and watched through each change below
    found = set()
    for query in ("SenseTime", "watch", "sanctions", "nothing matches zqxv"):
        model.set_hits(library.search.run(query))
        assert model.rowCount() == len(model.hits)
        found |= {hit.kind for hit in model.hits}
    assert found == {"actor", "claim", "note", "article"} and model.rowCount() == 0


def test_a_new_question_interrupts_the_running_search(qtbot, shown) -> None:
    """The search on the reader thread is held mid-statement (SQLite's progress handler on
    that thread's connection, installed by a read op) while the reader types on: the new
    question interrupts it, the old one is never answered and nothing says "Cancelled"."""
    import threading

    from briefing.ui.ops import QueryOp

    window, _sample = shown
    page = window.search_page
    running, release = threading.Event(), threading.Event()

    def hold() -> int:
        running.set()
        release.wait(5)
        return 0

    def install(handler):
        op = QueryOp(
            window.runner, lambda lib, _p: lib.connection().set_progress_handler(handler, 10)
        )
        with qtbot.waitSignal(op.finished, timeout=5000):
            op.run()

    install(hold)
    answers: list[str] = []
    failures: list[BaseException] = []
    page.searcher.answered.connect(lambda request, _hits: answers.append(request.query))
    try:
        page.searcher.ask(_request("sanctions"))
        qtbot.waitUntil(running.is_set, timeout=5000)
        (held,) = window.runner._running  # the op running the held search
        held.failed.connect(failures.append)
        page.searcher.ask(_request("SenseTime"))  # interrupts the held search
        release.set()
        qtbot.waitUntil(lambda: answers == ["SenseTime"], timeout=5000)
        qtbot.wait(50)
        assert answers == ["SenseTime"]
        assert [type(exc).__name__ for exc in failures] == ["Cancelled"]
        assert "Cancelled" not in window.statusBar().currentMessage()
    finally:
        release.set()
        install(None)


def _request(query: str):
    from briefing.ui.search.searcher import SearchRequest

    return SearchRequest(query)


def test_a_new_question_shows_its_answers_from_the_top(qtbot, shown) -> None:
    """A first-user trip: scrolled down the hits for "s", then typing another query left
    the new list scrolled as far, its best hits and actors out of sight."""
    window, _sample = shown
    window.resize(1000, 500)
    page = search(qtbot, window, "s")
    bar = page.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    page.field.selectAll()  # typed over, as a reader does: never an empty field between
    qtbot.keyClicks(page.field, "sa")
    qtbot.waitUntil(lambda: answered(page) and page.shown.query == prefix_last("sa"))
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    qtbot.wait(200)  # laid out (the list lays its rows out after the answer)
    assert bar.value() == 0
    # The same question answered again (the library changed) keeps the reader's place.
    bar.setValue(bar.maximum())
    kept = bar.value()
    page.search(again=True)
    qtbot.waitUntil(lambda: answered(page))
    qtbot.wait(50)
    assert bar.value() == kept

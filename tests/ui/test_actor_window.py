"""The actors window over the worked example: the list with kinds and counts, the filter,
an actor's page (aliases, mentions, claims made and about, suggestions), opening a claim in
the reader, and refreshing when the library changes elsewhere.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefing.core import Library
from briefing.core.annotations.service import Span
from briefing.ui.actors import open_actors
from briefing.ui.actors.list_model import MENTIONS, ActorFilter, ActorListModel, KindRole
from briefing.ui.undo.commands import AddAnnotation
from tests.ui.test_actor_helpers import (
    actors_on_sample,
    alias_texts,
    ids,
    list_index,
    listed,
    row_of,
)

TITLE = "SenseTime postpones IPO after US blacklisting"


def test_list_shows_every_actor_with_kind_and_counts(qtbot, make_window, library) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library)
    shown = listed(window)
    assert len(shown) == 11
    assert [row[0] for row in shown] == sorted((row[0] for row in shown), key=str.casefold)
    by_name = {row[0]: row[1:] for row in shown}
    assert by_name["SenseTime"] == ("organisation", "1", "2", "2", "11")
    assert by_name["US Treasury"] == ("government body", "1", "1", "1", "–")
    assert by_name["Uighurs"] == ("group", "–", "–", "2", "3")
    assert list_index(window, "Xinjiang").data(KindRole) == "place"
    assert window.counts.text() == "11 actors · 39 suggested mentions to review"  # not "US$767"
    assert window.page_view.name.text() == "China"  # the first in the list, to begin with
    window.show_actor(None)
    assert window.page_view.stack.currentIndex() == 0  # the empty state


def test_filter_by_alias_and_kind(qtbot, make_window, library: Library) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library)
    qtbot.keyClicks(window.filter, "washington")  # an alias of the United States
    assert [row[0] for row in listed(window)] == ["United States"]
    window.filter.clear()
    qtbot.keyClicks(window.filter, "us")
    assert [row[0] for row in listed(window)] == [
        "United States",  # by its alias "US"
        "US Department of Commerce",
        "US Treasury",
    ]
    window.kind_filter.setCurrentText("government body")
    assert [row[0] for row in listed(window)] == ["US Department of Commerce", "US Treasury"]
    window.filter.clear()
    window.kind_filter.setCurrentText("person")
    assert [row[0] for row in listed(window)] == ["Tang Xiao'ou", "Wang Wenbin"]


def test_choosing_an_actor_shows_its_page(qtbot, make_window, library: Library) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library)
    window.list.setCurrentIndex(list_index(window, "SenseTime"))
    page = window.page_view
    assert page.page is not None and page.stack.currentIndex() == 1
    assert (page.name.text(), page.kind.currentText()) == ("SenseTime", "organisation")
    assert page.description.text() == "Chinese artificial intelligence start-up"
    assert alias_texts(window) == [
        ("the company", f"only in “{TITLE}”"),
        ("the firm", f"only in “{TITLE}”"),
    ]
    made = {row_of(page.made, i).text(0) for i in ids(page.made)}
    assert made == {
        "“caught in the middle of geopolitical tension”",
        "“The accusations are unfounded and reflect a fundamental misperception of our Company”",
    }
    about = [row_of(page.about, i) for i in ids(page.about)]
    assert {(item.text(1), item.text(2)) for item in about} == {
        ("US Treasury", "disputed · 3"),
        ("United States", "disputed · 3"),
    }
    claims = library.claims.list()
    assert set(ids(page.about)) == {c.id for c in claims if "SenseTime" in str(c.about)}
    assert set(ids(page.made)) == {c.id for c in claims if c.speaker.name == "SenseTime"}
    (mention,) = ids(page.mentions)
    item = row_of(page.mentions, mention)
    assert (item.text(1), item.parent().text(0)) == ("SenseTime", f"2021-12-14  ·  {TITLE}  (1)")
    assert item.text(0).endswith("Chinese artificial intelligence start-up")
    assert len(ids(page.suggestions)) == 11
    assert page.mentions_title.text() == "Mentions · 1 in 1 article"
    assert page.suggestions_title.text() == "Suggested mentions · 11 to review"

    window.list.setCurrentIndex(list_index(window, "US Treasury"))
    treasury = library.actors.resolve("US Treasury").id
    assert window.actor_id == treasury
    assert [row_of(page.made, i).text(1) for i in ids(page.made)] == ["SenseTime, Uighurs"]
    assert [row_of(page.about, i).text(1) for i in ids(page.about)] == ["SenseTime"]
    assert alias_texts(window) == [("The US Treasury", "everywhere")]
    assert page.suggestions_title.text() == "Suggested mentions · none waiting"


def test_open_actors_with_an_id_and_again(qtbot, make_window, library: Library) -> None:
    main, window = actors_on_sample(qtbot, make_window, library, "China")
    assert window.page_view.name.text() == "China"
    window.filter.setText("Wang")
    wang = library.actors.resolve("Wang Wenbin").id
    again = open_actors(main, wang)
    assert again is window
    assert window.page_view.name.text() == "Wang Wenbin"
    assert window.list.currentIndex().data(Qt.ItemDataRole.DisplayRole) == "Wang Wenbin"
    us = library.actors.resolve("United States").id
    open_actors(main, us)  # hidden by the filter: the filter is cleared
    assert window.filter.text() == "" and window.page_view.name.text() == "United States"
    assert window.list.currentIndex().data(Qt.ItemDataRole.DisplayRole) == "United States"


def test_double_click_opens_claim_mention_and_suggestion_in_the_reader(
    qtbot, make_window, library: Library
) -> None:
    main, window = actors_on_sample(qtbot, make_window, library, "SenseTime")
    page = window.page_view
    c1 = next(c for c in library.claims.list() if c.quote.startswith("SenseTime's facial"))
    main.reader.select_span(0, 5)
    item = row_of(page.about, c1.id)
    rect = page.about.visualItemRect(item)
    qtbot.mouseClick(page.about.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.about.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert main.reader.article_id == c1.article_id
    assert main.reader.cursor_span() == (c1.start, c1.end)

    (mention,) = library.mentions.list(actor="SenseTime")
    page.mentions.itemActivated.emit(row_of(page.mentions, mention.id), 0)
    assert main.reader.cursor_span() == (mention.start, mention.end)

    suggestion = library.mentions.pending(actor="SenseTime")[3]
    page.suggestions.itemActivated.emit(row_of(page.suggestions, suggestion.id), 0)
    assert main.reader.cursor_span() == (suggestion.start, suggestion.end)


def test_refreshes_when_the_library_changes_elsewhere(qtbot, make_window, library: Library) -> None:
    main, window = actors_on_sample(qtbot, make_window, library, "Xinjiang")
    page = window.page_view
    assert ids(page.mentions) == []
    # In the main window's undo history: a mention of Xinjiang tagged, then undone.
    article_id = main.reader.article_id
    text = library.articles.get(article_id).text
    start = text.index("Xinjiang")
    xinjiang = library.actors.resolve("Xinjiang").id
    main.undo.push(
        AddAnnotation(
            main.undo,
            "Tag actor",
            lambda lib: lib.mentions.add(article_id, xinjiang, Span(start, start + 8)).id,
        )
    )
    qtbot.waitUntil(lambda: len(ids(page.mentions)) == 1)
    assert {row[0]: row[2] for row in listed(window)}["Xinjiang"] == "1"
    main.undo_action.trigger()
    qtbot.waitUntil(lambda: ids(page.mentions) == [])

    # A new actor added by a script elsewhere (another program on the file) shows up.
    with Library.open(library.path) as script:
        script.actors.add("Hong Kong", kind="place")
    qtbot.waitUntil(lambda: "Hong Kong" in [row[0] for row in listed(window)], timeout=3000)


def test_long_lists_are_capped_and_show_more(qtbot, make_window, library: Library) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library, "SenseTime")
    page = window.page_view
    assert not window.show_more_action.isEnabled()  # nothing is left out
    window.limit = 4  # as if the actor had more suggestions than a page holds
    window.reload()
    assert len(ids(page.suggestions)) == 4 and window.show_more_action.isEnabled()
    assert page.suggestions_title.text() == "Suggested mentions · 11 (4 listed) to review"
    more = page.suggestions.topLevelItem(page.suggestions.topLevelItemCount() - 1)
    assert more.text(0) == "… and 7 more suggestions (double-click to list more)"
    page.suggestions.itemActivated.emit(more, 0)
    assert len(ids(page.suggestions)) == 11 and not window.show_more_action.isEnabled()


def test_layout_is_remembered(qtbot, make_window, library: Library) -> None:
    main, window = actors_on_sample(qtbot, make_window, library, "SenseTime")
    window.splitter.setSizes([300, 1100])
    window.page_view.body.setSizes([100, 100, 500])
    states = window.splitter.saveState(), window.page_view.body.saveState()
    window.close()
    settings = main.settings
    assert (settings.value("actors/splitter"), settings.value("actors/page_splitter")) == states
    assert settings.value("actors/geometry") == window.saveGeometry()


def test_the_open_page_is_read_again_only_when_the_change_concerns_it(
    qtbot, make_window, library: Library
) -> None:
    main, window = actors_on_sample(qtbot, make_window, library, "Xinjiang")
    page, listing = window.page_view.page, window.list_model.rows
    xinjiang = library.actors.resolve("Xinjiang").id
    wang = next(c for c in library.claims.list() if c.speaker and c.speaker.name == "Wang Wenbin")
    # Not by or about Xinjiang, on no article its page names: the page stays as read.
    library.claims.edit(wang.id, status="denied")
    library.briefings.new("Export curbs")
    assert window.list_model.rows is listing  # read, the same: no reset
    library.actors.add_alias("Tang Xiao'ou", "Tang Xiaoou")  # another actor's
    assert window.page_view.page is page
    # A mention of Xinjiang, made in another program: the page and the counts follow.
    article_id = main.reader.article_id
    start = library.articles.get(article_id).text.index("Xinjiang")
    with Library.open(library.path) as other:
        other.mentions.add(article_id, xinjiang, Span(start, start + 8))
    qtbot.waitUntil(lambda: window.page_view.page is not page, timeout=3000)
    assert len(ids(window.page_view.mentions)) == 1
    assert {row[0]: row[2] for row in listed(window)}["Xinjiang"] == "1"
    # A claim newly about Xinjiang is found by asking where it points (annotations.refs).
    page = window.page_view.page
    library.claims.edit(wang.id, about=["China", "Xinjiang"])
    assert window.page_view.page is not page
    assert wang.id in {c.id for c in window.page_view.page.claims_about.rows}


def test_the_list_model_and_its_filter_pass_the_model_tester(
    qtmodeltester, qapp, library: Library
) -> None:
    library.load_sample()
    library.mentions.suggest()
    model = ActorListModel(library)
    qtmodeltester.check(model)  # from empty, and watched through each change below
    assert model.refresh() and model.rowCount() == 11
    library.actors.add("Société Générale", kind="organisation")
    assert model.refresh() and model.rowCount() == 12
    proxy = ActorFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.sort(MENTIONS, Qt.SortOrder.DescendingOrder)
    proxy.set_text("sense")
    assert proxy.rowCount() == 1
    proxy.set_kind("place")
    assert proxy.rowCount() == 0
    proxy.set_text("")
    assert proxy.rowCount() == 1  # Xinjiang
    proxy.set_kind(None)
    library.actors.add("Hikvision", kind="organisation")
    assert model.refresh() and proxy.rowCount() == 13


def test_the_list_model_answers_nothing_for_a_cell_that_is_not_there(
    qapp, library: Library
) -> None:
    """A view may still hold an index from before a refresh took rows away: data() says
    nothing for it rather than raise inside a paint."""
    library.load_sample()
    model = ActorListModel(library)
    model.refresh()
    stale = model.createIndex(model.rowCount() + 5, 0)
    wide = model.createIndex(0, model.columnCount() + 1)
    assert model.data(stale) is None and model.data(wide) is None
    assert model.headerData(model.columnCount() + 1, Qt.Orientation.Horizontal) is None

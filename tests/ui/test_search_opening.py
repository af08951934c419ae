"""Opening search hits: an article at the query's words, marked in the reader; a claim or
note revealed; an actor's page; the keys between field and list; claims dragged or sent
to a briefing.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from briefing.core import Library
from briefing.core.sample import SampleLoaded
from briefing.ui.main_window import MainWindow
from briefing.ui.search.results_model import HitRole
from briefing.ui.workspace.mime import CLAIMS_MIME, ids_in
from tests.ui.test_search_helpers import kinds, row_of, search, shown_window


@pytest.fixture
def shown(qtbot, make_window, library: Library) -> tuple[MainWindow, SampleLoaded]:
    return shown_window(qtbot, make_window, library)


def test_enter_opens_an_article_at_the_words_marked(qtbot, shown) -> None:
    window, _sample = shown
    page = search(qtbot, window, "sanction")
    first = page.model.hits[0]
    qtbot.keyClick(page.field, Qt.Key.Key_Return)
    reader = window.reader
    assert reader.article_id == first.article_id
    assert window.library_pane.current_id == first.article_id  # selected in the list too
    spans = window.library.search.term_spans(first.article_id, "sanction")
    assert spans and reader.terms.spans == spans
    text = window.library.articles.get(first.article_id).text
    assert all(text[s:e].lower().startswith("sanction") for s, e in spans)
    marked = {
        (sel.cursor.selectionStart(), sel.cursor.selectionEnd())
        for sel in reader.page.extraSelections()
    }
    for start, end in spans:
        assert (reader.document_position(start), reader.document_position(end)) in marked
    # Scrolled so the first is in view.
    page_view = reader.page
    cursor = page_view.textCursor()
    cursor.setPosition(reader.document_position(spans[0][0]))
    assert page_view.viewport().rect().contains(page_view.cursorRect(cursor).center())

    qtbot.keyClick(reader.page, Qt.Key.Key_Escape)  # Escape in the reader clears the marks
    assert reader.terms.spans == [] and page_view.extraSelections() == []


def test_clicking_a_claim_hit_reveals_the_claim_with_the_words_marked(qtbot, shown) -> None:
    window, sample = shown
    page = search(qtbot, window, "SenseTime")
    row = row_of(page, "claim")
    hit = page.model.hits[row]
    rect = page.view.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    reader = window.reader
    assert reader.article_id == sample.article_id
    claim = window.library.claims.get(hit.id)
    cursor = reader.page.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (
        reader.document_position(claim.start),
        reader.document_position(claim.end),
    )
    assert reader.terms.spans == window.library.search.term_spans(sample.article_id, "SenseTime")
    assert page.view.currentIndex().row() == row


def test_an_actor_hit_opens_its_page(qtbot, shown) -> None:
    window, _sample = shown
    page = search(qtbot, window, "SenseTime")
    actors = pytest.importorskip("briefing.ui.actors")
    if not hasattr(actors, "open_actors"):
        pytest.skip("the actor pages are not built yet")
    assert page.open_row(row_of(page, "actor"))
    assert any(w.isVisible() and w is not window for w in QApplication.topLevelWidgets())


def test_keys_move_between_the_field_and_the_results(qtbot, shown) -> None:
    window, _sample = shown
    page = search(qtbot, window, "sanctions")
    qtbot.keyClick(page.field, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.view and page.view.currentIndex().row() == 0
    qtbot.keyClick(page.view, Qt.Key.Key_Down)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert window.reader.article_id == page.model.hits[1].article_id
    assert QApplication.focusWidget() is page.view  # the reader can go on down the list
    qtbot.keyClick(page.view, Qt.Key.Key_Up)
    qtbot.keyClick(page.view, Qt.Key.Key_Up)  # up from the first row: back to the field
    assert QApplication.focusWidget() is page.field
    qtbot.keyClick(page.field, Qt.Key.Key_Return)  # the current hit, the second
    assert window.reader.article_id == page.model.hits[0].article_id


def test_escape_returns_to_the_library_list(qtbot, shown) -> None:
    window, _sample = shown
    page = search(qtbot, window, "sanctions")
    qtbot.keyClick(page.field, Qt.Key.Key_Escape)
    assert page.field.text() == "" and page.model.rowCount() == 0
    assert window.left_pane.currentWidget() is window.library_pane
    qtbot.keyClick(page.field, Qt.Key.Key_Escape)  # again, empty: on to the list
    assert QApplication.focusWidget() is window.library_pane.view


def test_claim_hits_drag_as_claims_and_go_to_a_briefing(qtbot, shown) -> None:
    window, _sample = shown
    page = search(qtbot, window, "SenseTime")
    row = row_of(page, "claim")
    hit = page.model.hits[row]
    index = page.model.index(row, 0)
    assert page.model.flags(index) & Qt.ItemFlag.ItemIsDragEnabled
    assert not page.model.flags(page.model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    data = page.model.mimeData([index])
    assert ids_in(data, CLAIMS_MIME) == [hit.id]
    assert "SenseTime" in data.text()

    menu = page.view.menu_for(row)
    add = next(a for a in menu.actions() if a.text() == "Add to Briefing")
    add.trigger()
    (briefing,) = window.library.briefings.list()
    assert [i.claim_id for i in window.library.briefings.get(briefing.id).items] == [hit.id]
    menu.deleteLater()
    assert [a.text() for a in page.view.menu_for(row_of(page, "article")).actions()] == ["Open"]


def test_a_note_hit_opens_the_note(qtbot, shown) -> None:
    window, sample = shown
    page = search(qtbot, window, "abandoned")
    assert kinds(page)[0] == "note" and kinds(page).count("note") == 1
    index = page.model.index(0, 0)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).startswith("Note: ")
    assert index.data(HitRole.Group) == "Claims and notes (1)"
    note = page.model.hits[0]
    assert page.open_row(0)
    assert window.reader.article_id == sample.article_id
    span = window.reader._view.span_of(note.id, None)
    cursor = window.reader.page.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == tuple(
        window.reader.document_position(offset) for offset in span
    )


def test_enter_before_the_answer_opens_the_first_hit_once_answered(qtbot, shown) -> None:
    window, sample = shown
    page = window.search_page
    page.field.setFocus()
    qtbot.keyClicks(page.field, "postpones")
    qtbot.keyClick(page.field, Qt.Key.Key_Return)  # no answer can have come back yet
    qtbot.waitUntil(lambda: window.reader.article_id == sample.article_id)
    assert page.shown.query == "postpones*" and page.view.currentIndex().row() == 0


def test_a_click_on_a_group_heading_opens_nothing(qtbot, shown) -> None:
    window, _sample = shown
    page = search(qtbot, window, "sanctions")
    rect = page.view.visualRect(page.model.index(0, 0))
    heading = rect.topLeft() + rect.topLeft().__class__(40, 4)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=heading)
    assert window.reader.article_id is None
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.reader.article_id == page.model.hits[0].article_id

"""The main window after a change: the library list and the reader read again only what
the change touched, and nothing at all for a change to something they do not show.

Writes go through the core as the app's actions make them (on the writer thread) or from a
second `Library` on the same file (another program); what the windows then read is
observed on the GUI thread's own connection (`reads`), and in the list's row cache, whose
untouched rows stay the very same objects.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from briefing.core import Library, Span
from briefing.core.sample import load_sample
from briefing.ui.main_window import MainWindow
from briefing.ui.models.article_list import CLAIMS, TITLE, ArticleListModel
from tests.core.claims.test_rows import Extra, add_second_articles
from tests.ui.helpers import reads, summaries_read, write


@pytest.fixture
def extra(library: Library) -> Extra:
    """The worked example, three more articles with claims, and one with none."""
    load_sample(library)
    found = add_second_articles(library)
    library.imports.text("Plain note\n\nNothing in it is claimed.", name="plain.txt")
    return found


@pytest.fixture
def main(qtbot, make_window, library: Library, extra: Extra) -> MainWindow:
    """The main window with every row of the list read and the worked example open."""
    window = make_window(library)
    window.show()
    qtbot.waitExposed(window)
    sample = next(s.id for s in library.articles.list() if s.claims == 6)
    assert window.open_article(sample, select=True)
    rows_of(window.library_pane.model)
    return window


def rows_of(model: ArticleListModel) -> dict[int, object]:
    """Every row as the list shows it, read as painting reads it; the cache, by id."""
    for row in range(model.rowCount()):
        model.index(row, TITLE).data()
    return dict(model._rows)


def plain_id(library: Library) -> int:
    return next(s.id for s in library.articles.list() if s.title == "Plain note")


def test_a_claim_edited_in_another_article_costs_the_main_window_no_read(
    qtbot, main: MainWindow, extra: Extra
) -> None:
    view, cached = main.view, rows_of(main.library_pane.model)
    with reads(main.library) as seen:
        write(qtbot, main, lambda lib: lib.claims.edit(extra.bullying, status="disputed"))
        write(qtbot, main, lambda lib: lib.briefings.new("Export curbs"))
        qtbot.wait(50)  # let the list repaint, if it wanted to
    assert seen == []
    assert main.view is view  # the reader was not read again
    assert all(main.library_pane.model._rows[i] is row for i, row in cached.items())


def test_a_new_claim_reads_its_articles_row_and_nothing_else(
    qtbot, main: MainWindow, extra: Extra
) -> None:
    model = main.library_pane.model
    view, cached = main.view, rows_of(model)
    with reads(main.library) as seen:
        write(qtbot, main, lambda lib: lib.claims.add(extra.undated, Span(0, 11)))
        after = rows_of(model)
    # One look at where the new claim is (annotations.refs), then that article's row only.
    assert summaries_read(seen) == [[extra.undated]]
    assert len(seen) == 2
    assert main.view is view  # not on the open article
    assert after[extra.undated] is not cached[extra.undated]
    assert model.index(model.row_of(extra.undated), CLAIMS).data() == "2"
    assert all(after[i] is row for i, row in cached.items() if i != extra.undated)


def test_a_deleted_claim_rereads_only_rows_that_count_claims(
    qtbot, main: MainWindow, extra: Extra
) -> None:
    model = main.library_pane.model
    cached = rows_of(model)
    plain = plain_id(main.library)
    with reads(main.library) as seen:
        write(qtbot, main, lambda lib: lib.claims.delete(extra.revived))
        after = rows_of(model)
    assert after[plain] is cached[plain]  # no claims: not the deleted claim's article
    (asked,) = summaries_read(seen)
    assert plain not in asked and extra.undated in asked
    assert model.index(model.row_of(extra.undated), CLAIMS).data() == ""


def test_a_claim_deleted_from_the_open_article_rereads_its_row_only(
    qtbot, main: MainWindow, extra: Extra
) -> None:
    """The window knows which article the open article's claims were in: the other rows
    that count claims stay as they were read."""
    model = main.library_pane.model
    article_id = main.reader.article_id
    claim = main.view.claims[0].id
    cached = rows_of(model)
    assert sum(1 for row in cached.values() if row.claims) > 1
    with Library.open(main.library.path) as other:
        other.claims.delete(claim)
    qtbot.waitUntil(lambda: claim not in {c.id for c in main.view.claims}, timeout=3000)
    after = rows_of(model)
    assert [i for i in cached if after[i] is not cached[i]] == [article_id]
    assert model.index(model.row_of(article_id), CLAIMS).data() == str(len(main.view.claims))


def test_a_claim_added_to_the_open_article_by_another_program_is_shown(
    qtbot, main: MainWindow, extra: Extra
) -> None:
    view = main.view
    article_id = main.reader.article_id
    cached = rows_of(main.library_pane.model)
    with Library.open(main.library.path) as other:
        added = other.claims.add(article_id, Span(0, 9), speaker="SenseTime").id
    qtbot.waitUntil(lambda: main.view is not view, timeout=3000)
    assert added in {claim.id for claim in main.view.claims}
    assert main.reader.article_id == article_id
    after = rows_of(main.library_pane.model)
    assert [i for i in cached if after[i] is not cached[i]] == [article_id]


def test_an_edited_title_moves_its_row_and_the_selection_goes_with_it(
    qtbot, qtmodeltester, main: MainWindow, extra: Extra
) -> None:
    pane = main.library_pane
    model = pane.model
    model.sort(TITLE, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model)
    assert pane.select_article(extra.undated)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    cached = rows_of(model)
    write(qtbot, main, lambda lib: lib.articles.edit(extra.undated, title="Aardvarks first"))
    assert model.article_id(0) == extra.undated
    assert pane.view.currentIndex().row() == 0 and pane.current_id == extra.undated
    assert resets == []  # moved, not reset: the view kept its place
    after = rows_of(model)
    assert [i for i in cached if after[i] is not cached[i]] == [extra.undated]
    assert main.view is not None and main.view.article.title == "Aardvarks first"


def test_a_new_article_is_listed_and_the_selection_kept(
    qtbot, main: MainWindow, extra: Extra
) -> None:
    pane = main.library_pane
    current = pane.current_id
    result = write(qtbot, main, lambda lib: lib.imports.text("Fresh news\n\nIt happened."))
    assert pane.model.row_of(result.id) is not None
    assert pane.current_id == current
    assert pane.model.article_id(pane.view.currentIndex().row()) == current
    assert main.counts.text().startswith(f"{main.library.path.name}  ·  6 articles")


def test_the_reader_reopens_for_suggestions_in_its_article_only(
    qtbot, main: MainWindow, extra: Extra
) -> None:
    view, open_id = main.view, main.reader.article_id
    write(qtbot, main, lambda lib: lib.actors.add("Traders", kind="group"))
    write(qtbot, main, lambda lib: lib.mentions.suggest(extra.notes))
    assert main.library.mentions.pending(article_id=extra.notes)  # found, elsewhere
    assert main.view is view
    write(qtbot, main, lambda lib: lib.actors.add("Hong Kong", kind="place"))
    write(qtbot, main, lambda lib: lib.mentions.suggest(open_id))
    assert main.view is not view
    assert "Hong Kong" in {s.actor.name for s in main.view.suggestions}

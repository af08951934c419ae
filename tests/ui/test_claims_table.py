"""The claims table, driven as a reader does: the worked example and three more articles
(tests/core/claims/test_rows.py: a Reuters piece dated to the month, one whose year is
unknown with an orphan, an undated one) listed, sorted, searched, narrowed, opened in their
articles, added to a briefing and dragged there.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QHeaderView

from briefing.core import Library
from briefing.core.annotations.service import Span
from briefing.core.claims.row_order import ClaimFilter
from briefing.core.sample import SampleLoaded
from briefing.ui.actions import annotate
from briefing.ui.claims_table import open_claims
from briefing.ui.claims_table.model import (
    COLUMNS,
    DATE,
    GRADE,
    QUOTE,
    SPEAKER,
    STATUS,
    ClaimsTableModel,
    cell_text,
)
from briefing.ui.claims_table.window import EMPTY, NO_MATCH, ClaimsWindow
from briefing.ui.dialogs.claim_editor import ClaimEditor
from briefing.ui.main_window import MainWindow
from briefing.ui.ops import CoreOp
from briefing.ui.workspace import open_workspace
from briefing.ui.workspace.mime import CLAIMS_MIME, ids_in
from tests.core.claims.test_rows import Extra, add_second_articles
from tests.ui.helpers import dialog_of, sample_window, select

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def main(qtbot, make_window, library: Library) -> MainWindow:
    window, _ = sample_window(qtbot, make_window, library)
    return window


@pytest.fixture
def sample(library: Library, main: MainWindow) -> SampleLoaded:
    """The worked example sample_window loaded: its claims were made c1 to c6, in order."""
    ids = sorted(claim.id for claim in library.claims.list())
    claims = {f"c{n}": claim_id for n, claim_id in enumerate(ids, start=1)}
    return SampleLoaded(main.reader.article_id, actors=11, sources=0, claims=claims)


QUOTES = {
    "c1": "SenseTime's facial recognition programmes were designed in part to be used against "
    "Uighurs and other mostly Muslim minorities in Xinjiang",
}


@pytest.fixture
def extra(library: Library, sample: SampleLoaded) -> Extra:
    return add_second_articles(library)


def open_table(qtbot, main: MainWindow) -> ClaimsWindow:
    table = open_claims(main)
    qtbot.waitExposed(table)
    qtbot.waitUntil(lambda: table.model.loaded and not table.loading)
    return table


def column(table: ClaimsWindow, number: int) -> list[str]:
    return [cell_text(row, number) for row in table.model.rows]


def _ok(dialog: ClaimEditor):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def shown_ids(table: ClaimsWindow) -> list[int]:
    return [row.id for row in table.model.rows]


def status_of(table: ClaimsWindow, claim_id: int) -> str:
    return table.model.index(table.model.row_of(claim_id), STATUS).data()


def row_rect(table: ClaimsWindow, claim_id: int, col: int = QUOTE):
    index = table.model.index(table.model.row_of(claim_id), col)
    table.view.scrollTo(index)
    return table.view.visualRect(index)


def test_every_claim_is_listed_with_its_columns(qtbot, main, sample, extra: Extra) -> None:
    table = open_table(qtbot, main)
    assert table.model.total == 12 and table.model.rowCount() == 12
    assert table.bar.count.text() == "12 of 12 claims"
    headers = [table.model.headerData(n, Qt.Orientation.Horizontal) for n in range(8)]
    assert headers == ["Quote", "Speaker", "About", "Status", "Grade", "Article", "Outlet", "Date"]
    for n in range(len(COLUMNS)):
        assert table.model.headerData(n, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    c1 = table.model.row_of(sample.claims["c1"])
    cells = [table.model.index(c1, n).data() for n in range(8)]
    assert cells == [
        QUOTES["c1"],
        "US Treasury",
        "SenseTime, Uighurs",
        "Disputed",
        "3 — possibly true",
        "SenseTime postpones IPO after US blacklisting",
        "AFP",
        "14 Dec 2021",
    ]
    tip = table.model.index(c1, QUOTE).data(Qt.ItemDataRole.ToolTipRole)
    assert QUOTES["c1"].replace("'", "&#x27;") in tip
    # Newest first: the worked example (14 Dec 2021), the Reuters piece (Dec 2021), then the
    # article whose year is unknown, then the undated one.
    assert column(table, DATE) == ["14 Dec 2021"] * 6 + ["Dec 2021"] * 3 + ["15 Dec"] * 2 + [""]
    assert table.view.selectionMode() == table.view.SelectionMode.ExtendedSelection
    assert table.view.alternatingRowColors()


def test_sorting_by_date_grade_and_speaker(qtbot, main, sample, extra: Extra) -> None:
    table = open_table(qtbot, main)
    header = table.view.horizontalHeader()

    def click_header(section: int) -> None:
        x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    click_header(GRADE)  # grade: best first, ungraded last
    grades = [row.grade for row in table.model.rows]
    assert grades == [2, 2, 3, 3, 3, 3, 4, 4, 5, 6, None, None]
    click_header(GRADE)
    assert [row.grade for row in table.model.rows][:3] == [6, 5, 4]
    assert [row.grade for row in table.model.rows][-2:] == [None, None]

    click_header(SPEAKER)
    speakers = column(table, SPEAKER)
    assert speakers[:2] == ["China", "China"] and speakers[-2:] == ["", ""]
    assert speakers.index("Société Générale") < speakers.index("UN experts and researchers")

    click_header(DATE)  # a first click on the date: newest first
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    click_header(DATE)
    assert column(table, DATE) == ["Dec 2021"] * 3 + ["14 Dec 2021"] * 6 + ["15 Dec"] * 2 + [""]


def test_search_as_you_type_and_the_choosers_narrow(qtbot, main, sample, extra: Extra) -> None:
    table = open_table(qtbot, main)
    bar = table.bar
    qtbot.keyClicks(bar.search, "societe")  # no accent typed: Société Générale found
    assert shown_ids(table) == [extra.suppliers]
    assert bar.count.text() == "1 of 12 claims"
    bar.search.clear()
    qtbot.keyClicks(bar.search, "XINJIANG camps")
    assert shown_ids(table) == [sample.claims["c3"]]
    qtbot.keyClick(bar.search, Qt.Key.Key_Escape)  # clears the search
    assert bar.search.text() == "" and table.model.rowCount() == 12

    bar.status.setCurrentIndex(bar.status.findData("disputed"))
    assert set(column(table, STATUS)) == {"Disputed"} and table.model.rowCount() == 2
    bar.status.setCurrentIndex(0)
    china = main.library.actors.resolve("China").id
    bar.speaker.setCurrentIndex(bar.speaker.findData(china))
    assert set(shown_ids(table)) == {extra.bullying, extra.measures}
    bar.speaker.setCurrentIndex(bar.speaker.findText("No speaker given"))
    assert set(shown_ids(table)) == {extra.volatility, extra.revived}
    bar.speaker.setCurrentIndex(0)
    bar.grade.setCurrentIndex(bar.grade.findText("2 — probably true"))
    assert set(shown_ids(table)) == {sample.claims["c3"], extra.suppliers}
    bar.tag.setCurrentIndex(bar.tag.findText("surveillance"))
    assert shown_ids(table) == []
    assert table.view.placeholder == NO_MATCH
    assert bar.count.text() == "0 of 12 claims"
    bar.grade.setCurrentIndex(0)
    assert shown_ids(table) == [sample.claims["c1"]]
    qtbot.keyClick(bar.search, Qt.Key.Key_Escape)  # an empty search box: clears the choosers
    assert table.model.rowCount() == 12 and bar.tag.currentIndex() == 0


def test_double_click_and_enter_open_the_claim_in_its_article(
    qtbot, main, sample, extra: Extra
) -> None:
    table = open_table(qtbot, main)
    rect = row_rect(table, extra.suppliers)
    qtbot.mouseClick(table.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    claim = main.library.claims.get(extra.suppliers)
    assert main.reader.article_id == extra.curbs
    assert main.reader.cursor_span() == (claim.start, claim.end)

    table.view.select_ids([sample.claims["c3"]])
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_Return)
    claim = main.library.claims.get(sample.claims["c3"])
    assert main.reader.article_id == claim.article_id
    assert main.reader.cursor_span() == (claim.start, claim.end)


def test_add_selected_claims_to_the_briefing_and_undo(qtbot, main, sample, extra) -> None:
    library = main.library
    briefing_id = library.briefings.new("Export curbs")
    table = open_table(qtbot, main)
    wanted = [extra.suppliers, sample.claims["c1"], extra.bullying]
    table.view.select_ids(wanted)
    in_table_order = [i for i in shown_ids(table) if i in wanted]
    assert table.add_action.isEnabled() and table.add_action.text() == "Add 3 Claims to &Briefing"
    table.activateWindow()
    qtbot.waitUntil(table.isActiveWindow)
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_B, CTRL_SHIFT)

    def claims_in_briefing() -> list[int]:
        return [i.claim_id for i in library.briefings.get(briefing_id).items if i.claim_id]

    qtbot.waitUntil(lambda: claims_in_briefing() == in_table_order)
    # Docked right above it, the table speaks in the main window's status line.
    assert "Added 3 claims" in main.statusBar().currentMessage()
    # Undone where it was done: the table has a history of its own, the reader's is empty.
    assert main.undo_stack.count() == 0
    qtbot.waitUntil(lambda: table.undo_action.text() == "&Undo Add 3 claims")
    table.undo_action.trigger()
    qtbot.waitUntil(lambda: claims_in_briefing() == [])


def test_a_drag_carries_the_ids_in_table_order(qtbot, main, sample, extra: Extra) -> None:
    library = main.library
    briefing_id = library.briefings.new("Export curbs")
    table = open_table(qtbot, main)
    wanted = [extra.measures, sample.claims["c6"], extra.bullying]
    table.view.select_ids(wanted)
    data = table.model.mimeData(table.view.selectedIndexes())
    in_table_order = [i for i in shown_ids(table) if i in wanted]
    assert ids_in(data, CLAIMS_MIME) == in_table_order
    quotes = {row.id: row.quote for row in table.model.rows}
    assert data.text() == "\n".join(quotes[i] for i in in_table_order)
    assert table.view.dragEnabled()

    workspace = open_workspace(main)  # the drop: what the workspace's tree does with it
    assert workspace.briefing_id == briefing_id
    assert workspace.tree_model.canDropMimeData(
        data, Qt.DropAction.CopyAction, -1, 0, QModelIndex()
    )
    workspace.tree_model.dropMimeData(data, Qt.DropAction.CopyAction, -1, 0, QModelIndex())
    qtbot.waitUntil(
        lambda: [i.claim_id for i in library.briefings.get(briefing_id).items] == in_table_order
    )


def test_the_table_follows_claims_added_and_edited_in_the_main_window(qtbot, main, sample) -> None:
    table = open_table(qtbot, main)
    assert table.model.total == 6
    select(main, "SenseTime said yesterday it was postponing")
    main.claim_action.trigger()
    editor = dialog_of(main, ClaimEditor)
    qtbot.keyClicks(editor.speaker.line, "SenseTime")
    qtbot.mouseClick(_ok(editor), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table.model.total == 7)
    (new,) = [r for r in table.model.all_rows if r.quote.startswith("SenseTime said")]
    assert new.speaker_name == "SenseTime"

    table.view.select_ids([sample.claims["c6"]])
    editor = annotate.edit_claim(main, sample.claims["c6"])
    editor.status.setCurrentText("denied")
    qtbot.mouseClick(_ok(editor), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status_of(table, sample.claims["c6"]) == "Denied")
    assert table.view.selected_ids() == [sample.claims["c6"]]  # kept across the reload
    main.undo_stack.undo()
    qtbot.waitUntil(lambda: status_of(table, sample.claims["c6"]) == "Asserted")


def test_an_orphaned_claim_is_shown_apart(qtbot, main, sample, extra: Extra) -> None:
    table = open_table(qtbot, main)
    index = table.model.index(table.model.row_of(extra.orphan), SPEAKER)
    assert index.data() == "SenseTime"
    font = index.data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    grey = QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
    assert index.data(Qt.ItemDataRole.ForegroundRole) == grey
    assert "no longer in the article" in index.data(Qt.ItemDataRole.ToolTipRole)
    placed = table.model.index(table.model.row_of(extra.suppliers), SPEAKER)
    assert placed.data(Qt.ItemDataRole.FontRole) is None


def test_an_empty_library_says_how_to_begin(qtbot, make_window, library: Library) -> None:
    main = make_window(library)
    main.show()
    qtbot.waitExposed(main)
    table = open_table(qtbot, main)
    assert table.model.rowCount() == 0 and table.view.placeholder == EMPTY
    assert table.bar.count.text() == "0 of 0 claims"
    assert not table.add_action.isEnabled()


def test_context_menu_from_the_keyboard_copies_the_quotes(qtbot, main, sample, extra) -> None:
    table = open_table(qtbot, main)
    table.view.select_ids([sample.claims["c6"], sample.claims["c3"]])
    table.view.setFocus()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), QPoint(0, 0))
    QApplication.sendEvent(table.view, event)
    menu = table.menu
    assert menu is not None and menu.isVisible()
    texts = [a.text() for a in menu.actions()]
    assert texts == ["&Open in Article", "Add 2 Claims to &Briefing", "&Copy 2 Quotes"]
    assert all(a.toolTip() and a.statusTip() for a in menu.actions())
    menu.actions()[2].trigger()
    menu.close()
    order = [i for i in shown_ids(table) if i in (sample.claims["c6"], sample.claims["c3"])]
    quotes = {row.id: row.quote for row in table.model.rows}
    assert QGuiApplication.clipboard().text() == "\n".join(quotes[i] for i in order)


def test_view_claims_opens_one_table_that_remembers_its_layout(
    qtbot, make_window, main, sample
) -> None:
    main.claims_action.trigger()
    table = main.findChild(ClaimsWindow)
    assert table is not None and table.isVisible()
    assert open_claims(main) is table
    qtbot.waitUntil(lambda: table.model.loaded)
    table.view.sortByColumn(GRADE, Qt.SortOrder.AscendingOrder)
    table.close_action.trigger()
    assert not table.isVisible() and not main.claims_action.isChecked()
    assert main.settings.value("claims/header") is not None
    main.close()
    again = make_window(main.library)  # the next run: the columns as they were left
    again.show()
    table = open_table(qtbot, again)
    header = table.view.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        GRADE,
        Qt.SortOrder.AscendingOrder,
    )
    assert [row.grade for row in table.model.rows] == sorted(r.grade for r in table.model.rows)
    assert header.sectionResizeMode(QUOTE) == QHeaderView.ResizeMode.Stretch


def test_a_hidden_table_catches_up_when_shown_again(qtbot, main, sample) -> None:
    table = open_table(qtbot, main)
    table.close_action.trigger()  # its dock closed
    op = CoreOp(
        main.runner,
        lambda library, _progress: library.claims.add(
            sample.article_id, Span(quote="caught in the middle"), speaker="SenseTime"
        ),
    )
    op.run()
    qtbot.waitUntil(lambda: len(main.library.claims.list()) == 7)
    assert table.model.total == 6 and not table.loading  # hidden: nothing read
    assert open_claims(main) is table
    qtbot.waitUntil(lambda: table.model.total == 7)


# Refreshing only what a change touched ---------------------------------------------------


def by_id(table: ClaimsWindow) -> dict[int, object]:
    return {row.id: row for row in table.model.all_rows}


def read_again(before: dict[int, object], table: ClaimsWindow) -> set[int]:
    """The claims whose rows are new objects (read again), or new, since `before`."""
    return {i for i, row in by_id(table).items() if before.get(i) is not row}


def test_an_edited_claim_is_read_again_alone_and_the_selection_stays(
    qtbot, qtmodeltester, main, sample, extra: Extra
) -> None:
    table = open_table(qtbot, main)
    qtmodeltester.check(table.model)
    table.select_claims([extra.measures, extra.volatility])
    before, resets = by_id(table), []
    table.model.modelReset.connect(lambda: resets.append(1))
    main.library.claims.edit(extra.bullying, status="disputed")  # announced at once
    assert table.loading
    qtbot.waitUntil(lambda: not table.loading)
    assert read_again(before, table) == {extra.bullying}
    assert status_of(table, extra.bullying) == "Disputed"
    assert resets == []
    assert table.view.selected_ids() == [
        i for i in shown_ids(table) if i in (extra.measures, extra.volatility)
    ]


def test_a_change_the_table_does_not_show_reads_nothing(qtbot, main, sample, extra) -> None:
    table = open_table(qtbot, main)
    before = by_id(table)
    library = main.library
    library.annotations.add(extra.notes, "highlight", Span(0, 6))
    library.briefings.new("Export curbs")
    library.actors.add_alias("Tang Xiao'ou", "Tang Xiaoou")  # no claim names him
    library.annotations.add(extra.curbs, "note", Span(0, 7), note="check the date")
    assert not table.loading  # no read was even started
    assert read_again(before, table) == set()
    library.articles.edit(extra.curbs, title="Beijing hits back")  # its claims show it
    assert table.loading
    qtbot.waitUntil(lambda: not table.loading)
    assert read_again(before, table) == {extra.bullying, extra.measures, extra.suppliers}


def test_added_and_deleted_claims_take_the_rows_a_full_read_gives(
    qtbot, qtmodeltester, main, sample, extra: Extra
) -> None:
    table = open_table(qtbot, main)
    table.view.sortByColumn(GRADE, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(table.model)
    table.select_claims([extra.suppliers])
    library = main.library
    before, resets = by_id(table), []
    table.model.modelReset.connect(lambda: resets.append(1))
    with Library.open(library.path) as other:  # another program
        added = other.claims.add(extra.notes, Span(0, 6), grade=1).id
        other.claims.delete(extra.revived)
    qtbot.waitUntil(lambda: {added, extra.revived} & set(by_id(table)) == {added}, timeout=3000)
    qtbot.waitUntil(lambda: not table.loading)
    assert read_again(before, table) == {added}
    assert [r.id for r in table.model.all_rows] == [r.id for r in library.claims.rows()]
    assert shown_ids(table)[0] == added  # graded 1: first
    assert resets == []
    assert table.view.selected_ids() == [extra.suppliers]
    assert table.bar.count.text() == "12 of 12 claims"


def test_renaming_an_actor_reads_the_rows_that_show_it(qtbot, main, sample, extra) -> None:
    table = open_table(qtbot, main)
    before = by_id(table)
    china = main.library.actors.resolve("China").id
    main.library.actors.edit(china, name="People's Republic of China")
    qtbot.waitUntil(lambda: not table.loading)
    about_china = {row.id for row in before.values() if china in {a.id for a in row.about}}
    assert read_again(before, table) == {extra.bullying, extra.measures} | about_china
    assert cell_text(by_id(table)[extra.bullying], SPEAKER) == "People's Republic of China"


def test_changes_arriving_while_rows_are_read_end_where_a_full_read_would(
    qtbot, main, sample, extra: Extra
) -> None:
    table = open_table(qtbot, main)
    library = main.library
    added = library.claims.add(extra.notes, Span(0, 6), speaker="China").id  # read starts
    library.actors.edit("China", name="PRC")  # while it may still be reading
    library.claims.edit(extra.measures, status="denied")
    library.claims.delete(extra.volatility)
    qtbot.waitUntil(lambda: not table.loading)
    assert table.model.all_rows == library.claims.rows()
    assert cell_text(by_id(table)[added], SPEAKER) == "PRC"


def test_the_model_passes_the_model_tester(qtmodeltester, qapp, library: Library) -> None:
    """Every sort and a filter, with the orphan and the undated claims among the rows."""
    library.load_sample()
    extra = add_second_articles(library)
    model = ClaimsTableModel()
    qtmodeltester.check(model)  # empty ("Loading claims…"), then watched through each change
    assert model.set_rows(library.claims.rows()) and model.rowCount() == 12
    for number in range(len(COLUMNS)):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(number, order)
    model.set_filter(ClaimFilter(text="bullying"))
    assert [row.id for row in model.rows] == [extra.bullying]
    model.set_filter(ClaimFilter())
    library.claims.add(extra.curbs, Span(quote="the curbs would hit chip suppliers hardest"))
    assert model.set_rows(library.claims.rows()) and model.rowCount() == 13

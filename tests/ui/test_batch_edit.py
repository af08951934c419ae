"""Edit Selected Articles: outlet, agency, date and tags on many articles at once, one
Undo; a date that cannot be read is said at its field and changes nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefing.core import Library, PartialDate
from briefing.ui.dialogs.batch_edit import BatchEditDialog
from tests.conftest import wikinews_files


def _state(library: Library) -> list[tuple[object, ...]]:
    return [
        (a.id, a.outlet, a.agency, a.date, library.tags.of_article(a.id))
        for a in library.articles.list(sort="id")
    ]


def test_batch_edit_sets_fields_and_tags_on_the_selection_in_one_undo(
    qtbot, make_window, library: Library
) -> None:
    library.imports.files(wikinews_files(4))
    ids = [a.id for a in library.articles.list(sort="id")]
    library.articles.edit(ids[0], outlet="Le Monde")
    window = make_window(library)
    chosen = ids[:3]
    assert window.library_pane.select_articles(chosen) == 3
    assert sorted(window.library_pane.selected_ids()) == chosen
    before = _state(library)

    window.edit_selected_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, BatchEditDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.fields["outlet"], "Reuters")
    qtbot.keyClicks(dialog.fields["date"], "14 Dec 2021")
    qtbot.keyClicks(dialog.tags, "sahel, wire")
    assert dialog.date_error.isHidden()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    for article_id in chosen:
        article = library.articles.get(article_id)
        assert (article.outlet, article.date) == ("Reuters", PartialDate(2021, 12, 14))
        assert library.tags.of_article(article_id) == ("sahel", "wire")
    assert library.articles.get(ids[3]).outlet != "Reuters"  # not selected: left alone
    assert window.statusBar().currentMessage() == "Edited 3 articles"
    assert window.undo_action.text() == "&Undo Edit 3 articles together (Reader)"
    qtbot.waitUntil(
        lambda: (
            window.library_pane.model.data(
                window.library_pane.model.index(window.library_pane.model.row_of(ids[0]), 1)
            )
            == "Reuters"
        )
    )

    window.undo_action.trigger()
    assert _state(library) == before  # Le Monde back on the first, the others as they were
    window.redo_action.trigger()
    assert [library.articles.get(i).outlet for i in chosen] == ["Reuters"] * 3


def test_an_invalid_date_is_said_at_its_field_and_changes_nothing(
    qtbot, make_window, library: Library
) -> None:
    library.imports.files(wikinews_files(3))
    window = make_window(library)
    ids = [a.id for a in library.articles.list(sort="id")]
    window.library_pane.select_articles(ids)
    before = _state(library)
    version = library.version

    window.edit_selected_action.trigger()
    dialog = window.dialog
    qtbot.keyClicks(dialog.fields["outlet"], "Reuters")
    qtbot.keyClicks(dialog.fields["date"], "someday")
    assert dialog.date_error.isVisible()
    assert "cannot read the date 'someday'" in dialog.date_error.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.focusWidget() is dialog.fields["date"]
    assert _state(library) == before and library.version == version
    assert window.undo_stack.count() == 0

    dialog.fields["date"].clear()  # cleared: the date is left as each article has it
    assert dialog.date_error.isHidden()
    dialog.clear["date"].setChecked(True)  # "Clear": no date on any of them
    assert not dialog.fields["date"].isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert {library.articles.get(i).date for i in ids} == {None}
    window.undo_action.trigger()
    assert _state(library) == before


def test_nothing_selected_or_nothing_asked_is_said(qtbot, make_window, library: Library) -> None:
    window = make_window(library)
    window.edit_selected_action.trigger()
    assert window.statusBar().currentMessage() == "Select articles in the library list first"
    library.imports.files(wikinews_files(1))
    qtbot.waitUntil(lambda: window.library_pane.model.rowCount() == 1)
    window.library_pane.select_articles([library.articles.list()[0].id])
    window.edit_selected_action.trigger()
    dialog = window.dialog
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Nothing to set" in dialog.error.text()
    dialog.reject()


def test_a_large_batch_edit_is_written_off_the_gui_thread_and_undone_as_one(
    qtbot, make_window, library: Library
) -> None:
    """Past BATCH_ON_GUI_THREAD articles the edit is handed to the edits' thread: the dialog
    closes at once, the status bar says it is being done, then done; Undo waits its turn."""
    from briefing.ui.undo.commands import BATCH_ON_GUI_THREAD

    library.imports.files(wikinews_files(BATCH_ON_GUI_THREAD + 5))
    ids = [a.id for a in library.articles.list(sort="id")]
    assert len(ids) > BATCH_ON_GUI_THREAD
    before = _state(library)
    window = make_window(library)
    assert window.library_pane.select_articles(ids) == len(ids)
    edits = window.runner.edits
    handed_over: list[int] = []
    edits.pending_changed.connect(handed_over.append)

    window.edit_selected_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, BatchEditDialog)
    qtbot.keyClicks(dialog.fields["outlet"], "Reuters")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert handed_over and handed_over[0] == 1  # queued for the edits' thread, not written here
    qtbot.waitUntil(lambda: edits.pending == 0)
    assert [library.articles.get(i).outlet for i in ids] == ["Reuters"] * len(ids)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == f"Edited {len(ids)} articles")

    window.undo_action.trigger()
    qtbot.waitUntil(lambda: edits.pending == 0)
    qtbot.waitUntil(lambda: _state(library) == before)

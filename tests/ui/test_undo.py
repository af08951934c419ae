"""Undo and redo through the Edit menu's actions: the same ids come back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from briefing.core import Library, NotFound
from briefing.ui.dialogs.article_details import ArticleDetailsDialog
from briefing.ui.dialogs.claim_editor import ClaimEditor
from briefing.ui.widgets.annotation_panel import IdRole
from tests.ui.helpers import click, dialog_of, sample_window, select


def test_the_edit_menu_has_undo_and_redo_with_standard_keys(
    qtbot, make_window, library: Library
) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert window.undo_action in edit.actions() and window.redo_action in edit.actions()
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.redo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Redo)
    assert not window.undo_action.isEnabled()


def test_undo_and_redo_a_new_claim_brings_back_the_same_id(
    qtbot, make_window, library: Library
) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    before = {c.id for c in library.claims.list()}
    select(window, "postponing a US$767 million")
    window.claim_action.trigger()
    editor = dialog_of(window, ClaimEditor)
    qtbot.keyClicks(editor.speaker.line, "SenseTime")
    editor.grade.setCurrentIndex(editor.grade.findData(1))
    click(qtbot, editor.buttons.button(editor.buttons.StandardButton.Ok))
    (claim,) = [c for c in library.claims.list() if c.id not in before]

    assert window.undo_action.text() == "&Undo Add claim (Reader)"
    window.undo_action.trigger()
    with pytest.raises(NotFound):
        library.claims.get(claim.id)
    assert window.redo_action.text() == "&Redo Add claim (Reader)"
    window.redo_action.trigger()
    assert library.claims.get(claim.id) == claim


def test_undoing_a_new_claim_takes_away_the_actors_it_made(
    qtbot, make_window, library: Library
) -> None:
    """A first-user trip: undoing "Add claim" left behind the new speaker and subject its
    save had made, with no mention and no claim. They go with it, and come back (the same
    ids) with a redo; an actor that was there before stays."""
    window, _ = sample_window(qtbot, make_window, library)
    before = {c.id for c in library.claims.list()}
    actors_before = {a.actor.id for a in library.actors.list()}
    select(window, "postponing a US$767 million")
    window.claim_action.trigger()
    editor = dialog_of(window, ClaimEditor)
    qtbot.keyClicks(editor.speaker.line, "Ministry of Finance")
    about = editor.about_field.line
    qtbot.keyClicks(about, "Investors")
    qtbot.keyClick(about, Qt.Key.Key_Return)  # adds the subject
    qtbot.keyClicks(about, "SenseTime")
    qtbot.keyClick(about, Qt.Key.Key_Return)
    click(qtbot, editor.buttons.button(editor.buttons.StandardButton.Ok))
    (claim,) = [c for c in library.claims.list() if c.id not in before]
    made = {a.actor.id for a in library.actors.list()} - actors_before
    assert {library.actors.get(i).name for i in made} == {"Ministry of Finance", "Investors"}

    window.undo_action.trigger()
    assert {a.actor.id for a in library.actors.list()} == actors_before
    window.redo_action.trigger()
    assert library.claims.get(claim.id) == claim
    assert {a.actor.id for a in library.actors.list()} == actors_before | made


def test_undoing_a_delete_restores_the_claim_with_its_links(
    qtbot, make_window, library: Library
) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    linked = next(c for c in library.claims.list() if c.links and c.sources)
    item = next(i for i in window.panel.items("Claims") if i.data(0, IdRole) == linked.id)
    window.panel.tree.setCurrentItem(item)
    window.panel.tree.setFocus()
    window.panel.delete_action.trigger()
    with pytest.raises(NotFound):
        library.claims.get(linked.id)
    window.undo_action.trigger()
    assert library.claims.get(linked.id) == linked
    assert any(i.data(0, IdRole) == linked.id for i in window.panel.items("Claims"))
    window.redo_action.trigger()
    window.undo_action.trigger()
    assert library.claims.get(linked.id) == linked


def test_a_failed_undo_is_reported_and_dropped(qtbot, make_window, library: Library) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    select(window, "initial public offering")
    window.highlight_action.trigger()
    (highlight,) = [
        a
        for a in library.annotations.for_article(article_id, kind="highlight")
        if a.quote == "initial public offering"
    ]
    library.annotations.delete(highlight.id)  # behind the stack's back
    window.undo_action.trigger()
    assert "Could not undo “Highlight”" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0


def test_edit_article_details_then_undo(qtbot, make_window, library: Library) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    before = library.articles.get(article_id)
    window.edit_details_action.trigger()
    dialog = dialog_of(window, ArticleDetailsDialog)
    dialog.fields["outlet"].setText("Agence France-Presse")
    dialog.fields["date"].setText("2021-12-15")
    dialog.fields["author"].setText("AFP staff")
    qtbot.keyClick(dialog.fields["author"], Qt.Key.Key_Return)
    after = library.articles.get(article_id)
    assert (after.outlet, after.date.iso(), after.author) == (
        "Agence France-Presse",
        "2021-12-15",
        "AFP staff",
    )
    assert after.title == before.title
    window.undo_action.trigger()
    undone = library.articles.get(article_id)
    assert (undone.outlet, undone.date, undone.author) == (
        before.outlet,
        before.date,
        before.author,
    )


def test_a_bad_date_keeps_the_details_dialog_open(qtbot, make_window, library: Library) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    before = library.articles.get(article_id)
    window.edit_details_action.trigger()
    dialog = dialog_of(window, ArticleDetailsDialog)
    dialog.fields["date"].setText("someday")
    dialog.accept()
    assert dialog.isVisible() and "cannot read the date" in dialog.error.text()
    assert library.articles.get(article_id) == before
    assert window.undo_stack.count() == 0

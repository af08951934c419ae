"""An editor open on a record that another copy of Briefing deletes says so and keeps what
the reader typed: the claim editor, the workspace's note editor and fields, an actor page.

"Elsewhere" is a second Library on the same file, as a second copy of the app is: its
commits reach this window through the runner's poll (PRAGMA data_version), not a listener.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialogButtonBox

from briefing.core import Library, NotFound
from briefing.core.sample import load_sample
from briefing.ui.actions import annotate
from briefing.ui.dialogs.claim_editor import ClaimEditor
from briefing.ui.workspace import edits
from briefing.ui.workspace.text_dialog import TextItemDialog
from tests.ui.helpers import click, sample_window
from tests.ui.test_actor_helpers import actors_on_sample
from tests.ui.test_workspace_helpers import workspace_on


@pytest.fixture
def elsewhere(library: Library):
    other = Library.open(library.path, program="app")
    yield other
    other.close()


def test_the_claim_editor_keeps_the_text_and_saves_it_as_a_new_claim(
    qtbot, make_window, library: Library, elsewhere: Library
) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    claim = next(c for c in library.claims.list() if c.start is not None)
    editor = annotate.edit_claim(window, claim.id)
    assert isinstance(editor, ClaimEditor)
    editor.note.setPlainText("Checked with the exchange filing.")
    elsewhere.annotations.remove([claim.id])
    qtbot.waitUntil(editor.error.isVisible, timeout=3000)
    assert "deleted elsewhere" in editor.error.text()
    assert editor.note.toPlainText() == "Checked with the exchange filing."
    ok = editor.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "Save as New Claim"
    click(qtbot, ok)
    assert not editor.isVisible()
    (again,) = [
        c
        for c in library.claims.list(article_id=article_id)
        if (c.start, c.end) == (claim.start, claim.end)
    ]
    assert again.id != claim.id and again.note == "Checked with the exchange filing."


def test_the_claim_editor_without_its_article_keeps_the_text_to_copy(
    qtbot, make_window, library: Library, elsewhere: Library
) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    claim = library.claims.list(article_id=article_id)[0]
    editor = annotate.edit_claim(window, claim.id)
    editor.note.setPlainText("Mine")
    elsewhere.articles.delete([article_id])
    qtbot.waitUntil(editor.error.isVisible, timeout=3000)
    assert "article is gone too" in editor.error.text()
    assert not editor.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert editor.note.toPlainText() == "Mine"
    editor.accept()  # Ctrl+Enter: nothing happens, nothing is lost
    assert editor.isVisible()


def test_the_note_editor_keeps_the_text_and_adds_it_back(
    qtbot, library: Library, elsewhere: Library, tmp_path: Path
) -> None:
    load_sample(library)
    briefing_id = library.briefings.new("Notes")
    note_id = library.briefings.add_note(briefing_id, "First draft.")
    for window in workspace_on(qtbot, library, tmp_path):
        dialog = edits.edit_item(window, note_id)
        assert isinstance(dialog, TextItemDialog)
        dialog.editor.setPlainText("Second draft, much better.")
        elsewhere.briefings.remove_items(briefing_id, [note_id])
        qtbot.waitUntil(dialog.gone.isVisible, timeout=3000)
        assert "removed from the briefing elsewhere" in dialog.gone.text()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok.text() == "Add as New Note"
        click(qtbot, ok)
        texts = [i.text for i in library.briefings.get(briefing_id).items]
        assert texts == ["Second draft, much better."]


def test_the_briefing_fields_keep_unsaved_typing_when_the_briefing_goes(
    qtbot, library: Library, elsewhere: Library, tmp_path: Path
) -> None:
    briefing_id = library.briefings.new("Doomed", bluf="Old.")
    for window in workspace_on(qtbot, library, tmp_path):
        assert window.briefing_id == briefing_id
        window.fields.bluf.setFocus()
        window.fields.bluf.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.keyClicks(window.fields.bluf, " And new words.")
        assert "bluf" in window.fields.pending  # typed, not committed yet
        elsewhere.briefings.delete(briefing_id)
        qtbot.waitUntil(window.fields.gone_bar.isVisible, timeout=3000)
        assert "deleted elsewhere" in window.fields.gone.text()
        assert window.fields.bluf.toPlainText() == "Old. And new words."
        assert window.fields.bluf.isReadOnly()
        click(qtbot, window.fields.recreate)
        qtbot.waitUntil(lambda w=window: w.briefing_id is not None, timeout=3000)
        (listed,) = library.briefings.list()
        assert listed.id == window.briefing_id
        again = library.briefings.get(window.briefing_id)
        assert (again.title, again.bluf) == ("Doomed", "Old. And new words.")
        assert not window.fields.bluf.isReadOnly()


def test_an_actor_page_keeps_the_typed_name_when_the_actor_goes(
    qtbot, make_window, library: Library
) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library, "Hong Kong stock exchange")
    actor_id = window.actor_id
    page = window.page_view
    page.description.setFocus()
    qtbot.keyClicks(page.description, "The city's exchange")
    with Library.open(library.path) as other:
        other.actors.delete(actor_id)
    qtbot.waitUntil(page.gone.isVisible, timeout=3000)
    assert "deleted elsewhere" in page.gone.text()
    assert page.description.text() == "The city's exchange"
    assert page.description.isReadOnly()
    with pytest.raises(NotFound):
        library.actors.get(actor_id)

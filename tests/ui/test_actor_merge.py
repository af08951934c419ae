"""Merging two actors from an actor page: the searchable chooser, the confirmation that says
what will happen, the library afterwards, and Undo."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from briefing.core import Library, NotFound
from briefing.ui.actors import edits
from briefing.ui.actors.merge import MergeDialog
from tests.ui.helpers import click
from tests.ui.test_actor_helpers import actors_on_sample, alias_texts, ids, listed


def choose(qtbot, window, typed: str) -> MergeDialog:  # noqa: ANN001
    window.merge_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, MergeDialog) and dialog.isVisible()
    assert not dialog.ok.isEnabled()  # nothing chosen yet
    qtbot.keyClicks(dialog.filter, typed)
    return dialog


def confirmation(window) -> QMessageBox:  # noqa: ANN001
    box = window.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    return box


def press(qtbot, box: QMessageBox, text: str) -> None:
    (button,) = [b for b in box.buttons() if b.text().replace("&", "") == text]
    click(qtbot, button)


def test_merge_two_actors_from_a_page_then_undo(qtbot, make_window, library: Library) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library, "United States")
    us = library.actors.resolve("United States")
    treasury = library.actors.resolve("US Treasury")
    before = {name: library.actors.resolve(name) for name in ("United States", "US Treasury")}
    claims_before = {c.id: (c.speaker, c.about) for c in library.claims.list()}

    dialog = choose(qtbot, window, "treasury")  # by a word of its name; one left: chosen
    visible = [dialog.list.item(n) for n in range(dialog.list.count())]
    assert [i.text().split("  —")[0] for i in visible if not i.isHidden()] == ["US Treasury"]
    assert dialog.chosen().id == treasury.id
    assert dialog.keep_current.text() == "“United States”"
    assert dialog.keep_other.text() == "“US Treasury”"
    click(qtbot, dialog.ok)

    box = confirmation(window)
    assert box.text() == "Merge “US Treasury” into “United States”?"
    assert box.informativeText() == (
        "“United States” keeps its name, kind and description. “US Treasury” is removed: its "
        "name becomes an alias of “United States”, and its 1 alias, 1 mention, 1 claim it "
        "makes, 1 claim about it and 0 suggested mentions move to “United States”.\n\n"
        "Edit ▸ Undo takes the merge back."
    )
    press(qtbot, box, "Merge")

    with_both = library.actors.get(us.id)
    assert {a.text for a in with_both.aliases} == {
        "US",
        "Washington",
        "The US Treasury",
        "US Treasury",
    }
    with pytest.raises(NotFound):
        library.actors.get(treasury.id)
    assert [row[0] for row in listed(window)].count("US Treasury") == 0
    assert len(library.mentions.list(actor=us.id)) == 2
    spoken = [c for c in library.claims.list() if c.speaker and c.speaker.id == us.id]
    assert len(spoken) == 2  # c5, and c1 from the Treasury
    page = window.page_view
    assert window.actor_id == us.id and page.name.text() == "United States"
    assert len(ids(page.made)) == 2 and len(ids(page.mentions)) == 2
    assert ("US Treasury", "everywhere") in alias_texts(window)
    assert window.statusBar().currentMessage() == "Merged US Treasury into United States"

    window.undo_action.trigger()
    for name, actor in before.items():
        assert library.actors.resolve(name) == actor
    assert {c.id: (c.speaker, c.about) for c in library.claims.list()} == claims_before
    assert len(ids(page.made)) == 1 and len(ids(page.mentions)) == 1
    assert "US Treasury" in [row[0] for row in listed(window)]
    window.redo_action.trigger()
    with pytest.raises(NotFound):
        library.actors.get(treasury.id)


def test_merge_keeping_the_other_name(qtbot, make_window, library: Library) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library, "Department of Commerce")
    commerce = library.actors.resolve("US Department of Commerce")
    us = library.actors.resolve("United States")
    dialog = choose(qtbot, window, "washington")  # by an alias
    assert dialog.chosen().id == us.id
    dialog.keep_other.setChecked(True)
    click(qtbot, dialog.ok)
    box = confirmation(window)
    assert box.text() == "Merge “US Department of Commerce” into “United States”?"
    press(qtbot, box, "Merge")
    assert window.actor_id == us.id  # the page of the actor that stays
    assert "Department of Commerce" in [a.text for a in library.actors.get(us.id).aliases]
    with pytest.raises(NotFound):
        library.actors.get(commerce.id)


def test_cancelling_changes_nothing(qtbot, make_window, library: Library) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library, "China")
    count = len(library.actors.list())
    dialog = choose(qtbot, window, "wang")
    click(qtbot, dialog.ok)
    press(qtbot, confirmation(window), "Cancel")
    dialog = choose(qtbot, window, "nobody by that name")
    assert dialog.chosen() is None and not dialog.ok.isEnabled()
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    assert len(library.actors.list()) == count
    assert window.stack.count() == 0


def test_an_actor_is_not_offered_to_merge_with_itself(qtbot, make_window, library) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library, "China")
    dialog = choose(qtbot, window, "")
    names = [dialog.list.item(n).text().split("  —")[0] for n in range(dialog.list.count())]
    assert "China" not in names and len(names) == 10
    dialog.reject()
    china = window.list_model.rows[window.list_model.row_of(window.actor_id)]
    assert edits.merge(window, china, china) is False
    assert window.statusBar().currentMessage() == "An actor cannot be merged with itself"
    assert library.actors.resolve("China").id == window.actor_id

"""Deleting an actor from its page: the question that says what goes with it, the library
and the list afterwards, Undo and Redo; an actor that claims name is not deleted."""

from __future__ import annotations

import pytest

from briefing.core import Library, NotFound
from tests.ui.test_actor_helpers import actors_on_sample, listed
from tests.ui.test_actor_merge import confirmation, press

TANG = "Tang Xiao'ou"


def test_delete_an_actor_with_its_mentions_then_undo_and_redo(
    qtbot, make_window, library: Library
) -> None:
    main, window = actors_on_sample(qtbot, make_window, library, TANG)
    tang = library.actors.resolve(TANG)
    library.actors.add_alias(tang.id, "Professor Tang")
    window.reload()
    page = library.actors.page(tang.id)
    mentions = [m.id for m in page.mentions.rows]
    assert len(mentions) == 1
    names = [row[0] for row in listed(window)]
    after_tang = names[names.index(TANG) + 1]

    window.delete_action.trigger()
    box = confirmation(window)
    assert box.text() == f"Delete “{TANG}”?"
    assert page.suggestions.total == 0  # his one name in the text is the mention
    assert (
        box.informativeText() == "Its 1 alias and 1 mention go with it. Edit ▸ Undo brings it back."
    )
    press(qtbot, box, "Delete")

    with pytest.raises(NotFound):
        library.actors.get(tang.id)
    assert TANG not in [row[0] for row in listed(window)]
    assert window.page_view.name.text() == after_tang  # the next one in the list
    assert window.statusBar().currentMessage() == f"Deleted {TANG} (Edit ▸ Undo brings it back)"
    assert all(i.text(0) != TANG for i in main.panel.items("Actor mentions"))

    window.undo_action.trigger()
    back = library.actors.get(tang.id)
    assert back.name == TANG and {a.text for a in back.aliases} == {"Professor Tang"}
    assert [m.id for m in library.actors.page(tang.id).mentions.rows] == mentions
    assert TANG in [row[0] for row in listed(window)]
    assert any(i.text(0) == TANG for i in main.panel.items("Actor mentions"))

    window.redo_action.trigger()
    with pytest.raises(NotFound):
        library.actors.get(tang.id)


def test_an_actor_that_claims_name_is_not_offered_for_deletion(
    qtbot, make_window, library: Library
) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library, "SenseTime")
    before = listed(window)
    window.delete_action.trigger()
    assert window.dialog is None or not window.dialog.isVisible()
    assert window.statusBar().currentMessage() == (
        "SenseTime cannot be deleted: 4 claims name it. Merge it into another actor instead"
    )
    assert listed(window) == before


def test_cancel_deletes_nothing(qtbot, make_window, library: Library) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library, TANG)
    before = listed(window)
    window.delete_action.trigger()
    press(qtbot, confirmation(window), "Cancel")
    assert listed(window) == before and library.actors.resolve(TANG)

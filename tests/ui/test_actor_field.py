"""The actor field's kind chooser follows the typed name with a guess until the reader picks
a kind; the pick then stays. A fixed "person" made persons of ministries and agencies."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefing.core import Library, NewActor
from briefing.ui.dialogs.tag_actor import TagActorDialog
from briefing.ui.widgets.actor_field import ActorField, actor_names


def field_on(qtbot, library: Library) -> ActorField:
    field = ActorField(actor_names(library), "Speaker")
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    return field


def test_the_kind_follows_the_typed_name(qtbot, library: Library) -> None:
    field = field_on(qtbot, library)
    qtbot.keyClicks(field.line, "Ministry of Defence")
    assert field.kind.isVisible()
    assert field.kind.currentText() == "government body"
    assert field.kind_guessed and field.kind.font().italic()
    assert field.kind.toolTip().startswith("Kind guessed from the name (the word “Ministry”)")
    assert field.value() == NewActor("Ministry of Defence", "government body")
    # Read with the kind beside it: "New actor, a organisation" was not English.
    assert field.status.text() == "New actor:"
    field.clear()
    qtbot.keyClicks(field.line, "Wang Wenbin")
    assert field.kind.currentText() == "person"
    field.line.setText("France")
    assert field.value() == NewActor("France", "state")


def test_a_kind_picked_by_hand_stays_while_the_name_is_typed(qtbot, library: Library) -> None:
    field = field_on(qtbot, library)
    qtbot.keyClicks(field.line, "Ministry of Defence")
    field.kind.setFocus()
    qtbot.keyClicks(field.kind, "org")  # the keyboard's way to pick "organisation"
    assert field.kind.currentText() == "organisation"
    assert not field.kind_guessed and not field.kind.font().italic()
    assert "chosen by you" in field.kind.toolTip()
    field.line.setFocus()
    qtbot.keyClicks(field.line, " press office")
    qtbot.keyClick(field.line, Qt.Key.Key_Backspace)
    assert field.kind.currentText() == "organisation"
    assert field.value() == NewActor("Ministry of Defence press offic", "organisation")
    # Emptied for another name, the field guesses again.
    field.line.selectAll()
    qtbot.keyClick(field.line, Qt.Key.Key_Delete)
    qtbot.keyClicks(field.line, "Reuters")
    assert (field.kind.currentText(), field.kind_guessed) == ("organisation", True)
    field.clear()
    qtbot.keyClicks(field.line, "China Daily reporter")
    assert field.kind.currentText() == "person"  # guessed afresh at every keystroke


def test_the_guess_goes_by_the_librarys_actors(qtbot, library: Library) -> None:
    library.load_sample()
    field = field_on(qtbot, library)
    qtbot.keyClicks(field.line, "UK Treasury")
    assert field.kind.currentText() == "government body"
    assert "like US Treasury in the library" in field.kind.toolTip()
    # A known name or alias needs no kind: it names its actor.
    field.line.setText("Beijing")
    assert not field.kind.isVisible()
    assert field.status.text() == "→ China"


def test_tagging_new_words_offers_their_guessed_kind(qtbot, library: Library) -> None:
    saved: list[int | NewActor] = []

    def save(value: int | NewActor) -> str | None:
        saved.append(value)
        return None

    dialog = TagActorDialog("the Ministry of Foreign Affairs", actor_names(library), save)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.actor.kind.currentText() == "government body"
    dialog.accept()
    assert saved == [NewActor("the Ministry of Foreign Affairs", "government body")]


def test_picking_the_guessed_kind_keeps_it_too(qtbot, library: Library) -> None:
    field = field_on(qtbot, library)
    qtbot.keyClicks(field.line, "France")
    assert field.kind.currentText() == "state"
    field.kind.activated.emit(field.kind.currentIndex())  # chosen from its list as it was
    assert not field.kind_guessed
    qtbot.keyClicks(field.line, " Televisions")
    assert field.kind.currentText() == "state"

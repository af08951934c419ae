"""Editing on an actor page: name and kind, aliases (add, rename, remove), and reviewing
suggested mentions in bulk; every change read back from the library, then undone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from briefing.core import Library
from briefing.ui.actors.aliases import AddAliasDialog
from tests.ui.helpers import click
from tests.ui.test_actor_helpers import actors_on_sample, alias_texts, ids, row_of

TITLE = "SenseTime postpones IPO after US blacklisting"


def aliases(library: Library, name: str) -> list[tuple[str, int | None]]:
    return [(a.text, a.article_id) for a in library.actors.resolve(name).aliases]


def type_into(qtbot, field, text: str) -> None:  # noqa: ANN001
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def press(qtbot, window, widget, key: Qt.Key) -> None:  # noqa: ANN001
    """A key in a widget of the active window (shortcuts only reach the active window)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()
    qtbot.keyClick(widget, key)


def test_rename_and_change_kind_then_undo(qtbot, make_window, library: Library) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library, "Hong Kong stock exchange")
    page, actor_id = window.page_view, window.actor_id
    type_into(qtbot, page.name, "Hong Kong Exchanges and Clearing")
    qtbot.waitUntil(lambda: library.actors.get(actor_id).name == "Hong Kong Exchanges and Clearing")
    assert window.list.currentIndex().data() == "Hong Kong Exchanges and Clearing"
    page.kind.setCurrentText("government body")
    page.kind.activated.emit(page.kind.currentIndex())
    qtbot.waitUntil(lambda: library.actors.get(actor_id).kind == "government body")
    type_into(qtbot, page.description, "Operator of the city's stock exchange")
    qtbot.waitUntil(lambda: library.actors.get(actor_id).description != "")

    window.list.setFocus()  # in the description, Undo would undo its typing
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert library.actors.get(actor_id).kind == "organisation"
    assert page.kind.currentText() == "organisation"
    window.undo_action.trigger()
    assert library.actors.get(actor_id).name == "Hong Kong stock exchange"
    assert page.name.text() == "Hong Kong stock exchange"
    window.redo_action.trigger()
    assert library.actors.get(actor_id).name == "Hong Kong Exchanges and Clearing"


def test_bad_names_change_nothing(qtbot, make_window, library: Library) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library, "Xinjiang")
    page, actor_id = window.page_view, window.actor_id
    depth = window.stack.count()
    type_into(qtbot, page.name, "   ")
    qtbot.waitUntil(lambda: "cannot be empty" in window.statusBar().currentMessage())
    assert page.name.text() == "Xinjiang" == library.actors.get(actor_id).name
    type_into(qtbot, page.name, "china")
    qtbot.waitUntil(lambda: "already an actor named" in window.statusBar().currentMessage())
    assert page.name.text() == "Xinjiang" == library.actors.get(actor_id).name
    assert window.stack.count() == depth


def test_add_alias_everywhere_and_in_one_article_then_undo(
    qtbot, make_window, library: Library
) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library, "China")
    article_id = library.claims.list()[0].article_id
    window.add_alias_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, AddAliasDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.text, "PRC")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert not dialog.isVisible()
    assert aliases(library, "China") == [("Beijing", None), ("PRC", None)]
    assert alias_texts(window)[-1] == ("PRC", "everywhere · exact case")

    window.add_alias_action.trigger()
    dialog = window.dialog
    assert dialog.scope.count() == 2  # everywhere, or the one article China appears in
    dialog.scope.setCurrentIndex(1)
    qtbot.keyClicks(dialog.text, "the Chinese government")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert aliases(library, "China")[-1] == ("the Chinese government", article_id)
    assert alias_texts(window)[-1] == ("the Chinese government", f"only in “{TITLE}”")

    window.undo_action.trigger()
    window.undo_action.trigger()
    assert aliases(library, "China") == [("Beijing", None)]
    assert alias_texts(window) == [("Beijing", "everywhere")]
    window.redo_action.trigger()
    assert aliases(library, "China") == [("Beijing", None), ("PRC", None)]


def test_bad_aliases_keep_the_dialog_open(qtbot, make_window, library: Library) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library, "China")
    depth = window.stack.count()
    window.add_alias_action.trigger()
    dialog = window.dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    for text, message in [
        ("", "an actor's alias cannot be empty"),
        ("beijing", "China already has the alias 'Beijing'"),
        ("CHINA", "'CHINA' is the actor's name already; an alias is another name"),
    ]:
        dialog.text.setText(text)
        click(qtbot, ok)
        assert dialog.isVisible() and dialog.error.text() == message
    assert aliases(library, "China") == [("Beijing", None)]
    assert window.stack.count() == depth
    dialog.reject()


def test_rename_and_remove_an_alias_then_undo(qtbot, make_window, library: Library) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library, "United States")
    tree = window.page_view.aliases
    assert alias_texts(window) == [
        ("US", "everywhere · exact case"),
        ("Washington", "everywhere"),
    ]
    item = tree.topLevelItem(1)
    tree.setCurrentItem(item)
    press(qtbot, window, tree, Qt.Key.Key_F2)  # Rename Alias, in place
    editor = tree.focusWidget()
    assert editor is not tree and editor.text() == "Washington"
    editor.selectAll()
    qtbot.keyClicks(editor, "Washington DC")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: aliases(library, "United States")[1] == ("Washington DC", None))
    assert alias_texts(window)[1] == ("Washington DC", "everywhere")

    tree.setCurrentItem(tree.topLevelItem(0))
    press(qtbot, window, tree, Qt.Key.Key_Delete)  # Remove Alias
    assert aliases(library, "United States") == [("Washington DC", None)]
    assert alias_texts(window) == [("Washington DC", "everywhere")]

    window.undo_action.trigger()
    assert [a.text for a in library.actors.resolve("United States").aliases] == [
        "US",
        "Washington DC",
    ]
    us = library.actors.resolve("US")  # case-sensitive again: the same alias, back
    assert us.aliases[0].case_sensitive
    window.undo_action.trigger()
    assert aliases(library, "United States") == [("US", None), ("Washington", None)]
    assert alias_texts(window)[1] == ("Washington", "everywhere")


def test_renaming_an_alias_to_a_duplicate_is_refused(qtbot, make_window, library) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library, "United States")
    tree = window.page_view.aliases
    tree.topLevelItem(1).setText(0, "us")  # what an in-place edit commits
    qtbot.waitUntil(lambda: "already has the alias 'US'" in window.statusBar().currentMessage())
    assert aliases(library, "United States") == [("US", None), ("Washington", None)]
    qtbot.waitUntil(lambda: alias_texts(window)[1] == ("Washington", "everywhere"))


def test_accept_and_reject_selected_then_undo(qtbot, make_window, library: Library) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library, "SenseTime")
    page = window.page_view
    pending = library.mentions.pending(actor="SenseTime")
    first, second, third = pending[:3]
    for suggestion in (first, second):
        row_of(page.suggestions, suggestion.id).setSelected(True)
    window.accept_action.trigger()
    mentions = library.mentions.list(actor="SenseTime")
    assert {(m.start, m.end) for m in mentions} >= {(s.start, s.end) for s in (first, second)}
    assert len(mentions) == 3
    assert library.mentions.count_pending(actor="SenseTime") == 9
    assert len(ids(page.mentions)) == 3 and len(ids(page.suggestions)) == 9

    row_of(page.suggestions, third.id).setSelected(True)
    press(qtbot, window, page.suggestions, Qt.Key.Key_Delete)  # Reject Selected
    assert library.mentions.count_pending(actor="SenseTime") == 8
    assert third.id not in ids(page.suggestions)

    window.undo_action.trigger()
    assert library.mentions.count_pending(actor="SenseTime") == 9
    window.undo_action.trigger()
    assert library.mentions.count_pending(actor="SenseTime") == 11
    assert len(library.mentions.list(actor="SenseTime")) == 1
    assert len(ids(page.suggestions)) == 11 and len(ids(page.mentions)) == 1


def test_accept_all_and_reject_all_then_undo(qtbot, make_window, library: Library) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library, "China")
    page = window.page_view
    window.limit = 3  # only 3 of the 8 listed: All means all the same
    window.reload()
    assert len(ids(page.suggestions)) == 3
    others = library.mentions.count_pending() - 8
    window.accept_all_action.trigger()
    assert library.mentions.count_pending(actor="China") == 0
    assert len(library.mentions.list(actor="China")) == 8
    assert library.mentions.count_pending() == others  # only China's were touched
    assert page.suggestions_title.text() == "Suggested mentions · none waiting"
    assert page.mentions_title.text() == "Mentions · 8 (3 listed)"
    window.undo_action.trigger()
    assert library.mentions.count_pending(actor="China") == 8
    assert library.mentions.list(actor="China") == []

    window.reject_all_action.trigger()
    assert library.mentions.count_pending(actor="China") == 0
    assert library.mentions.list(actor="China") == []
    window.undo_action.trigger()
    assert library.mentions.count_pending(actor="China") == 8


def test_nothing_selected_is_said(qtbot, make_window, library: Library) -> None:
    _main, window = actors_on_sample(qtbot, make_window, library, "SenseTime")
    window.accept_action.trigger()
    assert window.statusBar().currentMessage() == "Select the suggestions to accept"
    window.page_view.aliases.setCurrentItem(None)
    window.remove_alias_action.trigger()
    assert window.statusBar().currentMessage() == "Choose an alias to remove"
    assert library.mentions.count_pending(actor="SenseTime") == 11

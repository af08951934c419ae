"""Suggested mentions: outlined in the text and listed under "Suggested"; accepted, rejected."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QDialogButtonBox

from briefing.core import Library
from briefing.ui.actions.suggestions import suggest_mentions
from briefing.ui.dialogs.tag_actor import TagActorDialog
from briefing.ui.widgets.annotation_panel import IdRole
from tests.ui.helpers import click, sample_window


def _suggested(qtbot, window) -> list:  # noqa: ANN001
    op = suggest_mentions(window)
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: window.panel.items("Suggested") != [])
    return window.panel.items("Suggested")


def test_suggestions_are_outlined_not_underlined_and_listed(
    qtbot, make_window, library: Library
) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    items = _suggested(qtbot, window)
    pending = library.mentions.pending(article_id=article_id)
    assert [item.data(0, IdRole) for item in items] == [s.id for s in pending]
    assert window.panel.suggestion_bar.isVisibleTo(window.panel)
    first = pending[0]
    cursor = QTextCursor(window.reader.page.document())
    cursor.setPosition(window.reader.document_position(first.start) + 1)
    fmt = cursor.charFormat()
    # No wavy underline (it read as a spelling error): a dashed outline drawn over the text.
    assert fmt.underlineStyle() != QTextCharFormat.UnderlineStyle.WaveUnderline
    outlines = [d for d in window.reader.page.decorations if d.style == "outline"]
    assert len(outlines) == len(pending)
    assert outlines[0].start == window.reader.document_position(first.start)
    assert outlines[0].colour == window.reader.colours.suggestion


def test_accept_one_from_the_context_actions_then_undo(
    qtbot, make_window, library: Library
) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    items = _suggested(qtbot, window)
    suggestion = library.mentions.pending(article_id=article_id)[1]
    item = next(i for i in items if i.data(0, IdRole) == suggestion.id)
    window.panel.tree.setFocus()
    window.panel.tree.setCurrentItem(item)
    assert window.panel.accept_action.isEnabled()
    window.panel.accept_action.trigger()

    (mention,) = [
        m for m in library.mentions.list(article_id=article_id) if m.start == suggestion.start
    ]
    assert (mention.actor, mention.end) == (suggestion.actor, suggestion.end)
    pending = {s.id for s in library.mentions.pending(article_id=article_id)}
    assert suggestion.id not in pending
    assert suggestion.id not in {i.data(0, IdRole) for i in window.panel.items("Suggested")}

    window.undo_action.trigger()
    assert mention.id not in {m.id for m in library.mentions.list(article_id=article_id)}
    assert suggestion.id in {s.id for s in library.mentions.pending(article_id=article_id)}
    window.redo_action.trigger()
    assert library.mentions.get(mention.id) == mention


def test_reject_one_then_accept_all(qtbot, make_window, library: Library) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    items = _suggested(qtbot, window)
    rejected_id = items[0].data(0, IdRole)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.panel.tree.setFocus()
    window.panel.tree.setCurrentItem(items[0])
    window.panel.reject_action.trigger()
    waiting = library.mentions.pending(article_id=article_id)
    assert rejected_id not in {s.id for s in waiting}
    mentions = len(library.mentions.list(article_id=article_id))

    click(qtbot, window.panel.accept_all)
    assert library.mentions.count_pending(article_id=article_id) == 0
    assert len(library.mentions.list(article_id=article_id)) == mentions + len(waiting)
    assert window.panel.items("Suggested") == []
    assert not window.panel.suggestion_bar.isVisibleTo(window.panel)
    assert window.undo_action.text() == f"&Undo Accept {len(waiting)} suggestions (Reader)"

    window.undo_action.trigger()
    window.undo_action.trigger()  # the reject
    assert library.mentions.count_pending(article_id=article_id) == len(waiting) + 1
    assert len(library.mentions.list(article_id=article_id)) == mentions


def test_clicking_a_suggestion_shows_it_in_the_reader(qtbot, make_window, library: Library) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    item = _suggested(qtbot, window)[2]
    suggestion = next(
        s for s in library.mentions.pending(article_id=article_id) if s.id == item.data(0, IdRole)
    )
    tree = window.panel.tree
    tree.scrollToItem(item)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center()
    )
    assert window.reader.cursor_span() == (suggestion.start, suggestion.end)


def test_tagging_suggested_words_by_hand_answers_the_suggestion_until_undone(
    qtbot, make_window, library: Library
) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    _suggested(qtbot, window)
    suggestion = next(
        s for s in library.mentions.pending(article_id=article_id) if s.actor.name == "China"
    )
    window.reader.page.setFocus()
    window.reader.select_span(suggestion.start, suggestion.end)
    window.tag_actor_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, TagActorDialog)
    dialog.actor.line.setText("China")
    click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))

    def pending() -> set[int]:
        return {s.id for s in library.mentions.pending(article_id=article_id)}

    assert suggestion.id not in pending()
    assert suggestion.id not in {i.data(0, IdRole) for i in window.panel.items("Suggested")}
    window.undo_action.trigger()  # the tag goes: the suggestion is open again
    assert suggestion.id in pending()
    window.redo_action.trigger()
    assert suggestion.id not in pending()


def test_after_accept_all_each_actor_is_one_row_and_the_count_follows(
    qtbot, make_window, library: Library
) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    waiting = len(_suggested(qtbot, window))
    bar = window.statusBar()
    assert bar.currentMessage().startswith(f"{waiting} suggestions waiting")
    click(qtbot, window.panel.accept_all)
    qtbot.waitUntil(lambda: window.panel.items("Suggested") == [])

    # The status bar said "N suggestions waiting" still, with none left.
    assert bar.currentMessage().startswith("No suggestions waiting")
    mentions = library.mentions.list(article_id=article_id)
    rows = window.panel.items("Actor mentions")
    names = [row.text(0).split(" (")[0].split(" — ")[0] for row in rows]
    # One row per mention before: 47 rows, "United States" a dozen times.
    assert len(names) == len(set(names)) == len({m.actor.id for m in mentions})
    group = window.panel.tree.topLevelItem(1)
    assert group.text(0) == f"Actor mentions ({len(mentions)})"
    us = [m for m in mentions if m.actor.name == "United States"]
    (row,) = [r for r in rows if r.text(0).startswith(f"United States ({len(us)})")]
    assert sorted(row.child(i).data(0, IdRole) for i in range(row.childCount())) == sorted(
        m.id for m in us
    )
    assert all("“" in row.child(i).text(0) for i in range(row.childCount()))  # in context

    # The actor's row stands for its mentions: Delete takes them all, Undo brings them back.
    window.panel.tree.setCurrentItem(row)
    assert window.panel.delete_action.isEnabled()
    window.panel.delete_action.trigger()
    qtbot.waitUntil(
        lambda: not [m for m in library.mentions.list(article_id=article_id) if m in us]
    )
    assert len(library.mentions.list(article_id=article_id)) == len(mentions) - len(us)

    # Undoing Accept All brings the suggestions back, and the count with them.
    window.undo_stack.undo()  # the deletion
    window.undo_stack.undo()  # Accept All
    qtbot.waitUntil(lambda: len(window.panel.items("Suggested")) == waiting)
    assert bar.currentMessage().startswith(f"{waiting} suggestions waiting")

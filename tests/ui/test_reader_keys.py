"""Delete, Accept Suggestion and Reject Suggestion pressed in the reader act on the mark at
its cursor, as the Annotate menu's items do (actions/mark_keys.py); the hover card's last
line names what the mark's right-click menu offers."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from briefing.core import Library, Span
from briefing.ui.article_view import Mark
from briefing.ui.main_window import MainWindow
from briefing.ui.widgets.annotation_panel import IdRole, KindRole
from briefing.ui.widgets.mark_card import card_html
from tests.ui.helpers import sample_window, write
from tests.ui.test_suggestions import _suggested

DELETE = QKeySequence.StandardKey.Delete  # made a sequence once there is an application


def _focused_reader(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.reader.page.setFocus()
    qtbot.waitUntil(window.reader.page.hasFocus)


def _mark(window: MainWindow, kind: str, annotation_id: int) -> Mark:
    assert window.view is not None
    return next(m for m in window.view.marks() if m.key == (kind, annotation_id))


def _click(qtbot, window: MainWindow, mark: Mark) -> None:
    viewport = window.reader.page.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=window.reader.mark_point(mark))


def _no_ambiguity(qtlog) -> None:
    assert [r.message for r in qtlog.records if "Ambiguous" in r.message] == []


def test_delete_in_the_reader_deletes_the_claim_at_the_cursor(
    qtbot, make_window, library: Library, qtlog
) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    _focused_reader(qtbot, window)
    claim = next(c for c in window.view.claims if not c.orphaned)
    other = next(c for c in window.view.claims if c.id != claim.id and not c.orphaned)
    # Something else selected in the panel: the reader's cursor decides, not that.
    window.panel.select_annotation("claim", other.id)
    window.reader.select_span(claim.start + 3, claim.start + 3)  # the text cursor in it
    assert window.reader.page.hasFocus()
    assert window.panel.delete_action.isEnabled()
    steps = window.undo_stack.count()
    QTest.keySequence(window.reader.page, QKeySequence(DELETE))
    qtbot.waitUntil(lambda: claim.id not in {c.id for c in window.view.claims})
    assert other.id in {c.id for c in library.claims.list(article_id=article_id)}
    assert window.undo_stack.count() == steps + 1  # one undo step
    said = window.statusBar().currentMessage()
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: claim.id in {c.id for c in window.view.claims})

    # The Annotate menu's item does the same, with the same status message.
    window.reader.select_span(claim.start + 3, claim.start + 3)
    window.panel.delete_action.trigger()
    qtbot.waitUntil(lambda: claim.id not in {c.id for c in window.view.claims})
    assert window.statusBar().currentMessage() == said
    _no_ambiguity(qtlog)


def test_delete_on_a_mention_clicked_inside_a_claim_deletes_the_mention_alone(
    qtbot, make_window, library: Library, qtlog
) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    text = library.articles.get(article_id).text
    start = text.index("Uighurs")
    uighurs = library.actors.resolve("Uighurs").id
    mention_id = int(
        write(
            qtbot,
            window,
            lambda lib: lib.mentions.add(article_id, uighurs, Span(start, start + 7)).id,
        )
    )
    qtbot.waitUntil(lambda: any(m.id == mention_id for m in window.view.mentions))
    claims = {c.id for c in window.view.claims}
    _focused_reader(qtbot, window)
    _click(qtbot, window, _mark(window, "mention", mention_id))
    current = window.panel.tree.currentItem()
    assert (current.data(0, KindRole), current.data(0, IdRole)) == ("mention", mention_id)
    assert window.reader.page.hasFocus()
    QTest.keySequence(window.reader.page, QKeySequence(DELETE))
    qtbot.waitUntil(lambda: all(m.id != mention_id for m in window.view.mentions))
    assert {c.id for c in window.view.claims} == claims  # the claim around it stays
    _no_ambiguity(qtlog)


def test_accept_and_reject_in_the_reader_answer_on_the_suggestion_clicked(
    qtbot, make_window, library: Library, qtlog
) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    _suggested(qtbot, window)
    first, second = library.mentions.pending(article_id=article_id)[:2]
    _focused_reader(qtbot, window)

    _click(qtbot, window, _mark(window, "suggestion", first.id))
    current = window.panel.tree.currentItem()
    assert (current.data(0, KindRole), current.data(0, IdRole)) == ("suggestion", first.id)
    steps = window.undo_stack.count()
    QTest.keySequence(window.reader.page, QKeySequence("Ctrl+Shift+Y"))
    qtbot.waitUntil(lambda: all(s.id != first.id for s in window.view.suggestions))
    (mention,) = [m for m in library.mentions.list(article_id=article_id) if m.start == first.start]
    assert (mention.actor, mention.end) == (first.actor, first.end)
    assert window.undo_stack.count() == steps + 1
    assert window.undo_action.text() == "&Undo Accept suggestion (Reader)"

    # The text cursor put in the other (no click): Reject dismisses it.
    window.reader.select_span(second.start + 1, second.start + 1)
    QTest.keySequence(window.reader.page, QKeySequence("Ctrl+Shift+R"))
    qtbot.waitUntil(lambda: all(s.id != second.id for s in window.view.suggestions))
    assert all(m.start != second.start for m in library.mentions.list(article_id=article_id))
    assert window.undo_stack.count() == steps + 2
    _no_ambiguity(qtlog)


def test_off_the_marks_the_keys_do_nothing_and_the_panel_keeps_its_own(
    qtbot, make_window, library: Library, qtlog
) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    _focused_reader(qtbot, window)
    view = window.view
    bare = next(
        i for i in range(len(library.articles.get(article_id).text)) if not view.marks_at(i)
    )
    claim = next(c for c in view.claims if not c.orphaned)
    window.panel.select_annotation("claim", claim.id)
    window.reader.select_span(bare, bare)
    assert window.reader.page.hasFocus()
    assert not window.panel.delete_action.isEnabled()  # nothing at the cursor
    steps = window.undo_stack.count()
    QTest.keySequence(window.reader.page, QKeySequence(DELETE))
    assert window.undo_stack.count() == steps
    # In the panel, Delete acts on the panel's selection, as before.
    window.panel.tree.setFocus()
    qtbot.waitUntil(window.panel.tree.hasFocus)
    assert window.panel.delete_action.isEnabled()
    QTest.keySequence(window.panel.tree, QKeySequence(DELETE))
    qtbot.waitUntil(lambda: claim.id not in {c.id for c in window.view.claims})
    _no_ambiguity(qtlog)


def _footer(window: MainWindow, marks: list[Mark]) -> str:
    assert window.reader.show_card(marks, QPoint(10, 10))
    text = window.reader.card.label.text()
    return text[text.index("Click to select") :]


def test_the_card_names_what_the_right_click_menu_offers_for_each_kind(
    qtbot, make_window, library: Library
) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    _suggested(qtbot, window)
    text = library.articles.get(article_id).text
    start = text.index("Uighurs")
    uighurs = library.actors.resolve("Uighurs").id
    mention_id = int(
        write(
            qtbot,
            window,
            lambda lib: lib.mentions.add(article_id, uighurs, Span(start, start + 7)).id,
        )
    )
    qtbot.waitUntil(lambda: any(m.id == mention_id for m in window.view.mentions))
    view = window.view
    claim = next(
        c for c in view.claims if not c.orphaned and (c.end <= start or c.start >= start + 7)
    )
    highlight = next(h for h in view.highlights if not h.orphaned)
    suggestion = view.suggestions[0]
    wanted = {
        ("claim", claim.id): "Edit Claim, Delete Claim, Add to Briefing, Copy Quote with Citation",
        ("mention", mention_id): "Open Actor, Delete Mention, Copy Quote with Citation",
        ("highlight", highlight.id): "Add Note, Delete Highlight, Copy Quote with Citation",
        ("suggestion", suggestion.id): "Accept Suggestion, Reject Suggestion",
    }
    for (kind, annotation_id), commands in wanted.items():
        mark = _mark(window, kind, annotation_id)
        footer = _footer(window, [mark])
        assert footer.startswith(
            f"Click to select it in the panel · right-click for {commands}<"
        ), (kind, footer)
    suggestion_card = window.reader.card.label.text()
    assert "Right-click to accept or reject it" not in suggestion_card  # said once, below

    # A mention inside a claim: the menu leads with the claim, the mention a submenu.
    marks = window.reader.marks_at(window.reader.mark_point(_mark(window, "mention", mention_id)))
    assert [m.kind for m in marks] == ["mention", "claim"]
    assert "Copy Quote with Citation, Mention: Uighurs ▸<" in _footer(window, marks)


def test_a_card_without_a_menu_names_no_right_click(qtbot, make_window, library: Library) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    mark = window.view.marks()[0]
    text = card_html(window.view, [mark])
    assert "Click to select it in the panel</small>" in text
    assert "right-click" not in text

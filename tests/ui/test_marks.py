"""Marks you act on where you see them, driven by the pointer and the keys: the hover card,
click-to-select in both directions, the mark's context menu, Edit Claim with the cursor
anywhere in a claim, and a claim's status drawn in shape as well as colour."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from briefing.core import Library, Span
from briefing.ui.article_view import Mark
from briefing.ui.dialogs.claim_editor import ClaimEditor
from briefing.ui.dialogs.note import NoteDialog
from briefing.ui.main_window import MainWindow
from briefing.ui.theme import CLAIM_RULES
from briefing.ui.widgets.annotation_panel import IdRole, KindRole
from briefing.ui.widgets.reader_pointer import HOVER_MS
from tests.ui.helpers import sample_window, write

CTRL = Qt.KeyboardModifier.ControlModifier


def _active(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _mark(window: MainWindow, kind: str, annotation_id: int) -> Mark:
    assert window.view is not None
    return next(m for m in window.view.marks() if m.key == (kind, annotation_id))


def _claim_mark(window: MainWindow, speaker: str, quote: str = "") -> Mark:
    """The mark of `speaker`'s claim (the one whose words start with `quote`)."""
    assert window.view is not None
    claim = next(
        c
        for c in window.view.claims
        if c.speaker and c.speaker.name == speaker and c.quote.startswith(quote)
    )
    return _mark(window, "claim", claim.id)


def _hover(viewport: QWidget, point: QPoint) -> None:
    """The pointer moving onto `point` of the page's viewport, no button down (sent as the
    window system would: offscreen, QTest's mouseMove moves no pointer over a widget)."""
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(point),
        QPointF(viewport.mapToGlobal(point)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, event)


def _with_mention_in_a_claim(qtbot, window: MainWindow, library: Library) -> int:
    """Tag "Uighurs" inside the US Treasury's claim as a mention; its id."""
    article_id = window.reader.article_id
    text = library.articles.get(article_id).text
    start = text.index("Uighurs")
    uighurs = library.actors.resolve("Uighurs").id
    mention_id = write(
        qtbot,
        window,
        lambda lib: lib.mentions.add(article_id, uighurs, Span(start, start + 7)).id,
    )
    qtbot.waitUntil(lambda: any(m.id == mention_id for m in window.view.mentions))
    return int(mention_id)


def _menu_at(qtbot, window: MainWindow, point: QPoint) -> QMenu:
    viewport = window.reader.page.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)
    menu = window.reader.page.open_menu
    assert isinstance(menu, QMenu)
    qtbot.waitUntil(menu.isVisible)
    return menu


def _texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_hovering_a_claim_shows_its_card_and_moving_off_hides_it(
    qtbot, make_window, library: Library
) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    mark = _claim_mark(window, "US Treasury")
    viewport = window.reader.page.viewport()
    card = window.reader.card
    _hover(viewport, window.reader.mark_point(mark))
    assert not card.isVisible()  # a rest first, not at every pass of the pointer
    # ... of its length: a coarse timer (Qt's default) may fire 5% late, 17 ms more.
    assert window.reader._hover_timer.timerType() == Qt.TimerType.PreciseTimer
    qtbot.waitUntil(card.isVisible, timeout=HOVER_MS * 4)
    text = card.label.text()
    for shown in (
        "US Treasury",  # speaker
        "disputed",  # status
        "3 — possibly true",  # grade
        "SenseTime, Uighurs",  # about
        "US Treasury announcement of the designation (supports, A)",  # a source
        "Xinjiang",  # a tag
        "The grounds of the designation",  # the note
    ):
        assert shown in text, shown
    assert card.marks[0] == mark
    where = viewport.mapToGlobal(window.reader.mark_point(mark))
    assert card.geometry().top() > where.y()  # below the pointer, not over the words

    # Off the marks (the margin), the card goes at once.
    _hover(viewport, QPoint(3, 3))
    assert not card.isVisible()


def test_the_card_of_a_mention_inside_a_claim_shows_both(
    qtbot, make_window, library: Library
) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    mark = _mark(window, "mention", _with_mention_in_a_claim(qtbot, window, library))
    marks = window.reader.marks_at(window.reader.mark_point(mark))
    assert [m.kind for m in marks] == ["mention", "claim"]  # innermost first
    assert window.reader.show_card(marks, QPoint(10, 10))
    text = window.reader.card.label.text()
    assert text.index("Claim · US Treasury") < text.index("Mention · Uighurs")


def test_clicking_a_mark_selects_it_in_the_panel_and_the_reverse(
    qtbot, make_window, library: Library
) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    _active(qtbot, window)
    mark = _claim_mark(window, "Wang Wenbin")
    viewport = window.reader.page.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=window.reader.mark_point(mark))
    current = window.panel.tree.currentItem()
    assert current is not None
    assert (current.data(0, KindRole), current.data(0, IdRole)) == mark.key
    assert current.isSelected()
    assert window.reader.page.hasFocus() or not window.panel.tree.hasFocus()  # reader kept it

    # A drag that selects words is not a click: the panel stays as it is.
    other = _claim_mark(window, "SenseTime")
    start = window.reader.mark_point(other)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(60, 0))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(60, 0))
    assert window.panel.tree.currentItem() is current

    # The reverse: the arrow keys in the panel select each annotation in the reader.
    window.panel.tree.setFocus()
    qtbot.keyClick(window.panel.tree, Qt.Key.Key_Down)
    chosen = window.panel.tree.currentItem()
    span = window.view.span_of(int(chosen.data(0, IdRole)))
    assert window.reader.cursor_span() == span


def test_the_context_menu_on_a_claim_edits_deletes_adds_and_copies(
    qtbot, make_window, library: Library
) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    _active(qtbot, window)
    briefing_id = library.briefings.new("Designation")
    library.briefings.add_note(briefing_id, "Context.", section="Background")
    library.briefings.add_note(briefing_id, "Their side.", section="SenseTime's response")
    mark = _claim_mark(window, "SenseTime", "The accusations")  # the denial, c2

    menu = _menu_at(qtbot, window, window.reader.mark_point(mark))
    header = menu.actions()[0]
    assert header.isSeparator() and header.text() == "Claim by SenseTime (asserted)"
    texts = _texts(menu)
    assert texts[:4] == [
        "&Edit Claim…",
        "&Delete Claim",
        "Add to &Briefing",
        "Copy Quote with &Citation",
    ]
    assert "&Copy\tCtrl+C" in texts and "Mark as &Claim…" in texts  # the usual ones after
    add = next(a.menu() for a in menu.actions() if a.text() == "Add to &Briefing")
    assert _texts(add) == ["Background  (1)", "SenseTime's response  (1)", "&New Section…"]

    # Copy Quote with Citation.
    next(a for a in menu.actions() if a.text() == "Copy Quote with &Citation").trigger()
    menu.close()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("“The accusations are unfounded")
    assert "— SenseTime, in “" in copied

    # Add to Briefing ▸ a section: added there, undone in the reader's history.
    menu = _menu_at(qtbot, window, window.reader.mark_point(mark))
    add = next(a.menu() for a in menu.actions() if a.text() == "Add to &Briefing")
    next(a for a in add.actions() if a.text().startswith("SenseTime's response")).trigger()
    menu.close()
    sections = library.briefings.get(briefing_id).sections
    assert [i.claim_id for i in sections[1].items] == [None, mark.annotation_id]
    # Now in it: the entry says so and is off. (The workspace docked beside the reader
    # as the claim went in: the words moved, so the point is asked again each time.)
    menu = _menu_at(qtbot, window, window.reader.mark_point(mark))
    entry = next(a for a in menu.actions() if a.text().startswith("Add to &Briefing"))
    assert not entry.isEnabled() and "already" in entry.text()
    menu.close()

    # Edit opens the claim editor on it.
    menu = _menu_at(qtbot, window, window.reader.mark_point(mark))
    next(a for a in menu.actions() if a.text() == "&Edit Claim…").trigger()
    menu.close()
    editor = window.dialog
    assert isinstance(editor, ClaimEditor) and editor.isVisible()
    assert editor.speaker.line.text() == "SenseTime"
    editor.reject()

    # Delete takes it away; Undo brings it back.
    menu = _menu_at(qtbot, window, window.reader.mark_point(mark))
    next(a for a in menu.actions() if a.text() == "&Delete Claim").trigger()
    menu.close()
    assert mark.annotation_id not in [c.id for c in library.claims.list()]
    window.reader.page.setFocus()
    window.undo_action.trigger()
    assert mark.annotation_id in [c.id for c in library.claims.list()]


def test_the_menu_of_a_mention_inside_a_claim_has_both(
    qtbot, make_window, library: Library
) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    mention_id = _with_mention_in_a_claim(qtbot, window, library)
    menu = _menu_at(qtbot, window, window.reader.mark_point(_mark(window, "mention", mention_id)))
    assert menu.actions()[0].text() == "Claim by US Treasury (disputed)"  # the claim leads
    sub = next(a.menu() for a in menu.actions() if a.menu() and a.text().startswith("Mention"))
    assert sub.title() == "Mention: Uighurs"
    assert _texts(sub) == ["Open &Actor", "&Delete Mention", "Copy Quote with &Citation"]
    next(a for a in sub.actions() if a.text() == "&Delete Mention").trigger()
    menu.close()
    assert mention_id not in [m.id for m in library.mentions.list()]


def test_a_note_is_edited_from_its_mark(qtbot, make_window, library: Library) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    note = window.view.notes[0]
    menu = _menu_at(qtbot, window, window.reader.mark_point(_mark(window, "note", note.id)))
    next(a for a in menu.actions() if a.text() == "&Edit Note…").trigger()
    menu.close()
    dialog = window.dialog
    assert isinstance(dialog, NoteDialog) and dialog.text() == note.note
    dialog.editor.setPlainText("Rewritten.")
    dialog.accept()
    assert library.annotations.get(note.id).note == "Rewritten."
    window.reader.page.setFocus()
    window.undo_action.trigger()
    assert library.annotations.get(note.id).note == note.note


def test_a_suggestion_is_accepted_from_its_mark(qtbot, make_window, library: Library) -> None:
    from briefing.ui.actions.suggestions import suggest_mentions

    window, article_id = sample_window(qtbot, make_window, library)
    op = suggest_mentions(window)
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: window.view.suggestions != ())
    suggestion = window.view.suggestions[0]
    point = window.reader.mark_point(_mark(window, "suggestion", suggestion.id))
    menu = _menu_at(qtbot, window, point)
    assert _texts(menu)[:2] == ["&Accept Suggestion", "&Reject Suggestion"]
    next(a for a in menu.actions() if a.text() == "&Accept Suggestion").trigger()
    menu.close()
    assert suggestion.id not in [s.id for s in library.mentions.pending(article_id=article_id)]


def test_edit_claim_works_with_the_cursor_anywhere_inside_a_claim(
    qtbot, make_window, library: Library
) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    _active(qtbot, window)
    claim = next(c for c in window.view.claims if c.speaker and c.speaker.name == "Wang Wenbin")
    for offset in (claim.start, (claim.start + claim.end) // 2, claim.end - 1):
        window.reader.page.setFocus()
        window.reader.select_span(offset, offset)  # a bare cursor, no selection
        qtbot.keyClick(window.reader.page, Qt.Key.Key_E, CTRL)
        editor = window.dialog
        assert isinstance(editor, ClaimEditor) and editor.isVisible()
        assert editor.speaker.line.text() == "Wang Wenbin"
        editor.reject()
        qtbot.waitUntil(lambda shown=editor: not shown.isVisible())
        window.dialog = None
    # Outside every claim: nothing opens, the status bar says what to do.
    window.reader.page.setFocus()
    window.reader.select_span(0, 0)
    qtbot.keyClick(window.reader.page, Qt.Key.Key_E, CTRL)
    assert window.dialog is None
    assert "Put the cursor anywhere in a claim" in window.statusBar().currentMessage()
    # In the panel, Ctrl+E edits the claim selected there.
    item = next(i for i in window.panel.items("Claims") if i.data(0, IdRole) == claim.id)
    window.panel.tree.setFocus()
    window.panel.tree.setCurrentItem(item)
    qtbot.keyClick(window.panel.tree, Qt.Key.Key_E, CTRL)
    assert isinstance(window.dialog, ClaimEditor)
    window.dialog.reject()


def test_each_status_is_drawn_in_shape_too(qtbot, make_window, library: Library) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    rules = {d.start: d.style for d in window.reader.page.decorations if d.style != "outline"}
    for claim in window.view.claims:
        start = window.reader.document_position(claim.start)
        assert rules.get(start) == CLAIM_RULES[claim.status], claim.status
    # Contested claims (disputed, denied) are broken lines; the others are not.
    assert {CLAIM_RULES["disputed"], CLAIM_RULES["denied"]} == {"dashed", "dotted"}
    assert CLAIM_RULES["asserted"] is None and CLAIM_RULES["corroborated"] == "solid"
    colours = window.reader.colours
    assert colours.claim_of("disputed") != colours.claim_of("asserted")


def test_clicking_a_mention_selects_it_under_its_actors_row(
    qtbot, make_window, library: Library
) -> None:
    """An actor named several times has one row in the panel, its mentions folded under it:
    a click on one of them in the reader opens the row and selects that mention."""
    window, _ = sample_window(qtbot, make_window, library)
    _active(qtbot, window)
    mention_id = _with_mention_in_a_claim(qtbot, window, library)
    write(
        qtbot,
        window,
        lambda lib: (
            lib.mentions.add(
                window.reader.article_id,
                lib.actors.resolve("Uighurs").id,
                Span(*_span_of(lib, window, "Uighur.")),
            ).id
        ),
    )
    qtbot.waitUntil(
        lambda: len([m for m in window.view.mentions if m.actor.name == "Uighurs"]) == 2
    )
    mark = _mark(window, "mention", mention_id)
    viewport = window.reader.page.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=window.reader.mark_point(mark))
    current = window.panel.tree.currentItem()
    assert current is not None and current.data(0, IdRole) == mention_id
    row = current.parent()
    assert row.parent() is not None and row.isExpanded()  # the actor's row, opened
    assert row.text(0).startswith("Uighurs (2)")


def _span_of(library: Library, window: MainWindow, words: str) -> tuple[int, int]:
    text = library.articles.get(window.reader.article_id).text
    start = text.index(words)
    return start, start + len(words) - 1

"""Dialogs about the reader's selection open beside the words, and the words, once marked,
show their new mark rather than the selection's colour over it."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit

from briefing.core import Library
from briefing.ui.actions import annotate
from briefing.ui.dialogs.claim_editor import ClaimEditor
from briefing.ui.dialogs.note import NoteDialog
from briefing.ui.dialogs.placement import GAP, grow_clear_of, keep_clear_of
from briefing.ui.dialogs.tag_actor import TagActorDialog
from briefing.ui.main_window import MainWindow
from tests.ui.helpers import click, dialog_of, sample_window, select


def _words(window: MainWindow) -> QRect:
    """Where the selected words are on the screen (one line)."""
    page = window.reader.page
    cursor = page.textCursor()
    first, last = QTextCursor(cursor), QTextCursor(cursor)
    first.setPosition(cursor.selectionStart())
    last.setPosition(cursor.selectionEnd())
    rect = QRect(page.cursorRect(first).topLeft(), page.cursorRect(last).bottomRight())
    return QRect(page.viewport().mapToGlobal(rect.topLeft()), rect.size())


def _small_window(qtbot, make_window, library: Library) -> MainWindow:
    window, _article = sample_window(qtbot, make_window, library)
    window.resize(780, 560)
    window.move(0, 0)
    qtbot.waitUntil(lambda: window.width() == 780)
    return window


def test_add_note_opens_beside_the_words_and_the_note_then_shows(
    qtbot, make_window, library: Library
) -> None:
    window = _small_window(qtbot, make_window, library)
    start, end = select(window, "postponing")
    words = _words(window)
    assert (
        window.reader.page.viewport()
        .rect()
        .contains(window.reader.page.viewport().mapFromGlobal(words.center()))
    )
    window.note_action.trigger()
    dialog = dialog_of(window, NoteDialog)
    # Centred on the window, it sat over the reader's column and the words in it.
    assert not dialog.frameGeometry().intersects(words)
    assert dialog.screen().availableGeometry().contains(dialog.frameGeometry())

    box = dialog.findChild(QPlainTextEdit)
    qtbot.keyClicks(box, "Watch the new date")
    click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: any(n.note == "Watch the new date" for n in window.view.notes))
    cursor = window.reader.page.textCursor()
    # The selection stayed, its colour over the new mark.
    assert not cursor.hasSelection()
    assert window.reader.cursor_span() == (end, end)


def test_tag_actor_keeps_clear_and_a_highlight_shows_at_once(
    qtbot, make_window, library: Library
) -> None:
    window = _small_window(qtbot, make_window, library)
    select(window, "SenseTime said yesterday")
    words = _words(window)
    window.tag_actor_action.trigger()
    dialog = dialog_of(window, TagActorDialog)
    assert not dialog.frameGeometry().intersects(words)
    dialog.reject()

    _start, end = select(window, "postponing")
    highlights = len(window.view.highlights)
    window.highlight_action.trigger()
    qtbot.waitUntil(lambda: len(window.view.highlights) == highlights + 1)
    assert not window.reader.page.textCursor().hasSelection()
    assert window.reader.cursor_span() == (end, end)


def test_a_tall_dialog_is_made_shorter_to_leave_the_words_in_view(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.setMinimumSize(300, 160)
    area = dialog.screen().availableGeometry()
    dialog.resize(area.width() - 40, area.height() - 40)
    dialog.show()
    qtbot.waitExposed(dialog)
    # Words a third of the way down: the dialog fits neither below nor above them whole.
    words = QRect(area.left() + 100, area.top() + area.height() // 3, 200, 20)
    assert dialog.frameGeometry().intersects(words)
    assert keep_clear_of(dialog, words)
    frame = dialog.frameGeometry()
    assert not frame.intersects(words)
    assert area.contains(frame)
    assert frame.top() > words.bottom()  # below, where there is more room
    assert dialog.height() >= 160

    # With no room for its least height either side, nor beside, it stays where it is.
    dialog.setMinimumSize(area.width() - 40, area.height() - 60)
    before = dialog.frameGeometry()
    assert not keep_clear_of(dialog, QRect(area.left(), area.center().y(), area.width(), 20))
    assert dialog.frameGeometry() == before


def test_edit_claim_opens_beside_the_claim(qtbot, make_window, library: Library) -> None:
    window = _small_window(qtbot, make_window, library)
    claim = next(c for c in library.claims.list() if c.quote.startswith("caught in the middle"))
    window.reader.scroll_to_offset(claim.start)
    window.reader.select_span(claim.start, claim.start)  # the cursor in it, nothing selected
    editor = annotate.edit_claim(window, claim.id)
    assert editor is not None and editor.isVisible()
    page = window.reader.page
    first = QTextCursor(page.document())
    first.setPosition(window.reader.document_position(claim.start))
    top = page.viewport().mapToGlobal(page.cursorRect(first).topLeft())
    assert not editor.frameGeometry().contains(top)


def test_a_dialog_that_fits_whole_beside_the_words_goes_there_before_it_is_made_shorter(
    qtbot,
) -> None:
    """The claim editor scrolls, so it could always be made short enough to go below the
    words: it went there a third of its height with the room for all of it beside them."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.setMinimumSize(200, 120)
    area = dialog.screen().availableGeometry()
    dialog.resize(area.width() // 3, area.height() * 2 // 3)
    dialog.show()
    qtbot.waitExposed(dialog)
    extra = dialog.frameGeometry().size() - dialog.size()
    whole = dialog.frameGeometry().size()
    # Words in the middle of the left half: neither below nor above has room for it whole.
    words = QRect(area.left() + 40, area.center().y() - 10, area.width() // 3, 20)
    assert keep_clear_of(dialog, words)
    frame = dialog.frameGeometry()
    assert not frame.intersects(words) and area.contains(frame)
    assert frame.left() > words.right()  # beside them
    assert dialog.size() + extra == whole  # not made shorter


def test_the_claim_editor_grows_off_the_words_when_a_folded_part_is_opened(
    qtbot, make_window, library: Library
) -> None:
    window = _small_window(qtbot, make_window, library)
    select(window, "SenseTime said yesterday it was postponing")
    words = _words(window)
    window.claim_action.trigger()
    editor = dialog_of(window, ClaimEditor)
    area = editor.screen().availableGeometry()
    # Fitted for a screen shorter than the whole form, the empty parts fold; placed off
    # the words as the app places it.
    editor.fit_to(QRect(area.topLeft(), QSize(area.width(), 600)))
    assert keep_clear_of(editor, words)
    assert not editor.sources_section.is_open()
    before = editor.height()
    click(qtbot, editor.sources_section.header)
    assert editor.sources_section.is_open()
    qtbot.waitUntil(lambda: editor.height() > before)
    frame = editor.frameGeometry()
    assert area.contains(frame) and not frame.intersects(words)
    # Down to the screen's foot already, and the words just above it: no more room, the
    # form scrolls instead.
    assert frame.bottom() == area.bottom()
    click(qtbot, editor.links_section.header)
    assert editor.links_section.is_open()
    assert editor.frameGeometry() == frame
    assert editor.scroll.verticalScrollBar().maximum() > 0


def test_a_dialog_above_the_words_grows_upward(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.setMinimumSize(200, 100)
    area = dialog.screen().availableGeometry()
    dialog.resize(300, 200)
    dialog.show()
    qtbot.waitExposed(dialog)
    words = QRect(area.left() + 50, area.bottom() - 150, 400, 40)  # near the screen's foot
    assert keep_clear_of(dialog, words)
    assert dialog.frameGeometry().bottom() < words.top()  # above them
    grow_clear_of(dialog, 400)
    grown = dialog.frameGeometry()
    assert dialog.height() == 400
    assert area.contains(grown) and not grown.intersects(words)
    grow_clear_of(dialog, area.height() * 2)  # more than the screen: as much as there is
    grown = dialog.frameGeometry()
    assert grown.top() == area.top() and grown.bottom() == words.top() - GAP - 1

"""Add Note from the keyboard alone: Tab leaves the box, Ctrl+Enter saves, lines wrap."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPlainTextEdit

from briefing.core import Library
from briefing.ui.dialogs.note import NoteDialog
from tests.ui.helpers import sample_window, select

CTRL = Qt.KeyboardModifier.ControlModifier


def _note_dialog(qtbot, make_window, library: Library):  # noqa: ANN202
    window, article_id = sample_window(qtbot, make_window, library)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    select(window, "blacklisted")
    window.reader.page.setFocus()
    qtbot.keyClick(window.reader.page, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.dialog
    assert isinstance(dialog, NoteDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.editor)
    return window, article_id, dialog


def test_ctrl_enter_saves_the_note(qtbot, make_window, library: Library) -> None:
    window, article_id, dialog = _note_dialog(qtbot, make_window, library)
    before = {a.id for a in library.annotations.for_article(article_id)}
    qtbot.keyClicks(dialog.editor, "First line")
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Return)  # Enter is a new line, not OK
    qtbot.keyClicks(dialog.editor, "second line")
    assert dialog.isVisible()
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Return, CTRL)
    assert not dialog.isVisible()
    (note,) = [a for a in library.annotations.for_article(article_id) if a.id not in before]
    assert (note.kind, note.quote, note.note) == ("note", "blacklisted", "First line\nsecond line")


def test_tab_leaves_the_box_for_the_buttons(qtbot, make_window, library: Library) -> None:
    _window, _article_id, dialog = _note_dialog(qtbot, make_window, library)
    editor = dialog.editor
    assert editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    qtbot.keyClicks(editor, "A note")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "A note"  # no tab typed
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    seen = [QApplication.focusWidget()]
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert save in seen  # Save is reachable from the keyboard
    save.setFocus()
    qtbot.keyClick(save, Qt.Key.Key_Space)
    assert not dialog.isVisible()


def test_an_empty_note_cannot_be_saved(qtbot, make_window, library: Library) -> None:
    _window, article_id, dialog = _note_dialog(qtbot, make_window, library)
    count = len(library.annotations.for_article(article_id))
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    qtbot.keyClicks(dialog.editor, "   ")
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and len(library.annotations.for_article(article_id)) == count
    dialog.reject()

"""The claim editor from the keyboard: the About field's completion list is readable, and
Enter there takes the name, not the whole dialog; no wider than a laptop's screen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefing.core import Library
from briefing.ui.dialogs.claim_editor import ClaimEditor
from tests.ui.helpers import dialog_of, sample_window, select

QUOTE = "SenseTime said yesterday it was postponing"


def test_the_about_completion_is_wide_enough_to_read_and_enter_only_adds_it(
    qtbot, make_window, library: Library
) -> None:
    window, _article = sample_window(qtbot, make_window, library)
    claims = len(library.claims.list())
    select(window, QUOTE)
    window.claim_action.trigger()
    editor = dialog_of(window, ClaimEditor)
    line = editor.about_field.line
    editor.activateWindow()
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)  # the line takes a completion only while focused
    qtbot.keyClicks(line, "U")
    popup = line.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    names = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
    assert "UN experts and researchers" in names
    widest = max(popup.fontMetrics().horizontalAdvance(name) for name in names)
    # The list was as wide as a squeezed line: a few pixels, showing "…".
    assert popup.viewport().width() >= widest
    assert line.width() >= line.fontMetrics().averageCharWidth() * 10

    # Enter in the list takes the completion; Enter in the field adds it to About.
    for _ in range(names.index("UN experts and researchers") + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert line.text() == "UN experts and researchers"
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert editor.isVisible()  # the dialog was saved here, with the claim half made
    assert [editor.about_list.item(i).text() for i in range(editor.about_list.count())] == [
        "UN experts and researchers"
    ]
    assert line.text() == ""
    assert len(library.claims.list()) == claims

    # With nothing typed, Enter is the dialog's again: it saves.
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor.isVisible())
    (claim,) = [c for c in library.claims.list() if c.quote == QUOTE]
    assert [a.name for a in claim.about] == ["UN experts and researchers"]


def test_a_long_source_title_does_not_widen_the_editor_past_a_laptop_screen(
    qtbot, make_window, library: Library
) -> None:
    """The Existing source box was as wide as the longest title in the library, and the
    editor with it: at 1024 pixels its Cancel button was off the screen once the speaker's
    kind chooser showed."""
    library.sources.add(
        "Statement by the Ministry of Foreign Affairs on the designation of Chinese "
        "technology companies by the United States Department of the Treasury, 10 Dec 2021",
        kind="statement",
    )
    window, _article = sample_window(qtbot, make_window, library)
    select(window, QUOTE)
    window.claim_action.trigger()
    editor = dialog_of(window, ClaimEditor)
    editor.speaker.line.setText("A new speaker")  # its kind chooser shows
    assert editor.speaker.kind.isVisible()
    assert editor.minimumSizeHint().width() <= 1000

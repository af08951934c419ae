"""The claim editor from the keyboard: the About field's completion list is readable, and
Enter there takes the name, not the whole dialog; on a laptop's screen, one column that fits,
its buttons in sight, Tab going through it as it reads."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialogButtonBox, QLabel, QWidget

from briefing.core import Library
from briefing.ui.actions import annotate
from briefing.ui.dialogs.claim_editor import ClaimEditor
from tests.ui.helpers import click, dialog_of, sample_window, select

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
    for section in (editor.sources_section, editor.links_section):
        section.set_open(True)  # the source chooser in the layout
    editor.layout().activate()
    assert editor.sources.existing.isVisible()
    assert editor.minimumSizeHint().width() <= 700


# Laptops' screens, as the room they leave a window (logical pixels): 1024x640 and 1280x720
# at scale 1, 1920x1080 at scale factor 2.
SCREENS = {"1024x640": (1024, 640), "1280x720": (1280, 720), "1920x1080@2": (960, 540)}


def _editor(qtbot, make_window, library: Library, *, edit: bool) -> ClaimEditor:
    """The editor as the reader opens it: on the US Treasury's claim (two sources, a
    relation, two subjects), or marking new words."""
    window, _article = sample_window(qtbot, make_window, library)
    if edit:
        claim = next(c for c in library.claims.list() if c.links and len(c.about) > 1)
        editor = annotate.edit_claim(window, claim.id)
    else:
        select(window, QUOTE)
        window.claim_action.trigger()
        editor = dialog_of(window, ClaimEditor)
    assert isinstance(editor, ClaimEditor)
    return editor


def _fields(editor: ClaimEditor) -> list[QWidget]:
    """What Tab stops at in the form, in the order of the focus chain from the quote."""
    body = editor.scroll.widget()
    reached, widget = [], editor.quote
    for _ in range(200):
        if widget.isVisibleTo(editor) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            if body.isAncestorOf(widget) and widget.isEnabled():
                reached.append(widget)
        widget = widget.nextInFocusChain()
        if widget is editor.quote:
            break
    return reached


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("edit", [True, False], ids=["edit", "new"])
def test_the_editor_fits_a_laptop_screen_in_one_column(
    qtbot, make_window, library: Library, screen: str, edit: bool
) -> None:
    """It was two columns 1,040 pixels wide: past a 1024-pixel screen's edge, and at
    1920x1080 at scale 2 (960x540) its buttons were below the screen."""
    width, height = SCREENS[screen]
    area = QRect(0, 0, width, height)
    editor = _editor(qtbot, make_window, library, edit=edit)
    editor.fit_to(area)
    body = editor.scroll.widget()
    # The scroll area sets its bar and the form's width as its layout settles.
    qtbot.waitUntil(lambda: body.width() <= editor.scroll.viewport().width())
    assert 600 <= editor.width() <= 700
    frame = editor.frameGeometry().size()  # with the frame, where one is known
    assert frame.width() <= width and frame.height() <= height
    # The buttons in the editor, not off its edge, and the form above them.
    for button in editor.buttons.buttons():
        assert editor.rect().contains(QRect(button.mapTo(editor, QPoint(0, 0)), button.size()))
    scroll = QRect(editor.scroll.mapTo(editor, QPoint(0, 0)), editor.scroll.size())
    assert scroll.bottom() < editor.buttons.mapTo(editor, QPoint(0, 0)).y()
    # Every field inside the form's width: none cut off at its right edge.
    for field in _fields(editor):
        place = QRect(field.mapTo(body, QPoint(0, 0)), field.size())
        assert place.left() >= 0 and place.right() <= body.width(), field.accessibleName()
    # Sources and relations: open when the claim has some, folded when empty and the form
    # could not be seen whole; a heading says how many either way.
    assert editor.sources_section.is_open() == edit
    assert editor.links_section.is_open() == edit
    assert editor.sources_section.header.text() == ("Sou&rces (2)" if edit else "Sou&rces (none)")


def test_on_a_tall_screen_nothing_is_folded_or_scrolled(
    qtbot, make_window, library: Library
) -> None:
    editor = _editor(qtbot, make_window, library, edit=False)
    editor.sources_section.set_open(False)
    editor.links_section.set_open(False)
    editor.sources_section.set_open(True)
    editor.links_section.set_open(True)
    editor.fit_to(QRect(0, 0, 1920, 1200))
    assert editor.sources_section.is_open() and editor.links_section.is_open()
    assert editor.height() >= editor.scroll.widget().sizeHint().height()
    assert 600 <= editor.width() <= 700


@pytest.mark.parametrize("edit", [True, False], ids=["edit", "new"])
def test_tab_goes_through_the_form_as_it_reads_and_shows_each_field(
    qtbot, make_window, library: Library, edit: bool
) -> None:
    """At 1920x1080 at scale 2 (960x540), the form scrolled: Tab from the quote to Cancel
    visits the fields top to bottom, left to right in a row, and the whole of each is in
    view when reached."""
    editor = _editor(qtbot, make_window, library, edit=edit)
    editor.fit_to(QRect(0, 0, 960, 540))
    for section in (editor.sources_section, editor.links_section):
        section.set_open(True)  # everything to go through, so the form scrolls
    qtbot.waitUntil(lambda: editor.scroll.verticalScrollBar().maximum() > 0)  # taller than its view
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.quote.setFocus()
    qtbot.waitUntil(editor.quote.hasFocus)
    body, view = editor.scroll.widget(), editor.scroll.viewport()
    expected = _fields(editor)
    cancel = editor.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    ok = editor.buttons.button(QDialogButtonBox.StandardButton.Ok)
    reached: list[QWidget] = []
    for _ in range(len(expected) + 2):
        widget = QApplication.focusWidget()
        reached.append(widget)
        if body.isAncestorOf(widget):
            seen = QRect(widget.mapTo(view, QPoint(0, 0)), widget.size())
            assert view.rect().contains(seen), widget.accessibleName()
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert reached == [*expected, ok, cancel]
    # Back from the buttons, with the form scrolled to its top: QScrollArea follows Tab only
    # between its own fields, and the last of them stayed out of sight below.
    editor.scroll.verticalScrollBar().setValue(0)
    ok.setFocus()
    qtbot.waitUntil(ok.hasFocus)
    qtbot.keyClick(ok, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    last = QApplication.focusWidget()
    assert last is expected[-1]
    assert view.rect().contains(QRect(last.mapTo(view, QPoint(0, 0)), last.size()))
    places = [QRect(w.mapTo(body, QPoint(0, 0)), w.size()) for w in expected]
    for n in range(1, len(places)):
        a, b = places[n - 1], places[n]
        same_row = abs(a.center().y() - b.center().y()) < a.height() // 2
        below = b.top() >= a.center().y()
        assert below or (same_row and b.left() > a.left()), (
            expected[n - 1].accessibleName(),
            expected[n].accessibleName(),
        )


def test_enter_in_the_speaker_completion_takes_it_without_saving(
    qtbot, make_window, library: Library
) -> None:
    editor = _editor(qtbot, make_window, library, edit=False)
    claims = len(library.claims.list())
    line = editor.speaker.line
    editor.activateWindow()
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    qtbot.keyClicks(line, "Sense")
    popup = line.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert line.text() == "SenseTime"
    assert editor.isVisible() and len(library.claims.list()) == claims

    # Ctrl+Enter saves from any field.
    qtbot.keyClick(editor.tags, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.isVisible())
    (claim,) = [c for c in library.claims.list() if c.quote == QUOTE]
    assert claim.speaker is not None and claim.speaker.name == "SenseTime"


def test_a_folded_heading_opens_from_the_keyboard_and_counts_what_is_added(
    qtbot, make_window, library: Library
) -> None:
    editor = _editor(qtbot, make_window, library, edit=False)
    editor.fit_to(QRect(0, 0, 1024, 640))
    section, header = editor.sources_section, editor.sources_section.header
    assert not section.is_open() and not editor.sources.isVisible()
    editor.activateWindow()
    header.setFocus()
    qtbot.waitUntil(header.hasFocus)
    qtbot.keyClick(header, Qt.Key.Key_Space)
    assert section.is_open() and editor.sources.isVisible()
    editor.sources.existing.setCurrentIndex(0)
    click(qtbot, editor.sources.link)
    assert header.text() == "Sou&rces (1)"
    assert header.accessibleName() == "Sources, 1"
    # Its fields came into view as it opened: the heading at least, at the top if need be.
    view = editor.scroll.viewport()
    seen = QRect(header.mapTo(view, QPoint(0, 0)), header.size())
    assert view.rect().contains(seen)
    qtbot.keyClick(header, Qt.Key.Key_Space)
    assert not section.is_open() and header.text() == "Sou&rces (1)"
    # What it holds is saved folded or not.
    click(qtbot, editor.buttons.button(QDialogButtonBox.StandardButton.Ok))
    (claim,) = [c for c in library.claims.list() if c.quote == QUOTE]
    assert len(claim.sources) == 1


def test_each_alt_key_goes_to_one_field(qtbot, make_window, library: Library) -> None:
    """Grade and Tags both answered Alt+G: the second press went to the other one."""
    editor = _editor(qtbot, make_window, library, edit=True)
    keys: dict[str, str] = {}
    for widget in editor.findChildren(QLabel) + editor.findChildren(QAbstractButton):
        text = widget.text()
        at = text.find("&")
        if at >= 0 and at + 1 < len(text):
            key = text[at + 1].casefold()
            assert key not in keys, (keys[key], text)
            keys[key] = text
    assert len(keys) >= 9  # quote to note, the two headings


def test_enter_in_a_new_source_s_title_adds_it_without_saving(
    qtbot, make_window, library: Library
) -> None:
    """Enter there saved the claim, the source typed left out of it."""
    editor = _editor(qtbot, make_window, library, edit=False)
    claims = len(library.claims.list())
    editor.sources_section.set_open(True)
    sources = editor.sources
    editor.activateWindow()
    sources.title.setFocus()
    qtbot.waitUntil(sources.title.hasFocus)
    qtbot.keyClicks(sources.title, "IPO prospectus")
    qtbot.keyClick(sources.title, Qt.Key.Key_Return)
    assert editor.isVisible() and len(library.claims.list()) == claims
    assert sources.list.topLevelItemCount() == 1 and sources.title.text() == ""
    assert editor.sources_section.header.text() == "Sou&rces (1)"
    # Empty, Enter is the dialog's again: it saves, with the source.
    qtbot.keyClick(sources.title, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor.isVisible())
    (claim,) = [c for c in library.claims.list() if c.quote == QUOTE]
    assert [s.title for s in claim.sources] == ["IPO prospectus"]

"""Annotating from the reader's selection, through the real actions and dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from briefing.core import Library
from briefing.ui.dialogs.claim_editor import ClaimEditor
from briefing.ui.dialogs.note import NoteDialog
from briefing.ui.dialogs.tag_actor import TagActorDialog
from briefing.ui.widgets.annotation_panel import IdRole
from tests.ui.helpers import click, dialog_of, sample_window, select

# Qt's offscreen platform warns when a window or popup (the completer) is shown; not ours.

QUOTE = "SenseTime said yesterday it was postponing"


def _ok(dialog) -> None:  # noqa: ANN001
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def test_mark_a_selection_as_a_claim_with_speaker_and_grade(
    qtbot, make_window, library: Library
) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    before = {c.id for c in library.claims.list()}
    start, end = select(window, QUOTE)
    window.claim_action.trigger()
    editor = dialog_of(window, ClaimEditor)
    assert editor.quote.toPlainText() == QUOTE
    qtbot.keyClicks(editor.speaker.line, "senseTime")
    assert editor.speaker.status.text() == "✓"
    qtbot.keyClicks(editor.about_field.line, "Beijing")  # an alias of China
    click(qtbot, editor.about_add)
    editor.grade.setCurrentIndex(editor.grade.findData(2))
    editor.status.setCurrentText("corroborated")
    qtbot.keyClicks(editor.tags, "ipo, markets")
    click(qtbot, _ok(editor))

    assert not editor.isVisible()
    (claim,) = [c for c in library.claims.list() if c.id not in before]
    assert (claim.article_id, claim.start, claim.end, claim.quote) == (
        article_id,
        start,
        end,
        QUOTE,
    )
    assert claim.speaker.name == "SenseTime"
    assert [a.name for a in claim.about] == ["China"]
    assert (claim.grade, claim.status) == (2, "corroborated")
    assert [t.casefold() for t in claim.tags] == ["ipo", "markets"]
    assert window.undo_action.text() == "&Undo Add claim (Reader)"
    assert any(item.data(0, Qt.ItemDataRole.UserRole + 1) == claim.id
               for item in window.panel.items("Claims"))  # fmt: skip


def test_a_new_speaker_and_a_new_source_are_made_inline(
    qtbot, make_window, library: Library
) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    select(window, QUOTE)
    window.claim_action.trigger()
    editor = dialog_of(window, ClaimEditor)
    qtbot.keyClicks(editor.speaker.line, "Hong Kong Exchanges")
    assert editor.speaker.kind.isVisibleTo(editor)
    editor.speaker.kind.setCurrentText("organisation")
    # A new claim's sources and relations are folded when the form is taller than the
    # screen (the offscreen one is 800 pixels high): opened as the reader would.
    for section in (editor.sources_section, editor.links_section):
        if not section.is_open():
            click(qtbot, section.header)
        assert section.is_open()
    sources = editor.sources
    sources.kind.setCurrentText("document")
    qtbot.keyClicks(sources.title, "IPO prospectus")
    sources.grade.setCurrentIndex(sources.grade.findData("B"))
    sources.new_relation.setCurrentText("supports")
    click(qtbot, sources.add_new)
    sources.existing.setCurrentIndex(0)
    click(qtbot, sources.link)
    links = editor.links
    links.relation.setCurrentText("contradicts")
    links.other.setCurrentIndex(0)
    click(qtbot, links.link)
    other_id = links.other.currentData()
    click(qtbot, _ok(editor))

    (claim,) = library.claims.list(actor="Hong Kong Exchanges")
    assert library.actors.resolve("Hong Kong Exchanges").kind == "organisation"
    relations = {s.title: (s.kind, s.grade, s.relation) for s in claim.sources}
    assert relations["IPO prospectus"] == ("document", "B", "supports")
    assert len(relations) == 2
    assert [(link.claim_id, link.relation, link.outgoing) for link in claim.links] == [
        (other_id, "contradicts", True)
    ]


def test_double_click_edits_a_claim_and_ctrl_enter_saves(
    qtbot, make_window, library: Library
) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    item = window.panel.items("Claims")[0]
    claim_id = item.data(0, Qt.ItemDataRole.UserRole + 1)
    before = library.claims.get(claim_id)
    tree = window.panel.tree
    tree.scrollToItem(item)
    centre = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    editor = dialog_of(window, ClaimEditor)
    assert editor.speaker.line.text() == before.speaker.name
    assert editor.status.currentText() == before.status
    editor.status.setCurrentText("denied")
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not editor.isVisible()
    after = library.claims.get(claim_id)
    assert after.status == "denied"
    assert (after.speaker, after.about, after.sources, after.links) == (
        before.speaker,
        before.about,
        before.sources,
        before.links,
    )
    window.undo_action.trigger()
    assert library.claims.get(claim_id) == before


def test_tag_an_actor_mention(qtbot, make_window, library: Library) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    before = {m.id for m in library.mentions.list()}
    start, end = select(window, "Tang Xiao'ou", 1)
    window.tag_actor_action.trigger()
    dialog = dialog_of(window, TagActorDialog)
    assert dialog.actor.line.text() == "Tang Xiao'ou"
    click(qtbot, _ok(dialog))
    (mention,) = [m for m in library.mentions.list() if m.id not in before]
    assert (mention.article_id, mention.start, mention.end) == (article_id, start, end)
    assert mention.actor.name == "Tang Xiao'ou"


def test_undoing_a_tag_of_a_new_actor_takes_the_actor_away_too(
    qtbot, make_window, library: Library
) -> None:
    window, _article_id = sample_window(qtbot, make_window, library)
    actors = {a.actor.id for a in library.actors.list()}
    select(window, "initial public offering")
    window.tag_actor_action.trigger()
    dialog = dialog_of(window, TagActorDialog)
    dialog.actor.line.setText("The IPO")
    click(qtbot, _ok(dialog))
    (made,) = {a.actor.id for a in library.actors.list()} - actors
    window.undo_action.trigger()
    assert {a.actor.id for a in library.actors.list()} == actors
    window.redo_action.trigger()
    assert library.actors.get(made).name == "The IPO"
    assert [
        m.actor.id for m in library.mentions.list() if m.quote == "initial public offering"
    ] == [made]


def test_highlight_and_note(qtbot, make_window, library: Library) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    before = {a.id for a in library.annotations.for_article(article_id)}
    start, end = select(window, "initial public offering")
    window.highlight_action.trigger()
    select(window, "blacklisted")
    window.note_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, NoteDialog)
    qtbot.keyClicks(dialog.editor, "Check the date of the listing.")
    dialog.accept()
    added = [a for a in library.annotations.for_article(article_id) if a.id not in before]
    assert [(a.kind, a.quote, a.note) for a in added] == [
        ("highlight", "initial public offering", ""),
        ("note", "blacklisted", "Check the date of the listing."),
    ]


def test_a_new_claim_is_the_panels_current_item(qtbot, make_window, library: Library) -> None:
    """A first-user trip: after marking a claim the panel kept the one selected before, and
    the new one was to be found among the others."""
    window, _article_id = sample_window(qtbot, make_window, library)
    first = window.panel.tree.topLevelItem(0).child(0)
    window.panel.tree.setCurrentItem(first)
    before = {c.id for c in library.claims.list()}
    select(window, QUOTE)
    window.claim_action.trigger()
    editor = dialog_of(window, ClaimEditor)
    click(qtbot, editor.buttons.button(editor.buttons.StandardButton.Ok))
    (claim,) = [c for c in library.claims.list() if c.id not in before]
    assert window.panel.tree.currentItem().data(0, IdRole) == claim.id


def test_a_hint_is_taken_back_once_the_action_goes_ahead(
    qtbot, make_window, library: Library
) -> None:
    """A first-user trip: "Select some text in the article first" stayed up for ten seconds
    over the claim editor the reader had opened since; a later message is left alone."""
    window, _article_id = sample_window(qtbot, make_window, library)
    window.claim_action.trigger()
    assert "Select some text" in window.statusBar().currentMessage()
    select(window, QUOTE)
    window.claim_action.trigger()
    assert dialog_of(window, ClaimEditor) is not None
    assert window.statusBar().currentMessage() == ""
    window.dialog.reject()
    cursor = window.reader.page.textCursor()
    cursor.clearSelection()
    window.reader.page.setTextCursor(cursor)
    window.highlight_action.trigger()  # nothing selected any more: the hint again
    assert "Select some text" in window.statusBar().currentMessage()
    window.statusBar().showMessage("Imported 3 articles")
    select(window, "initial public offering")
    window.highlight_action.trigger()
    assert window.statusBar().currentMessage() == "Imported 3 articles"


def test_an_empty_or_header_selection_says_so(qtbot, make_window, library: Library) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    count = len(library.annotations.for_article(article_id))
    window.highlight_action.trigger()
    assert "Select some text" in window.statusBar().currentMessage()
    cursor = window.reader.page.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(5, cursor.MoveMode.KeepAnchor)  # inside the title
    window.reader.page.setTextCursor(cursor)
    window.claim_action.trigger()
    assert "title and byline" in window.statusBar().currentMessage()
    assert window.dialog is None
    assert len(library.annotations.for_article(article_id)) == count


def test_shortcuts_work_from_the_reader(qtbot, make_window, library: Library) -> None:
    window, article_id = sample_window(qtbot, make_window, library)
    window.activateWindow()
    window.reader.page.setFocus()
    qtbot.waitUntil(window.isActiveWindow)
    select(window, "initial public offering")
    qtbot.keyClick(window.reader.page, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    quotes = [a.quote for a in library.annotations.for_article(article_id, kind="highlight")]
    assert "initial public offering" in quotes
    qtbot.keyClick(window.reader.page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    quotes = [a.quote for a in library.annotations.for_article(article_id, kind="highlight")]
    assert "initial public offering" not in quotes


def test_every_claim_field_is_reached_by_tab(qtbot, make_window, library: Library) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    select(window, QUOTE)
    window.claim_action.trigger()
    editor = dialog_of(window, ClaimEditor)
    for section in (editor.sources_section, editor.links_section):
        section.set_open(True)  # folded, their fields are not in view to reach
    reached, widget = [], editor.quote
    for _ in range(200):
        widget = widget.nextInFocusChain()
        if widget is editor.quote:
            break
        if widget.isVisibleTo(editor) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            reached.append(widget)
    names = [w.accessibleName() for w in reached]
    for name in (
        "Speaker",
        "Add an actor it is about",
        "Status",
        "Credibility grade",
        "Tags",
        "Note",
        "Existing source",
        "Title of the new source",
        "URL of the new source",
        "Reliability of the new source",
        "Other claim",
    ):
        assert name in names, name
    assert names.index("Speaker") < names.index("Status") < names.index("Note")
    assert [w.accessibleName() for w in reached if w.accessibleName() and not w.toolTip()] == []

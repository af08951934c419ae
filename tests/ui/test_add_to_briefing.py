"""Claims reach a briefing from the reader: Ctrl+Shift+B on the claim at the cursor or on the
claims selected in the panel, a drag from the panel into the workspace's tree, and opening a
claim in its article from elsewhere (`MainWindow.show_annotation`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMenu, QTreeWidgetItem

from briefing.core import Library
from briefing.core.sample import SampleLoaded, load_sample
from briefing.ui.main_window import MainWindow
from briefing.ui.widgets.annotation_panel import IdRole
from briefing.ui.workspace.mime import CLAIMS_MIME, ids_in
from briefing.ui.workspace.window import WorkspaceWindow
from tests.ui.test_workspace_helpers import CTRL_SHIFT, layout, section_index

B = Qt.Key.Key_B


def _shown(qtbot, make_window, library: Library) -> tuple[MainWindow, SampleLoaded]:
    sample = load_sample(library)
    window = make_window(library)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_article(sample.article_id)
    return window, sample


def _press(qtbot, window: MainWindow, widget) -> None:  # noqa: ANN001 - any widget
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()
    qtbot.keyClick(widget, B, CTRL_SHIFT)


def _claim_items(window: MainWindow, ids: list[int]) -> list[QTreeWidgetItem]:
    found = [item for item in window.panel.items("Claims") if item.data(0, IdRole) in ids]
    assert len(found) == len(ids)
    return found


def _workspace(window: MainWindow) -> WorkspaceWindow:
    workspace = window.findChild(WorkspaceWindow)
    assert workspace is not None
    return workspace


def test_the_shortcut_in_the_reader_adds_the_claim_at_the_cursor(
    qtbot, make_window, library: Library
) -> None:
    window, sample = _shown(qtbot, make_window, library)
    claim = library.claims.get(sample.claims["c2"])
    window.reader.select_span(claim.start + 3, claim.start + 3)  # a bare cursor inside it
    _press(qtbot, window, window.reader.page)

    workspace = _workspace(window)
    assert workspace.isVisible()
    briefings = library.briefings.list()
    assert len(briefings) == 1  # there was none: one was made for the claim
    items = library.briefings.get(briefings[0].id).items
    assert [item.claim_id for item in items] == [claim.id]
    assert "Added claim to" in window.statusBar().currentMessage()

    _press(qtbot, window, window.reader.page)  # again: it is there already
    assert len(library.briefings.get(briefings[0].id).items) == 1
    assert "Already in" in window.statusBar().currentMessage()

    window.undo_stack.undo()  # the addition is one undoable step
    assert library.briefings.get(briefings[0].id).items == ()


def test_the_shortcut_in_the_panel_adds_every_selected_claim(
    qtbot, make_window, library: Library
) -> None:
    window, sample = _shown(qtbot, make_window, library)
    briefing_id = library.briefings.new("Designation")
    wanted = [sample.claims["c1"], sample.claims["c4"]]
    for item in _claim_items(window, wanted):
        item.setSelected(True)
    _press(qtbot, window, window.panel.tree)
    items = library.briefings.get(briefing_id).items
    assert sorted(item.claim_id for item in items) == sorted(wanted)


def test_the_shortcut_outside_a_claim_says_so_and_adds_nothing(
    qtbot, make_window, library: Library
) -> None:
    window, _sample = _shown(qtbot, make_window, library)
    window.reader.select_span(0, 0)  # the first words: no claim there
    _press(qtbot, window, window.reader.page)
    assert library.briefings.list() == []
    assert window.findChild(WorkspaceWindow) is None
    assert "Put the cursor in a claim" in window.statusBar().currentMessage()


def test_claims_drag_from_the_panel_into_the_workspace(
    qtbot, make_window, library: Library
) -> None:
    window, sample = _shown(qtbot, make_window, library)
    wanted = [sample.claims["c3"], sample.claims["c5"]]
    items = _claim_items(window, wanted)
    mention = window.panel.items("Actor mentions")[0]
    data = window.panel.tree.mimeData([*items, mention])  # mentions do not come along
    assert sorted(ids_in(data, CLAIMS_MIME)) == sorted(wanted)
    assert window.panel.tree.mimeData([mention]) is None  # nothing to drag

    window.workspace_action.trigger()
    workspace = _workspace(window)
    briefing_id = library.briefings.new("Drag")
    workspace.reload()
    workspace.select_briefing(briefing_id)
    library.briefings.add_note(briefing_id, "first", section="Findings")
    workspace.reload()
    target = section_index(workspace, "Findings")
    workspace.tree_model.dropMimeData(data, Qt.DropAction.CopyAction, -1, 0, target)
    qtbot.waitUntil(lambda: len(layout(workspace)[0][1]) == 3)
    added = {f"c{i}" for i in wanted}
    assert set(layout(workspace)[0][1]) == {"note", *added}


def test_show_annotation_opens_the_article_at_the_claim(
    qtbot, make_window, library: Library
) -> None:
    window, sample = _shown(qtbot, make_window, library)
    other_id = library.imports.text("A second article about something else entirely.\n").id
    window.open_article(other_id, select=True)
    claim = library.claims.get(sample.claims["c6"])
    assert window.show_annotation(sample.article_id, claim.id)
    assert window.reader.article_id == sample.article_id
    assert window.reader.cursor_span() == (claim.start, claim.end)
    assert window.library_pane.current_id == sample.article_id


def test_adding_from_the_reader_leaves_the_focus_in_the_reader(
    qtbot, make_window, library: Library
) -> None:
    window, sample = _shown(qtbot, make_window, library)
    for key in ("c1", "c2"):
        claim = library.claims.get(sample.claims[key])
        window.reader.select_span(claim.start, claim.end)
        _press(qtbot, window, window.reader.page)
        qtbot.waitUntil(window.isActiveWindow)  # the workspace showed, the reader kept going
    assert _workspace(window).isVisible()
    (briefing,) = library.briefings.list()
    assert len(library.briefings.get(briefing.id).items) == 2


def _asked(qtbot, window: MainWindow) -> QMenu:
    menu = _workspace(window).menu
    assert isinstance(menu, QMenu)
    qtbot.waitUntil(menu.isVisible)
    return menu


def test_add_to_briefing_asks_which_section_and_remembers_the_last(
    qtbot, make_window, library: Library
) -> None:
    window, sample = _shown(qtbot, make_window, library)
    briefing_id = library.briefings.new("Designation")
    library.briefings.add_claims(briefing_id, [sample.claims["c1"]], section="The designation")
    library.briefings.add_note(briefing_id, "Their answer.", section="SenseTime's response")
    claim = library.claims.get(sample.claims["c2"])
    window.reader.select_span(claim.start + 1, claim.start + 1)
    _press(qtbot, window, window.reader.page)

    menu = _asked(qtbot, window)
    entries = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert entries == ["The designation  (1)", "SenseTime's response  (1)", "&New Section…"]
    assert library.briefings.get(briefing_id).items[-1].kind == "note"  # nothing added yet
    menu.actions()[1].trigger()
    menu.close()
    sections = library.briefings.get(briefing_id).sections
    assert [i.claim_id for i in sections[1].items] == [None, claim.id]
    assert "▸ SenseTime's response" in window.statusBar().currentMessage()

    # The next time, the section picked last is the menu's active entry: Enter takes it.
    other = library.claims.get(sample.claims["c6"])
    window.reader.select_span(other.start + 1, other.start + 1)
    _press(qtbot, window, window.reader.page)
    menu = _asked(qtbot, window)
    assert menu.activeAction() is not None
    assert menu.activeAction().text() == "SenseTime's response  (2)"
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(library.briefings.get(briefing_id).sections[1].items) == 3)
    assert library.briefings.get(briefing_id).sections[1].items[-1].claim_id == other.id


def test_add_to_a_new_section_is_undone_whole_in_the_reader(
    qtbot, make_window, library: Library
) -> None:
    window, sample = _shown(qtbot, make_window, library)
    briefing_id = library.briefings.new("Designation")
    library.briefings.add_claims(briefing_id, [sample.claims["c1"]], section="The designation")
    before = library.briefings.get(briefing_id)
    claim = library.claims.get(sample.claims["c4"])
    window.reader.select_span(claim.start, claim.end)
    _press(qtbot, window, window.reader.page)
    menu = _asked(qtbot, window)
    next(a for a in menu.actions() if a.text() == "&New Section…").trigger()
    menu.close()
    dialog = _workspace(window).dialog
    assert isinstance(dialog, QInputDialog)
    dialog.setTextValue("  Beijing's   reaction ")
    dialog.accept()
    assert [
        (s.heading, [i.claim_id for i in s.items])
        for s in library.briefings.get(briefing_id).sections
    ] == [
        ("The designation", [sample.claims["c1"]]),
        ("Beijing's reaction", [claim.id]),
    ]
    window.reader.page.setFocus()
    window.undo_action.trigger()  # the reader's Undo: the claim and the section it made go
    assert library.briefings.get(briefing_id).sections == before.sections
    window.redo_action.trigger()
    assert library.briefings.get(briefing_id).sections[1].heading == "Beijing's reaction"


def test_a_briefing_without_named_sections_is_not_asked_about(
    qtbot, make_window, library: Library
) -> None:
    window, sample = _shown(qtbot, make_window, library)
    briefing_id = library.briefings.new("Designation")
    library.briefings.add_claims(briefing_id, [sample.claims["c1"]])  # an untitled section
    claim = library.claims.get(sample.claims["c2"])
    window.reader.select_span(claim.start, claim.start)
    _press(qtbot, window, window.reader.page)
    assert [i.claim_id for i in library.briefings.get(briefing_id).items] == [
        sample.claims["c1"],
        claim.id,
    ]

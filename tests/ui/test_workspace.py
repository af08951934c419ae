"""The briefing workspace, driven as a reader does: the worked example's briefing is built
with shortcuts, the claim picker and drag and drop, reordered, its note edited, exported and
read back from the files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from briefing.core import Library
from briefing.core.sample import SampleLoaded, load_sample
from briefing.ui.workspace.claim_picker import ClaimPicker
from briefing.ui.workspace.mime import claims_mime_data
from briefing.ui.workspace.text_dialog import TextItemDialog
from briefing.ui.workspace.tree_model import Role
from briefing.ui.workspace.window import WorkspaceWindow
from tests.ui.test_workspace_helpers import (
    BLUF,
    CTRL,
    CTRL_SHIFT,
    DESIGNATION,
    NOTE,
    REACTION,
    RESPONSE,
    claim_ids,
    layout,
    section_index,
    shortcut,
    workspace_on,
)


@pytest.fixture
def sample(library: Library) -> SampleLoaded:
    return load_sample(library)


@pytest.fixture
def window(qtbot, library: Library, sample: SampleLoaded, tmp_path: Path):
    yield from workspace_on(qtbot, library, tmp_path)


def press_ok(qtbot, buttons: QDialogButtonBox) -> None:
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def pick_claims(qtbot, window: WorkspaceWindow, ids: list[int], section: str, typed: str = ""):
    shortcut(qtbot, window, Qt.Key.Key_A, CTRL_SHIFT)
    picker = window.dialog
    assert isinstance(picker, ClaimPicker) and picker.isVisible()
    picker.select_claims(ids)
    picker.ids.setText(typed)
    picker.section.setCurrentText(section)
    press_ok(qtbot, picker.buttons)


def drag(window: WorkspaceWindow, item_ids: list[int], to: QModelIndex, row: int) -> bool:
    """What the view does on a drop: the model's own mimeData, dropped at a row of a section."""
    model = window.tree_model
    data = model.mimeData([model.index_of_item(i) for i in item_ids])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, row, 0, to)
    return model.dropMimeData(data, Qt.DropAction.MoveAction, row, 0, to)


def build_worked_example(qtbot, window: WorkspaceWindow, sample: SampleLoaded) -> int:
    """The briefing of samples/briefing-example.md, made in the workspace; its id."""
    library = window.library
    c1, c2, c3, c4, c5, c6 = claim_ids(sample, "c1", "c2", "c3", "c4", "c5", "c6")
    shortcut(qtbot, window, Qt.Key.Key_N, CTRL)  # New Briefing
    briefing_id = window.briefing_id
    assert briefing_id is not None and window.fields.title.hasFocus()
    qtbot.keyClicks(window.fields.title, "SenseTime IPO and US sanctions")
    qtbot.keyClicks(window.fields.author, "A. Analyst")
    window.fields.date.setFocus()
    window.fields.date.selectAll()  # today's date, as a new briefing has
    qtbot.keyClicks(window.fields.date, "2021-12-15")
    window.fields.bluf.setFocus()
    qtbot.keyClicks(window.fields.bluf, BLUF)
    window.tree.setFocus()  # leaving the fields commits them
    qtbot.waitUntil(lambda: library.briefings.get(briefing_id).bluf == BLUF)
    stored = library.briefings.get(briefing_id)
    assert (stored.title, stored.author, stored.date.iso()) == (
        "SenseTime IPO and US sanctions",
        "A. Analyst",
        "2021-12-15",
    )

    # Three claims from the picker, in the library's order; then c5 dragged above c3.
    pick_claims(qtbot, window, [c1, c3, c5], DESIGNATION)
    assert layout(window) == [(DESIGNATION, [f"c{c1}", f"c{c3}", f"c{c5}"])]
    c5_item = window.tree_model.index_of_item(_item_of(window, c5)).data(Role.ItemId)
    assert drag(window, [c5_item], section_index(window, DESIGNATION), 1) is False
    qtbot.waitUntil(lambda: layout(window)[0][1] == [f"c{c1}", f"c{c5}", f"c{c3}"])

    # c2 by its id in a new section; c6 dragged in from elsewhere; a note by its shortcut.
    pick_claims(qtbot, window, [], RESPONSE, typed=str(c2))
    model = window.tree_model
    model.dropMimeData(
        claims_mime_data([c6]), Qt.DropAction.CopyAction, -1, 0, section_index(window, RESPONSE)
    )
    qtbot.waitUntil(lambda: layout(window)[1] == (RESPONSE, [f"c{c2}", f"c{c6}"]))
    window.tree.setCurrentIndex(section_index(window, RESPONSE))
    shortcut(qtbot, window, Qt.Key.Key_N, CTRL_SHIFT)
    dialog = window.dialog
    assert isinstance(dialog, TextItemDialog) and dialog.section_name() == RESPONSE
    dialog.editor.setPlainText("The company says it remains committed.")
    press_ok(qtbot, dialog.buttons)

    pick_claims(qtbot, window, [c4], REACTION)
    assert layout(window) == [
        (DESIGNATION, [f"c{c1}", f"c{c5}", f"c{c3}"]),
        (RESPONSE, [f"c{c2}", f"c{c6}", "note"]),
        (REACTION, [f"c{c4}"]),
    ]
    return briefing_id


def _item_of(window: WorkspaceWindow, claim_id: int) -> int:
    return next(i.id for i in window.briefing.items if i.claim_id == claim_id)


def _note(window: WorkspaceWindow):
    return next(i for i in window.briefing.items if i.kind == "note")


def edit_note(qtbot, window: WorkspaceWindow, text: str) -> None:
    index = window.tree_model.index_of_item(_note(window).id)
    window.tree.scrollTo(index)
    rect = window.tree.visualRect(index)
    # A click first: QTest's double-click alone does not reach an item view's press logic.
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = window.dialog
    assert isinstance(dialog, TextItemDialog) and dialog.windowTitle() == "Edit Note"
    dialog.editor.setPlainText(text)
    press_ok(qtbot, dialog.buttons)


def export_through_dialog(qtbot, window: WorkspaceWindow, path: Path, name_filter: str) -> None:
    shortcut(qtbot, window, Qt.Key.Key_E, CTRL)
    dialog = window.dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    dialog.selectNameFilter(name_filter)
    dialog.selectFile(str(path))
    dialog.accept()
    qtbot.waitUntil(lambda: path.exists())


def test_build_the_worked_example_edit_its_note_and_export_it(
    qtbot, window: WorkspaceWindow, sample: SampleLoaded, tmp_path: Path
) -> None:
    library = window.library
    briefing_id = build_worked_example(qtbot, window, sample)
    edit_note(qtbot, window, NOTE)
    qtbot.waitUntil(lambda: _note(window).text == NOTE)
    assert library.briefings.get(briefing_id).item(_note(window).id).text == NOTE

    folder = tmp_path / "out"
    folder.mkdir()
    export_through_dialog(qtbot, window, folder / "sensetime.md", "Markdown (*.md)")
    markdown = (folder / "sensetime.md").read_text("utf-8")
    assert markdown.startswith("# SenseTime IPO and US sanctions\n")
    assert "**Bottom line up front.**" in markdown and "Hong Kong listing" in markdown
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings[:3] == [f"## {DESIGNATION}", f"## {RESPONSE}", f"## {REACTION}"]
    quotes = [line for line in markdown.splitlines() if line.startswith("> ")]
    assert len(quotes) >= 6
    assert markdown.index("designed in part") < markdown.index("military-industrial")
    assert markdown.index("military-industrial") < markdown.index("more than one million")
    assert "remains committed" in markdown and markdown.count("[^c") >= 12

    # The dialog starts where the last export went; HTML by its filter.
    shortcut(qtbot, window, Qt.Key.Key_E, CTRL)
    dialog = window.dialog
    assert isinstance(dialog, QFileDialog)
    assert Path(dialog.directory().absolutePath()) == folder
    dialog.reject()
    export_through_dialog(qtbot, window, folder / "sensetime.html", "HTML (*.html)")
    html = (folder / "sensetime.html").read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<h1>SenseTime IPO and US sanctions</h1>" in html
    assert html.count("<blockquote>") == 6 and "remains committed" in html

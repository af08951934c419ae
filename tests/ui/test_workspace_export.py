"""One Export dialog with every format the command line writes: Markdown, HTML, PDF, Pandoc
Markdown with its bibliography, CSL-JSON and ClaimReview; no separate PDF item."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from briefing.core import Library
from briefing.core.sample import load_sample
from briefing.ui.workspace import exporting
from briefing.ui.workspace.window import WorkspaceWindow
from tests.ui.test_workspace_helpers import DESIGNATION, workspace_on


@pytest.fixture
def window(qtbot, library: Library, tmp_path: Path):
    c = load_sample(library).claims
    b = library.briefings.new("SenseTime IPO and US sanctions", author="A. Analyst")
    library.briefings.add_claims(b, [c["c1"], c["c5"]], section=DESIGNATION)
    yield from workspace_on(qtbot, library, tmp_path)


def _export(qtbot, window: WorkspaceWindow, kind: str, name: str) -> Path:
    """Export… chosen, the file type picked and a name typed, as a reader does."""
    window.export_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    assert dialog.nameFilters() == list(exporting.FILTERS.values())
    dialog.selectNameFilter(exporting.FILTERS[kind])
    dialog.filterSelected.emit(exporting.FILTERS[kind])  # as picking it in the box does
    folder = Path(dialog.directory().absolutePath())
    dialog.selectFile(name)
    dialog.accept()
    path = folder / name
    said = f"Exported {name} to {folder}"
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == said)
    return path


def test_the_file_menu_has_one_export_and_no_pdf_item(window: WorkspaceWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text().replace("&", "") for a in file_menu.actions() if not a.isSeparator()]
    assert [t for t in texts if "Export" in t or "PDF" in t] == ["Export…"]


def test_every_format_from_the_one_dialog(
    qtbot, window: WorkspaceWindow, library: Library, tmp_path: Path
) -> None:
    window.settings.setValue(exporting.FOLDER_KEY, str(tmp_path))

    text = _export(qtbot, window, "md", "brief.md").read_text("utf-8")
    assert text.startswith("# SenseTime IPO") and "[^c5]:" in text
    assert "<h1" in _export(qtbot, window, "html", "brief.html").read_text("utf-8")
    assert _export(qtbot, window, "pdf", "brief.pdf").read_bytes().startswith(b"%PDF-")

    pandoc = _export(qtbot, window, "pandoc", "cited.md")
    assert "[@" in pandoc.read_text("utf-8")
    bibliography = json.loads((tmp_path / "cited.csl.json").read_text("utf-8"))
    assert bibliography and all("id" in entry for entry in bibliography)
    assert 'bibliography: "cited.csl.json"' in pandoc.read_text("utf-8")

    csl = json.loads(_export(qtbot, window, "csljson", "sources.csl.json").read_text("utf-8"))
    assert [entry["id"] for entry in csl] == [entry["id"] for entry in bibliography]

    review = json.loads(_export(qtbot, window, "claimreview", "review.jsonld").read_text("utf-8"))
    assert "ClaimReview" in json.dumps(review)


def test_the_name_says_the_format_when_it_says_more() -> None:
    md, pandoc = exporting.FILTERS["md"], exporting.FILTERS["pandoc"]
    assert exporting.format_for(Path("a.pdf"), md) == "pdf"
    assert exporting.format_for(Path("a.md"), pandoc) == "pandoc"
    assert exporting.format_for(Path("a"), exporting.FILTERS["claimreview"]) == "claimreview"
    assert exporting.format_for(Path("a.json")) == "csljson"
    assert exporting.format_for(Path("a.jsonld")) == "claimreview"
    assert exporting.bibliography_for(Path("/x/cited.md")) == Path("/x/cited.csl.json")


def test_a_narrow_window_still_says_which_file_was_written(
    qtbot, window: WorkspaceWindow, tmp_path: Path
) -> None:
    """The status bar cuts a long message at a word: the file's name comes before its
    folder, so what is cut is the folder ("Exported to…" said nothing)."""
    folder = tmp_path / "a folder with a long name for the briefings of the week"
    folder.mkdir()
    window.settings.setValue(exporting.FOLDER_KEY, str(folder))
    window.resize(420, window.height())
    window.export_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, QFileDialog)
    dialog.selectFile("monday.md")
    dialog.accept()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Exported "))
    said = window.statusBar().currentMessage()
    assert said.startswith("Exported monday.md to") and said.endswith("…")

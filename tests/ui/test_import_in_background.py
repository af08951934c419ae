"""A folder import runs in the background: the status bar counts files and has Cancel, the
reader keeps working, Cancel keeps what was imported, one Undo takes the import back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from briefing.core import Library, Span
from briefing.ui.actions.import_files import import_paths
from briefing.ui.undo.commands import EditArticle
from tests.conftest import SAMPLE, wikinews_files

FILES = 12_000  # enough that no import ends before the test cancels it, on a fast day


def _folder(tmp_path: Path, count: int) -> Path:
    """`count` distinct short articles in a folder (each a text of its own)."""
    folder = tmp_path / "wire"
    folder.mkdir()
    for i in range(count):
        (folder / f"story-{i:05d}.txt").write_text(
            f"Story number {i}\n\nPARIS, Mar 3, 2019 - Report {i} says what happened on day {i}.",
            encoding="utf-8",
        )
    return folder


def test_a_cancelled_folder_import_keeps_what_it_did_and_one_undo_takes_it_back(
    qtbot, make_window, library: Library, tmp_path: Path
) -> None:
    sample = library.imports.files([SAMPLE])[0].id
    window = make_window(library)
    window.show()
    qtbot.waitExposed(window)
    folder = _folder(tmp_path, FILES)
    indicator = window.import_progress

    op = import_paths(window, [str(folder)])
    assert op is not None and indicator.isVisible()
    qtbot.waitUntil(lambda: indicator.bar.value() >= 20, timeout=20_000)
    label = indicator.label.text()
    assert label.startswith("Importing ") and label.endswith(f" of {FILES:,} files")
    # Stable: the label is as wide as "4,000 of 4,000", and Cancel stays where it is.
    where = indicator.cancel_button.mapTo(window, QPoint(0, 0))
    width = indicator.label.width()
    qtbot.waitUntil(lambda: indicator.label.text() != label, timeout=10_000)
    assert indicator.cancel_button.mapTo(window, QPoint(0, 0)) == where
    assert indicator.label.width() == width
    # The reader keeps working: no modal dialog, and an article opens meanwhile.
    assert QApplication.activeModalWidget() is None
    assert window.open_article(sample, select=True)
    assert window.reader.article_id == sample
    # An edit made meanwhile is written between the import's transactions, not after it.
    window.undo.push(EditArticle(window.undo, sample, {"outlet": None}, {"outlet": "Desk"}))
    qtbot.waitUntil(lambda: library.articles.get(sample).outlet == "Desk", timeout=5000)
    assert window.import_op is op and indicator.bar.value() < FILES
    # Cancel: the button keeps its place, disabled, until the import has stopped.
    with qtbot.waitSignal(op.failed, timeout=20_000):
        qtbot.mouseClick(indicator.cancel_button, Qt.MouseButton.LeftButton)
        assert not indicator.cancel_button.isEnabled()
        assert indicator.cancel_button.mapTo(window, QPoint(0, 0)) == where
    assert not indicator.isVisible()

    kept = library.articles.count() - 1
    assert 0 < kept < FILES
    message = window.statusBar().currentMessage()
    assert message.startswith("Import cancelled after ") and f" of {FILES:,} files: " in message
    assert f"the {kept:,} articles imported before it stopped are kept" in message
    # The new articles are what the list has selected.
    new = {a.id for a in library.articles.list(limit=FILES + 10)} - {sample}
    assert set(window.library_pane.selected_ids()) == new
    assert window.reader.article_id in new

    window.library_pane.view.setFocus()  # the list with the new articles, not a field
    assert window.undo_action.text() == f"&Undo Import {kept:,} articles (Reader)"
    window.undo_action.trigger()  # in the background, as the import was
    command = window.last_import_command
    with qtbot.waitSignal(command.last_op.finished, timeout=20_000):
        pass
    assert [a.id for a in library.articles.list()] == [sample]
    assert window.statusBar().currentMessage() == f"The {kept:,} imported articles are removed"
    qtbot.waitUntil(lambda: window.library_pane.model.rowCount() == 1)
    window.redo_action.trigger()
    with qtbot.waitSignal(command.last_op.finished, timeout=20_000):
        pass
    assert {a.id for a in library.articles.list(limit=FILES + 10)} == new | {sample}


def test_a_finished_import_selects_its_articles_and_is_one_undo(
    qtbot, make_window, library: Library, tmp_path: Path
) -> None:
    sample = library.imports.files([SAMPLE])[0].id
    window = make_window(library)
    files = [str(f) for f in wikinews_files(5)]
    op = import_paths(window, files)
    assert op is not None
    assert import_paths(window, files) is None  # one import at a time, and told so
    assert "An import is running" in window.statusBar().currentMessage()
    with qtbot.waitSignal(op.finished, timeout=20_000):
        pass
    assert window.last_import_summary is None  # all imported: nothing to report
    new = {a.id for a in library.articles.list()} - {sample}
    assert len(new) == 5
    assert set(window.library_pane.selected_ids()) == new
    # An edit made on an imported article goes back with the import, and returns with it.
    article = next(iter(new))
    text = library.articles.get(article).text
    library.annotations.add(article, "highlight", Span(0, len(text.split()[0])))
    window.library_pane.view.setFocus()  # the list with the new articles, not a field
    assert window.undo_action.text() == "&Undo Import 5 articles (Reader)"
    command = window.last_import_command
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: library.articles.count() == 1)
    window.redo_action.trigger()
    with qtbot.waitSignal(command.last_op.finished, timeout=20_000):
        pass
    assert library.articles.count() == 6
    assert len(library.annotations.for_article(article)) == 1


def test_closing_the_window_stops_the_import_and_keeps_what_it_committed(
    qtbot, make_window, library: Library, tmp_path: Path
) -> None:
    window = make_window(library)
    folder = _folder(tmp_path, FILES)
    op = import_paths(window, [str(folder)])
    assert op is not None
    qtbot.waitUntil(lambda: window.import_progress.bar.value() >= 20, timeout=20_000)
    window.close()  # stops the runner: the import is cancelled at its next file
    qtbot.wait(50)
    kept = library.articles.count()
    assert 0 < kept < FILES
    # Consistent: every kept article is searchable, and the journal knows each one.
    assert library.connection().execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert len(library.search.run("Report", limit=FILES)) == kept
    assert len(library.changes_since(0).added_ids("article")) == kept

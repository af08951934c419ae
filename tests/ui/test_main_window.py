"""The main window on a real library: first run, annotations, import, remembering."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QMainWindow

from briefing.core import Library
from briefing.core.sample import load_sample
from briefing.ui.actions.import_files import import_paths
from briefing.ui.app import open_window
from briefing.ui.main_window import MainWindow
from tests.conftest import SAMPLE, wikinews_files

# Qt's offscreen platform warns on every top-level window it shows; nothing to fix here.


def _first_run(qtbot, tmp_path: Path) -> tuple[Library, MainWindow]:
    library = Library.open(tmp_path / "new.sqlite")
    assert library.created
    window = open_window(library, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1400, 900)  # room for every pane (offscreen, the screen is 800x600)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.reader.article_id is not None, timeout=5000)
    return library, window


def test_first_run_loads_the_annotated_sample(qtbot, tmp_path: Path) -> None:
    library, window = _first_run(qtbot, tmp_path)
    try:
        assert window.windowTitle() == "new.sqlite"  # the desktop adds " — Briefing"
        claims = window.panel.items("Claims")
        assert len(claims) == len(library.claims.list()) == 6
        assert window.library_pane.model.rowCount() == 1
        assert window.library_pane.current_id == window.reader.article_id
        assert "1 article" in window.counts.text()
    finally:
        window.close()
        library.close()


def test_clicking_a_claim_moves_the_reader_to_its_span(qtbot, tmp_path: Path) -> None:
    library, window = _first_run(qtbot, tmp_path)
    try:
        item = window.panel.items("Claims")[2]
        claim = library.claims.get(item.data(0, Qt.ItemDataRole.UserRole + 1))
        tree = window.panel.tree
        tree.scrollToItem(item)
        rect = tree.visualItemRect(item)
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.reader.cursor_span() == (claim.start, claim.end)
        assert window.reader.page.textCursor().selectedText() == claim.quote
    finally:
        window.close()
        library.close()


def test_importing_a_file_adds_it_to_the_list(qtbot, make_window, library: Library) -> None:
    window = make_window(library)
    assert window.library_pane.model.rowCount() == 0
    path = wikinews_files(1)[0]
    op = import_paths(window, [str(path)])
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    assert library.articles.count() == 1
    assert window.library_pane.model.rowCount() == 1
    (article,) = library.articles.list()
    assert window.reader.article_id == article.id
    # Nothing failed: no dialog to close, the status line says it (a first user's trip).
    assert window.last_import_summary is None
    assert window.statusBar().currentMessage() == "Import finished: 1 imported"


def test_a_duplicate_and_a_bad_file_are_reported(
    qtbot, make_window, library: Library, tmp_path: Path
) -> None:
    library.imports.files([SAMPLE])
    window = make_window(library)
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    op = import_paths(window, [str(SAMPLE), *map(str, wikinews_files(2)), str(bad)])
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    summary = window.last_import_summary
    statuses = [summary.table.topLevelItem(i).text(0) for i in range(4)]
    # What needs the reader first, whatever the files' order: failed, duplicate, imported.
    assert statuses == ["failed", "duplicate", "imported", "imported"]
    assert summary.table.topLevelItem(0).text(2)  # the reason
    assert library.articles.count() == 3
    summary.close()


def test_reopening_restores_the_last_article(
    qtbot, make_window, library: Library, settings_path: Path
) -> None:
    library.imports.files([SAMPLE, *wikinews_files(3)])
    first = make_window(library)
    wanted = library.articles.list(sort="title")[2].id
    first.library_pane.select_article(wanted)
    assert first.reader.article_id == wanted
    first.panes.splitter.setSizes([300, 700, 300])
    first.close()

    second = make_window(library)
    assert second.reader.article_id == wanted
    assert second.library_pane.current_id == wanted
    assert QSettings(str(settings_path), QSettings.Format.IniFormat).value("reader/article")


def test_find_moves_to_the_next_match(qtbot, make_window, library: Library) -> None:
    library.imports.files([SAMPLE])
    window = make_window(library)
    window.open_article(library.articles.list()[0].id)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.reader.page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.find_bar.isVisible()
    qtbot.keyClicks(window.reader.find_bar.field, "SenseTime")
    first = window.reader.page.textCursor().selectionStart()
    qtbot.keyClick(window.reader.find_bar.field, Qt.Key.Key_Return)
    second = window.reader.page.textCursor().selectionStart()
    assert window.reader.page.textCursor().selectedText() == "SenseTime"
    assert second != first
    assert "found" in window.reader.find_bar.status.text()


def test_sorting_by_clicking_a_header(qtbot, make_window, library: Library) -> None:
    library.imports.files(wikinews_files(5))
    window = make_window(library)
    header = window.library_pane.view.horizontalHeader()
    x = header.sectionViewportPosition(0) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    model = window.library_pane.model
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert titles == [s.title for s in library.articles.list(sort="title", descending=False)]


def test_closing_the_main_window_closes_the_others(
    qtbot, make_window, library: Library, settings_path: Path
) -> None:
    """They work through the main window's runner, which stops with it; left open they also
    kept the app running with no main window. So does an open dialog."""
    load_sample(library)
    window = make_window(library)
    window.show()
    qtbot.waitExposed(window)
    for action in (window.workspace_action, window.claims_action, window.actors_action):
        action.trigger()
    others = window.findChildren(QMainWindow)
    assert len(others) == 3 and all(other.isVisible() for other in others)
    window.paste_article_action.trigger()
    dialog = window.dialog
    assert dialog.isVisible()
    assert window.close()
    assert not any(other.isVisible() for other in [*others, dialog])
    saved = QSettings(str(settings_path), QSettings.Format.IniFormat).childGroups()
    assert {"workspace", "claims", "actors"} <= {g.lower() for g in saved}, saved

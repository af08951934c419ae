"""Backups in the app: File ▸ Back Up Now, File ▸ Restore from Backup… (a new window on
the restored library), the day's first backup in the background, and a library that cannot
be opened offering its newest good backup."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from briefing.core import Library
from briefing.ui import app
from briefing.ui.actions import backups
from briefing.ui.dialogs.backups import BackupsDialog
from briefing.ui.main_window import MainWindow
from tests.ui.helpers import click, sample_window


def _menu(window: MainWindow, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return [a.text() for a in menu.actions() if a.text()]


def test_back_up_now_makes_a_backup_without_stopping_the_window(
    qtbot, make_window, library: Library
) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    assert "&Back Up Now" in _menu(window, "&File")
    assert "&Restore from Backup…" in _menu(window, "&File")
    window.back_up_action.trigger()
    op = window.last_backup_op
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    (backup,) = library.backups.list()
    assert (backup.kind, backup.articles, backup.claims) == ("manual", 1, 6)
    assert "Backed up" in window.statusBar().currentMessage()


def test_restore_from_backup_opens_the_restored_library_in_a_new_window(
    qtbot, make_window, library: Library
) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    backup = library.backups.make()
    library.tags.tag_article(1, ["after the backup"])
    dialog = backups.choose_backup(window)
    assert isinstance(dialog, BackupsDialog)
    assert dialog.table.rowCount() == 1 and dialog.chosen() == backup
    click(qtbot, dialog.restore_button)
    question = window.dialog
    assert isinstance(question, QMessageBox)
    restore = next(b for b in question.buttons() if b.text() == "Restore")
    click(qtbot, restore)
    qtbot.waitUntil(lambda: bool(app.WINDOWS) and app.WINDOWS[-1] is not window, timeout=10_000)
    new = app.WINDOWS[-1]
    qtbot.addWidget(new)
    try:
        assert not window.isVisible()
        assert new.isVisible() and new.library.path == library.path
        assert "after the backup" not in [t.name for t in new.library.tags.list()]
        assert any("Restored the library" in t for t in new.notices.visible_texts())
        kinds = sorted(b.kind for b in new.library.backups.list())
        assert kinds == ["manual", "pre-restore"]
    finally:
        new.close()
        new.library.close()


def test_a_restore_is_refused_while_another_copy_has_the_library(
    qtbot, make_window, library: Library
) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    backup = library.backups.make()
    other = Library.open(library.path, program="app")
    try:
        assert backups.confirm_restore(window, backup) is None
        assert "open in the Briefing app" in window.statusBar().currentMessage()
    finally:
        other.close()


def test_a_second_copy_is_told_and_both_go_on(qtbot, make_window, tmp_path: Path) -> None:
    library = Library.open(tmp_path / "shared.sqlite", program="app")
    first, _ = sample_window(qtbot, make_window, library)
    assert first.notices.visible_texts() == []
    other = Library.open(library.path, program="app")
    try:
        second = make_window(other)
        (told,) = second.notices.visible_texts()
        assert "open in another copy of Briefing too" in told and "Both can go on" in told
        qtbot.waitUntil(lambda: bool(first.notices.visible_texts()), timeout=5000)
        other.tags.tag_article(1, ["from the second copy"])
        library.tags.tag_article(1, ["from the first copy"])
        names = {t.name for t in other.tags.list()}
        assert {"from the first copy", "from the second copy"} <= names
        second.close()
    finally:
        other.close()
    qtbot.waitUntil(lambda: not first.notices.visible_texts(), timeout=5000)
    first.close()
    library.close()


def test_a_read_only_library_says_so_in_the_window(qtbot, make_window, tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    with Library.open(path) as library:
        library.load_sample()
    read_only = Library(path, created=False, read_only="the file is read-only")
    try:
        window = make_window(read_only)
        (told,) = window.notices.visible_texts()
        assert "open read-only: the file is read-only" in told
        assert window.windowTitle().endswith("(read-only)")
    finally:
        read_only.close()


def test_a_damaged_library_offers_its_newest_good_backup(
    qapp: QApplication, tmp_path: Path
) -> None:
    path = tmp_path / "library.sqlite"
    with Library.open(path) as library:
        library.load_sample()
        library.backups.make()
    path.write_bytes(os.urandom(100_000))
    seen: list[str] = []

    def click_restore() -> None:
        box = next((w for w in qapp.topLevelWidgets() if isinstance(w, QMessageBox)), None)
        if box is None or not box.isVisible():
            QTimer.singleShot(50, click_restore)
            return
        seen.append(box.informativeText())
        next(b for b in box.buttons() if b.text() == "Restore Backup").click()

    QTimer.singleShot(50, click_restore)
    library = app.open_library(str(path))
    assert library is not None
    try:
        assert "damaged" in seen[0] and "newest good backup is from" in seen[0]
        assert library.articles.count() == 1 and len(library.claims.list()) == 6
    finally:
        library.close()


def test_an_empty_file_is_made_a_library_only_when_asked(
    qapp: QApplication, tmp_path: Path
) -> None:
    path = tmp_path / "library.sqlite"
    path.write_bytes(b"")
    answers = iter(["Make a New Library There"])

    def answer() -> None:
        box = next((w for w in qapp.topLevelWidgets() if isinstance(w, QMessageBox)), None)
        if box is None or not box.isVisible():
            QTimer.singleShot(50, answer)
            return
        wanted = next(answers)
        next(b for b in box.buttons() if b.text() == wanted).click()

    QTimer.singleShot(50, answer)
    library = app.open_library(str(path))
    assert library is not None
    try:
        assert library.created
    finally:
        library.close()


def test_the_day_s_first_open_backs_up_in_the_background(
    qtbot, library: Library, tmp_path: Path
) -> None:
    library.load_sample()
    library.close()
    reopened = Library.open(library.path, program="app")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = app.open_window(reopened, settings, daily_backup_after_ms=100)
    qtbot.addWidget(window)
    try:
        assert window.last_backup_op is None  # not while the window comes up
        qtbot.waitUntil(lambda: window.last_backup_op is not None, timeout=5000)
        with qtbot.waitSignal(window.last_backup_op.finished, timeout=10_000):
            pass
        (backup,) = reopened.backups.list()
        assert backup.kind == "daily"
    finally:
        window.close()
        reopened.close()

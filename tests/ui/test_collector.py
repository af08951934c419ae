"""Start-up's objects are kept out of the garbage collector's full passes while a window
is open (a pass over them took 35 to 60 ms of a resize on the 100k library), and handed
back when it goes."""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from briefing.core import Library
from briefing.ui.app import open_window
from briefing.ui.collector import freeze_when_shown


def test_a_shown_window_freezes_what_is_alive_and_its_going_unfreezes(qtbot) -> None:
    gc.unfreeze()
    old: list[object] = []  # alive when the window shows
    widget = QWidget()
    widget.show()
    freeze_when_shown(widget)
    assert gc.get_freeze_count() == 0  # not inside the show: at the next pass of the loop
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0)
    held = gc.get_freeze_count()
    assert held > 1000  # the modules, classes and widgets made so far
    young: list[object] = []  # made after: the collector still walks it
    walked = {id(o) for o in gc.get_objects()}
    assert id(young) in walked and id(old) not in walked
    widget.deleteLater()
    qtbot.waitUntil(lambda: gc.get_freeze_count() == 0)


def test_the_app_window_freezes_once_shown(qtbot, tmp_path: Path) -> None:
    gc.unfreeze()
    library = Library.open(tmp_path / "library.sqlite")
    window = open_window(
        library, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), sample=False
    )
    try:
        qtbot.waitUntil(lambda: gc.get_freeze_count() > 0)
    finally:
        window.close()
        window.runner.shutdown()
        window.deleteLater()
        qtbot.waitUntil(lambda: gc.get_freeze_count() == 0)
        library.close()

"""The Qt binding itself: a PySide6 release once broke the app under our feet.

PySide6-Essentials 6.12.0 on Python 3.11 releases a reference to None on every call of a Qt
method that returns void; after a few thousand calls (opening one long article) Python
aborts with "deallocating None". pyproject.toml excludes that release; this keeps it out.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QWidget


def test_void_qt_calls_keep_none_alive(qapp: QApplication) -> None:
    widget = QWidget()
    before = sys.getrefcount(None)
    for _ in range(1000):
        widget.setToolTip("x")
    assert sys.getrefcount(None) - before > -100

"""Keeping the garbage collector's full passes out of the frames the reader waits for.

Python's collector makes a full pass now and then, walking every container object alive:
after start-up that is the modules, classes and Qt wrappers of the whole app and the
window's widgets, tens of thousands of objects, and the pass took 35 to 60 ms of a resize
on the 100k library (bench/layout.py prints the collector's pauses in each frame). None of
those objects is garbage; they live as long as the window does. So once a window is up,
`gc.freeze()` moves everything alive out of the collector's sight, and later passes walk
only what was made since, a few milliseconds.

Beware: a frozen object is never collected while frozen, so what a window leaves in
reference cycles when it goes would stay. A window going unfreezes (everything goes back to
the oldest generation and the next full pass sees it); the windows still open freeze again
with the next window that opens, or stay as they are, which costs a pass only its time. The
interpreter's exit unfreezes too, so that its last collections take the Qt wrappers down in
the order they always did.
"""

from __future__ import annotations

import atexit
import gc

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget


def freeze_when_shown(window: QWidget) -> None:
    """Freeze what is alive once `window` has been shown (at the next pass of the event
    loop), and unfreeze when it goes."""
    QTimer.singleShot(0, window, gc.freeze)
    window.destroyed.connect(lambda *_: gc.unfreeze())
    atexit.unregister(gc.unfreeze)  # once, however many windows
    atexit.register(gc.unfreeze)

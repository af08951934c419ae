"""Where a dialog about the reader's selection opens: beside the words, never over them.

Qt centres a dialog on its window, which is where the reader's column is, so Mark as Claim,
Tag Actor and Add Note opened over the very words they were about. `keep_clear_of` moves the
dialog below the words, else above them, else beside them, whole, within the screen; else
below or above them made shorter (never below its least height); when none of these fits,
the reader scrolls the words to its top first (`clear_of_selection`), and the dialog goes
below them if it then fits.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

GAP = 8  # pixels between the words and the dialog


def keep_clear_of(dialog: QWidget, words: QRect) -> bool:
    """Move the shown, top-level `dialog` so that its frame leaves `words` (global
    coordinates) visible, made shorter (down to its least height) where that is what lets
    it; False when no place on the screen does."""
    frame = dialog.frameGeometry()
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry() if screen is not None else None
    if area is None or (not frame.intersects(words) and area.contains(frame)):
        return not frame.intersects(words)
    extra = frame.size() - dialog.size()  # the window manager's frame
    least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize()) + extra
    width = min(frame.width(), area.width())
    height = min(frame.height(), area.height())
    x = max(area.left(), min(frame.left(), area.right() + 1 - width))
    y = max(area.top(), min(frame.top(), area.bottom() + 1 - height))
    below = area.bottom() - words.bottom() - GAP
    above = words.top() - GAP - area.top()
    right = area.right() - words.right() - GAP
    left = words.left() - GAP - area.left()
    # Whole first, below, above or beside; only then made shorter, below or above: a form
    # that scrolls (the claim editor) could always be made short enough to go below, and
    # went there a third of its height where it fitted whole beside the words.
    place: QRect | None = None
    if below >= height:
        place = QRect(x, words.bottom() + 1 + GAP, width, height)
    elif above >= height:
        place = QRect(x, words.top() - GAP - height, width, height)
    elif right >= width:
        place = QRect(words.right() + 1 + GAP, y, width, height)
    elif left >= width:
        place = QRect(words.left() - GAP - width, y, width, height)
    elif min(height, below) >= least.height():
        place = QRect(x, words.bottom() + 1 + GAP, width, min(height, below))
    elif min(height, above) >= least.height():
        shorter = min(height, above)
        place = QRect(x, words.top() - GAP - shorter, width, shorter)
    if place is None:
        return False
    dialog.resize(place.size() - extra)
    dialog.move(place.topLeft())  # move() places the frame's corner
    return True


def clear_of_selection(
    dialog: QWidget, words: Callable[[], QRect | None], scroll_to_top: Callable[[], None]
) -> None:
    """Keep `dialog` off the selected words (`words()`: their global rectangle, None when
    nothing is selected), scrolling them to the top of the reader if it must."""
    rect = words()
    if rect is None or keep_clear_of(dialog, rect):
        return
    scroll_to_top()
    rect = words()
    if rect is not None:
        keep_clear_of(dialog, rect)

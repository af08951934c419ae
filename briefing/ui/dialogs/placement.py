"""Where a dialog about the reader's selection opens: beside the words, never over them.

Qt centres a dialog on its window, which is where the reader's column is, so Mark as Claim,
Tag Actor and Add Note opened over the very words they were about. `keep_clear_of` moves the
dialog below the words, else above them, else beside them, whole, within the screen; else
below or above them made shorter (never below its least height); when none of these fits,
the reader scrolls the words to its top first (`clear_of_selection`), and the dialog goes
below them if it then fits. A dialog that grows (a folded part opened) grows off the words
too (`grow_clear_of`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

GAP = 8  # pixels between the words and the dialog
WORDS = "briefingKeptClearOf"  # the dialog's property: the words it was placed off


def keep_clear_of(dialog: QWidget, words: QRect) -> bool:
    """Move the shown, top-level `dialog` so that its frame leaves `words` (global
    coordinates) visible, made shorter (down to its least height) where that is what lets
    it; False when no place on the screen does."""
    dialog.setProperty(WORDS, QRect(words))  # for grow_clear_of
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


def grow_clear_of(dialog: QWidget, height: int) -> None:
    """Make the shown, top-level `dialog` up to `height` tall (a part of it was opened)
    where its screen has room: downward, else upward too, never over the words it was
    placed off by `keep_clear_of`."""
    if height <= dialog.height():
        return
    frame = dialog.frameGeometry()
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    words = dialog.property(WORDS)
    extra = frame.height() - dialog.height()
    top, bottom = area.top(), area.bottom()
    if isinstance(words, QRect) and words.left() <= frame.right() and words.right() >= frame.left():
        if words.top() > frame.bottom():  # the words below it
            bottom = min(bottom, words.top() - GAP - 1)
        elif words.bottom() < frame.top():  # above it
            top = max(top, words.bottom() + GAP + 1)
    want = height + extra
    grown = QRect(frame)
    grown.setBottom(max(frame.bottom(), min(bottom, frame.top() + want - 1)))
    if grown.height() < want:
        grown.setTop(min(frame.top(), max(top, grown.bottom() - want + 1)))
    if grown.height() > frame.height():
        dialog.resize(dialog.width(), grown.height() - extra)
        dialog.move(grown.topLeft())


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

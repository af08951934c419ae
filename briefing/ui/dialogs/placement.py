"""Where a dialog about the reader's selection opens: beside the words, never over them.

Qt centres a dialog on its window, which is where the reader's column is, so Mark as Claim,
Tag Actor and Add Note opened over the very words they were about. `keep_clear_of` moves the
dialog below the words, else above them, else beside them, within the screen; when none of
these fits (a tall dialog on a small screen), the reader scrolls the words to its top first
(`clear_of_selection`), and the dialog goes below them if it then fits.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

GAP = 8  # pixels between the words and the dialog


def keep_clear_of(dialog: QWidget, words: QRect) -> bool:
    """Move the shown, top-level `dialog` so that its frame leaves `words` (global
    coordinates) visible; False when no place on the screen does."""
    frame = dialog.frameGeometry()
    if not frame.intersects(words):
        return True
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return False
    area = screen.availableGeometry()
    size = frame.size()

    def within(x: int, y: int) -> QRect | None:
        x = max(area.left(), min(x, area.right() - size.width() + 1))
        y = max(area.top(), min(y, area.bottom() - size.height() + 1))
        rect = QRect(QPoint(x, y), size)
        return rect if area.contains(rect) and not rect.intersects(words) else None

    centre_x = frame.left()
    centre_y = frame.top()
    for place in (
        within(centre_x, words.bottom() + 1 + GAP),  # below
        within(centre_x, words.top() - GAP - size.height()),  # above
        within(words.right() + 1 + GAP, centre_y),  # right
        within(words.left() - GAP - size.width(), centre_y),  # left
    ):
        if place is not None:
            # move() places the frame's corner, as frameGeometry() measured it.
            dialog.move(place.topLeft())
            return True
    return False


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

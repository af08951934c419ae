"""How the actors window fits its screen: where it opens, how large, and how its list and
page share its width.

A window of its own, it opened at 1480x900 whatever the screen: on a 1366x768 laptop its
right edge and its review buttons were off the screen, and a size saved on a larger screen
came back as large. Here, before it shows, its size (saved, or FIRST_SIZE) is bounded by
the available area of the main window's screen, less the window manager's frame, and a
window that has to shrink, or is new, is centred over the main window, inside that area.
A saved window that fits keeps where it was.

The list then gets its share of the width (LIST_SHARE, at most its saved width), never
less than its least width in characters (list_view.py); the page gets the rest, where its
header and review buttons fold as they need (page.py). Kept apart from window.py, which
answers the library's changes: this is about screens and pixels only, done once a showing.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FIRST_SIZE = QSize(1480, 900)  # a new window on a screen with room for it
LIST_SHARE = 0.3  # of the window's width, at most, for the actor list when it must shrink
LIST_WIDTH = 520  # the list's width on a window of FIRST_SIZE
FRAME_GUESS = QSize(8, 36)  # a window manager's frame, before the window is first shown


def available_area(window: QWidget, anchor: QWidget | None) -> QRect | None:
    """The free area of the screen `anchor` (the main window) is on, else the window's."""
    screen = (anchor or window).screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def frame_extra(window: QWidget) -> QSize:
    """What the window manager's frame adds, once known; a title bar's worth before."""
    if window.isVisible() and window.frameGeometry().size() != window.size():
        return window.frameGeometry().size() - window.size()
    return FRAME_GUESS


def place(window: QWidget, anchor: QWidget | None, area: QRect | None, *, saved: bool) -> None:
    """Size and place `window` within `area` (a screen's free area; None: as it is): its
    size bounded by the area less the frame, centred over `anchor` unless it is `saved`
    and fits where it was."""
    if area is None:
        return
    extra = frame_extra(window)
    room = area.size() - extra
    least = window.minimumSizeHint().expandedTo(window.minimumSize())
    size = window.size().boundedTo(room).expandedTo(least.boundedTo(room))
    frame = QRect(window.pos(), size + extra)
    if saved and size == window.size() and area.contains(frame):
        return
    window.resize(size)
    centre = (anchor.frameGeometry() if anchor is not None else area).center()
    frame.moveCenter(centre)
    x = max(area.left(), min(frame.left(), area.right() + 1 - frame.width()))
    y = max(area.top(), min(frame.top(), area.bottom() + 1 - frame.height()))
    window.move(x, y)  # move() places the frame's corner


def list_width(window_width: int, least: int, saved: int | None) -> int:
    """The actor list's width in a window `window_width` wide: its saved width, or its
    width on a FIRST_SIZE window, no more than LIST_SHARE of a narrower window, never less
    than `least`."""
    wanted = saved if saved is not None else LIST_WIDTH
    if window_width < FIRST_SIZE.width():
        wanted = min(wanted, int(window_width * LIST_SHARE))
    return max(least, wanted)

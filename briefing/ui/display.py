"""Whether the app has a display to open on, asked before Qt is: with a DISPLAY that does
not answer, Qt's xcb plugin aborts the process (status 134) blaming a missing
"xcb-cursor0" library, which sends the reader after the wrong thing.

The question is the one Qt's plugin asks first, put through libxcb (the library that plugin
is built on, so it is there wherever the plugin could work): can a connection be made to
the display DISPLAY names. No Qt here, and nothing for other platforms (Windows, macOS,
Wayland, offscreen) or platforms chosen by QT_QPA_PLATFORM other than xcb.
"""

from __future__ import annotations

import os
import sys


def display_problem(environ: dict[str, str] | None = None) -> str | None:
    """One line saying why there is no display to open on; None when there is one (or when
    it cannot be told: then Qt is left to try)."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None  # offscreen, wayland, vnc…: not ours to check
    if not platform and env.get("WAYLAND_DISPLAY"):
        return None  # Qt picks Wayland
    display = env.get("DISPLAY", "")
    if not display:
        return (
            "no display to open the app on (DISPLAY is not set); use a command instead "
            "(see 'briefing --help')"
        )
    if _xcb_answers(display) is False:
        return (
            f"the display {display} does not answer (is the X server running, and may this "
            "user use it?); use a command instead (see 'briefing --help')"
        )
    return None


def _xcb_answers(display: str) -> bool | None:
    """Whether an X connection to `display` can be made; None when libxcb is not there."""
    import ctypes  # here: ctypes.util alone takes ~25 ms to import, which start-up need not pay
    import ctypes.util

    name = ctypes.util.find_library("xcb")
    if name is None:
        return None
    try:
        xcb = ctypes.CDLL(name)
    except OSError:
        return None
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.restype = ctypes.c_int
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return bool(connection) and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection:
            xcb.xcb_disconnect(connection)

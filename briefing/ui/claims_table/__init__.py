"""The claims table: every claim in the library in a window of its own (issue 7).

    from briefing.ui.claims_table import open_claims
    open_claims(main_window)   # shows it (or raises the one already open) and returns it

It shares the main window's library, op runner and settings (see window.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.ui.claims_table.window import ClaimsWindow
    from briefing.ui.main_window import MainWindow


def open_claims(main_window: MainWindow) -> ClaimsWindow:
    """Show the claims table of `main_window`'s library, made on first use and kept after.

    A child of the main window with the Qt.Window flag: a separate top-level window that
    goes away with the main window (whose close stops the runner first).
    """
    from briefing.ui.claims_table.window import ClaimsWindow

    window = main_window.findChild(ClaimsWindow)
    if window is None:
        window = ClaimsWindow(main_window)
    window.show()
    window.raise_()
    window.activateWindow()
    return window

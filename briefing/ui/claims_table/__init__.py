"""The claims table: every claim in the library, docked in the main window (issues 7, 13).

    from briefing.ui.claims_table import open_claims
    open_claims(main_window)   # shows it (made on first use) and returns it

It shares the main window's library, op runner and settings (see window.py); its dock is
dock.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.ui.claims_table.window import ClaimsWindow
    from briefing.ui.main_window import MainWindow


def open_claims(main_window: MainWindow, *, focus: bool = True) -> ClaimsWindow:
    """Show the claims table of `main_window`'s library in its dock (where it was last:
    docked, or floating as its own window), made on first use and kept after; with `focus`,
    the keyboard goes to its search box."""
    from briefing.ui.claims_table.dock import open_dock

    return open_dock(main_window, focus=focus).table

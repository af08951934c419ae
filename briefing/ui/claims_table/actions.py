"""What the claims table does with its rows: open one in its article, add the selection to
the briefing open in the workspace, copy the quotes; its menus and context menu.

Return and Ctrl+C belong to the table alone (Qt.WidgetShortcut), so in the search box they
still move on and copy text. Add to Briefing is Ctrl+Shift+B here as in the reader.

Hosted in the main window (`hosted`, dock.py), the table shares that window's keys: its
commands answer only while the focus is inside it (Qt.WidgetWithChildrenShortcut), so
Ctrl+F there searches the claims and in the reader finds in the article, Ctrl+Shift+B adds
the table's selection here and the claim at the cursor there; the main window's own keys
for those keep to the rest of the window (menus.py). Undo, Redo and Search Library are the
main window's: its Undo acts on this table's history while the focus is in here
(ui/undo/router.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu

from briefing.ui import errors
from briefing.ui.action_factory import make_action
from briefing.ui.claims_table.model import one_line
from briefing.ui.icons import icon
from briefing.ui.search.elsewhere import add_search_library
from briefing.ui.undo.router import UndoRouter, window_resolver

if TYPE_CHECKING:
    from briefing.ui.claims_table.window import ClaimsWindow

Keys = QKeySequence.StandardKey


def install_actions(window: ClaimsWindow, *, hosted: bool = False) -> None:
    w = window
    w.open_action = make_action(
        w,
        "&Open in Article",
        "Show the claim where it is in its article, in the main window",
        lambda: open_current(w),
        ["Return", "Enter"],
        "claim",
    )
    w.add_action = make_action(
        w,
        "Add to &Briefing",
        "Add the selected claims to the briefing open in the workspace (Undo takes them out)",
        lambda: add_selected(w),
        ["Ctrl+Shift+B"],
        "briefing",
    )
    w.copy_action = make_action(
        w,
        "&Copy Quote",
        "Put the selected quotes on the clipboard, one per line",
        lambda: copy_quotes(w),
        [Keys.Copy],
        "copy",
    )
    for action in (w.open_action, w.copy_action):
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        w.removeAction(action)
        w.view.addAction(action)
    w.find_action = make_action(
        w, "&Find", "Search the claims", lambda: w.focus_search(), [Keys.Find], "find"
    )
    # No key of its own: Escape in the search box clears it, and again the choosers
    # (Ctrl+Shift+L is View ▸ Library List in the main window this table docks in).
    w.clear_action = make_action(
        w,
        "C&lear Filters",
        "Show every claim again (Escape in the search box clears it, then the choosers)",
        w.bar.clear,
    )
    w.close_action = make_action(w, "&Close", "Close the claims table", w.close, [Keys.Close])
    if hosted:
        w.find_action.setText("&Find in Claims")
        for action in w.actions():
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # The main window's Edit ▸ Undo acts on this history while the focus is in here
        # (ui/undo/router.py): these carry no key, for a menu that wants them.
        w.undo_action = w.stack.createUndoAction(w, "&Undo")
        w.redo_action = w.stack.createRedoAction(w, "&Redo")
    else:
        # This window's own history (its Add to Briefing), or a text field's typing.
        w.undo_router = UndoRouter(w, w.stack, "", window_resolver(w, w.stack))
        w.undo_action, w.redo_action = w.undo_router.undo_action, w.undo_router.redo_action
    w.undo_action.setIcon(icon("undo"))
    w.redo_action.setIcon(icon("redo"))

    menu = w.menuBar().addMenu("&Claims")
    menu.addActions([w.open_action, w.add_action, w.copy_action])
    menu.addSeparator()
    menu.addAction(w.close_action)
    menu = w.menuBar().addMenu("&Edit")
    menu.addActions([w.undo_action, w.redo_action])
    menu.addSeparator()
    menu.addActions([w.find_action, w.clear_action])
    w.search_action = None if hosted else add_search_library(w, menu)
    w.view.menu_requested = lambda where: show_menu_at(w, where)
    update_actions(w)


def context_menu(window: ClaimsWindow) -> QMenu:
    """The rows' menu: the same actions as the Claims menu, for the selection."""
    menu = QMenu(window.view)
    menu.setObjectName("claimsContextMenu")
    menu.setToolTipsVisible(True)
    menu.addActions([window.open_action, window.add_action, window.copy_action])
    menu.aboutToHide.connect(menu.deleteLater)
    return menu


def update_actions(window: ClaimsWindow) -> None:
    """Enabled for what is selected, and saying how many ("Add 3 Claims to Briefing")."""
    count = len(window.view.selected_ids())
    window.open_action.setEnabled(count > 0 or window.view.current_id() is not None)
    window.add_action.setEnabled(count > 0)
    window.copy_action.setEnabled(count > 0)
    window.add_action.setText(
        "Add to &Briefing" if count <= 1 else f"Add {count} Claims to &Briefing"
    )
    window.copy_action.setText("&Copy Quote" if count <= 1 else f"&Copy {count} Quotes")


def open_current(window: ClaimsWindow) -> bool:
    """The current claim (else the first selected) in its article in the main window."""
    model, ids = window.model, window.view.selected_ids()
    row = model.row_at(window.view.currentIndex())
    if ids and (row is None or row.id not in ids):
        row = model.rows[model.row_of(ids[0])]
    if row is None:
        errors.show_status(window, "Select a claim to open it in its article")
        return False
    return window.main_window.show_annotation(row.article_id, row.id)


def add_selected(window: ClaimsWindow) -> list[int]:
    """The selected claims, in table order, to the workspace's briefing (one undo step)."""
    from briefing.ui.workspace.add_to_briefing import add_to_briefing

    ids = window.view.selected_ids()
    if not ids:
        errors.show_status(window, "Select claims to add them to a briefing")
        return []
    return add_to_briefing(window.main_window, ids, window.undo)


def copy_quotes(window: ClaimsWindow) -> str:
    """The selected quotes, one per line, in table order, on the clipboard."""
    ids = set(window.view.selected_ids())
    quotes = [one_line(row.quote) for row in window.model.rows if row.id in ids]
    if not quotes:
        errors.show_status(window, "Select claims to copy their quotes")
        return ""
    text = "\n".join(quotes)
    QGuiApplication.clipboard().setText(text)
    what = "quote" if len(quotes) == 1 else f"{len(quotes)} quotes"
    errors.show_status(window, f"Copied {what}")
    return text


def show_menu_at(window: ClaimsWindow, where: QPoint) -> QMenu:
    menu = context_menu(window)
    window.menu = menu  # tests find the open menu here
    menu.popup(where)
    return menu

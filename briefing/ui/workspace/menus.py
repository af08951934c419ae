"""The workspace's actions, menus and toolbar: every command in a menu, with its shortcut.

Shortcuts that mean something else while typing (Delete, Return) belong to the tree alone
(Qt.WidgetShortcut), so Delete in the BLUF deletes a character, not an item. Undo and Redo
come from the shared stack: their text follows it ("Undo Edit bottom line").

Hosted in the main window (`hosted`), the workspace shares that window's keys: its commands
answer only while the focus is inside it (Qt.WidgetWithChildrenShortcut), so Ctrl+Shift+N
there adds a note to the briefing and in the reader a note on the text; Undo, Redo and
Search Library are the main window's own (one stack, one search), so the workspace's
toolbar buttons for them carry no key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QToolBar

from briefing.ui.action_factory import make_action
from briefing.ui.icons import icon
from briefing.ui.search.elsewhere import add_search_library
from briefing.ui.search.in_toolbar import fit_labels
from briefing.ui.workspace import edits, exporting

if TYPE_CHECKING:
    from briefing.ui.workspace.window import WorkspaceWindow

Keys = QKeySequence.StandardKey


def install_actions(window: WorkspaceWindow, *, hosted: bool = False) -> None:
    w = window
    w.new_action = make_action(
        w,
        "&New Briefing",
        "Start a new briefing",
        lambda: edits.new_briefing(w),
        Keys.New,
        "new-briefing",
    )
    w.rename_action = make_action(
        w, "&Rename Briefing", "Change the open briefing's title", lambda: edits.rename_briefing(w)
    )
    w.delete_briefing_action = make_action(
        w,
        "&Delete Briefing",
        "Delete the open briefing (Undo brings it back)",
        lambda: edits.delete_briefing(w),
        None,
        "remove",
    )
    w.export_action = make_action(
        w,
        "&Export…",
        "Export the briefing: Markdown, HTML, PDF, Pandoc with citations, CSL-JSON or ClaimReview",
        lambda: exporting.export_dialog(w),
        "Ctrl+E",
        "export",
    )
    # No key: Ctrl+Shift+C is the main window's Claims table, and the two are one window.
    w.copy_action = make_action(
        w,
        "&Copy as Markdown",
        "Put the briefing's Markdown on the clipboard",
        lambda: exporting.copy_markdown(w),
        None,
        "copy",
    )
    w.print_action = make_action(
        w, "&Print…", "Print the briefing", lambda: exporting.print_briefing(w), Keys.Print, "print"
    )
    w.close_action = make_action(w, "&Close", "Close the workspace", w.close, Keys.Close)

    w.add_claims_action = make_action(
        w,
        "Add &Claims…",
        "Add claims from the library to a section",
        lambda: edits.choose_claims(w),
        "Ctrl+Shift+A",
        "claim",
    )
    w.add_note_action = make_action(
        w,
        "Add &Note…",
        "Write an analyst's note, in Markdown",
        lambda: edits.add_text(w, "note"),
        "Ctrl+Shift+N",
        "note",
    )
    w.add_heading_action = make_action(
        w,
        "Add &Sub-heading…",
        "Add a heading within a section",
        lambda: edits.add_text(w, "heading"),
        "Ctrl+Shift+H",
        "heading",
    )
    w.edit_item_action = make_action(
        w, "&Edit Item", "Edit the selected note or sub-heading", w.edit_current_item, "Return"
    )
    w.remove_action = make_action(
        w,
        "&Remove Item",
        "Take the selected items out of the briefing (the claims stay)",
        lambda: edits.remove_items(w),
        Keys.Delete,
        "remove",
    )
    for action in (w.edit_item_action, w.remove_action):
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        w.removeAction(action)
        w.tree.addAction(action)

    if hosted:
        for action in w.actions():
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    w.undo_action = w.stack.createUndoAction(w, "&Undo")
    w.undo_action.setIcon(icon("undo"))
    w.redo_action = w.stack.createRedoAction(w, "&Redo")
    w.redo_action.setIcon(icon("redo"))
    for action, tip in ((w.undo_action, "Undo the last change"), (w.redo_action, "Redo it")):
        action.setToolTip(tip)
        action.setStatusTip(tip)
    if not hosted:
        w.undo_action.setShortcut(QKeySequence(Keys.Undo))
        w.redo_action.setShortcut(QKeySequence(Keys.Redo))
        w.addActions([w.undo_action, w.redo_action])

    menu = w.menuBar().addMenu("&File")
    menu.addActions([w.new_action, w.rename_action, w.delete_briefing_action])
    menu.addSeparator()
    menu.addActions([w.export_action, w.copy_action, w.print_action])
    menu.addSeparator()
    menu.addAction(w.close_action)
    menu = w.menuBar().addMenu("&Edit")
    menu.addActions([w.undo_action, w.redo_action])
    w.search_action = None if hosted else add_search_library(w, menu)
    menu = w.menuBar().addMenu("&Briefing")
    menu.addActions([w.add_claims_action, w.add_note_action, w.add_heading_action])
    menu.addSeparator()
    menu.addActions([w.edit_item_action, w.remove_action])

    toolbar = QToolBar("Workspace", w)
    toolbar.setObjectName("workspaceToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addAction(w.new_action)
    toolbar.addSeparator()
    toolbar.addActions([w.add_claims_action, w.add_note_action, w.remove_action])
    toolbar.addSeparator()
    toolbar.addActions([w.undo_action, w.redo_action])
    toolbar.addSeparator()
    toolbar.addActions([w.export_action, w.copy_action, w.print_action])
    w.addToolBar(toolbar)
    fit_labels(toolbar)

"""The workspace's actions, menus and toolbar: every command in a menu, with its shortcut.

Shortcuts that mean something else while typing (Delete, Return) belong to the tree alone
(Qt.WidgetShortcut), so Delete in the BLUF deletes a character, not an item. Undo and Redo
act on the workspace's own history (its stack): their text follows it ("Undo Edit bottom
line"), and in a text field they undo its typing (ui/undo/router.py).

Hosted in the main window (`hosted`), the workspace shares that window's keys: its commands
answer only while the focus is inside it (Qt.WidgetWithChildrenShortcut), so Ctrl+Shift+N
there adds a note to the briefing and in the reader a note on the text; Undo, Redo and
Search Library are the main window's own (its Undo acts on the workspace's history while the
focus is in here: ui/undo/router.py), so the workspace's toolbar buttons for them carry no
key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from briefing.ui.action_factory import make_action
from briefing.ui.icons import icon
from briefing.ui.search.elsewhere import add_search_library
from briefing.ui.search.in_toolbar import fit_labels
from briefing.ui.undo.router import UndoRouter, window_resolver
from briefing.ui.workspace import edits, exporting, moves
from briefing.ui.workspace.section_menu import fill_section_menu

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
    # Ctrl+Shift+C is the main window's Claims table too: docked, each answers where the
    # focus is (the Claims action keeps to the reader's side of the window).
    w.copy_action = make_action(
        w,
        "&Copy as Markdown",
        "Put the briefing's Markdown on the clipboard (Ctrl+Shift+C in the workspace; in the "
        "rest of the window it shows the claims table)",
        lambda: exporting.copy_markdown(w),
        "Ctrl+Shift+C",
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
    w.new_section_action = make_action(
        w,
        "New Sectio&n",
        "Add a section after the current one, its heading ready to type",
        lambda: edits.new_section(w),
        "Ctrl+Alt+N",
    )
    w.rename_section_action = make_action(
        w,
        "Rena&me Section",
        "Change the heading of the current section (F2 on a section does the same)",
        lambda: edits.rename_current_section(w),
    )
    w.delete_section_action = make_action(
        w,
        "De&lete Section",
        "Delete the current section with its items (the claims stay; Undo brings it back)",
        lambda: edits.delete_section(w),
    )
    w.move_up_action = make_action(
        w,
        "Move &Up",
        "Move the selected items up one place (into the section above at its top), or the "
        "selected section above the one before it",
        lambda: moves.move_selection(w, -1),
        "Alt+Up",
    )
    w.move_down_action = make_action(
        w,
        "Move Do&wn",
        "Move the selected items down one place (into the section below at its bottom), or "
        "the selected section below the one after it",
        lambda: moves.move_selection(w, 1),
        "Alt+Down",
    )
    w.move_to_section_action = make_action(
        w,
        "Move to Sec&tion…",
        "Move the selected items to the end of another section, or of a new one",
        lambda: moves.move_to_section(w),
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
    # Keys that mean something else elsewhere (Alt+Up in a text field, Delete) act only in
    # the tree.
    for action in (w.edit_item_action, w.remove_action, w.move_up_action, w.move_down_action):
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        w.removeAction(action)
        w.tree.addAction(action)

    if hosted:
        for action in w.actions():
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    if hosted:
        # The main window's Edit ▸ Undo acts on this history while the focus is in here
        # (ui/undo/router.py); the toolbar's buttons act on it wherever the focus is.
        w.undo_action = w.stack.createUndoAction(w, "&Undo")
        w.redo_action = w.stack.createRedoAction(w, "&Redo")
        tips = ("Undo the last change made in the workspace", "Redo it, in the workspace")
        for action, tip in zip((w.undo_action, w.redo_action), tips, strict=True):
            action.setToolTip(tip)
            action.setStatusTip(tip)
    else:
        w.undo_router = UndoRouter(w, w.stack, "", window_resolver(w, w.stack))
        w.undo_action, w.redo_action = w.undo_router.undo_action, w.undo_router.redo_action
    w.undo_action.setIcon(icon("undo"))
    w.redo_action.setIcon(icon("redo"))

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
    menu.addActions([w.new_section_action, w.rename_section_action, w.delete_section_action])
    menu.addSeparator()
    menu.addActions([w.move_up_action, w.move_down_action, w.move_to_section_action])
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


def tree_menu(w: WorkspaceWindow) -> QMenu:
    """The tree's context menu, for the row under it (made current) and the selection: what
    can be done to an item or a section there, and what can be added."""
    menu = QMenu(w.tree)
    menu.setObjectName("briefingTreeMenu")
    menu.setToolTipsVisible(True)
    index = w.tree.currentIndex()
    items = w.selected_items()
    section = w.tree_model.section_at(index)
    item = w.tree_model.item_at(index)
    if items:
        if item is not None and item.kind in ("note", "heading"):
            menu.addAction(w.edit_item_action)
        if item is not None and item.kind == "claim" and w.show_claim is not None:
            show = menu.addAction("&Show in Reader")
            show.setToolTip("Open the claim where it was marked, in its article")
            show.triggered.connect(lambda: w.show_claim(item))  # type: ignore[misc]
        menu.addActions([w.move_up_action, w.move_down_action])
        move = menu.addMenu("Move to Sec&tion")
        move.setObjectName("moveToSectionMenu")
        if w.briefing is not None:
            ids = [i.id for i in items]
            fill_section_menu(
                move,
                w.briefing,
                lambda section_id: moves.move_items_to(w, ids, section_id),
                exclude=next(iter({i.section_id for i in items}))
                if len({i.section_id for i in items}) == 1
                else None,
            )
        menu.addSeparator()
        menu.addAction(w.remove_action)
    elif section is not None:
        menu.addActions([w.rename_section_action, w.move_up_action, w.move_down_action])
        menu.addSeparator()
        menu.addAction(w.delete_section_action)
    if menu.actions():
        menu.addSeparator()
    menu.addActions(
        [w.new_section_action, w.add_claims_action, w.add_note_action, w.add_heading_action]
    )
    return menu

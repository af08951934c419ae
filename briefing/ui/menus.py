"""The main window's actions, menus and toolbar.

Every command is a QAction with a tooltip and status tip, in a menu, with a shortcut: the
standard key where Qt has one (Open, Find, Find Next, Undo, Redo, Quit, Help), so each
platform gets its own binding, else a documented one. The Keyboard Shortcuts dialog is
built from these menus, so it cannot drift from them; tests/ui/test_actions.py walks every
action of the window and fails on one missing a tip, a menu or a unique shortcut.

The annotation panel's actions (Delete, Accept, Reject) belong to its tree and act on the
tree's selection, and to the reader's page, acting on the mark at its cursor (mark_keys.py);
they are in the Annotate menu too, so that the menu shows their keys, and their shortcuts
work only where the tree or the page has focus (Delete in the filter box deletes characters,
not claims). Edit Claim (Ctrl+E) is the window's: the claim selected in the
panel, or the one the reader's cursor is anywhere in.

The View menu's commands act on the window's layout rather than the library, and are made,
with their handlers, in view_actions.py; this module places them with the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from briefing.ui import view_actions
from briefing.ui.action_factory import make_action
from briefing.ui.actions import (
    annotate,
    articles,
    backups,
    help_menu,
    import_files,
    library_files,
    mark_keys,
    marks,
    suggestions,
    team,
)
from briefing.ui.dialogs.preferences import PreferencesDialog
from briefing.ui.icons import icon
from briefing.ui.search.in_toolbar import FieldToolBar, place_field
from briefing.ui.view_actions import keep_to

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    """Make the window's actions (as attributes: `window.claim_action`, …), menus, toolbar."""
    _make_file_edit_actions(window)
    _make_annotate_actions(window)
    view_actions.make(window)
    _make_help_actions(window)
    _make_menus(window)
    _make_toolbar(window)
    # Keys the docked claims table gives a meaning of its own while the focus is in it
    # (claims_table/actions.py): Ctrl+F searches the claims, Ctrl+Shift+B adds its selection.
    for action in (window.find_action, window.add_to_briefing_action):
        keep_to(action, window.centralWidget())
    window.reader.set_annotate_actions(window.annotate_actions)
    window.panel.set_annotate_actions(window.annotate_actions)
    window.panel.set_claim_actions([window.edit_claim_action, window.add_to_briefing_action])
    window.reader.set_mark_menu(lambda menu, found: marks.fill_menu(window, menu, found))
    window.mark_keys = mark_keys.install(window)  # Delete, Accept, Reject from the reader


def _make_file_edit_actions(window: MainWindow) -> None:
    keys = QKeySequence.StandardKey
    # No keys: Ctrl+N and Ctrl+O are New Briefing and Import Files, asked for far more often.
    window.new_library_action = make_action(
        window,
        "&New Library…",
        "Make a new, empty library file and switch to it",
        lambda: library_files.choose_new(window),
    )
    window.open_library_action = make_action(
        window,
        "Open &Library…",
        "Switch to another library file",
        lambda: library_files.choose_existing(window),
    )
    window.import_files_action = make_action(
        window,
        "&Import Files…",
        "Import article files (.txt, .md, .html) into the library",
        lambda: import_files.choose_files(window),
        keys.Open,
        "import",
    )
    window.import_folder_action = make_action(
        window,
        "Import &Folder…",
        "Import every article file in a folder and its subfolders",
        lambda: import_files.choose_folder(window),
        "Ctrl+Shift+O",
    )
    window.paste_article_action = make_action(
        window,
        "&Paste Article…",
        "Add an article by pasting its text; correct the proposed title, outlet and date",
        lambda: articles.paste_article(window),
        "Ctrl+Shift+V",
        "paste",
    )
    window.back_up_action = make_action(
        window,
        "&Back Up Now",
        "Make a backup of the library now, beside it (the app also makes one each day)",
        lambda: backups.back_up_now(window),
    )
    window.restore_action = make_action(
        window,
        "&Restore from Backup…",
        "Put one of the library's backups in place of the library (it is backed up first)",
        lambda: backups.choose_backup(window),
    )
    window.team_join_action = make_action(
        window,
        "&Join…",
        "Link this library to a team library in PostgreSQL and sync with it",
        lambda: team.join(window),
    )
    window.team_sync_action = make_action(
        window,
        "&Sync Now",
        "Send this library's changes to the team library and bring in everyone else's",
        lambda: window.team_sync.sync_now(),
        "F5",
    )
    window.team_conflicts_action = make_action(
        window,
        "&Conflicts…",
        "Fields changed here and in the team: keep yours or the team's",
        lambda: team.show_conflicts(window),
    )
    window.team_leave_action = make_action(
        window,
        "&Leave Team…",
        "Stop syncing with the team library; this library keeps everything",
        lambda: team.leave(window),
    )
    # Some platforms (Windows, Qt's offscreen) bind no key to Quit: Ctrl+Q there too.
    window.quit_action = make_action(
        window, "&Quit", "Quit Briefing", window.close, (keys.Quit, "Ctrl+Q")
    )
    # Each acts on the history of the pane with the focus, or on a text field's typing, and
    # says which (ui/undo/router.py).
    window.undo_action = window.undo_router.undo_action
    window.undo_action.setIcon(icon("undo"))
    window.redo_action = window.undo_router.redo_action
    window.redo_action.setIcon(icon("redo"))
    window.find_action = make_action(
        window,
        "&Find in Article…",
        "Find text in the open article",
        window.reader.start_find,
        keys.Find,
        "find",
    )
    window.find_next_action = make_action(
        window,
        "Find &Next",
        "Go to the next match of the text in the find bar",
        lambda: _find_again(window, backward=False),
        keys.FindNext,
    )
    window.find_previous_action = make_action(
        window,
        "Find Pre&vious",
        "Go to the previous match of the text in the find bar",
        lambda: _find_again(window, backward=True),
        keys.FindPrevious,
    )
    window.edit_details_action = make_action(
        window,
        "Edit Article &Details…",
        "Correct the open article's title, outlet, date, URL and author",
        lambda: articles.edit_article_details(window),
        "Ctrl+I",
    )
    window.edit_selected_action = make_action(
        window,
        "Edit &Selected Articles…",
        "Set the outlet, agency or date of the articles selected in the library list, or "
        "add tags to them, all at once",
        lambda: articles.edit_selected_articles(window),
        "Ctrl+Shift+I",
    )
    window.preferences_action = make_action(
        window,
        "Pr&eferences…",
        "Your name, which signs what you export from this library",
        lambda: _open_preferences(window),
        (keys.Preferences, "Ctrl+,"),
    )


def _make_annotate_actions(window: MainWindow) -> None:
    window.claim_action = make_action(
        window,
        "Mark as &Claim…",
        "Mark the selected text as a claim: who says it, about whom, how credible",
        lambda: annotate.mark_claim(window),
        "Ctrl+M",
        "claim",
    )
    window.tag_actor_action = make_action(
        window,
        "&Tag Actor…",
        "Tag the selected words as naming an actor (person, organisation, state, …)",
        lambda: annotate.tag_actor(window),
        "Ctrl+T",
        "actor",
    )
    window.highlight_action = make_action(
        window,
        "&Highlight",
        "Highlight the selected text",
        lambda: annotate.highlight(window),
        "Ctrl+H",
        "highlight",
    )
    window.note_action = make_action(
        window,
        "Add &Note…",
        "Write a note on the selected text",
        lambda: annotate.add_note(window),
        "Ctrl+Shift+N",
        "note",
    )
    # Ctrl+Shift+N is Add Note in the workspace too: each answers where the focus is (the
    # workspace docks in this window, so a window-wide key would be ambiguous there).
    window.note_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    window.removeAction(window.note_action)
    window.panes.addAction(window.note_action)
    window.edit_claim_action = make_action(
        window,
        "&Edit Claim…",
        "Edit the claim the reader's cursor is in (anywhere in it), or the one selected in "
        "the annotation panel",
        lambda: marks.edit_claim_here(window),
        "Ctrl+E",
    )
    # Ctrl+E is the workspace's Export too: each answers where the focus is (as Add Note).
    window.edit_claim_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    window.removeAction(window.edit_claim_action)
    window.panes.addAction(window.edit_claim_action)
    window.annotate_actions = [
        window.claim_action,
        window.tag_actor_action,
        window.highlight_action,
        window.note_action,
    ]
    window.add_to_briefing_action = make_action(
        window,
        "Add Claim to &Briefing",
        "Add the claim at the cursor, or the claims selected in the annotation panel, to the "
        "briefing open in the workspace",
        lambda: annotate.add_to_briefing(window),
        "Ctrl+Shift+B",
        "briefing",
    )
    window.suggest_action = make_action(
        window,
        "&Suggest Mentions",
        "Find known actor names and aliases in this article, for you to accept or reject",
        lambda: suggestions.suggest_mentions(window),
        "Ctrl+Shift+M",
        "suggest",
    )


def _make_help_actions(window: MainWindow) -> None:
    window.shortcuts_action = make_action(
        window,
        "&Keyboard Shortcuts",
        "List every command with its keyboard shortcut",
        lambda: help_menu.show_shortcuts(window),
        QKeySequence.StandardKey.HelpContents,
    )
    window.about_action = make_action(
        window,
        "&About Briefing",
        "Briefing's version and the library file in use",
        lambda: help_menu.show_about(window),
    )
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)


def _make_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    menu = bar.addMenu("&File")
    menu.addActions([window.new_library_action, window.open_library_action])
    recent = menu.addMenu("Open &Recent")
    recent.setToolTipsVisible(True)
    recent.aboutToShow.connect(lambda: library_files.fill_recent_menu(window, recent))
    window.recent_menu = recent
    menu.addSeparator()
    menu.addActions(
        [window.import_files_action, window.import_folder_action, window.paste_article_action]
    )
    menu.addSeparator()
    menu.addActions([window.back_up_action, window.restore_action])
    menu.addSeparator()
    team_menu = menu.addMenu("&Team")
    team_menu.addActions(
        [window.team_join_action, window.team_sync_action, window.team_conflicts_action]
    )
    team_menu.addSeparator()
    team_menu.addAction(window.team_leave_action)
    menu.addSeparator()
    menu.addAction(window.quit_action)
    menu = bar.addMenu("&Edit")
    menu.addActions([window.undo_action, window.redo_action])
    menu.addSeparator()
    menu.addActions([window.find_action, window.find_next_action, window.find_previous_action])
    menu.addSeparator()
    menu.addActions([window.edit_details_action, window.edit_selected_action])
    menu.addSeparator()
    menu.addAction(window.preferences_action)
    menu = bar.addMenu("&View")
    menu.addActions([window.workspace_action, window.float_workspace_action])
    menu.addActions([window.claims_action, window.float_claims_action, window.actors_action])
    menu.addSeparator()
    menu.addActions([window.library_toggle, window.panel_toggle])
    menu.addSeparator()
    menu.addActions([window.search_action, window.filter_action])
    menu.addSeparator()
    menu.addActions(window.focus_actions)
    menu = bar.addMenu("&Annotate")
    menu.addActions(window.annotate_actions)
    menu.addSeparator()
    menu.addAction(window.add_to_briefing_action)
    menu.addSeparator()
    menu.addAction(window.suggest_action)
    menu.addSeparator()
    panel = window.panel
    menu.addActions(
        [
            window.edit_claim_action,
            panel.delete_action,
            panel.accept_action,
            panel.reject_action,
        ]
    )
    menu = bar.addMenu("&Help")
    menu.addActions([window.shortcuts_action, window.about_action])


def _make_toolbar(window: MainWindow) -> None:
    toolbar = FieldToolBar("Main", window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addActions([window.import_files_action, window.paste_article_action])
    toolbar.addSeparator()
    toolbar.addActions([*window.annotate_actions, window.suggest_action])
    toolbar.addSeparator()
    toolbar.addActions([window.undo_action, window.redo_action, window.find_action])
    toolbar.addSeparator()
    toolbar.addAction(window.workspace_action)
    # The search field, right-aligned: always at hand, named with its key.
    field = window.search_page.field
    keys = window.search_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    field.setPlaceholderText(f"Search library   {keys}")
    place_field(toolbar, field, icon_only=[window.undo_action, window.redo_action])
    # Not a command of its own: hiding the only toolbar is no use, so no menu entry for it.
    toolbar.toggleViewAction().setVisible(False)
    window.addToolBar(toolbar)
    window.toolbar = toolbar


def _open_preferences(window: MainWindow) -> PreferencesDialog:
    dialog = PreferencesDialog(window.library, window.runner, window)
    window.dialog = dialog
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def _find_again(window: MainWindow, *, backward: bool) -> None:
    """F3 / Shift+F3: the next or previous match; with nothing to find yet, open the bar."""
    bar = window.reader.find_bar
    if bar.isVisible() and bar.field.text():
        bar.go(backward)
    else:
        window.reader.start_find()

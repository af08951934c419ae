"""The actors window's actions and menus: every command in a menu, with its shortcut, and the
page's buttons made from the same actions.

Keys that mean something else while typing (Delete, F2) belong to the alias list alone
(Qt.WidgetShortcut), so Delete in the name field deletes a character, not an alias. Undo
and Redo come from the shared stack, as in the main window and the workspace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QBoxLayout, QPushButton, QSizePolicy

from briefing.ui.action_factory import make_action
from briefing.ui.actors import edits
from briefing.ui.icons import icon
from briefing.ui.search.elsewhere import add_search_library
from briefing.ui.undo.router import UndoRouter, window_resolver

if TYPE_CHECKING:
    from briefing.ui.actors.window import ActorsWindow

Keys = QKeySequence.StandardKey


def _buttons(layout: QBoxLayout, actions: list[QAction], at: int = 0) -> None:
    """Push buttons for actions. (A QToolButton would drop the "…" that says a dialog
    follows.) Each follows its action's text, tip and enabled state."""
    column = layout.direction() == QBoxLayout.Direction.TopToBottom
    for n, action in enumerate(actions):
        button = QPushButton(action.text().replace("&", ""))
        button.setToolTip(action.toolTip())
        button.setAutoDefault(False)
        button.clicked.connect(action.trigger)
        action.changed.connect(lambda b=button, a=action: b.setEnabled(a.isEnabled()))
        if column:  # equal widths
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout.insertWidget(at + n, button)


def install_actions(window: ActorsWindow) -> None:
    w, page = window, window.page_view
    w.find_action = make_action(
        w, "&Find Actor", "Filter the actor list", w.focus_filter, Keys.Find, "find"
    )
    w.add_alias_action = make_action(
        w,
        "&Add Alias…",
        "Give the actor another name, everywhere or in one article",
        lambda: edits.add_alias(w),
        "Ctrl+Shift+A",
    )
    w.rename_alias_action = make_action(
        w,
        "Re&name Alias",
        "Edit the selected alias in place",
        lambda: edits.start_renaming_alias(w),
        "F2",
        widget=page.aliases,
    )
    w.remove_alias_action = make_action(
        w,
        "&Remove Alias",
        "Remove the selected alias (Undo brings it back)",
        lambda: edits.remove_alias(w),
        Keys.Delete,
        widget=page.aliases,
    )
    w.merge_action = make_action(
        w,
        "&Merge With…",
        "Merge this actor with another: one name stays, everything else moves over",
        lambda: edits.choose_merge(w),
        "Ctrl+Shift+M",
    )
    w.delete_action = make_action(
        w,
        "&Delete Actor…",
        "Delete this actor with its aliases and mentions (Undo brings it back)",
        lambda: edits.ask_delete(w),
    )
    w.show_more_action = make_action(
        w,
        "Show &More",
        "List more of this actor's mentions, claims and suggestions",
        w.show_more,
    )
    w.accept_action = make_action(
        w,
        "A&ccept Selected",
        "Tag the selected suggestions as mentions of this actor",
        lambda: edits.review(w, True, every=False),
        "Ctrl+Return",
        widget=page.suggestions,
    )
    w.reject_action = make_action(
        w,
        "R&eject Selected",
        "Dismiss the selected suggestions (they are not suggested again)",
        lambda: edits.review(w, False, every=False),
        Keys.Delete,
        widget=page.suggestions,
    )
    w.accept_all_action = make_action(
        w,
        "Accept &All",
        "Tag every suggestion of this actor as a mention, also those not listed",
        lambda: edits.review(w, True, every=True),
    )
    w.reject_all_action = make_action(
        w,
        "Reject A&ll",
        "Dismiss every suggestion of this actor, also those not listed",
        lambda: edits.review(w, False, every=True),
    )
    close_action = make_action(w, "&Close", "Close the actors window", w.close, Keys.Close)
    # This window's own history, or a text field's typing (ui/undo/router.py).
    w.undo_router = UndoRouter(w, w.stack, "", window_resolver(w, w.stack))
    w.undo_action, w.redo_action = w.undo_router.undo_action, w.undo_router.redo_action
    w.undo_action.setIcon(icon("undo"))
    w.redo_action.setIcon(icon("redo"))

    menu = w.menuBar().addMenu("&File")
    menu.addAction(close_action)
    menu = w.menuBar().addMenu("&Edit")
    menu.addActions([w.undo_action, w.redo_action])
    menu.addSeparator()
    menu.addAction(w.find_action)
    w.search_action = add_search_library(w, menu)
    menu = w.menuBar().addMenu("&Actor")
    menu.addActions([w.add_alias_action, w.rename_alias_action, w.remove_alias_action])
    menu.addSeparator()
    menu.addActions([w.merge_action, w.delete_action])
    menu.addSeparator()
    menu.addActions([w.accept_action, w.reject_action, w.accept_all_action, w.reject_all_action])
    menu.addSeparator()
    menu.addAction(w.show_more_action)

    _buttons(page.header_buttons, [w.merge_action, w.delete_action])
    _buttons(page.alias_buttons, [w.add_alias_action, w.rename_alias_action, w.remove_alias_action])
    _buttons(page.suggestion_buttons, [w.accept_action, w.reject_action])
    _buttons(page.suggestion_all_buttons, [w.accept_all_action, w.reject_all_action])

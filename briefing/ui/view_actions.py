"""The View menu's commands: what the main window shows, and where the keyboard focus goes.

Folding and bringing back the library list and the annotation panel, the docks (the briefing
workspace and the claims table, docked or in a window of their own), the actors window,
Search Library, Filter Library, and Ctrl+1, 2, 3 to move the focus to a pane. A module of
their own because, unlike the other menus' commands, whose work is in actions/, these act on
the window's own layout: their handlers are here, and so is `keep_to`, which keeps a key the
window shares with one of its docks from becoming ambiguous. menus.py places them (the View
menu) and makes them, in its order, through `make`.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QWidget

from briefing.ui.action_factory import make_action

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow


def make(window: MainWindow) -> None:
    """The View menu's commands, as attributes of the window (`window.workspace_action`, …)."""
    window.filter_action = make_action(
        window,
        "Filter &Library",
        "Filter the library list by title or outlet",
        lambda: _filter_library(window),
        "Ctrl+L",
    )
    focus_targets = (
        ("Go to Li&brary List", "Move the keyboard focus to the list of articles", "library"),
        ("Go to &Reader", "Move the keyboard focus to the article's text", "reader"),
        ("Go to A&nnotations", "Move the keyboard focus to the annotation panel", "panel"),
    )
    window.search_action = make_action(
        window,
        "&Search Library…",
        "Search the whole library (articles, claims, notes, actors) as you type",
        window.search_page.focus_field,
        "Ctrl+K",
    )
    window.focus_actions = [
        make_action(window, text, tip, partial(_go_to, window, pane_name), f"Ctrl+{n}")
        for n, (text, tip, pane_name) in enumerate(focus_targets, start=1)
    ]
    window.library_toggle = make_action(
        window,
        "&Library List",
        "Show or fold the library list (it folds by itself when the window is too narrow "
        "for it beside a readable article)",
        lambda: None,  # main_panes.connect makes it checkable and acts on `toggled`
        "Ctrl+Shift+L",
    )
    window.panel_toggle = make_action(
        window,
        "Annotation &Panel",
        "Show or fold the annotation panel (it folds by itself when the window is too "
        "narrow for it beside a readable article)",
        lambda: None,
        "Ctrl+Shift+P",
    )
    window.workspace_action = make_action(
        window,
        "Briefing &Workspace",
        "Show or close the briefing workspace, docked beside the reader: build briefings "
        "from claims, with a live preview, and export them",
        lambda: _toggle_workspace(window, window.workspace_action.isChecked()),
        "Ctrl+B",
        "briefing",
    )
    window.workspace_action.setCheckable(True)
    window.float_workspace_action = make_action(
        window,
        "Workspace in Its Own Wi&ndow",
        "Detach the briefing workspace from the main window into a window of its own "
        "(for a second screen), or dock it back",
        lambda: _float_workspace(window, window.float_workspace_action.isChecked()),
    )
    window.float_workspace_action.setCheckable(True)
    window.claims_action = make_action(
        window,
        "&Claims",
        "Show or close the claims table, docked below the reader: every claim in the "
        "library to sort, filter, open, drag into a briefing (Ctrl+Shift+C in the workspace "
        "copies the briefing as Markdown instead)",
        lambda: _toggle_claims(window, window.claims_action.isChecked()),
        "Ctrl+Shift+C",
        "claim",
    )
    window.claims_action.setCheckable(True)
    # Ctrl+Shift+C is the workspace's Copy as Markdown too: this one answers everywhere in
    # the window but the workspace (docked, it is in this window: a window-wide key would be
    # ambiguous there, and neither would answer); the claims dock adds itself (its key
    # closes it there).
    keep_to(window.claims_action, window.centralWidget())
    window.float_claims_action = make_action(
        window,
        "Claims in Its Own Win&dow",
        "Detach the claims table from the main window into a window of its own (for a "
        "second screen), or dock it back",
        lambda: _float_claims(window, window.float_claims_action.isChecked()),
    )
    window.float_claims_action.setCheckable(True)
    window.actors_action = make_action(
        window,
        "&Actors",
        "The library's actors: aliases, mentions, the claims they make and that are about them",
        partial(_open_actors, window),
        "Ctrl+Shift+T",
        "actor",
    )


def _toggle_workspace(window: MainWindow, shown: bool) -> None:
    # Imported when first used: the workspace is not part of start-up.
    from briefing.ui.workspace.dock import toggle

    toggle(window, shown)


def _float_workspace(window: MainWindow, floating: bool) -> None:
    from briefing.ui.workspace.dock import set_floating

    set_floating(window, floating)


def _toggle_claims(window: MainWindow, shown: bool) -> None:
    from briefing.ui.claims_table.dock import toggle

    toggle(window, shown)


def _float_claims(window: MainWindow, floating: bool) -> None:
    from briefing.ui.claims_table.dock import set_floating

    set_floating(window, floating)


def keep_to(action: QAction, *widgets: QWidget) -> None:
    """The action's key answers only with the focus inside one of `widgets` (and wherever
    else it already is: a toolbar's button, a menu), not window-wide: a dock of this window
    that gives the same key a meaning of its own would make it ambiguous, and Qt would run
    neither."""
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    for widget in action.associatedObjects():
        if isinstance(widget, QMainWindow):
            widget.removeAction(action)
    for widget in widgets:
        widget.addAction(action)


def _open_actors(window: MainWindow) -> None:
    from briefing.ui.actors import open_actors

    open_actors(window)


def _filter_library(window: MainWindow) -> None:
    from briefing.ui import main_panes

    main_panes.show(window, "library")
    _focus(window.library_pane.filter, select_all=True)


def _go_to(window: MainWindow, pane_name: str) -> None:
    """Ctrl+1, 2, 3: the pane's main widget gets the focus, the pane shown if it was folded."""
    from briefing.ui import main_panes

    main_panes.show(window, pane_name)
    widget = {
        "library": window.search_page.view
        if window.left_pane.currentWidget() is window.search_page
        else window.library_pane.view,
        "reader": window.reader.page,
        "panel": window.panel.tree,
    }[pane_name]
    _focus(widget)


def _focus(widget: QWidget, *, select_all: bool = False) -> None:
    widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
    if select_all and hasattr(widget, "selectAll"):
        widget.selectAll()

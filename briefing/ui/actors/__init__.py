"""Actor pages (issue 7): a window of its own listing the library's actors, with a page per
actor: aliases, mentions across articles, claims made and about it, suggested mentions to
review in bulk, and merging.

    from briefing.ui.actors import open_actors
    open_actors(main_window)                  # shows it (or raises the one already open)
    open_actors(main_window, actor_id=3)      # ... on that actor's page

The window shares the main window's library, op runner and settings, and keeps an undo
history of its own (each window undoes its own edits: ui/undo/router.py); every change
reaches every window through `runner.library_changed`. Double-clicking a mention or a claim
opens it in the main window's reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.ui.actors.window import ActorsWindow
    from briefing.ui.main_window import MainWindow


def open_actors(main_window: MainWindow, actor_id: int | None = None) -> ActorsWindow:
    """Show the actors window of `main_window`'s library, made on first use and kept after;
    with `actor_id`, on that actor's page.

    It is a child of the main window with the Qt.Window flag: a separate top-level window
    that closes and goes away with the main window (whose close stops the runner first).
    """
    from PySide6.QtGui import QUndoStack

    from briefing.ui.actors.window import ActorsWindow

    window = main_window.findChild(ActorsWindow)
    if window is None:
        window = ActorsWindow(
            main_window.library,
            main_window.runner,
            QUndoStack(main_window),
            main_window.settings,
            open_annotation=main_window.show_annotation,
            open_suggestion=lambda article_id, suggestion_id: _show_suggestion(
                main_window, article_id, suggestion_id
            ),
            parent=main_window,
        )
    if actor_id is not None:
        window.show_actor(actor_id)  # before show(): a new window reads one page, not two
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def _show_suggestion(main_window: MainWindow, article_id: int, suggestion_id: int) -> None:
    """A suggested mention where it is: its article in the reader, scrolled to it."""
    from briefing.ui import errors

    reader = main_window.reader
    if reader.article_id != article_id and not main_window.open_article(article_id, select=True):
        return
    main_window.raise_()
    main_window.activateWindow()
    if not reader.reveal_annotation(suggestion_id, "suggestion"):
        errors.show_status(main_window, "This suggestion is no longer waiting for review")

"""Suggested actor mentions: find them in the open article, then accept or reject.

Suggesting runs as a CoreOp (it scans the text for every known name and alias, and a
library with thousands of actors makes that more than a moment); it only adds suggestions
waiting for the reader, so it is not an undo step. Accepting and rejecting are.

The status bar's "N suggestions waiting" follows the library: each change that shows in the
open article (Accept All, a rejection, an undo, another window's edit) says the count anew
while that message is still up (`follow`), rather than leave the count of before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.core import Library, Progress
from briefing.ui import errors
from briefing.ui.ops import CoreOp
from briefing.ui.undo.commands import AcceptSuggestions, RejectSuggestions

if TYPE_CHECKING:
    from briefing.core import SuggestReport
    from briefing.ui.main_window import MainWindow

SAID = "suggestionsWaitingSaid"  # the status bar's message of waiting suggestions, as shown


def suggest_mentions(window: MainWindow) -> CoreOp[SuggestReport] | None:
    article_id = window.reader.article_id
    if article_id is None:
        errors.show_status(window, "Open an article first, then suggest its actor mentions")
        return None

    def suggest(library: Library, progress: Progress) -> SuggestReport:
        return library.mentions.suggest(article_id, progress=progress)

    def done(report: SuggestReport) -> None:
        if report.pending == 0:
            errors.show_status(window, "No suggestions: every known name here is tagged")
        else:
            _say_waiting(window, report.pending, f" ({report.new} new)")

    op: CoreOp[SuggestReport] = CoreOp(window.runner, suggest, parent=window)
    op.success(done).run()
    return op


def _say_waiting(window: MainWindow, pending: int, more: str = "") -> None:
    if pending:
        waiting = f"{pending} suggestion" + ("" if pending == 1 else "s")
        errors.show_status(window, f"{waiting} waiting under “Suggested”{more}")
    else:
        errors.show_status(window, "No suggestions waiting: each was accepted or rejected")
    bar = window.statusBar()
    bar.setProperty(SAID, bar.currentMessage())


def follow(window: MainWindow) -> None:
    """The open article was read again after a change: if the status bar still says how
    many suggestions wait, say how many wait now."""
    bar = window.statusBar()
    said = bar.property(SAID)
    if not said or bar.currentMessage() != said:
        return
    pending = len(window.view.suggestions) if window.view is not None else 0
    if str(said).split(" ", 1)[0] != (str(pending) if pending else "No"):
        _say_waiting(window, pending)


def pending_ids(window: MainWindow) -> list[int]:
    return [s.id for s in window.view.suggestions] if window.view is not None else []


def accept_suggestions(window: MainWindow, ids: list[int]) -> bool:
    if not ids:
        errors.show_status(window, "No suggestions to accept")
        return False
    return window.undo.push(AcceptSuggestions(window.undo, ids))


def reject_suggestions(window: MainWindow, ids: list[int]) -> bool:
    if not ids:
        errors.show_status(window, "No suggestions to reject")
        return False
    return window.undo.push(RejectSuggestions(window.undo, ids))

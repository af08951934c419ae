"""Telling the user what went wrong: never a traceback in their face.

A `BriefingError` is something the user can act on: its message goes to the status bar of
the window (or a dialog when there is no window). Anything else is a bug: the traceback is
logged and an "Unexpected error" dialog offers it as copyable details, so a report can
carry it. `install_excepthook()` routes bugs outside ops (in a slot, a paint) the same way.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

log = logging.getLogger("briefing.ui")
STATUS_TIMEOUT_MS = 10_000
_HINT = "briefingStatusHint"  # the main window's property: the hint its status bar shows


def _main_window(parent: QWidget | None) -> QMainWindow | None:
    """The nearest main window holding `parent` (itself included) with a status line: a
    workspace docked in the main window, or floating beside it, has a status bar of its
    own."""
    widget = parent if parent is not None else QApplication.activeWindow()
    while widget is not None and not (
        isinstance(widget, QMainWindow) and (widget.isWindow() or not widget.statusBar().isHidden())
    ):
        # A docked pane whose status line is hidden (the claims table, docked right above
        # the main window's) speaks in the window's.
        widget = widget.parentWidget()
    return widget


def show_status(parent: QWidget | None, message: str) -> None:
    """A passing message in the window's status bar (nothing when there is no window)."""
    window = _main_window(parent)
    if window is not None:
        _show(window, message)


def show_hint(parent: QWidget | None, message: str) -> None:
    """A passing message saying what an action needs first ("Select some text in the
    article first"): taken back by `take_back_hint` once the action goes ahead, where a plain
    message stayed up ten seconds, over the editor the reader had since opened."""
    window = _main_window(parent)
    if window is not None:
        _show(window, message)
        window.setProperty(_HINT, message)


def take_back_hint(parent: QWidget | None) -> None:
    """The action went ahead: clear its hint if the status bar still shows it (and only
    then: a message shown since is left alone)."""
    window = _main_window(parent)
    if window is None:
        return
    hint = window.property(_HINT)
    window.setProperty(_HINT, None)
    shown = window.statusBar().currentMessage()
    if hint and shown and hint.startswith(shown.removesuffix("…")):
        window.statusBar().clearMessage()


def _show(window: QMainWindow, message: str) -> None:
    """The message, cut at a word with an ellipsis when the bar is too narrow for it (the
    bar would cut it mid-word)."""
    bar = window.statusBar()
    kept = sum(
        w.sizeHint().width()
        for w in bar.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if w.isVisible()
    )
    room = bar.width() - kept - 24
    metrics = bar.fontMetrics()
    if window.isVisible() and metrics.horizontalAdvance(message) > room:
        words = message.split(" ")
        while len(words) > 1 and metrics.horizontalAdvance(" ".join(words) + "…") > room:
            words.pop()
        message = " ".join(words).rstrip(",.:;") + "…"
    bar.showMessage(message, STATUS_TIMEOUT_MS)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A user-facing error: the status bar if there is a main window, else a dialog."""
    window = _main_window(parent)
    if window is not None:
        _show(window, str(exc))
        return
    box = QMessageBox(QMessageBox.Icon.Warning, "Briefing", str(exc), parent=parent)
    box.setAccessibleName("Error")
    box.open()


def show_unexpected(
    parent: QWidget | None,
    exc: BaseException,
    tb: TracebackType | None = None,
) -> QMessageBox:
    """A bug: log it and show "Unexpected error" with the traceback as copyable details.

    The box is opened, not exec'd, so a failure inside an event handler does not start a
    nested event loop there.
    """
    details = "".join(traceback.format_exception(type(exc), exc, tb or exc.__traceback__))
    log.error("unexpected error\n%s", details)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "Unexpected error",
        "Something went wrong inside Briefing. Your library is unchanged by the failed step.\n\n"
        f"{type(exc).__name__}: {exc}",
        parent=_main_window(parent) or parent,
    )
    box.setDetailedText(details)
    box.setAccessibleName("Unexpected error")
    box.open()
    return box


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        QApplication.quit()
        return
    if QApplication.instance() is None:
        sys.__excepthook__(kind, exc, tb)
        return
    show_unexpected(None, exc, tb)


def install_excepthook() -> None:
    """Show bugs outside ops in a dialog instead of printing them to a terminal nobody sees."""
    sys.excepthook = _excepthook

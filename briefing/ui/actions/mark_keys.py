"""Delete, Accept Suggestion and Reject Suggestion answering from the reader, on the mark at
its text cursor, as they answer in the annotation panel on the rows selected there.

Apart from marks.py (the right-click menu on a mark, made for the mark under the pointer at
that moment): these are the panel's three actions, the ones the Annotate menu lists with
their keys, and what is owned here is what they act on and when they are enabled, which
follows the focus and the reader's cursor. A first user clicked a suggestion in the text
(it became selected in the panel), pressed Ctrl+Shift+Y as the menu said, and nothing
happened: the keys answered only with the focus in the panel.

One action for each command, not a second one for the reader: the menu item and the key do
the same thing wherever the focus is (one undo step, one status message), and no key gets
two owners. The actions keep their widget-only shortcut, now on the reader's page as well as
the panel's tree (neither inside the other), so Delete still means what it means in the
library list, the claims table and the workspace.

With the focus in the reader, they act on the marks at its cursor (or that hold its
selection): the ones selected in the panel among them (the mark clicked), else the one the
mark menu would lead with (a claim, else the innermost). Anywhere else, on the panel's
selection, as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from briefing.ui.article_view import Mark

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow


def marks_at_cursor(window: MainWindow) -> list[Mark]:
    """The marks holding the reader's selection, innermost first; for a bare cursor, those
    of the character after it, else of the one before it (the cursor at a mark's end)."""
    span, view = window.reader.cursor_span(), window.view
    if span is None or view is None:
        return []
    start, end = span
    if start == end:
        return view.marks_at(start) or (view.marks_at(start - 1) if start > 0 else [])
    found = [m for m in view.marks() if m.start <= start and end <= m.end]
    return sorted(found, key=lambda m: m.end - m.start)


def targets(window: MainWindow, kind: str | None) -> list[int]:
    """What Delete (kind None: any annotation) or Accept and Reject (kind "suggestion") act
    on: see the module docstring."""
    panel = window.panel
    selected = panel.selected_ids(kind)
    if not window.reader.page.hasFocus():
        return selected
    here = [
        m for m in marks_at_cursor(window) if (m.kind == "suggestion") == (kind == "suggestion")
    ]
    if not here:
        return []
    chosen = [m.annotation_id for m in here if m.annotation_id in selected]
    if chosen:
        return chosen
    primary = next((m for m in here if m.kind == "claim"), here[0])
    return [primary.annotation_id]


class MarkKeys(QObject):
    """Keeps the panel's three actions enabled by what they would act on: a disabled action's
    key does nothing, and the reader's cursor and the focus move without the panel knowing."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        panel, page = window.panel, window.reader.page
        for action in (panel.delete_action, panel.accept_action, panel.reject_action):
            page.addAction(action)
        panel.set_targets(lambda kind: targets(window, kind))
        page.cursorPositionChanged.connect(self._update)
        page.selectionChanged.connect(self._update)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_app_focus_changed)

    def _update(self) -> None:
        if isValid(self._window):
            self._window.panel.update_actions()

    def _on_app_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if not isValid(self._window):
            return
        page = self._window.reader.page
        if (old is not None and isValid(old) and old is page) or new is page:
            self._window.panel.update_actions()


def install(window: MainWindow) -> MarkKeys:
    """Make the panel's Delete, Accept and Reject answer from the reader too."""
    return MarkKeys(window)

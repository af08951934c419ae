"""The briefing's tree as a view: its context menu, from the mouse or the keyboard (the Menu
key, Shift+F10), and drops it refuses with a reason.

A drag of anything but claims (or this briefing's own items) is refused as it enters, and
the status bar says why and what would work: dropping a file, a plain selection of text or
another briefing's items onto a briefing otherwise shows only a "no entry" cursor, and the
reader is left guessing.

Signals:
    menu_requested(QPoint): the context menu is asked for, at this global position
    drop_refused(str): a drag was refused; the reason, for the status bar
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Signal
from PySide6.QtGui import QContextMenuEvent, QDragEnterEvent, QDragMoveEvent
from PySide6.QtWidgets import QTreeView, QWidget

from briefing.ui.workspace.mime import CLAIMS_MIME, ITEMS_MIME, ids_in


class BriefingTreeView(QTreeView):
    menu_requested = Signal(QPoint)
    drop_refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._told = False  # this drag's refusal was said

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            index = self.indexAt(event.pos())
            if index.isValid() and not self.selectionModel().isSelected(index):
                self.setCurrentIndex(index)
            where = event.globalPos()
        else:  # from the keyboard: under the current row, not wherever the mouse is
            rect = self.visualRect(self.currentIndex())
            where = self.viewport().mapToGlobal(rect.bottomLeft() if rect.isValid() else QPoint())
        self.menu_requested.emit(where)
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        self._told = False
        super().dragEnterEvent(event)
        if not event.isAccepted():
            self._refuse(event.mimeData())

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt's name
        # Qt lets a drag in on its formats alone and asks the model here: another
        # briefing's items are turned away now.
        super().dragMoveEvent(event)
        if not event.isAccepted():
            self._refuse(event.mimeData())

    def _refuse(self, data: QMimeData) -> None:
        if not self._told:  # once a drag, not at every move of the mouse
            self._told = True
            self.drop_refused.emit(self.refusal(data))

    def refusal(self, data: QMimeData) -> str:
        """Why this drag cannot be dropped here, and what would work."""
        model = self.model()
        if getattr(model, "briefing", None) is None:
            return "Make or pick a briefing first, then drop claims into it"
        if ids_in(data, ITEMS_MIME):
            return (
                "Those items belong to another briefing: drag claims from the reader, the "
                "annotation panel, the claims table or search results"
            )
        if data.hasUrls() and any(url.isLocalFile() for url in data.urls()):
            return (
                "Files go into the library, not a briefing: drop them on the main window, "
                "then mark claims in them"
            )
        if data.hasFormat(CLAIMS_MIME):
            return "Nothing to add: the drag carries no claim this library has"
        if data.hasText():
            return (
                "Only claims go into a briefing, and this is plain text: mark it as a claim "
                "first (Ctrl+M), then drag the claim"
            )
        return (
            "Only claims can be dropped here: drag them from the reader, the annotation "
            "panel, the claims table or search results"
        )

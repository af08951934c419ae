"""The list of hits: open one with Enter or a click, drag claims out, a context menu.

Claims can be dragged straight into the briefing workspace's tree (the model's mime data
carries their ids), or sent with "Add to Briefing" from the context menu. The menu's
actions are made for the menu and die with it: they are not commands of the window.

Signals:
    open_requested(int): a row to open (Enter, Return or a click)
    add_requested(list): claim ids to add to the open briefing
    show_all_requested(str): show every hit of a group ("Articles", "Claims and notes",
        "Actors"): its heading's "Show all" link was clicked, or the menu's command chosen
    leave_requested(): Escape, or Up on the first row: back to the search field
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QMenu, QWidget

from briefing.ui.search.delegate import HitDelegate
from briefing.ui.search.results_model import HitRole, ResultsModel, group_of


class ResultsView(QListView):
    open_requested = Signal(int)
    add_requested = Signal(list)
    leave_requested = Signal()
    show_all_requested = Signal(str)

    def __init__(self, model: ResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchResults")
        self.setAccessibleName("Search results")
        self.setModel(model)
        self.hit_delegate = HitDelegate(self)
        self.setItemDelegate(self.hit_delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # rows re-wrap to the new width
        self.setMouseTracking(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setTabKeyNavigation(False)
        self.clicked.connect(lambda index: self.open_requested.emit(index.row()))

    def results(self) -> ResultsModel:
        model = self.model()
        assert isinstance(model, ResultsModel)
        return model

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        current = self.currentIndex()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current.isValid():
            self.open_requested.emit(current.row())
            return
        if key == Qt.Key.Key_Escape or (
            key == Qt.Key.Key_Up and (not current.isValid() or current.row() == 0)
        ):
            self.leave_requested.emit()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        """A click on a group's heading is not a click on the hit below it; one on its "Show
        all" link shows the group's every hit."""
        at = event.position().toPoint()
        index = self.indexAt(at)
        if index.isValid() and index.data(HitRole.Group):
            rect = self.visualRect(index)
            if at.y() < rect.top() + self.hit_delegate.heading_height():
                more = index.data(HitRole.More)
                if more and self.hit_delegate.more_link_rect(rect, more).contains(at):
                    self.show_all_requested.emit(index.data(HitRole.GroupName))
                event.accept()
                return
        super().mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        index = self.indexAt(event.pos())
        menu = self.menu_for(index.row()) if index.isValid() else None
        if menu is not None:
            self.setCurrentIndex(index)
            menu.exec(event.globalPos())
            menu.deleteLater()

    def menu_for(self, row: int) -> QMenu | None:
        """The context menu of a row: Open, Add to Briefing for a claim, and Show All of its
        kind when its group has more than it shows."""
        hit = self.results().hit(row)
        if hit is None:
            return None
        menu = QMenu(self)
        menu.setAccessibleName("Search result")
        opened = menu.addAction("Open Actor Page" if hit.kind == "actor" else "Open")
        opened.triggered.connect(lambda: self.open_requested.emit(row))
        if hit.kind == "claim":
            add = menu.addAction("Add to Briefing")
            add.setStatusTip("Add this claim to the briefing open in the workspace")
            add.triggered.connect(lambda: self.add_requested.emit([hit.id]))
        group = group_of(hit.kind)
        more = self.results().more_of(group)
        if more:
            menu.addSeparator()
            show = menu.addAction(f"{more} {group}")
            show.triggered.connect(lambda: self.show_all_requested.emit(group))
        return menu

    def select_row(self, row: int) -> QModelIndex:
        index = self.model().index(row, 0)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)
        return index

"""The workspace laid out: the list of briefings, the editor and the preview side by side
(a row of panes, ui/panes), each pane's width counted in characters of the window's font.

Apart from the window (window.py) because how the panes are put together and how they give
way in a narrow dock is decided once, when the window is made, and never again; the window
owns what happens afterwards (what is shown, kept in step with the library, selected and
remembered). The views are configured here too (the list edits a title in place, the tree
drags items about and takes claims from elsewhere), so window.py only connects them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from briefing.ui.panes.row import PaneRow
from briefing.ui.widgets.button_row import ButtonRow
from briefing.ui.workspace.list_model import BriefingListModel
from briefing.ui.workspace.tree_model import BriefingTreeModel
from briefing.ui.workspace.tree_view import BriefingTreeView

if TYPE_CHECKING:
    from briefing.ui.workspace.window import WorkspaceWindow

# Average characters of the window's font: (minimum, preferred) of each pane.
LIST_CHARS = (24, 42)
EDITOR_CHARS = (44, 66)
PREVIEW_CHARS = (38, 90)


def _pane(title: str, *widgets: QWidget, stretch: int = -1) -> QWidget:
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(8, 8, 8, 8)
    layout.setSpacing(6)
    label = QLabel(title, pane)
    label.setObjectName("paneTitle")
    layout.addWidget(label)
    for n, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if n == stretch % len(widgets) else 0)
    return pane


def _wrapping(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _buttons(*actions: QAction) -> QWidget:
    return ButtonRow(*actions)


def briefing_list(model: BriefingListModel, parent: QWidget) -> QListView:
    """The list of briefings: one line each, a title renamed in place (F2)."""
    view = QListView(parent)
    view.setObjectName("briefingList")
    view.setAccessibleName("Briefings")
    view.setModel(model)
    view.setSpacing(1)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
    return view


def briefing_tree(model: BriefingTreeModel, parent: QWidget) -> BriefingTreeView:
    """The open briefing's sections and items: dragged about, claims dropped in from the
    reader, the panel or the claims table, a heading or sub-heading edited in place."""
    tree = BriefingTreeView(parent)
    tree.setObjectName("briefingTree")
    tree.setAccessibleName("Sections and items")
    tree.setModel(model)
    tree.setHeaderHidden(True)
    tree.setUniformRowHeights(True)
    tree.setIndentation(18)
    tree.setExpandsOnDoubleClick(False)
    tree.setTextElideMode(Qt.TextElideMode.ElideRight)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    tree.setDragEnabled(True)
    tree.setAcceptDrops(True)
    tree.setDropIndicatorShown(True)
    tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)  # claims from elsewhere too
    tree.setDefaultDropAction(Qt.DropAction.MoveAction)
    tree.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    return tree


def lay_out(window: WorkspaceWindow) -> PaneRow:
    """The row of panes over `window`'s views and actions (install_actions made them): the
    list of briefings folds first in a narrow dock, then the preview, each to a strip that
    brings it back; the editor stays."""
    w = window
    editor = _pane(
        "Briefing",
        w.fields,
        _wrapping("Sections and items — drag to reorder, double-click to edit"),
        w.tree,
        _buttons(w.add_claims_action, w.add_note_action, w.add_heading_action, w.remove_action),
        stretch=2,
    )
    panes = PaneRow(w)
    panes.setObjectName("workspacePanes")
    char = w.fontMetrics().averageCharWidth()
    briefings = _pane(
        "Briefings",
        w.list,
        _buttons(w.new_action, w.delete_briefing_action),
        stretch=0,
    )
    for name, widget, label, chars, extra in (
        ("briefings", briefings, "Briefings", LIST_CHARS, {"priority": 1}),
        ("editor", editor, "Briefing", EDITOR_CHARS, {"main": True}),
        (
            "preview",
            _pane("Preview", w.preview, stretch=0),
            "Preview",
            PREVIEW_CHARS,
            {"priority": 2},
        ),
    ):
        panes.add_pane(
            name,
            widget,
            label=label,
            minimum=char * chars[0],
            preferred=char * chars[1],
            **extra,
        )
    panes.strip_of("briefings").setToolTip(
        "The list of briefings, folded to give the editor room: click to show it"
    )
    panes.strip_of("preview").setToolTip(
        "The preview, folded to give the editor room: click to show it"
    )
    return panes

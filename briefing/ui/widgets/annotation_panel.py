"""The side panel: the open article's annotations, grouped by kind, orphans apart, and the
suggested actor mentions waiting for the reader.

An article with no annotations yet shows, in the tree's place, how to make one: select text,
then the annotate commands with their keys (`set_annotate_actions`).

A tree widget rather than a model of our own: it holds one article's annotations (tens,
at most a few thousand), rebuilt whenever the article or the library changes. What can be
done to an item (accept, reject, delete) is a QAction on the tree acting on the selected
items: the context menu shows them, and their shortcuts work from the keyboard. The window
may widen what they act on (`set_targets`): the same actions answer from the reader, on the
mark at its cursor (actions/mark_keys.py), so the Annotate menu that lists them has one
meaning for each, wherever the focus is.

The panel and the reader select together: an annotation chosen here (a click, Enter, or the
arrow keys moving through the list) is selected and shown in the reader, and a click on a
mark in the reader selects it here (`select_annotation`). Each claim carries a swatch of its
status's colour, so the list doubles as the reader's legend. What each row says, and how
rows are grouped, is annotation_rows.py's.

Signals:
    annotation_activated(int): the user chose an annotation (click, Enter); its id
    suggestion_activated(int): the same for a suggestion; its id
    claim_edit_requested(int): double-click on a claim; its id
    suggestions_accepted(list): suggestion ids to accept (Accept, Accept All)
    suggestions_rejected(list): suggestion ids to reject (Reject, Reject All)
    annotations_delete_requested(list): annotation ids to delete
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import (
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.ui.article_view import ArticleView
from briefing.ui.theme import mark_colours
from briefing.ui.widgets import tree_refresh
from briefing.ui.widgets.annotation_rows import SUGGESTED, AnnotationRows
from briefing.ui.widgets.annotation_tree import AnnotationTree, IdRole, KindRole
from briefing.ui.widgets.wrapped_label import WrappedLabel


class AnnotationPanel(QWidget):
    annotation_activated = Signal(int)
    suggestion_activated = Signal(int)
    claim_edit_requested = Signal(int)
    suggestions_accepted = Signal(list)
    suggestions_rejected = Signal(list)
    annotations_delete_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = AnnotationTree(self)
        self.tree.setObjectName("annotationTree")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setIndentation(12)
        self.tree.setAccessibleName("Annotations of the article")
        self.tree.setRootIsDecorated(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QTreeWidget.DragDropMode.DragOnly)
        self.tree.setDefaultDropAction(Qt.DropAction.CopyAction)
        self._claim_actions: list[QAction] = []
        self._targets: Callable[[str | None], list[int]] = self._ids
        self._selecting = False  # select_annotation() at work: not the reader's doing
        self._rows = AnnotationRows()  # what each row says (annotation_rows.py)
        self.accept_all = QPushButton("Accept All", self)
        self.accept_all.setToolTip("Tag every suggested mention as a mention of its actor")
        self.reject_all = QPushButton("Reject All", self)
        self.reject_all.setToolTip("Dismiss every suggested mention (not suggested again)")
        self.suggestion_bar = QWidget(self)
        self.suggestion_bar.setObjectName("suggestionBar")
        bar = QHBoxLayout(self.suggestion_bar)
        bar.setContentsMargins(6, 4, 6, 4)
        bar.addWidget(self.accept_all)
        bar.addWidget(self.reject_all)
        bar.addStretch(1)
        self.hint = WrappedLabel(self)
        self.hint.setObjectName("annotationHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.hint.setContentsMargins(12, 12, 12, 12)
        self.hint.hide()
        self._annotate_actions: list[QAction] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.hint, 1)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.suggestion_bar)
        self._make_actions()
        self.tree.itemClicked.connect(self._on_tree_item_activated)
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)
        self.tree.itemDoubleClicked.connect(self._on_tree_item_double_clicked)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_tree_context_menu_requested)
        self.tree.itemSelectionChanged.connect(self.update_actions)
        self.accept_all.clicked.connect(
            lambda: self.suggestions_accepted.emit(self._ids("suggestion", everything=True))
        )
        self.reject_all.clicked.connect(
            lambda: self.suggestions_rejected.emit(self._ids("suggestion", everything=True))
        )
        self.show_view(None)

    def _make_actions(self) -> None:
        def action(text: str, tip: str, keys: str, slot: object) -> QAction:
            made = QAction(text, self.tree)
            made.setToolTip(tip)
            made.setStatusTip(tip)
            made.setShortcut(QKeySequence(keys))
            made.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            made.triggered.connect(slot)
            self.tree.addAction(made)
            return made

        self.accept_action = action(
            "&Accept Suggestion",
            "Tag the selected suggestions as mentions of their actors",
            "Ctrl+Shift+Y",
            lambda: self.suggestions_accepted.emit(self._targets("suggestion")),
        )
        self.reject_action = action(
            "&Reject Suggestion",
            "Dismiss the selected suggestions",
            "Ctrl+Shift+R",
            lambda: self.suggestions_rejected.emit(self._targets("suggestion")),
        )
        self.delete_action = action(
            "&Delete",
            "Delete the selected annotations (Edit ▸ Undo brings them back)",
            QKeySequence(QKeySequence.StandardKey.Delete).toString(),
            lambda: self.annotations_delete_requested.emit(self._targets(None)),
        )

    def set_annotate_actions(self, actions: list[QAction]) -> None:
        """The commands that make annotations, named (with their keys) in the hint shown
        for an article without any."""
        self._annotate_actions = list(actions)

    def _hint_text(self) -> str:
        lines = []
        for action in self._annotate_actions:
            name = action.text().replace("&", "").rstrip("…")
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            lines.append(f"<li><b>{html.escape(name)}</b>" + (f" ({keys})" if keys else ""))
        return (
            "<p><b>No annotations yet.</b></p>"
            "<p>Select words in the article, then choose:</p>"
            f"<ul style='margin-left: -20px'>{''.join(lines)}</ul>"
            "<p>The same commands are in the Annotate menu and on a right-click in the text."
            " What you mark is listed here.</p>"
        )

    def set_claim_actions(self, actions: list[QAction]) -> None:
        """Window actions on claims (Edit Claim, Add to Briefing) for the context menu of
        claims: the window's, so one key (Ctrl+E) edits the claim at the reader's cursor and
        the one selected here alike."""
        self._claim_actions = list(actions)

    def set_targets(self, targets: Callable[[str | None], list[int]]) -> None:
        """What Accept, Reject and Delete act on, `targets(kind)` (kind as `selected_ids`),
        in place of the selection here: the window's, which asks the reader too."""
        self._targets = targets
        self.update_actions()

    def selected_ids(self, kind: str | None) -> list[int]:
        """Ids of the selected annotations of `kind` (None: any kind but suggestions)."""
        return self._ids(kind)

    def _ids(self, kind: str | None, *, everything: bool = False) -> list[int]:
        """Ids of the selected items of `kind` (None: any annotation, not suggestions); an
        actor's row selected stands for each of its mentions."""
        items = self.items(SUGGESTED) if everything else self.tree.selectedItems()
        items = [
            leaf
            for item in items
            for leaf in (
                [item.child(i) for i in range(item.childCount())]
                if item.data(0, KindRole) is None and item.parent() is not None
                else [item]
            )
        ]
        ids = []
        for item in dict.fromkeys(items):
            item_kind = item.data(0, KindRole)
            if item_kind is None or (kind is None and item_kind == "suggestion"):
                continue
            if kind is None or item_kind == kind:
                ids.append(int(item.data(0, IdRole)))
        return ids

    def update_actions(self) -> None:
        """Enable Accept, Reject and Delete by what they would act on now: a disabled
        action's key does nothing, so this is asked again as the targets change."""
        suggestions = bool(self._targets("suggestion"))
        self.accept_action.setEnabled(suggestions)
        self.reject_action.setEnabled(suggestions)
        self.delete_action.setEnabled(bool(self._targets(None)))

    def _on_tree_context_menu_requested(self, point: QPoint) -> None:
        item = self.tree.itemAt(point)
        if item is not None and not item.isSelected():
            self.tree.setCurrentItem(item)
        self.update_actions()
        actions = [a for a in self.tree.actions() if a.isEnabled()]
        if self._ids("claim"):
            actions += self._claim_actions
        if not actions:
            return
        menu = QMenu(self)
        menu.addActions(actions)
        menu.exec(self.tree.viewport().mapToGlobal(point))
        menu.deleteLater()

    def _on_tree_item_double_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        if item.data(0, KindRole) == "claim":
            self.claim_edit_requested.emit(int(item.data(0, IdRole)))

    def show_view(self, view: ArticleView | None) -> None:
        self.tree.clear()
        self._show_state(view)
        if view is not None:
            tree_refresh.replace(self.tree, self._groups(view))

    def update_view(self, view: ArticleView) -> None:
        """Show `view`, a newer read of the article shown (an annotation changed, came or
        went): the rows that stay are updated in place, and the current and selected rows,
        the actor rows opened and the scroll position are kept."""
        bar = self.suggestion_bar.isVisibleTo(self)
        self._show_state(view)
        if self.suggestion_bar.isVisibleTo(self) != bar:
            # The tree's height changes with the bar: at once, so that a row scrolled to
            # right after this (select_annotation) is placed in the viewport it will have.
            self.layout().activate()
        self._selecting = True  # the current row put back is not the user's choice
        try:
            tree_refresh.refresh(self.tree, lambda: self._groups(view))
        finally:
            self._selecting = False
        self.update_actions()

    def _show_state(self, view: ArticleView | None) -> None:
        """The suggestion bar, and the hint in the tree's place when there is nothing."""
        waiting = bool(view and view.suggestions)
        focus = QApplication.focusWidget() or self.window().focusWidget()
        if not waiting and focus is not None and self.suggestion_bar.isAncestorOf(focus):
            # Accept All answered the last of them and its bar goes: the focus stays in the
            # panel, rather than wander off to the next widget (the search field, where
            # Ctrl+Z would undo typing instead of the Accept All).
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        self.suggestion_bar.setVisible(waiting)
        self.update_actions()
        empty = view is not None and not (
            view.claims or view.mentions or view.highlights or view.notes or view.suggestions
        )
        if empty:
            self.hint.setText(self._hint_text())
        self.hint.setVisible(empty)
        self.tree.setVisible(not empty)

    def _groups(self, view: ArticleView) -> list[QTreeWidgetItem]:
        return self._rows.groups(view, mark_colours(self.palette()))

    def items(self, group_prefix: str) -> list[QTreeWidgetItem]:
        """The items under the group whose label starts with `group_prefix`."""
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group.text(0).startswith(group_prefix):
                return [group.child(j) for j in range(group.childCount())]
        return []

    def select_annotation(self, kind: str, annotation_id: int) -> bool:
        """Select the item of an annotation (a suggestion with kind "suggestion") as the
        current one, scrolled into view; nothing is activated (the reader shows it already)."""
        found = self._find(kind, annotation_id)
        if found is None:
            return False
        parent = found.parent()
        if parent is not None and parent.parent() is not None:
            parent.setExpanded(True)  # a mention folded under its actor's row
        self._selecting = True
        try:
            self.tree.setCurrentItem(found)
        finally:
            self._selecting = False
        self.tree.scrollToItem(found)
        return True

    def _find(self, kind: str, annotation_id: int) -> QTreeWidgetItem | None:
        """The item of an annotation, under its group (or its actor's row, for a mention)."""
        pending = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while pending:
            parent = pending.pop(0)
            for row in range(parent.childCount()):
                item = parent.child(row)
                is_suggestion = item.data(0, KindRole) == "suggestion"
                if item.data(0, IdRole) == annotation_id and is_suggestion == (
                    kind == "suggestion"
                ):
                    return item
                if item.childCount():
                    pending.append(item)
        return None

    def _on_tree_current_item_changed(
        self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        # The arrow keys moving through the list: the reader follows (a click is an
        # activation of its own; a selection made from the reader is not sent back).
        if current is not None and self.tree.hasFocus() and not self._selecting:
            self._on_tree_item_activated(current)

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        if item.data(0, IdRole) is None and item.parent() is not None and item.childCount():
            item = item.child(0)  # an actor's row: its first mention
        annotation_id = item.data(0, IdRole)
        if annotation_id is None:
            return
        if item.data(0, KindRole) == "suggestion":
            self.suggestion_activated.emit(int(annotation_id))
        else:
            self.annotation_activated.emit(int(annotation_id))

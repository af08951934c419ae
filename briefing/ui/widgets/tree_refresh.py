"""Showing a newer read of a tree's rows without losing the reader's place in it.

The annotation panel is rebuilt from the article's annotations (annotation_panel.py); when
a change arrives (another copy graded a claim, a claim came or went) a rebuild from scratch
lost the current row, the selection, the actor rows opened and the scroll position, and
measured each of hundreds of rows anew. Here the new rows are laid over the old: rows of
the same records in the same order take the new words, tips and swatches in place; any
other change replaces the rows and puts back what was current, selected and open, and the
scroll position.

A row is known by its kind and record id (IdRole, KindRole); a group or an actor's row,
which has no id, by its label before the count ("Claims (12)", "Iran (3) — ...").
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from briefing.ui.widgets.annotation_tree import IdRole, KindRole


def key_of(item: QTreeWidgetItem) -> Hashable:
    """What record a row stands for, whatever its words."""
    record = item.data(0, IdRole)
    if record is not None:
        return item.data(0, KindRole), int(record)
    return "label", item.text(0).split(" (", 1)[0]


def replace(tree: QTreeWidget, groups: list[QTreeWidgetItem]) -> None:
    """Show `groups` as the tree's top-level rows, open."""
    tree.clear()
    tree.addTopLevelItems(groups)
    for group in groups:
        group.setExpanded(True)


def refresh(tree: QTreeWidget, build: Callable[[], list[QTreeWidgetItem]]) -> bool:
    """Show `groups` in place of the tree's rows, keeping the current and selected rows, the
    rows opened and the scroll position. Rows of the same records take the new look in
    place; rows that came are inserted and rows that went removed where they are. True when
    that was all; False when the rows were put in another order (they are replaced, and
    what was current, selected and open put back). `build()` makes the new top-level rows
    (called again for that)."""
    if _merge(tree, tree.invisibleRootItem(), build()):
        # Laid out now: Qt's tree paints before the layout it put off (the rows at their
        # old places, the scroll bar's old range) and then again after it, the whole
        # viewport twice for one row that came.
        tree.executeDelayedItemsLayout()
        return True
    old = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    current = tree.currentItem()
    current_key = _path(current) if current is not None else None
    selected = {_path(item) for item in tree.selectedItems()}
    opened = {_path(item) for item in _walk(old) if item.parent() and item.isExpanded()}
    bar = tree.verticalScrollBar()
    position = bar.value()
    groups = build()  # _merge took rows of the first build into the tree
    blocked = tree.blockSignals(True)  # the rows' coming and going is not the user's doing
    try:
        replace(tree, groups)
        for item in _walk(groups):
            path = _path(item)
            if path in opened:
                item.setExpanded(True)
            if path in selected:
                item.setSelected(True)
            if path == current_key:
                tree.setCurrentItem(item, 0, QItemSelectionModel.SelectionFlag.NoUpdate)
    finally:
        tree.blockSignals(blocked)
    tree.executeDelayedItemsLayout()  # the scroll range of the new rows, before the value
    bar.setValue(position)
    return False


def _merge(tree: QTreeWidget, parent: QTreeWidgetItem, new: list[QTreeWidgetItem]) -> bool:
    """Make `parent`'s children show `new` (parentless rows): False, with the children
    partly merged, when the records came in another order or one is there twice."""
    old = [parent.child(i) for i in range(parent.childCount())]
    old_keys = [key_of(item) for item in old]
    new_keys = [key_of(item) for item in new]
    old_set, new_set = set(old_keys), set(new_keys)
    if len(old_set) != len(old_keys) or len(new_set) != len(new_keys):
        return False
    if [k for k in old_keys if k in new_set] != [k for k in new_keys if k in old_set]:
        return False
    for index in reversed(range(len(old))):
        if old_keys[index] not in new_set:
            parent.takeChild(index)
    staying = iter([item for item, key in zip(old, old_keys, strict=True) if key in new_set])
    for index, (item, key) in enumerate(zip(new, new_keys, strict=True)):
        if key in old_set:
            target = next(staying)
            _copy(item, target)
            leaf = not item.childCount() and not target.childCount()
            if not leaf and not _merge(tree, target, item.takeChildren()):
                return False
        else:
            parent.insertChild(index, item)
            if parent is tree.invisibleRootItem():
                item.setExpanded(True)  # a group, open as `replace` leaves them
    return True


def _walk(items: list[QTreeWidgetItem]) -> Iterator[QTreeWidgetItem]:
    """Every row under `items`, depth first, parents before their children."""
    for item in items:
        yield item
        yield from _walk([item.child(i) for i in range(item.childCount())])


def _path(item: QTreeWidgetItem) -> tuple[Hashable, ...]:
    keys = []
    walking: QTreeWidgetItem | None = item
    while walking is not None:
        keys.append(key_of(walking))
        walking = walking.parent()
    return tuple(reversed(keys))


def _same_shape(old: list[QTreeWidgetItem], new: list[QTreeWidgetItem]) -> bool:
    if len(old) != len(new):
        return False
    for was, now in zip(old, new, strict=True):
        if key_of(was) != key_of(now) or was.childCount() != now.childCount():
            return False
        children = range(was.childCount())
        if not _same_shape([was.child(i) for i in children], [now.child(i) for i in children]):
            return False
    return True


def _copy(source: QTreeWidgetItem, target: QTreeWidgetItem) -> None:
    """What `source` shows, onto `target` (only what differs: each set re-measures the row)."""
    if target.text(0) != source.text(0):
        target.setText(0, source.text(0))
    if target.toolTip(0) != source.toolTip(0):
        target.setToolTip(0, source.toolTip(0))
    if target.icon(0).cacheKey() != source.icon(0).cacheKey():
        target.setIcon(0, source.icon(0))
    if target.font(0) != source.font(0):
        target.setFont(0, source.font(0))

"""A newer read of a tree's rows laid over the old ones (briefing/ui/widgets/tree_refresh.py):
rows of the same records are the same rows, updated in place; rows that come or go are
inserted or taken where they are; the current and selected rows, the rows opened and the
scroll position stay, also when the records came in another order."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from briefing.ui.widgets import tree_refresh
from briefing.ui.widgets.annotation_tree import IdRole, KindRole


def _row(record: int, text: str, children: tuple[tuple[int, str], ...] = ()) -> QTreeWidgetItem:
    item = QTreeWidgetItem([text])
    if children:  # an actor's row: no id of its own
        item.addChildren([_row(i, t) for i, t in children])
    else:
        item.setData(0, IdRole, record)
        item.setData(0, KindRole, "claim")
    return item


def _groups(rows: list[tuple[int, str]], actors: tuple[tuple[int, str], ...] = ()):  # noqa: ANN202
    claims = QTreeWidgetItem([f"Claims ({len(rows)})"])
    claims.addChildren([_row(i, text) for i, text in rows])
    groups = [claims]
    if actors:
        mentions = QTreeWidgetItem(["Actor mentions (1)"])
        mentions.addChild(_row(0, "Iran (2)", actors))
        groups.append(mentions)
    return groups


def _tree(qtbot, rows: list[tuple[int, str]], actors=()) -> QTreeWidget:  # noqa: ANN001
    tree = QTreeWidget()
    tree.setHeaderHidden(True)
    tree.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
    tree.resize(300, 120)
    qtbot.addWidget(tree)
    tree_refresh.replace(tree, _groups(rows, actors))
    tree.show()
    qtbot.waitExposed(tree)
    return tree


def _texts(tree: QTreeWidget) -> list[str]:
    group = tree.topLevelItem(0)
    return [group.text(0)] + [group.child(i).text(0) for i in range(group.childCount())]


ROWS = [(i, f"claim {i}") for i in range(1, 41)]


def test_rows_of_the_same_records_are_updated_in_place(qtbot) -> None:
    tree = _tree(qtbot, ROWS)
    group = tree.topLevelItem(0)
    kept = [group.child(i) for i in range(group.childCount())]
    tree.setCurrentItem(kept[30])
    kept[31].setSelected(True)
    tree.verticalScrollBar().setValue(tree.verticalScrollBar().maximum())
    position = tree.verticalScrollBar().value()
    assert position > 0

    newer = [(i, f"claim {i} · disputed" if i == 31 else text) for i, text in ROWS]
    assert tree_refresh.refresh(tree, lambda: _groups(newer))

    assert [group.child(i) for i in range(group.childCount())] == kept  # the very rows
    assert kept[30].text(0) == "claim 31 · disputed"
    assert tree.currentItem() is kept[30]
    assert set(tree.selectedItems()) == {kept[30], kept[31]}
    assert tree.verticalScrollBar().value() == position


def test_a_row_that_comes_or_goes_is_inserted_or_taken_where_it_is(qtbot) -> None:
    tree = _tree(qtbot, ROWS)
    group = tree.topLevelItem(0)
    tree.setCurrentItem(group.child(20))
    current = tree.currentItem()

    gone = [row for row in ROWS if row[0] != 5]
    assert tree_refresh.refresh(tree, lambda: _groups(gone))
    assert _texts(tree)[:6] == ["Claims (39)", *(f"claim {i}" for i in (1, 2, 3, 4, 6))]
    assert tree.currentItem() is current

    came = [*gone[:10], (99, "claim 99"), *gone[10:]]
    assert tree_refresh.refresh(tree, lambda: _groups(came))
    assert _texts(tree)[0] == "Claims (40)" and _texts(tree)[11] == "claim 99"
    assert tree.currentItem() is current and current.text(0) == "claim 21"
    assert tree.topLevelItem(0).isExpanded()


def test_records_in_another_order_are_shown_anew_with_the_place_kept(qtbot) -> None:
    tree = _tree(qtbot, ROWS, actors=((7, "Iran — the ministry"), (8, "Iran — Tehran")))
    actor = tree.topLevelItem(1).child(0)
    actor.setExpanded(True)
    tree.setCurrentItem(tree.topLevelItem(0).child(3))
    tree.topLevelItem(0).child(4).setSelected(True)
    tree.verticalScrollBar().setValue(2)

    reordered = list(reversed(ROWS))
    assert not tree_refresh.refresh(
        tree, lambda: _groups(reordered, ((7, "Iran — the ministry"), (8, "Iran — Tehran")))
    )
    assert _texts(tree)[1] == "claim 40"
    assert tree.currentItem().text(0) == "claim 4"
    assert {item.text(0) for item in tree.selectedItems()} == {"claim 4", "claim 5"}
    assert tree.topLevelItem(1).child(0).isExpanded()  # the actor's row stays open
    assert tree.verticalScrollBar().value() == 2

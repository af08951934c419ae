"""The annotation panel's tree (briefing/ui/widgets/annotation_tree.py): its rows' heights
are kept between layouts, and measured anew whenever what decides them changes (the
words, the width, the font, the style). The oracle is a tree of the same rows measured
for the first time."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QFont, QIcon, QPixmap
from PySide6.QtWidgets import QTreeWidgetItem

from briefing.ui.widgets.annotation_tree import AnnotationTree, IdRole, KindRole

QUOTE = (
    "“The talks over the pipeline would resume within weeks, according to two officials "
    "who asked not to be named”\nMinister · asserted · grade {n}"
)


def _swatch() -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor("#d0e0ff"))
    return QIcon(pixmap)


def _rows() -> list[QTreeWidgetItem]:
    group = QTreeWidgetItem(["Claims (8)"])
    font = group.font(0)
    font.setBold(True)
    group.setFont(0, font)
    for n in range(8):
        item = QTreeWidgetItem([QUOTE.format(n=n) if n % 2 else f"Short {n}"])
        item.setData(0, IdRole, n + 1)
        item.setData(0, KindRole, "claim")
        if n % 3:
            item.setIcon(0, _swatch())
        group.addChild(item)
    return [group]


_SHOWN: list[AnnotationTree] = []


@pytest.fixture(autouse=True)
def _kept_until_closed(qtbot) -> Iterator[None]:  # noqa: ANN001
    """Each tree lives until it is closed and its window's events are delivered: qtbot
    holds widgets weakly, and a shown window deleted with an expose pending crashed Qt."""
    yield
    for tree in _SHOWN:
        tree.close()
    qtbot.wait(1)
    _SHOWN.clear()


def _tree(qtbot, width: int = 260, sheet: str = "", font: QFont | None = None) -> AnnotationTree:  # noqa: ANN001
    tree = AnnotationTree()
    _SHOWN.append(tree)
    tree.setHeaderHidden(True)
    tree.setIndentation(12)
    if font is not None:
        tree.setFont(font)
    if sheet:
        tree.setStyleSheet(sheet)
    qtbot.addWidget(tree)
    tree.addTopLevelItems(_rows())
    tree.expandAll()
    tree.resize(width, 500)
    tree.show()
    qtbot.waitExposed(tree)
    qtbot.waitUntil(lambda: tree.width() == width)
    tree.executeDelayedItemsLayout()
    return tree


def _heights(tree: AnnotationTree) -> list[int]:
    tree.executeDelayedItemsLayout()
    group = tree.topLevelItem(0)
    rows = [group] + [group.child(i) for i in range(group.childCount())]
    return [tree.visualItemRect(item).height() for item in rows]


def test_heights_are_kept_across_layouts_and_match_a_first_measure(qtbot) -> None:
    tree = _tree(qtbot)
    first = _heights(tree)
    tree.scheduleDelayedItemsLayout()  # as a row inserted or taken asks
    assert _heights(tree) == first
    assert first == _heights(_tree(qtbot))
    assert max(first[1:]) > 2 * min(first[1:])  # the long rows do wrap


def test_a_narrower_tree_wraps_its_rows_anew(qtbot) -> None:
    tree = _tree(qtbot, width=400)
    wide = _heights(tree)
    tree.resize(180, 500)
    qtbot.waitUntil(lambda: tree.width() == 180)
    narrow = _heights(tree)
    assert narrow == _heights(_tree(qtbot, width=180))
    assert sum(narrow) > sum(wide)
    tree.resize(400, 500)
    # Wider again, the scroll bar goes once the rows are laid out at a width without it.
    qtbot.waitUntil(lambda: _heights(tree) == wide)


def test_new_words_in_a_row_are_measured(qtbot) -> None:
    tree = _tree(qtbot)
    before = _heights(tree)
    short = tree.topLevelItem(0).child(0)
    short.setText(0, QUOTE.format(n=0))
    after = _heights(tree)
    assert after[1] > before[1]
    assert after[1] == after[2]  # the same words as the next row, with no swatch either


def test_a_font_change_measures_every_row_anew(qtbot) -> None:
    tree = _tree(qtbot)
    before = _heights(tree)
    big = QFont(tree.font())
    big.setPointSizeF(tree.font().pointSizeF() * 1.6)
    tree.setFont(big)
    after = _heights(tree)
    assert after == _heights(_tree(qtbot, font=big))
    assert all(a > b for a, b in zip(after, before, strict=True))


def test_a_style_sheet_change_measures_every_row_anew(qtbot) -> None:
    """A wider item padding leaves the words less room: they wrap to more lines."""
    tree = _tree(qtbot)
    before = _heights(tree)
    sheet = "QTreeWidget::item { padding: 5px 40px; }"
    if sheet:
        tree.setStyleSheet(sheet)
    after = _heights(tree)
    assert after == _heights(_tree(qtbot, sheet=sheet))
    assert sum(after) > sum(before)

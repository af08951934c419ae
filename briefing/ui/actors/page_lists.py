"""The lists of an actor's page: mentions, claims made, claims about, suggested mentions.

Mentions and suggestions are shown as a concordance (keyword in context): the words before,
the name, the words after, in three columns, so the names line up in the middle and a long
list reads at a glance. The words before are cut on the left, those after on the right.

Both are grouped under their article, whose row gives its title and date; selecting an
article's row selects what is under it (for reviewing suggestions an article at a time).
Every row holds the article and annotation (or suggestion) it stands for, under ArticleRole
and IdRole, so a double-click can open it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from briefing.core import Capped, PageClaim, Passage

IdRole = Qt.ItemDataRole.UserRole + 1
ArticleRole = Qt.ItemDataRole.UserRole + 2
MoreRole = Qt.ItemDataRole.UserRole + 3  # on the "… and N more" row
BEFORE, NAME, AFTER = range(3)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ARTICLE_WIDTH = 220


class _ContextDelegate(QStyledItemDelegate):
    """Cuts the words before a name on the left, so the words next to it stay in sight."""

    def initStyleOption(  # noqa: N802 - Qt's name
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if index.column() == BEFORE and index.data(IdRole) is not None:
            option.textElideMode = Qt.TextElideMode.ElideLeft  # type: ignore[attr-defined]


def make_tree(
    parent: QWidget, name: str, headers: Sequence[str], *, multi: bool = False
) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setObjectName("actorPageList")
    tree.setAccessibleName(name)
    tree.setHeaderLabels(list(headers))
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setTextElideMode(Qt.TextElideMode.ElideRight)
    tree.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    tree.header().setStretchLastSection(False)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return tree


def hold_rows(tree: QTreeWidget, rows: int) -> None:
    """Let `tree` be made as short as its header and `rows` rows: Qt's least height for a
    list, its scroll bar's, is some three rows, and four lists of it with their titles
    made the window taller than a 540-pixel screen (1080 pixels at scale factor 2)."""
    row = tree.fontMetrics().height() + 8  # the style sheet pads an item by 3 pixels
    tree.setMinimumHeight(tree.header().sizeHint().height() + rows * row + 2 * tree.frameWidth())


def make_claims_tree(parent: QWidget, name: str, headers: Sequence[str]) -> QTreeWidget:
    """Claims: the quote takes the room; who, status and article keep to their contents."""
    tree = make_tree(parent, name, headers)
    tree.setRootIsDecorated(False)
    header = tree.header()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
    header.resizeSection(3, ARTICLE_WIDTH)
    return tree


def make_context_tree(
    parent: QWidget, name: str, headers: Sequence[str], *, multi: bool = False
) -> QTreeWidget:
    """A concordance: before | name | after | article."""
    tree = make_tree(parent, name, headers, multi=multi)
    tree.setItemDelegate(_ContextDelegate(tree))
    header = tree.header()
    header.setSectionResizeMode(BEFORE, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(AFTER, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.ResizeToContents)
    tree.headerItem().setTextAlignment(BEFORE, RIGHT)
    return tree


def _passage_item(passage: Passage, parent: QTreeWidget | QTreeWidgetItem) -> QTreeWidgetItem:
    item = QTreeWidgetItem(parent, [passage.before, passage.text, passage.after])
    item.setTextAlignment(BEFORE, RIGHT)
    bold = QFont(item.font(NAME))
    bold.setBold(True)
    item.setFont(NAME, bold)
    item.setData(0, IdRole, passage.id)
    item.setData(0, ArticleRole, passage.article_id)
    tip = f"…{passage.before} {passage.text} {passage.after}…"
    if passage.orphaned:
        tip += "\n(no longer found in the article's text: these were its last words)"
    for column in (BEFORE, NAME, AFTER):
        item.setToolTip(column, tip)
    return item


def fill_passages(tree: QTreeWidget, passages: Capped[Passage], what: str) -> None:
    """Mentions or suggestions, grouped under their article (newest first)."""
    tree.clear()
    groups: dict[int, QTreeWidgetItem] = {}
    for passage in passages.rows:
        group = groups.get(passage.article_id)
        if group is None:
            group = QTreeWidgetItem(tree)
            group.setData(0, ArticleRole, passage.article_id)
            group.setToolTip(0, _article(passage.article_title, passage.article_date))
            groups[passage.article_id] = group
        _passage_item(passage, group)
    for group in groups.values():
        first = group.child(0)
        title = group.toolTip(0)
        n = group.childCount()
        group.setText(0, f"{title}  ({n})" if first is not None else title)
        font = QFont(group.font(0))
        font.setWeight(QFont.Weight.DemiBold)
        group.setFont(0, font)
    _more(tree, passages.more, what)
    for row in range(tree.topLevelItemCount()):
        # By row: the item's own setFirstColumnSpanned looks its row up, for every group.
        tree.setFirstColumnSpanned(row, QModelIndex(), True)
    tree.expandAll()


def fill_claims(tree: QTreeWidget, claims: Capped[PageClaim], *, made: bool) -> None:
    """Claims: quote, the other side (who it is about, or who says it), status, article."""
    tree.clear()
    for claim in claims.rows:
        if made:
            other = ", ".join(a.name for a in claim.about) or "–"
        else:
            other = claim.speaker.name if claim.speaker else "unattributed"
        quote = " ".join(claim.quote.split())
        status = claim.status + (f" · {claim.grade}" if claim.grade else "")
        item = QTreeWidgetItem(tree, [f"“{quote}”", other, status, claim.article_title])
        item.setData(0, IdRole, claim.id)
        item.setData(0, ArticleRole, claim.article_id)
        item.setToolTip(0, f"“{quote}”")
        item.setToolTip(1, ("About: " if made else "Said by: ") + other)
        item.setToolTip(2, f"Status: {claim.status}; credibility grade: {claim.grade or '–'}")
        item.setToolTip(3, _article(claim.article_title, claim.article_date))
    _more(tree, claims.more, "claims")


def _rows(tree: QTreeWidget) -> list[tuple[QTreeWidgetItem, QTreeWidgetItem | None]]:
    """Every row with an id, and the article row it is under (None at the top level)."""
    out: list[tuple[QTreeWidgetItem, QTreeWidgetItem | None]] = []
    for n in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(n)
        if top.data(0, IdRole) is not None:
            out.append((top, None))
        out += [(top.child(c), top) for c in range(top.childCount())]
    return out


def selected_ids(tree: QTreeWidget) -> list[int]:
    """The ids of the selected rows in list order; a selected article row stands for all
    the rows under it."""
    return [
        item.data(0, IdRole)
        for item, group in _rows(tree)
        if item.isSelected() or (group is not None and group.isSelected())
    ]


def select_ids(tree: QTreeWidget, ids: set[int]) -> None:
    tree.clearSelection()
    for item, _group in _rows(tree):
        item.setSelected(item.data(0, IdRole) in ids)


def _article(title: str, date: str | None) -> str:
    """The date first: a long title is cut at its end, and the date must stay in sight."""
    return (f"{date}  ·  " if date else "") + (title or "Untitled")


def _more(tree: QTreeWidget, more: int, what: str) -> None:
    """A last row saying how many are not shown (Show More loads them)."""
    if more <= 0:
        return
    item = QTreeWidgetItem(tree)
    item.setFirstColumnSpanned(True)
    item.setText(0, f"… and {more:,} more {what} (double-click to list more)")
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    item.setData(0, MoreRole, more)
    item.setToolTip(0, "Double-click, or Actor ▸ Show More, to list more")
    font = QFont(item.font(0))
    font.setItalic(True)
    item.setFont(0, font)

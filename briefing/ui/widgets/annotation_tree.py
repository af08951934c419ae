"""The annotation panel's tree: rows that wrap to the panel's width, and claims that drag
out as claim ids (for the briefing workspace's tree) while other annotations stay put."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from briefing.ui.workspace.mime import CLAIMS_MIME, claims_mime_data

IdRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2  # claim, mention, highlight, note, suggestion


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the tree's current width.

    Qt's own size hint for wrapped text does not know the column width, so long quotes
    lost their last line; the tree re-lays its rows out when it is resized.
    """

    PADDING = 10

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(  # noqa: N802 - Qt's name
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        cell = max(self._tree.viewport().width() - self._tree.indentation() * (depth + 1), 40)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        width = text_width(self._tree, option, index, self, cell)
        metrics = option.fontMetrics
        font = index.data(Qt.ItemDataRole.FontRole)
        if font is not None:
            metrics = QFontMetrics(font)
        rect = metrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(cell, rect.height() + self.PADDING)


def text_width(
    tree: QTreeWidget,
    option: QStyleOptionViewItem,
    index: QModelIndex | QPersistentModelIndex,
    delegate: QStyledItemDelegate,
    cell: int,
) -> int:
    """The width the style gives a row's text in a cell `cell` wide: less its icon (a claim's
    status swatch) and the style's margins, as the row will be painted. A fixed allowance
    missed the swatch, and a narrow panel cut the last line of a claim off."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    opt.rect = QRect(0, 0, cell, 100_000)
    style = tree.style()
    rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, tree)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, opt, tree) + 1
    return max(rect.width() - 2 * margin, 20)


class AnnotationTree(QTreeWidget):
    """The panel's tree; selected claims drag out as claim ids, for the briefing workspace."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(_WrappingDelegate(self))
        # Scrolled by pixels, not by rows: the rows differ in height (a claim wraps to five
        # lines, a mention is one), and Qt scrolling a row at a time counts a page from the
        # short rows at the bottom, so scrollToItem took a row below the viewport for one
        # in view and left it there.
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt's name
        return [CLAIMS_MIME]

    def mimeData(self, items: list[QTreeWidgetItem]) -> QMimeData | None:  # noqa: N802
        claims = [item for item in items if item.data(0, KindRole) == "claim"]
        if not claims:
            return None  # nothing a briefing can take: no drag starts
        text = "\n\n".join(item.text(0) for item in claims)
        return claims_mime_data([int(item.data(0, IdRole)) for item in claims], text)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.scheduleDelayedItemsLayout()

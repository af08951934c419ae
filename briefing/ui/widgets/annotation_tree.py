"""The annotation panel's tree: rows that wrap to the panel's width, and claims that drag
out as claim ids (for the briefing workspace's tree) while other annotations stay put."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QResizeEvent
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
    """Rows as tall as their wrapped text at the tree's current width, the text painted in
    the very rect its height was measured for.

    Qt's own size hint for wrapped text does not know the column width, and measuring at
    the cell's width less a guess missed the claim's status swatch and the style sheet's
    padding: a narrow panel (scale 2) cut a claim's speaker and status line off. So the
    style paints the row (background, selection, swatch, focus) with its text transparent,
    and the text is drawn here, wrapped in `text_rect`, which the size hint uses too. The
    tree re-lays its rows out when it is resized.
    """

    PADDING = 10

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def text_rect(
        self,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        rect: QRect,
    ) -> tuple[QRect, QStyleOptionViewItem]:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.rect = rect
        style = self._tree.style()
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, self._tree)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, opt, self._tree) + 1
        return text.adjusted(margin, 0, -margin, 0), opt

    def sizeHint(  # noqa: N802 - Qt's name
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        indent = self._tree.indentation() * (depth + 1)
        cell = max(self._tree.columnWidth(0) - indent, 40)
        rect, opt = self.text_rect(option, index, QRect(0, 0, cell, 100_000))
        wrapped = opt.fontMetrics.boundingRect(
            QRect(0, 0, max(rect.width(), 20), 100_000), Qt.TextFlag.TextWordWrap, opt.text
        )
        return QSize(cell, wrapped.height() + self.PADDING)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect, opt = self.text_rect(option, index, option.rect)
        text = opt.text
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        group = (
            QPalette.ColorGroup.Normal
            if opt.state & QStyle.StateFlag.State_Enabled
            else QPalette.ColorGroup.Disabled
        )
        if group == QPalette.ColorGroup.Normal and not opt.state & QStyle.StateFlag.State_Active:
            group = QPalette.ColorGroup.Inactive
        colour = opt.palette.color(group, role)
        for each in (QPalette.ColorRole.Text, QPalette.ColorRole.HighlightedText):
            opt.palette.setColor(each, QColor(Qt.GlobalColor.transparent))
        self._tree.style().drawControl(
            QStyle.ControlElement.CE_ItemViewItem, opt, painter, self._tree
        )
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(colour)
        painter.drawText(rect, int(opt.displayAlignment) | Qt.TextFlag.TextWordWrap, text)
        painter.restore()


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

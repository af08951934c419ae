"""The annotation panel's tree: rows that wrap to the panel's width, and claims that drag
out as claim ids (for the briefing workspace's tree) while other annotations stay put."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QResizeEvent
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


# What changes the size of the rows' words: a font, a style (sheet), a screen of another
# density. A palette does not, but a theme's change may bring a font with it.
_REMEASURE = frozenset(
    {
        QEvent.Type.FontChange,
        QEvent.Type.StyleChange,
        QEvent.Type.PaletteChange,
        QEvent.Type.LayoutDirectionChange,
        QEvent.Type.ScreenChangeInternal,
        QEvent.Type.DevicePixelRatioChange,
    }
)


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the tree's current width, the text painted in
    the very rect its height was measured for.

    Qt's own size hint for wrapped text does not know the column width, and measuring at
    the cell's width less a guess missed the claim's status swatch and the style sheet's
    padding: a narrow panel (scale 2) cut a claim's speaker and status line off. So the
    style paints the row (background, selection, swatch, focus) with its text transparent,
    and the text is drawn here, wrapped in `text_rect`, which the size hint uses too. The
    tree re-lays its rows out when it is resized.

    Each size hint is kept, keyed on what decides it: the words, the width they wrap in,
    the row's own font and whether it has a swatch. Qt asks for every row's hint whenever it
    lays the tree out (a row inserted or taken, the panel resized), and measuring 200 rows
    took 8 ms of a refresh that changed one; the tree forgets them all when its font, style
    or screen changes (`forget`).
    """

    PADDING = 10
    KEPT = 4096  # hints kept before all are dropped: a few articles' rows at a few widths

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree
        self._hints: dict[tuple[object, ...], QSize] = {}

    def forget(self) -> None:
        """Drop the kept size hints: what measures the words (font, style) has changed."""
        self._hints.clear()

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
        font = index.data(Qt.ItemDataRole.FontRole)
        key = (
            cell,
            index.data(Qt.ItemDataRole.DisplayRole),
            font.key() if isinstance(font, QFont) else None,
            index.data(Qt.ItemDataRole.DecorationRole) is not None,
        )
        kept = self._hints.get(key)
        if kept is not None:
            return QSize(kept)
        rect, opt = self.text_rect(option, index, QRect(0, 0, cell, 100_000))
        wrapped = opt.fontMetrics.boundingRect(
            QRect(0, 0, max(rect.width(), 20), 100_000), Qt.TextFlag.TextWordWrap, opt.text
        )
        hint = QSize(cell, wrapped.height() + self.PADDING)
        if len(self._hints) >= self.KEPT:
            self._hints.clear()
        self._hints[key] = hint
        return QSize(hint)

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
        opt.text = ""  # drawn below: the style laid the words out again to paint them clear
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
        self._delegate = _WrappingDelegate(self)
        self.setItemDelegate(self._delegate)
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

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """The rows measured anew when what measures their words changes (an application
        font or style sheet reaches the tree as these events too)."""
        if event.type() in _REMEASURE:
            self._delegate.forget()
            self.scheduleDelayedItemsLayout()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.scheduleDelayedItemsLayout()

"""The side panel: the open article's annotations, grouped by kind, orphans apart.

A tree widget rather than a model of our own: it holds one article's annotations (tens,
at most a few thousand), rebuilt whenever the article or the library changes.

Signals:
    annotation_activated(int): the user chose an annotation (click, Enter); its id
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QPainter, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.ui.article_view import ArticleView
from briefing.ui.theme import mark_colours

IdRole = Qt.ItemDataRole.UserRole + 1
QUOTE_CHARS = 110


def _short(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _quoted(text: str, limit: int = QUOTE_CHARS) -> str:
    """In curly quotes, without doubling a closing quote the text already ends with."""
    short = _short(text, limit)
    return f"“{short}" + ("" if short.endswith(("”", '"')) else "”")


def _swatch(colour: QColor, size: int = 12) -> QIcon:
    """A small rounded square in a mark's colour: the panel doubles as the reader's legend."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(colour.darker(130))
    painter.setBrush(colour)
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


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
        width = self._tree.viewport().width() - self._tree.indentation() * (depth + 1) - 16
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        metrics = option.fontMetrics
        font = index.data(Qt.ItemDataRole.FontRole)
        if font is not None:
            metrics = QFontMetrics(font)
        rect = metrics.boundingRect(
            QRect(0, 0, max(width, 40), 100_000), Qt.TextFlag.TextWordWrap, text
        )
        return QSize(max(width, 40), rect.height() + self.PADDING)


class _Tree(QTreeWidget):
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.scheduleDelayedItemsLayout()


class AnnotationPanel(QWidget):
    annotation_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = _Tree(self)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self.tree.setObjectName("annotationTree")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setIndentation(12)
        self.tree.setAccessibleName("Annotations of the article")
        self.tree.setRootIsDecorated(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self.tree.itemClicked.connect(self._on_tree_item_activated)
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.show_view(None)

    def show_view(self, view: ArticleView | None) -> None:
        self.tree.clear()
        if view is None:
            return
        placed, orphans = [], []

        def add(group: str, item: QTreeWidgetItem, orphaned: bool) -> None:
            (orphans if orphaned else placed).append((group, item))

        for claim in view.claims:
            speaker = claim.speaker.name if claim.speaker else "No speaker"
            details = [speaker, claim.status]
            if claim.grade:
                details.append(f"grade {claim.grade}")
            about = ", ".join(a.name for a in claim.about)
            tip = f"“{claim.quote}”\n\n{speaker} — {claim.status}"
            if about:
                tip += f"\nAbout: {about}"
            if claim.note:
                tip += f"\nNote: {claim.note}"
            add(
                "Claims",
                self._item(claim.id, f"{_quoted(claim.quote)}\n{' · '.join(details)}", tip),
                claim.orphaned,
            )
        colours = mark_colours(self.palette())
        for mention in view.mentions:
            kind = view.actor_kinds.get(mention.actor.id, "")
            text = mention.actor.name
            if " ".join(mention.quote.split()).casefold() != mention.actor.name.casefold():
                text += f" — {_quoted(mention.quote, 60)}"
            item = self._item(mention.id, text, f"{mention.actor.name} ({kind})")
            item.setIcon(0, _swatch(colours.mention(kind)))
            add("Actor mentions", item, mention.orphaned)
        for highlight in view.highlights:
            add(
                "Highlights",
                self._item(highlight.id, _quoted(highlight.quote), highlight.quote),
                highlight.orphaned,
            )
        for note in view.notes:
            add(
                "Notes",
                self._item(
                    note.id,
                    f"{_short(note.note, 140)}\n{_quoted(note.quote, 60)}",
                    f"{note.note}\n\n“{note.quote}”",
                ),
                note.orphaned,
            )

        swatches = {
            "Claims": colours.claim,
            "Highlights": colours.highlight,
            "Notes": colours.note,
        }
        for name in ("Claims", "Actor mentions", "Highlights", "Notes"):
            items = [item for group, item in placed if group == name]
            if items:
                group = self._group(name, items)
                if name in swatches:
                    group.setIcon(0, _swatch(swatches[name]))
        if orphans:
            group = self._group(
                "Orphaned (could not be placed in the current text)",
                [item for _group, item in orphans],
            )
            group.setToolTip(
                0, "These annotations lost their place when the text changed; they are kept."
            )

    def _group(self, name: str, items: list[QTreeWidgetItem]) -> QTreeWidgetItem:
        group = QTreeWidgetItem([f"{name} ({len(items)})"])
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        group.addChildren(items)
        self.tree.addTopLevelItem(group)
        group.setExpanded(True)
        return group

    @staticmethod
    def _item(annotation_id: int, text: str, tip: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setData(0, IdRole, annotation_id)
        item.setToolTip(0, tip)
        return item

    def items(self, group_prefix: str) -> list[QTreeWidgetItem]:
        """The items under the group whose label starts with `group_prefix`."""
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group.text(0).startswith(group_prefix):
                return [group.child(j) for j in range(group.childCount())]
        return []

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        annotation_id = item.data(0, IdRole)
        if annotation_id is not None:
            self.annotation_activated.emit(int(annotation_id))

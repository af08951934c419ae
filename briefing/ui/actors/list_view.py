"""The actor list's view: a table whose first column shows the name with the kind under it.

The kind is written in the colour the reader uses for that kind's mentions (ui/theme.py),
so the list and the article agree: an organisation is teal in both. On a selected row both
lines take the selection's text colour, which keeps them readable.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from briefing.ui.actors.list_model import HEADERS, MENTIONS, NAME, KindRole
from briefing.ui.theme import mark_colours

AnyIndex = QModelIndex | QPersistentModelIndex
PADDING = 6


def _small(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * 0.88)
    return small


class NameDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name, kind = opt.text, index.data(KindRole) or ""  # type: ignore[attr-defined]
        opt.text = ""  # type: ignore[attr-defined]
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else None
        if style is None:
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = opt.rect.adjusted(PADDING, 3, -PADDING, -3)  # type: ignore[attr-defined]
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette: QPalette = opt.palette  # type: ignore[attr-defined]
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        kind_colour = text_colour if selected else mark_colours(palette).mention(kind)
        font: QFont = opt.font  # type: ignore[attr-defined]
        small = _small(font)
        top = QFontMetrics(font).height()
        painter.save()
        painter.setFont(font)
        painter.setPen(text_colour)
        upper = QRect(rect.left(), rect.top(), rect.width(), top)
        elided = QFontMetrics(font).elidedText(name, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(upper, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
        painter.setFont(small)
        painter.setPen(kind_colour)
        lower = QRect(rect.left(), rect.top() + top, rect.width(), rect.height() - top)
        painter.drawText(lower, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, kind)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        font: QFont = option.font  # type: ignore[attr-defined]
        height = QFontMetrics(font).height() + QFontMetrics(_small(font)).height() + 8
        return QSize(super().sizeHint(option, index).width(), height)


def make_actor_table(model: QAbstractItemModel, parent: QWidget) -> QTableView:
    """The table over `model` (set first: the columns must exist to be sized)."""
    view = QTableView(parent)
    view.setObjectName("actorTable")
    view.setAccessibleName("Actors")
    view.setModel(model)
    view.setItemDelegateForColumn(NAME, NameDelegate(view))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setShowGrid(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab leaves the list (arrows move in it)
    view.verticalHeader().hide()
    font = view.font()
    rows = QFontMetrics(font).height() + QFontMetrics(_small(font)).height() + 10
    view.verticalHeader().setDefaultSectionSize(rows)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setMinimumSectionSize(24)
    header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
    bold = QFont(header.font())
    bold.setWeight(QFont.Weight.DemiBold)  # as the style sheet draws headers
    for column in range(MENTIONS, len(HEADERS)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, QFontMetrics(bold).horizontalAdvance(HEADERS[column]) + 22)
    return view

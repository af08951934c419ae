"""The actor list's view: a table whose first column shows the name with the kind under it.

The kind is written in the colour the reader uses for that kind's mentions (ui/theme.py),
so the list and the article agree: an organisation is teal in both. On a selected row both
lines take the selection's text colour, which keeps them readable.

The name comes first: the list is never narrower than NAME_CHARS characters of name beside
the Suggested count (the reader's work queue), and the other counts fold away, About first,
while they would leave the name less than NAME_ROOM characters (the actor's page shows
them; a name longer still is cut at its end, whole in its tooltip).
Before, the counts kept their widths and a 960-pixel window cut every name to "C…", "U…".
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

from briefing.ui.actors.list_model import ABOUT, HEADERS, MADE, MENTIONS, NAME, PENDING, KindRole
from briefing.ui.theme import mark_colours

AnyIndex = QModelIndex | QPersistentModelIndex
PADDING = 6
NAME_CHARS = 20  # the name column's least width, in the list font's average characters
NAME_ROOM = 26  # the name column's width before any count is shown beside Suggested
FOLDS = (ABOUT, MADE, MENTIONS)  # the counts folded away, in this order, for the name


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


class ActorTable(QTableView):
    """The list: the name column at least NAME_CHARS wide, the counts that leave it that."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count_widths: dict[int, int] = {}  # a hidden section's size is 0: kept here

    def name_least(self) -> int:
        return self.fontMetrics().averageCharWidth() * NAME_CHARS + 2 * PADDING

    def least_width(self) -> int:
        """The name's least width beside the Suggested count, with the scroll bar and frame:
        the narrowest this list is made (it never scrolls sideways)."""
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        count = self.count_widths.get(PENDING, 0)
        return self.name_least() + count + bar + 2 * self.frameWidth()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.least_width(), super().minimumSizeHint().height())

    def updateGeometries(self) -> None:  # noqa: N802 - Qt's name
        # Called on every resize and change of the columns: the counts are folded anew.
        super().updateGeometries()
        self.fold_counts()

    def fold_counts(self) -> None:
        """Show the counts that leave the name NAME_ROOM characters (a long name whole);
        fold the rest (FOLDS)."""
        header = self.horizontalHeader()
        # The room as if the scroll bar were shown: the viewport's width lags behind.
        room = self.width() - self.least_width()
        room -= self.fontMetrics().averageCharWidth() * (NAME_ROOM - NAME_CHARS)
        for column in reversed(FOLDS):  # Mentions is kept longest
            width = self.count_widths.get(column, 0)
            if header.isSectionHidden(column) != (room < width):
                header.setSectionHidden(column, room < width)
            room -= width


def make_actor_table(model: QAbstractItemModel, parent: QWidget) -> ActorTable:
    """The table over `model` (set first: the columns must exist to be sized)."""
    view = ActorTable(parent)
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
        width = QFontMetrics(bold).horizontalAdvance(HEADERS[column]) + 22
        header.resizeSection(column, width)
        view.count_widths[column] = width
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view

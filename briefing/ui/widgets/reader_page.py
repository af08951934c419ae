"""The reader's page: the text area of one article, its column kept at a reading measure.

The page keeps the column centred by the root frame's side margins (`fit_measure`, on every
resize), draws the marks' shapes over the text (reader_marks.py paints them), and tells the
reader what the pointer does on the text: where it rests (`pointer`), a click that is not a
drag (`clicked`), the context menu (`mark_menu` fills in what can be done to the marks under
it; Copy and the annotate commands follow). What is under a point is `char_at`'s answer. A
selection dragged out carries the claims it touches (`claims_selected`), for a briefing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QLineF, QMimeData, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QWidget

from briefing.ui.widgets.reader_marks import Decoration, paint_decorations, shapes, x_of
from briefing.ui.workspace.mime import claims_mime_data

MEASURE_CHARS = 70  # the column's width where there is room: a comfortable measure
MIN_SIDE_MARGIN = 28
CLICK_SLOP = 4  # pixels a press may move and still be a click, not a drag


class Page(QTextBrowser):
    """The text area; keeps the column centred at the reading measure, draws the marks'
    shapes over the text and reports the pointer's doings on marks to the reader."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.claims_selected: Callable[[], list[int]] = list
        self.decorations: list[Decoration] = []  # by start
        self.pointer: Callable[[QPoint | None], None] = lambda _where: None
        self.clicked: Callable[[QPoint], None] = lambda _where: None
        self.mark_menu: Callable[[QMenu, QPoint], bool] = lambda _menu, _where: False
        self._pressed_at: QPoint | None = None
        self.open_menu: QMenu | None = None  # the context menu last shown (tests find it)
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setAccessibleName("Article text")
        self.setObjectName("readerPage")  # style.qss draws its focus
        self.annotate_actions: list[QAction] = []

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        """On a mark, what can be done to it first; then Copy and Select All, and the
        annotate actions (enabled by the selection)."""
        self.pointer(None)
        menu = QMenu(self)
        menu.setObjectName("readerMenu")
        menu.setToolTipsVisible(True)
        where = event.pos()
        if event.reason() != QContextMenuEvent.Reason.Mouse:  # the Menu key: at the cursor
            where = self.cursorRect().center()
        if self.mark_menu(menu, where):
            menu.addSeparator()
        standard = self.createStandardContextMenu(event.pos())
        for action in standard.actions():
            action.setParent(menu)
            menu.addAction(action)
        standard.deleteLater()
        if self.annotate_actions:
            menu.addSeparator()
            menu.addActions(self.annotate_actions)
        self.open_menu = menu
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.viewport().mapToGlobal(where))

    # The pointer on marks --------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton:
            self.pointer(event.position().toPoint())
        else:
            self.pointer(None)  # selecting: no card in the way

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self.pointer(None)
        self._pressed_at = (
            event.position().toPoint() if event.button() == Qt.MouseButton.LeftButton else None
        )
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        super().mouseReleaseEvent(event)
        pressed, self._pressed_at = self._pressed_at, None
        where = event.position().toPoint()
        if (
            pressed is not None
            and event.button() == Qt.MouseButton.LeftButton
            and (where - pressed).manhattanLength() <= CLICK_SLOP
            and not self.textCursor().hasSelection()
        ):
            self.clicked(where)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        self.pointer(None)
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        self.pointer(None)
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        self.pointer(None)
        super().wheelEvent(event)

    def char_at(self, where: QPoint) -> int | None:
        """The document position of the character under a viewport point; None off text."""
        offset = QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        point = QPointF(where) + offset
        layout = self.document().documentLayout()
        hit = layout.hitTest(point, Qt.HitTestAccuracy.ExactHit)
        if hit < 0:
            return None
        block = self.document().findBlock(hit)
        line = block.layout().lineForTextPosition(hit - block.position())
        if not line.isValid():
            return hit
        origin = layout.blockBoundingRect(block).topLeft()
        x = x_of(line, hit - block.position())
        # The hit is the nearest gap between two characters: the pointer is on the one
        # before it when it is left of that gap.
        return hit - 1 if point.x() < origin.x() + x and hit > block.position() else hit

    # Shapes over the text -----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self.decorations:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dx, dy = -self.horizontalScrollBar().value(), -self.verticalScrollBar().value()
        exposed = QRectF(event.rect()).translated(-dx, -dy)  # in the document's coordinates
        paint_decorations(painter, self.document(), self.decorations, exposed, QPointF(dx, dy))
        painter.end()

    def shapes(self, deco: Decoration) -> list[QLineF | QRectF]:
        """Where a decoration is drawn, piece by piece, in the viewport's coordinates."""
        dx, dy = -self.horizontalScrollBar().value(), -self.verticalScrollBar().value()
        return shapes(self.document(), deco, QPointF(dx, dy))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self.fit_measure()
        super().resizeEvent(event)

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 - Qt's name
        """The selection as text, and the claims it touches for a briefing's tree."""
        claims = self.claims_selected()
        if not claims:
            return super().createMimeDataFromSelection()
        text = self.textCursor().selection().toPlainText()
        return claims_mime_data(claims, text)

    def fit_measure(self) -> None:
        metrics = QFontMetricsF(self.document().defaultFont())
        measure = metrics.averageCharWidth() * MEASURE_CHARS
        width = self.viewport().width()
        side = max(MIN_SIDE_MARGIN, (width - measure) / 2)
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if abs(fmt.leftMargin() - side) >= 1:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(32)
            fmt.setBottomMargin(48)
            frame.setFrameFormat(fmt)

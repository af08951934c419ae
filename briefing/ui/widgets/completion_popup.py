"""Completion lists wide enough to read their names, and always on the screen.

Qt sizes a QCompleter's list to the line it completes, whatever that is: under a narrow line
it showed only "…". Widened (a minimum width, which its `setGeometry()` honours), it was kept
on the screen by Qt at the line's width, not its own, so under a line near the right edge of
the screen the list ran off it. Here the list is as wide as the longest name it can offer (up
to `max_chars`) and is moved back onto the screen whenever Qt places it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QStyle

NAMES_MEASURED = 2_000  # a list longer than this is as wide as its first names need


def fit_popup(completer: QCompleter, max_chars: int = 48) -> None:
    """Keep `completer`'s list readable and on the screen of the line it completes."""
    _PopupFit(completer, max_chars)


class _PopupFit(QObject):
    def __init__(self, completer: QCompleter, max_chars: int) -> None:
        super().__init__(completer)
        self._completer = completer
        self._max_chars = max_chars
        self._fitting = False
        popup = completer.popup()
        popup.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        popup.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if isinstance(watched, QAbstractItemView) and not self._fitting:
            if kind == QEvent.Type.Show:
                self._fitting = True
                try:
                    self._widen(watched)
                    self._on_screen(watched)
                finally:
                    self._fitting = False
            elif kind in (QEvent.Type.Move, QEvent.Type.Resize) and watched.isVisible():
                self._fitting = True
                try:
                    self._on_screen(watched)
                finally:
                    self._fitting = False
        return False

    def _widen(self, popup: QAbstractItemView) -> None:
        """As wide as the longest name the completer can offer, read afresh at each showing
        (the names may have changed since), so the list keeps one width while one types."""
        model = self._completer.model()
        if model is None:
            return
        metrics = popup.fontMetrics()
        column = self._completer.completionColumn()
        longest = max(
            (
                metrics.horizontalAdvance(str(model.index(row, column).data() or ""))
                for row in range(min(model.rowCount(), NAMES_MEASURED))
            ),
            default=0,
        )
        limit = metrics.averageCharWidth() * self._max_chars
        scrollbar = popup.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        width = min(longest, limit) + scrollbar + 4 * metrics.averageCharWidth()
        popup.setMinimumWidth(min(width, self._room(popup).width()))
        if popup.width() < popup.minimumWidth():
            popup.resize(popup.minimumWidth(), popup.height())

    def _room(self, popup: QAbstractItemView) -> QRect:
        widget = self._completer.widget()
        screen = widget.screen() if widget is not None else popup.screen()
        return screen.availableGeometry()

    def _on_screen(self, popup: QAbstractItemView) -> None:
        room = self._room(popup)
        placed = QRect(popup.geometry())
        if placed.right() > room.right():
            placed.moveRight(room.right())
        if placed.left() < room.left():
            placed.moveLeft(room.left())
        if placed.topLeft() != popup.pos():
            popup.move(placed.topLeft())

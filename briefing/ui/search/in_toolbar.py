"""The search field at the right end of the main toolbar, visible at any window width.

A toolbar that runs out of room hides its last items behind a » button, and the field is
the last item: at 1400 pixels the labelled buttons alone take about 1,300. So Undo and
Redo show their (universal) icons only, which leaves the field room at the default width;
and when the window is narrower than the labelled toolbar and the field need, every button
drops its label (tooltips still name them) rather than the field going out of sight. The
toolbar is never narrower than its icons and the field (its minimum width, so the window's
too): no width puts the field behind the » button.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolBar, QToolButton, QWidget
from shiboken6 import isValid

from briefing.ui.search.field import SearchField

SPARE = 24  # pixels kept free beside the field: the toolbar's margins and handle


class FieldToolBar(QToolBar):
    """A toolbar no narrower than its icons and the field in it (`floor`). Its layout resets
    a minimum width set from outside whenever it lays out; a size hint it keeps."""

    floor = 0

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self.floor), hint.height())


def place_field(toolbar: FieldToolBar, field: SearchField, icon_only: Sequence[QAction]) -> None:
    """Put `field` at the right end of `toolbar`; the `icon_only` actions lose their text."""
    spacer = QWidget(toolbar)
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    toolbar.addWidget(spacer)
    toolbar.addWidget(field)
    _Fitter(toolbar, field, list(icon_only))


def fit_labels(toolbar: QToolBar) -> None:
    """A toolbar without a field (the workspace's) likewise drops its buttons' labels when
    they do not fit, rather than hiding buttons behind the » button."""
    _Fitter(toolbar, None, [])


class _Fitter(QObject):
    """Labels on the buttons while they and the field fit; icons only when not."""

    def __init__(
        self, toolbar: QToolBar, field: SearchField | None, icon_only: list[QAction]
    ) -> None:
        super().__init__(toolbar)
        self._toolbar = toolbar
        self._field = field
        self._icon_only = icon_only
        self._labelled_width: int | None = None  # the buttons' width with their labels
        self._field_width = field.minimumWidth() if field is not None else 0
        self._refocus = False  # the field had the focus when the layout hid it
        self._style(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.installEventFilter(self)
        if field is not None:
            field.installEventFilter(self)

    def _floor(self) -> None:
        """The toolbar's minimum: every button as wide as an icon-only one (Undo's, which is
        one already), the separators and the field. Measured once the buttons are styled
        (the first resize), not while the window is being built."""
        toolbar = self._toolbar
        if not isinstance(toolbar, FieldToolBar) or not self._icon_only:
            return
        sample = toolbar.widgetForAction(self._icon_only[0])
        if not isinstance(sample, QToolButton):
            return
        actions = toolbar.actions()
        buttons = sum(isinstance(toolbar.widgetForAction(a), QToolButton) for a in actions)
        separators = sum(a.isSeparator() for a in actions)
        toolbar.floor = (
            buttons * sample.sizeHint().width() + 8 * separators + self._field_width + SPARE
        )
        toolbar.updateGeometry()

    def _buttons_width(self) -> int:
        """The buttons' width in their present style, and the separators'."""
        toolbar = self._toolbar
        actions = toolbar.actions()
        buttons = [toolbar.widgetForAction(a) for a in actions]
        return sum(b.sizeHint().width() for b in buttons if isinstance(b, QToolButton)) + 8 * sum(
            a.isSeparator() for a in actions
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._field:
            if event.type() != QEvent.Type.Hide or not isValid(self._toolbar):
                return False  # (the toolbar going, its children after it)
            if self._toolbar.isVisible() and self._field.hasFocus():
                self._refocus = True  # by the layout: Qt is about to move the focus on
        elif event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        toolbar = self._toolbar
        if self._labelled_width is None:
            labelled = toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            if not labelled:
                return
            self._labelled_width = self._buttons_width()
            self._floor()
        fits = self._labelled_width + self._field_width + SPARE <= toolbar.width()
        wanted = (
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            if fits
            else Qt.ToolButtonStyle.ToolButtonIconOnly
        )
        if toolbar.toolButtonStyle() != wanted:
            self._style(wanted)
            # The toolbar's layout saw the new width before this filter did, with the
            # buttons as they were: narrower, it put the field behind the » button, wider,
            # it gave the field room the labels now take. Laid out again now, not on the
            # LayoutRequest the buttons posted (left for later, it was painted half done
            # whenever a paint came first), and the field's repaint for coming back is in
            # this frame's paint: the toolbar painted twice at each crossing.
            if toolbar.isVisible():  # (hidden, a layout request is dropped, not done)
                for each in (toolbar, toolbar.window(), toolbar):
                    QApplication.sendPostedEvents(each, QEvent.Type.LayoutRequest)
                for child in toolbar.findChildren(QWidget):  # their repaints, in this paint
                    QApplication.sendPostedEvents(child, QEvent.Type.UpdateLater)
        if self._refocus and self._field is not None and self._field.isVisible():
            # Typing in the field while the window narrowed: the focus stays in it.
            self._field.setFocus(Qt.FocusReason.OtherFocusReason)
        self._refocus = False

    def _style(self, style: Qt.ToolButtonStyle) -> None:
        self._toolbar.setToolButtonStyle(style)
        for action in self._icon_only:  # setToolButtonStyle just gave them their text back
            button = self._toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

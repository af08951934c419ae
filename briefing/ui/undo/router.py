"""A window's Edit ▸ Undo and Redo, acting where the keyboard focus is.

Each pane of work keeps its own history: in the main window the reader side (the library
list, the reader, the annotation panel) and the briefing workspace (docked or floating) each
have a QUndoStack, and so do the claims table and the actors window. An edit goes into the
history of the pane it was made in, so Ctrl+Z undoes what was last done *there*, never an
edit made in another pane out of sight. A text field keeps its own typing history on top:
with the focus in one, Ctrl+Z undoes typing in that field (the field takes the key itself,
before any window shortcut), and so does Edit ▸ Undo, which then says "Undo Typing".

The actions' text says which history they act on, "Undo Add 4 claims (Workspace)", so
what Ctrl+Z is about to do is never a surprise; their tooltips say the same in full.

`resolve(widget)` tells which history a focused widget belongs to: (stack, pane name), or
None for a widget of another window (the actions then stay as they were).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMetaObject, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

Resolve = Callable[[QWidget], tuple[QUndoStack, str] | None]
TextField = QLineEdit | QPlainTextEdit | QTextEdit


def text_field(widget: QWidget | None) -> TextField | None:
    """The editable text field `widget` is (or an editable combo box's), else None."""
    if isinstance(widget, QComboBox) and widget.isEditable():
        widget = widget.lineEdit()
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit) and not widget.isReadOnly():
        return widget
    return None


def _can(field: TextField, undo: bool) -> bool:
    if isinstance(field, QLineEdit):
        return field.isUndoAvailable() if undo else field.isRedoAvailable()
    document = field.document()
    return document.isUndoAvailable() if undo else document.isRedoAvailable()


class UndoRouter(QObject):
    """The window's Undo and Redo actions (`undo_action`, `redo_action`); see the module
    docstring. `stack` is the history they act on now, `field` the text field, if any."""

    def __init__(self, window: QWidget, default: QUndoStack, name: str, resolve: Resolve) -> None:
        super().__init__(window)
        self._window = window
        self._resolve = resolve
        self.stack = default
        self.name = name
        self.field: TextField | None = None
        # The connections made to follow the history and the field: handles, not the
        # objects (a Python list holding an unparented stack kept it alive until a garbage
        # collection, which then destroyed it with its commands at a bad moment).
        self._watched: list[QMetaObject.Connection] = []
        self.undo_action = QAction("&Undo", window)
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(lambda: self._act(undo=True))
        self.redo_action = QAction("&Redo", window)
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        self.redo_action.triggered.connect(lambda: self._act(undo=False))
        # A toolbar shows the icon: its text stays the verb, the tooltip tells the rest.
        self.undo_action.setIconText("Undo")
        self.redo_action.setIconText("Redo")
        window.addActions([self.undo_action, self.redo_action])
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_app_focus_changed)
        self._follow(default, name, None)

    def _on_app_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if isValid(self._window) and isValid(self.stack):
            self._focus_moved(old, new)

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is not None and not isValid(old):
            old = None
        if new is not None and not isValid(new):
            return
        if new is None:
            # No widget has the focus (the field was disabled, the window went inactive):
            # the pane's history, not the typing of a field that has no keyboard now.
            found = self._resolve(old) if old is not None and isValid(old) else None
            if found is not None or (old is not None and old is self.field):
                self._follow(self.stack, self.name, None)
            return
        found = self._resolve(new)
        if found is not None:
            self._follow(*found, text_field(new))

    def refresh(self) -> None:
        """Follow the widget with the focus now (or that will have it when the window is
        active again)."""
        widget = QApplication.focusWidget() or self._window.focusWidget()
        found = self._resolve(widget) if widget is not None else None
        if found is not None:
            self._follow(*found, text_field(widget))
        else:
            self._follow(self.stack, self.name, None)

    def _follow(self, stack: QUndoStack, name: str, field: TextField | None) -> None:
        if (stack, name, field) == (self.stack, self.name, self.field) and self._watched:
            self._update()
            return
        for connection in self._watched:
            QObject.disconnect(connection)  # nothing, when its sender has gone
        self._watched = []
        self.stack, self.name, self.field = stack, name, field
        signals: list[object] = [
            stack.canUndoChanged,
            stack.canRedoChanged,
            stack.undoTextChanged,
            stack.redoTextChanged,
        ]
        if isinstance(field, QLineEdit):
            signals.append(field.textChanged)
        elif field is not None:
            signals += [field.undoAvailable, field.redoAvailable]
        for signal in signals:
            self._watched.append(signal.connect(self._update_later))  # type: ignore[attr-defined]
        self._update()

    def _update_later(self, *_args: object) -> None:
        # A QLineEdit's undo history takes the edit after textChanged: read it afterwards.
        self._update()
        if isinstance(self.field, QLineEdit):
            QTimer.singleShot(0, self, self._update)

    def _update(self) -> None:
        if not (isValid(self.stack) and isValid(self.undo_action)):
            return  # the window is going: its stack may go first
        if self.field is not None and not isValid(self.field):
            self.field = None
        where = f" ({self.name})" if self.name else ""
        for action, undo in ((self.undo_action, True), (self.redo_action, False)):
            verb = "Undo" if undo else "Redo"
            if self.field is not None:
                text = f"&{verb} Typing"
                tip = f"{verb} typing in this field (the field keeps its own history)"
                enabled = _can(self.field, undo)
            else:
                what = self.stack.undoText() if undo else self.stack.redoText()
                text = f"&{verb} {what}{where}" if what else f"&{verb}{where}"
                scope = f"in the {self.name.lower()}" if self.name else "in this window"
                tip = (
                    f"{verb} the last change made {scope}"
                    if undo
                    else f"{verb} the change last undone {scope}"
                )
                if self.name:
                    tip += " (each pane keeps its own history)"
                enabled = self.stack.canUndo() if undo else self.stack.canRedo()
            action.setText(text)
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.setEnabled(enabled)

    def _act(self, *, undo: bool) -> None:
        self.refresh()  # where the focus is now decides, whatever the text said before
        field = self.field
        if field is not None:
            field.undo() if undo else field.redo()
        elif undo:
            self.stack.undo()
        else:
            self.stack.redo()
        self._update()


def window_resolver(window: QWidget, stack: QUndoStack) -> Resolve:
    """One history for every widget of `window` (the claims table, the actors window)."""

    def resolve(widget: QWidget) -> tuple[QUndoStack, str] | None:
        return (stack, "") if widget.window() is window else None

    return resolve

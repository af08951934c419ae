"""A part of a form that can be folded away under its heading, as in a settings pane.

On a laptop's screen a form with every part open is taller than the screen; the parts used
less often (a claim's sources and relations) fold, and their heading still says how many
entries each holds, so a folded part hides nothing the reader needs to know is there.
The heading is a button: Tab reaches it, Space or a click opens and folds it; its Alt key
goes to it, opening it if need be.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QSizePolicy, QToolButton, QVBoxLayout, QWidget


class _Heading(QToolButton):
    """The heading's button. Its Alt key (a mnemonic) goes to the part, opening it if it is
    folded, and never folds it: the same key as a label's, which goes to its field."""

    def __init__(self, is_open: Callable[[], bool], parent: QWidget) -> None:
        super().__init__(parent)
        self._is_open = is_open

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut:
            self.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if self._is_open():
                return True
        return super().event(event)


class FoldSection(QWidget):
    """Signals:
    opened(bool): the part was opened (True) or folded (False), by the reader or set_open
    """

    opened = Signal(bool)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title  # may hold a mnemonic: "&Sources"
        self._plain = title.replace("&", "")
        self._count = 0
        self._open = True
        # Not a checkable button: checked, the heading would look pressed in while open.
        self.header = _Heading(self.is_open, self)
        self.header.setObjectName("foldHeader")
        self.header.setAutoRaise(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.header.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.body: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._layout.addWidget(self.header, 0, Qt.AlignmentFlag.AlignLeft)
        self.header.clicked.connect(self._on_header_clicked)
        self._show_state()

    def set_body(self, body: QWidget) -> None:
        """What the part holds; made after the section (as its child), so that Tab reaches
        the heading before it, as it is read."""
        self.body = body
        self._layout.addWidget(body, 1)
        self._show_state()

    def is_open(self) -> bool:
        return self._open

    def set_open(self, open_: bool) -> None:
        if open_ != self._open:
            self._open = open_
            self._show_state()
            self.opened.emit(open_)

    def set_count(self, count: int) -> None:
        """How many entries the part holds, said in its heading."""
        self._count = count
        self._show_state()

    def _on_header_clicked(self) -> None:
        self.set_open(not self._open)

    def _show_state(self) -> None:
        open_ = self._open
        held = f"{self._count}" if self._count else "none"
        self.header.setText(f"{self._title} ({held})")
        self.header.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.header.setAccessibleName(f"{self._plain}, {held}")
        self.header.setAccessibleDescription("open" if open_ else "folded")
        action = "Fold" if open_ else "Show"
        self.header.setToolTip(f"{action} the {self._plain.lower()} (Space)")
        if self.body is not None:  # folded, the part is as high as its heading
            self.body.setVisible(open_)

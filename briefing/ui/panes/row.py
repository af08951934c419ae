"""A row of panes (in a splitter, so the reader can drag their borders) that folds side
panes to strips when the row is too narrow for them; fit.py decides which and how wide.

The row is laid out by hand in `resizeEvent`, not by a QLayout: a layout's minimum is the
sum of what is shown, so a window could never be made narrow enough for a pane to fold.
The row's minimum is the main pane's minimum and the strips; whatever the width, each pane
gets at least its minimum or folds, so nothing overlaps and nothing is squeezed.

What the reader chose is kept as `state()` (preferred widths, panes closed): a drag of a
splitter handle sets the panes' preferred widths; closing a pane (`set_closed`) keeps it
folded whatever the room; asking for one (`request`: its strip, its key) shows it first.

Signals:
    folded(str): a pane folded for want of room (not because the reader closed it)
    changed(): which panes are shown changed
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

from briefing.ui.panes.fit import Fit, Pane, fit
from briefing.ui.panes.strip import PaneStrip

HANDLE = 6


@dataclass
class _Entry:
    spec: Pane
    default: int  # the preferred width before the reader chose one
    widget: QWidget
    strip: PaneStrip


class _Splitter(QSplitter):
    """A splitter that takes the widths it is given as it is resized (`pending`), rather than
    sharing the change out by itself and being corrected after: each pane is resized, and
    painted, once a frame."""

    pending: list[int] | None = None

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        sizes, self.pending = self.pending, None
        if (
            sizes is not None
            and sum(sizes) + self.handleWidth() * (sum(1 for s in sizes if s > 0) - 1)
            == self.width()
        ):
            self.setSizes(sizes)  # lays the panes out at these widths
        else:
            super().resizeEvent(event)


class PaneRow(QWidget):
    folded = Signal(str)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.splitter = _Splitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(HANDLE)
        self.splitter.splitterMoved.connect(self._on_splitter_moved)
        self._entries: list[_Entry] = []
        self._closed: set[str] = set()
        self._request: str | None = None
        self._fit: Fit | None = None

    # Building -------------------------------------------------------------------------------

    def add_pane(
        self,
        name: str,
        widget: QWidget,
        *,
        label: str,
        minimum: int,
        preferred: int,
        priority: int = 0,
        main: bool = False,
    ) -> PaneStrip:
        """Add a pane at the right end; its strip (to set a tooltip on) is returned."""
        edge = "right" if not self._entries else "left"
        strip = PaneStrip(label, edge, self)
        strip.hide()
        strip.clicked.connect(lambda: self.request(name))
        widget.setMinimumWidth(minimum)
        self.splitter.addWidget(widget)
        # As the row is resized the splitter hands the change to the main pane alone, which
        # is what fit() decides too while the sides keep their widths: the sides are not
        # resized (and painted) once by the splitter and again by arrange().
        self.splitter.setStretchFactor(self.splitter.count() - 1, 1 if main else 0)
        spec = Pane(name, minimum, max(minimum, preferred), priority, main)
        self._entries.append(_Entry(spec, spec.preferred, widget, strip))
        return strip

    def set_minimum(self, name: str, minimum: int) -> None:
        """A pane's minimum changed (fonts, its content)."""
        entry = self._entry(name)
        entry.spec = replace(entry.spec, minimum=minimum)
        entry.widget.setMinimumWidth(minimum)
        self.updateGeometry()
        self.arrange()

    # Asking ---------------------------------------------------------------------------------

    def request(self, name: str) -> None:
        """Show the pane `name`, first of all (what its strip does)."""
        self._closed.discard(name)
        self._request = name
        self.arrange()

    def set_closed(self, name: str, closed: bool) -> None:
        """Fold a pane for good (`closed`), or let it show again when there is room."""
        if closed:
            self._closed.add(name)
            if self._request == name:
                self._request = None
        else:
            self._closed.discard(name)
        self.arrange()

    def is_shown(self, name: str) -> bool:
        return self._fit is not None and self._fit.shown(name)

    def is_closed(self, name: str) -> bool:
        return name in self._closed

    def strip_of(self, name: str) -> PaneStrip:
        return self._entry(name).strip

    def narrowest(self, shown: Collection[str]) -> int:
        """The row's narrowest width with the main pane and the panes `shown` at their
        minimums, the others folded to strips (what a dock beside it must leave)."""
        strip = max(e.strip.sizeHint().width() for e in self._entries)
        panes = [e.spec for e in self._entries if e.spec.main or e.spec.name in shown]
        folded = len(self._entries) - len(panes)
        return sum(p.minimum for p in panes) + HANDLE * (len(panes) - 1) + strip * folded

    def widths(self) -> dict[str, int]:
        """The shown panes' widths as laid out."""
        return dict(self._fit.widths) if self._fit else {}

    # Remembering ----------------------------------------------------------------------------

    def state(self) -> dict[str, object]:
        return {
            "preferred": {e.spec.name: e.spec.preferred for e in self._entries},
            "closed": sorted(self._closed),
        }

    def restore(self, state: object) -> None:
        """What `state()` gave; anything else (an older or damaged setting) is ignored."""
        if not isinstance(state, dict):
            return
        preferred = state.get("preferred")
        if isinstance(preferred, dict):
            for entry in self._entries:
                value = preferred.get(entry.spec.name)
                if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                    entry.spec = replace(entry.spec, preferred=max(entry.spec.minimum, value))
        closed = state.get("closed")
        if isinstance(closed, list):
            names = {e.spec.name for e in self._entries if not e.spec.main}
            self._closed = {n for n in closed if n in names}
        self.arrange()

    # Laying out -----------------------------------------------------------------------------

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        main = next((e for e in self._entries if e.spec.main), None)
        if main is None:
            return super().minimumSizeHint()
        strips = sum(e.strip.sizeHint().width() for e in self._entries if not e.spec.main)
        height = max((e.widget.minimumSizeHint().height() for e in self._entries), default=0)
        return QSize(main.spec.minimum + strips, height)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        width = sum(e.spec.preferred for e in self._entries) + HANDLE * len(self._entries)
        return QSize(width, self.minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.arrange()

    def arrange(self) -> None:
        """Fit the panes to the row's width now (not at the next layout pass)."""
        if not self._entries:
            return
        strip = max(e.strip.sizeHint().width() for e in self._entries)
        before = self._fit
        now = fit(
            self.width(),
            [e.spec for e in self._entries],
            strip=strip,
            handle=HANDLE,
            closed=self._closed,
            request=self._request,
        )
        self._fit = now
        height = self.height()
        sizes = [now.widths.get(e.spec.name, 0) for e in self._entries]
        if before is None or before.folded != now.folded:
            for entry in self._entries:
                entry.widget.setVisible(now.shown(entry.spec.name))
            # Which panes are in the splitter changed: its handles now, not at the next
            # pass. Only then: a refresh asks the main window to lay out again.
            self.splitter.refresh()
        self.splitter.pending = sizes
        x = 0
        placed_splitter = False
        for entry in self._entries:
            name = entry.spec.name
            if now.shown(name):
                entry.strip.hide()
                if not placed_splitter:
                    width = sum(now.widths.values()) + HANDLE * (len(now.widths) - 1)
                    _place(self.splitter, x, width, height)
                    x += width
                    placed_splitter = True
            else:
                _place(entry.strip, x, strip, height)
                entry.strip.show()
                x += strip
        if self.splitter.pending is not None:  # not resized: the widths alone changed
            self.splitter.pending = None
            if self.splitter.sizes() != sizes:
                self.splitter.setSizes(sizes)
        if before is None or before.folded != now.folded:
            if before is not None:
                for name in now.folded:
                    if name not in before.folded and name not in self._closed:
                        self.folded.emit(name)
            self.changed.emit()

    def _on_splitter_moved(self, _pos: int, _index: int) -> None:
        """The reader dragged a border: the shown panes' widths are now their preferred
        ones (the main pane's no wider than its default: more than that it gets anyway)."""
        for entry, size in zip(self._entries, self.splitter.sizes(), strict=True):
            if entry.widget.isVisible() and size > 0:
                wanted = min(size, entry.default) if entry.spec.main else size
                entry.spec = replace(entry.spec, preferred=max(entry.spec.minimum, wanted))
        if self._fit is not None:
            self._fit = Fit(
                {
                    e.spec.name: s
                    for e, s in zip(self._entries, self.splitter.sizes(), strict=True)
                    if s > 0 and self._fit.shown(e.spec.name)
                },
                self._fit.folded,
            )

    def _entry(self, name: str) -> _Entry:
        return next(e for e in self._entries if e.spec.name == name)


def _place(widget: QWidget, x: int, width: int, height: int) -> None:
    """Move and size `widget` unless it is there already (a geometry set again repaints)."""
    if widget.geometry() != QRect(x, 0, width, height):
        widget.setGeometry(x, 0, width, height)

"""The row of panes as a widget: nothing overlaps at any width, strips bring panes back,
a drag of a border is kept, and what the reader chose survives a round trip."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel, QWidget

from briefing.ui.panes.row import HANDLE, PaneRow


def _row(qtbot) -> tuple[PaneRow, dict[str, QWidget]]:
    row = PaneRow()
    qtbot.addWidget(row)
    widgets = {name: QLabel(name) for name in ("left", "main", "right")}
    row.add_pane("left", widgets["left"], label="Left", minimum=200, preferred=300, priority=2)
    row.add_pane("main", widgets["main"], label="Main", minimum=400, preferred=500, main=True)
    row.add_pane("right", widgets["right"], label="Right", minimum=150, preferred=250, priority=1)
    row.resize(1400, 600)
    row.show()
    qtbot.waitExposed(row)
    return row, widgets


def _placed(row: PaneRow, widgets: dict[str, QWidget]) -> list[tuple[str, QRect]]:
    """What is on screen, as rectangles in the row."""
    found = []
    for name, widget in widgets.items():
        if widget.isVisible():
            found.append((name, QRect(widget.mapTo(row, widget.rect().topLeft()), widget.size())))
        strip = row.strip_of(name)
        if strip.isVisible():
            found.append((f"{name} strip", strip.geometry()))
    return found


def test_at_every_width_nothing_overlaps_and_every_pane_has_its_minimum(qtbot) -> None:
    row, widgets = _row(qtbot)
    minimum = {"left": 200, "main": 400, "right": 150}
    for width in range(row.minimumSizeHint().width(), 1600, 37):
        row.resize(width, 600)
        placed = _placed(row, widgets)
        assert len(placed) == 3, (width, placed)  # each pane, or its strip
        for n, (name, rect) in enumerate(placed):
            assert QRect(0, 0, width, 600).contains(rect), (width, name, rect)
            for other, other_rect in placed[n + 1 :]:
                assert not rect.intersects(other_rect), (width, name, other)
            if not name.endswith("strip"):
                assert rect.width() >= minimum[name], (width, name, rect)
        assert widgets["main"].isVisible(), width  # nothing was asked for: the main pane stays


def test_the_lowest_priority_folds_first_and_its_strip_brings_it_back(qtbot) -> None:
    row, widgets = _row(qtbot)
    folded = []
    row.folded.connect(folded.append)
    row.resize(700, 600)
    assert folded == ["right"] and row.strip_of("right").isVisible()
    assert widgets["left"].isVisible() and widgets["main"].width() >= 400
    qtbot.mouseClick(row.strip_of("right"), Qt.MouseButton.LeftButton)
    assert widgets["right"].isVisible() and not widgets["left"].isVisible()
    assert widgets["main"].width() >= 400
    row.resize(1400, 600)  # room again: both come back
    assert widgets["left"].isVisible() and widgets["right"].isVisible()


def test_a_closed_pane_stays_folded_and_the_state_round_trips(qtbot) -> None:
    row, widgets = _row(qtbot)
    row.set_closed("left", True)
    assert not widgets["left"].isVisible() and row.strip_of("left").isVisible()
    assert row.folded is not None
    state = row.state()
    again, again_widgets = _row(qtbot)
    again.restore(state)
    assert not again_widgets["left"].isVisible() and again.is_closed("left")
    again.restore("not a state")  # an old or damaged setting changes nothing
    assert again.is_closed("left")


def test_a_dragged_border_is_the_panes_new_width(qtbot) -> None:
    row, widgets = _row(qtbot)
    handle = row.splitter.handle(2)  # between main and right
    start = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(handle, start - start.__class__(120, 0))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start - start.__class__(120, 0))
    wider = widgets["right"].width()
    assert wider > 250 + 60, wider
    assert row.state()["preferred"]["right"] == wider
    row.resize(1500, 600)  # the main pane takes the new room; the right keeps its width
    assert widgets["right"].width() == wider
    assert sum(row.widths().values()) + 2 * HANDLE == 1500

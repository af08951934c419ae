"""A pane's row of buttons: labelled while the labels fit, icons alone (their names in
their tips) when the pane narrows, labelled again as it widens; never a label cut short."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QWidget

from briefing.ui.icons import icon
from briefing.ui.widgets.button_row import ButtonRow


def test_labels_go_and_come_back_with_the_width(qtbot) -> None:
    actions = [QAction(icon("claim"), name) for name in ("Copy Quote", "Open in Article")]
    pane = QWidget()  # in a pane, as under a list: the pane's layout gives it its width
    qtbot.addWidget(pane)
    row = ButtonRow(*actions, parent=pane)
    pane.resize(1000, 100)
    pane.show()
    assert row.minimumSizeHint().width() == 0  # a dock may narrow it: the labels give way
    wide = row.labelled_width() + 40
    for width, style in (
        (wide, Qt.ToolButtonStyle.ToolButtonTextBesideIcon),
        (wide // 3, Qt.ToolButtonStyle.ToolButtonIconOnly),
        (wide, Qt.ToolButtonStyle.ToolButtonTextBesideIcon),
    ):
        row.resize(width, row.sizeHint().height())
        qtbot.waitUntil(lambda w=width: row.width() == w)
        assert [b.toolButtonStyle() for b in row.buttons] == [style, style], width
        assert row.sizeHint().width() == row.labelled_width() == wide - 40  # asked for always
        if style == Qt.ToolButtonStyle.ToolButtonTextBesideIcon:
            qtbot.waitUntil(lambda: all(b.width() >= b.sizeHint().width() for b in row.buttons))
    # A label grown longer is measured anew: icons alone where it no longer fits.
    row.resize(wide - 40, row.height())
    actions[1].setText("Open the Selected Claim in Its Article")
    assert row.labelled_width() > wide - 40
    qtbot.waitUntil(
        lambda: row.buttons[1].toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    )


def test_a_longer_label_with_room_for_it_keeps_the_labels(qtbot) -> None:
    """The row sized to its labels in a wide pane: a label that grows ("Copy 2 Quotes") is
    given its width by the layout and the row stays labelled, never icons in between (it
    went to icons until the layout answered, and a screenshot test caught it so)."""
    actions = [QAction(icon("claim"), name) for name in ("Copy Quote", "Open in Article")]
    pane = QWidget()
    qtbot.addWidget(pane)
    box = QHBoxLayout(pane)
    row = ButtonRow(*actions, parent=pane)
    box.addWidget(row)
    box.addStretch(1)
    pane.resize(1000, 100)
    pane.show()
    qtbot.waitUntil(lambda: row.width() >= row.labelled_width())
    styles: list[Qt.ToolButtonStyle] = []
    actions[0].changed.connect(lambda: styles.append(row.buttons[0].toolButtonStyle()))
    actions[0].setText("Copy 2 Quotes")
    qtbot.waitUntil(lambda: row.width() >= row.labelled_width())
    qtbot.wait(50)
    styles.append(row.buttons[0].toolButtonStyle())
    assert set(styles) == {Qt.ToolButtonStyle.ToolButtonTextBesideIcon}

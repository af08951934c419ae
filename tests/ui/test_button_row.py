"""A pane's row of buttons: labelled while the labels fit, icons alone (their names in
their tips) when the pane narrows, labelled again as it widens; never a label cut short."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

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
    assert row.buttons[1].toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly

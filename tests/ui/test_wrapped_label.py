"""A word-wrapped rich-text label paints once per resize (a plain QLabel paints twice:
it lays its text out for the new width in its paint, which asks for another)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from briefing.ui.widgets.wrapped_label import WrappedLabel

TEXT = (
    "No annotations in this article yet. Select words and press <b>Ctrl+M</b> to mark a "
    "claim, <b>Ctrl+T</b> to tag an actor, <b>Ctrl+H</b> to highlight."
)


class _Paints(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _paints_per_resize(qtbot, label: QLabel) -> list[int]:
    box = QWidget()
    qtbot.addWidget(box)
    QVBoxLayout(box).addWidget(label)
    label.setText(TEXT)
    box.resize(400, 300)
    box.show()
    qtbot.waitExposed(box)
    qtbot.wait(50)
    paints = _Paints(label)
    counts = []
    for width in (380, 360, 340, 320):
        paints.count = 0
        box.resize(width, 300)
        qtbot.waitUntil(lambda: paints.count > 0)
        qtbot.wait(60)  # room for a second paint, were one coming
        counts.append(paints.count)
    return counts


def test_the_wrapped_label_paints_once_where_a_plain_one_paints_twice(qtbot) -> None:
    plain = QLabel()
    plain.setWordWrap(True)
    plain.setTextFormat(Qt.TextFormat.RichText)
    assert max(_paints_per_resize(qtbot, plain)) == 2  # Qt's own: why the class exists
    assert _paints_per_resize(qtbot, WrappedLabel()) == [1, 1, 1, 1]

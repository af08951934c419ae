"""A part of a form folded under its heading: the heading says what it holds either way."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from briefing.ui.widgets.fold_section import FoldSection


def test_folding_hides_the_body_and_the_heading_keeps_its_count(qtbot) -> None:
    form = QWidget()
    qtbot.addWidget(form)
    section = FoldSection("Sou&rces", form)
    field = QLineEdit(section)
    section.set_body(field)
    QVBoxLayout(form).addWidget(section)
    form.show()
    qtbot.waitExposed(form)
    heard: list[bool] = []
    section.opened.connect(heard.append)
    assert section.is_open() and field.isVisible()
    assert section.header.text() == "Sou&rces (none)"
    section.set_count(3)
    assert section.header.accessibleName() == "Sources, 3"

    qtbot.mouseClick(section.header, Qt.MouseButton.LeftButton)
    assert not section.is_open() and not field.isVisible()
    assert section.header.arrowType() == Qt.ArrowType.RightArrow
    assert section.header.text() == "Sou&rces (3)"  # folded, still says what it holds
    assert section.header.accessibleDescription() == "folded"
    section.set_open(False)  # already folded: nothing to say
    assert heard == [False]
    section.header.setFocus()
    qtbot.waitUntil(section.header.hasFocus)
    qtbot.keyClick(section.header, Qt.Key.Key_Space)
    assert section.is_open() and field.isVisible() and heard == [False, True]
    # The heading comes before its body in Tab order, as it is read.
    assert section.header.nextInFocusChain() is field


def test_the_alt_key_of_the_heading_goes_to_it_and_never_folds_it(qtbot) -> None:
    """Alt+R for 'Sou&rces', pressed to go to the sources, folded them when they were open."""
    form = QWidget()
    qtbot.addWidget(form)
    other = QLineEdit(form)
    section = FoldSection("Sou&rces", form)
    section.set_body(QLineEdit(section))
    layout = QVBoxLayout(form)
    layout.addWidget(other)
    layout.addWidget(section)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    qtbot.keyClick(other, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(section.header.hasFocus)
    assert section.is_open()
    section.set_open(False)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    qtbot.keyClick(other, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(section.is_open)
    assert section.header.hasFocus()

"""Add Claims to Briefing from the keyboard: Tab in the order shown, a section named as
typed, and Select All then Enter adding what is listed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from briefing.core import Library
from briefing.core.sample import load_sample
from briefing.ui.workspace.claim_picker import ClaimPicker


def _picker(qtbot, library: Library) -> tuple[ClaimPicker, list[int]]:
    load_sample(library)
    claims = library.claims.list()
    picker = ClaimPicker(claims, [claims[0].id], ["Section 1", "Background"], "Background")
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    picker.activateWindow()
    qtbot.waitUntil(picker.filter.hasFocus)
    return picker, [c.id for c in claims]


def test_tab_goes_through_the_fields_in_the_order_they_are_shown(qtbot, library: Library) -> None:
    picker, _ids = _picker(qtbot, library)
    ok = picker.buttons.button(QDialogButtonBox.StandardButton.Ok)
    expected = [picker.filter, picker.ids, picker.section, picker.list, ok]
    reached = []
    for _ in expected:
        reached.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    # Section came after the list, below it, though it is shown above it.
    assert reached == expected


def test_a_new_section_is_named_as_typed_not_as_completed(qtbot, library: Library) -> None:
    picker, ids = _picker(qtbot, library)
    picker.list.setFocus()
    qtbot.keyClick(picker.list, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    edit = picker.section.lineEdit()
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "Se")  # "Section 1" was filled in
    assert picker.section.currentText() == "Se"
    with qtbot.waitSignal(picker.accepted):
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert picker.section_name() == "Se"
    assert picker.chosen() == ids[1:]  # every claim but the one in the briefing


def test_select_all_then_a_filter_chooses_only_what_is_listed(qtbot, library: Library) -> None:
    picker, _ids = _picker(qtbot, library)
    picker.list.setFocus()
    qtbot.keyClick(picker.list, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(picker.filter, "Wang Wenbin")
    listed = [
        picker.list.item(row).data(Qt.ItemDataRole.UserRole + 1)
        for row in range(picker.list.count())
        if not picker.list.item(row).isHidden()
    ]
    assert len(listed) == 1
    assert picker.chosen() == listed

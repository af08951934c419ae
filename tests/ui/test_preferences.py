"""Edit ▸ Preferences sets the library's user name, which exports sign with."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefing.core import Library
from briefing.ui.dialogs.preferences import PreferencesDialog
from tests.ui.helpers import dialog_of, sample_window


def test_preferences_set_and_clear_the_user_name(qtbot, make_window, library: Library) -> None:
    window, _ = sample_window(qtbot, make_window, library)
    account = library.settings.user_name
    window.preferences_action.trigger()
    dialog = dialog_of(window, PreferencesDialog)
    assert dialog.user_name.text() == "" and dialog.user_name.placeholderText() == account
    dialog.user_name.setText("  A. Analyst ")
    with qtbot.waitSignal(dialog.finished) as finished:
        qtbot.keyClick(dialog.user_name, Qt.Key.Key_Return)
    assert finished.args == [PreferencesDialog.DialogCode.Accepted.value]
    assert library.settings.user_name == "A. Analyst"
    w3c = library.annotations.export_w3c()
    assert w3c["items"][0]["creator"]["name"] == "A. Analyst"

    window.preferences_action.trigger()
    again = dialog_of(window, PreferencesDialog)
    assert again.user_name.text() == "A. Analyst"
    again.user_name.clear()
    with qtbot.waitSignal(again.finished):
        qtbot.keyClick(again.user_name, Qt.Key.Key_Return)
    assert library.settings.stored_user_name is None and library.settings.user_name == account

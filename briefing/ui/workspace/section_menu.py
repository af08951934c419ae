"""Choosing a section of a briefing: the menu that Add to Briefing and Move to Section ask
with, popped up where the reader is working or shown as a submenu.

One entry per section in the briefing's order, then New Section… (which asks for a name).
The section chosen last is the menu's active entry, so Enter takes it again: adding claim
after claim to one section is Ctrl+Shift+B, Enter. What was chosen last is remembered per
briefing (`remember`, `last_section`) in the settings: under the briefing's uid (unique
across libraries), the section's id (stable in its library).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QWidget

from briefing.core import Briefing
from briefing.ui.workspace.tree_model import UNTITLED

NEW_SECTION = -1  # the New Section… entry's data
_KEY = "workspace/last_section/{}"


def last_section(settings: QSettings, briefing: Briefing) -> int | None:
    """The section of `briefing` chosen last, if it is still there."""
    try:
        wanted = int(settings.value(_KEY.format(briefing.uid or briefing.id), 0))
    except (TypeError, ValueError):
        return None
    return wanted if any(s.id == wanted for s in briefing.sections) else None


def remember(settings: QSettings, briefing: Briefing, section_id: int) -> None:
    settings.setValue(_KEY.format(briefing.uid or briefing.id), section_id)


def fill_section_menu(
    menu: QMenu,
    briefing: Briefing,
    chosen: Callable[[int], None],
    *,
    last: int | None = None,
    exclude: int | None = None,
) -> None:
    """Add an entry per section of `briefing` (but `exclude`) and New Section… to `menu`;
    `chosen(section_id)` runs for the one picked (NEW_SECTION for New Section…)."""
    active = None
    for section in briefing.sections:
        if section.id == exclude:
            continue
        count = len(section.items)
        action = menu.addAction(f"{_escaped(section.heading or UNTITLED)}  ({count})")
        action.setToolTip(f"{count} item{'' if count == 1 else 's'}")
        action.setData(section.id)
        action.triggered.connect(lambda _c=False, s=section.id: chosen(s))
        if section.id == last:
            active = action
    if menu.actions():
        menu.addSeparator()
    new = menu.addAction("&New Section…")
    new.setToolTip("Make a section for it, named as you say")
    new.setData(NEW_SECTION)
    new.triggered.connect(lambda _c=False: chosen(NEW_SECTION))
    menu.setToolTipsVisible(True)
    if active is not None:
        menu.setActiveAction(active)


def section_menu(
    parent: QWidget,
    title: str,
    briefing: Briefing,
    chosen: Callable[[int], None],
    *,
    last: int | None = None,
    exclude: int | None = None,
) -> QMenu:
    menu = QMenu(title, parent)
    menu.setObjectName("sectionMenu")
    fill_section_menu(menu, briefing, chosen, last=last, exclude=exclude)
    return menu


def ask_section_name(
    parent: QWidget, title: str, named: Callable[[str], None], suggested: str = ""
) -> QInputDialog:
    """Ask for a new section's name (a window-modal dialog, opened, not exec'd); `named`
    runs with the name typed, unless it is empty."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("sectionNameDialog")
    dialog.setWindowTitle(title)
    dialog.setLabelText("The new section's &heading:")
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue(suggested)
    dialog.setOkButtonText("Make Section")

    def accepted() -> None:
        name = " ".join(dialog.textValue().split())
        if name:
            named(name)

    dialog.accepted.connect(accepted)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def _escaped(text: str) -> str:
    """A heading as a menu entry: an & is shown, not taken for a mnemonic."""
    return text.replace("&", "&&")

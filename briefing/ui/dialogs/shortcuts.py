"""Keyboard Shortcuts: every menu command with its keys, read from the menus themselves.

Nothing here names a command or a key: the dialog walks the menu bar it is given, so a
new action, or a changed shortcut, shows up without anyone remembering to update a list.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


def plain(text: str) -> str:
    """A menu text as read aloud: no mnemonic ampersand, no trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".")


def keys_of(action: QAction) -> str:
    """All of the action's shortcuts, as this platform writes them ("Ctrl+Shift+Z, Ctrl+Y")."""
    return ", ".join(
        key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
    )


def menu_commands(bar: QMenuBar) -> list[tuple[str, list[QAction]]]:
    """(menu title, its commands) for each menu, submenus flattened into their parent."""

    def commands(actions: list[QAction]) -> list[QAction]:
        found = []
        for action in actions:
            if action.isSeparator() or not action.isVisible():
                continue
            if action.menu() is not None:
                found += commands(action.menu().actions())
            else:
                found.append(action)
        return found

    return [
        (plain(top.text()), commands(top.menu().actions()))
        for top in bar.actions()
        if top.menu() is not None
    ]


class ShortcutsDialog(QDialog):
    def __init__(self, bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setAccessibleName("Keyboard Shortcuts")
        self.table = QTreeWidget(self)
        self.table.setAccessibleName("Commands and their shortcuts")
        self.table.setHeaderLabels(["Command", "Shortcut", "What it does"])
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        for menu, actions in menu_commands(bar):
            group = QTreeWidgetItem(self.table, [menu])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            for action in actions:
                text = plain(action.text())
                # The stack's actions read "Undo Add claim": the command is "Undo".
                text = text.split(" ", 1)[0] if text.startswith(("Undo", "Redo")) else text
                QTreeWidgetItem(group, [text, keys_of(action), action.statusTip()])
        self.table.expandAll()
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 560)

    def rows(self) -> list[tuple[str, str, str]]:
        """(command, shortcut, menu) as shown, in order."""
        found = []
        for i in range(self.table.topLevelItemCount()):
            group = self.table.topLevelItem(i)
            for j in range(group.childCount()):
                item = group.child(j)
                found.append((item.text(0), item.text(1), group.text(0)))
        return found

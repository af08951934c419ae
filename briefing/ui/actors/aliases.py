"""An actor's aliases on its page: a list to rename in place, and the Add Alias dialog.

An alias is library-wide or bound to one article ("the company" means SenseTime only in the
sample); the list says which, with the article's title. A new alias can be bound to one of
the articles where the actor already appears (those are where such a local name is met).

Signals of AliasList:
    renamed(int, str): an alias (id) was edited in place to this text
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core import PageAlias

IdRole = Qt.ItemDataRole.UserRole + 1
Save = Callable[[str, int | None], str | None]  # (text, article id) -> None: saved; else why not
EVERYWHERE = "Everywhere in the library"


class AliasList(QTreeWidget):
    renamed = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aliasList")
        self.setAccessibleName("Aliases")
        self.setHeaderLabels(["Alias", "Where"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(True)
        self._texts: dict[int, str] = {}
        self.itemChanged.connect(self._on_item_changed)

    def show_aliases(self, aliases: tuple[PageAlias, ...]) -> None:
        current = self.current_id()
        self.blockSignals(True)
        try:
            self.clear()
            self._texts = {}
            for page_alias in aliases:
                alias = page_alias.alias
                where = (
                    f"only in “{page_alias.article_title or 'Untitled'}”"
                    if alias.article_id is not None
                    else "everywhere"
                )
                if alias.case_sensitive:
                    where += " · exact case"
                item = QTreeWidgetItem(self, [alias.text, where])
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                item.setData(0, IdRole, alias.id)
                item.setToolTip(0, "Double-click or F2 to rename")
                item.setToolTip(1, where)
                self._texts[alias.id] = alias.text
                if alias.id == current:
                    self.setCurrentItem(item)
        finally:
            self.blockSignals(False)

    def current_id(self) -> int | None:
        item = self.currentItem()
        return item.data(0, IdRole) if item is not None else None

    def item_of(self, alias_id: int) -> QTreeWidgetItem | None:
        for n in range(self.topLevelItemCount()):
            if self.topLevelItem(n).data(0, IdRole) == alias_id:
                return self.topLevelItem(n)
        return None

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        alias_id = item.data(0, IdRole)
        if column == 0 and alias_id is not None and item.text(0) != self._texts.get(alias_id):
            self.renamed.emit(alias_id, item.text(0))


class AddAliasDialog(QDialog):
    """The alias's text and where it holds: everywhere, or in one article. It stays open
    with the reason when the alias cannot be added (empty, a duplicate)."""

    def __init__(
        self,
        actor_name: str,
        articles: list[tuple[int, str]],
        save: Save,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Add Alias — {actor_name}")
        self._save = save
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(f"Another name for {actor_name}")
        self.text.setAccessibleName("Alias")
        self.scope = QComboBox(self)
        self.scope.setAccessibleName("Where the alias holds")
        self.scope.addItem(EVERYWHERE, None)
        for article_id, title in articles:
            self.scope.addItem(f"Only in “{title or 'Untitled'}”", article_id)
        self.scope.setToolTip(
            "A local name (“the company”) holds only in one article; elsewhere it is noise"
        )
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Alias:", self.text)
        form.addRow("&Holds:", self.scope)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(480, self.sizeHint().height())

    def accept(self) -> None:
        problem = self._save(self.text.text(), self.scope.currentData())
        if problem:
            self.error.setText(problem)
            self.error.show()
            self.text.setFocus()
            self.text.selectAll()
            return
        super().accept()

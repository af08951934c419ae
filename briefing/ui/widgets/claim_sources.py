"""The claim editor's sources: link existing ones, or describe a new URL, document or
statement with its A–F reliability grade; each with how the claim uses it.

New sources are `NewSource` values until the claim is saved, so cancelling the editor
leaves no stray source behind.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core import (
    SOURCE_GRADE_MEANINGS as GRADE_MEANINGS,
    SOURCE_RELATIONS,
    NewSource,
    Source,
)

ValueRole = Qt.ItemDataRole.UserRole + 1
NEW_KINDS = ("url", "document", "statement")


def source_label(source: Source) -> str:
    grade = f" [{source.grade}]" if source.grade else ""
    return f"{source.title}{grade}"


def relation_combo(relations: tuple[str, ...], name: str, parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItems(list(relations))
    combo.setAccessibleName(name)
    combo.setToolTip(name)
    return combo


def grade_combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem("— not graded", None)
    for grade, meaning in GRADE_MEANINGS.items():
        combo.addItem(f"{grade} — {meaning}", grade)
    combo.setAccessibleName("Reliability of the new source")
    combo.setToolTip("Admiralty reliability grade: A completely reliable … F cannot be judged")
    return combo


class ClaimSources(QWidget):
    def __init__(self, sources: list[Source], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._titles = {s.id: source_label(s) for s in sources}
        self.list = QTreeWidget(self)
        self.list.setHeaderLabels(["Source", "Used as"])
        self.list.setRootIsDecorated(False)
        self.list.setAccessibleName("Sources of the claim")
        self.list.setToolTip("What the claim rests on, and how; Remove unlinks the selected one")
        self.list.setMinimumHeight(70)
        self.list.header().setStretchLastSection(False)
        self.list.header().setSectionResizeMode(0, self.list.header().ResizeMode.Stretch)
        self.remove = QPushButton("Remove", self)
        self.remove.setToolTip("Unlink the selected source from the claim")

        self.existing = QComboBox(self)
        self.existing.setAccessibleName("Existing source")
        self.existing.setToolTip("A source already in the library")
        for source in sources:
            self.existing.addItem(source_label(source), source.id)
        # Not as wide as the longest title in the library (an article's can be a whole
        # sentence): the claim editor grew past a 1024-pixel screen.
        self.existing.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.existing.setMinimumContentsLength(24)
        self.existing_relation = relation_combo(SOURCE_RELATIONS, "How the claim uses it", self)
        self.link = QPushButton("Link", self)
        self.link.setToolTip("Link the chosen source to the claim")
        self.link.setEnabled(bool(sources))

        self.kind = QComboBox(self)
        self.kind.addItems(list(NEW_KINDS))
        self.kind.setAccessibleName("Kind of the new source")
        self.kind.setToolTip("A web page (URL), a document or an official statement")
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("Title of the new source")
        self.title.setAccessibleName("Title of the new source")
        self.title.setToolTip("What the source is called, e.g. “US Treasury press release”")
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://… (optional)")
        self.url.setAccessibleName("URL of the new source")
        self.url.setToolTip("Where the source can be read, if it is online")
        self.grade = grade_combo(self)
        self.new_relation = relation_combo(SOURCE_RELATIONS, "How the claim uses the new one", self)
        self.add_new = QPushButton("Add New", self)
        self.add_new.setToolTip("Add this new source to the claim (saved with the claim)")

        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove)
        pick = QHBoxLayout()
        pick.addWidget(QLabel("Existing:", self))
        pick.addWidget(self.existing, 1)
        pick.addWidget(self.existing_relation)
        pick.addWidget(self.link)
        new = QGridLayout()
        new.addWidget(QLabel("New:", self), 0, 0)
        new.addWidget(self.kind, 0, 1)
        new.addWidget(self.title, 0, 2, 1, 4)
        new.addWidget(self.url, 1, 1, 1, 2)
        new.addWidget(self.grade, 1, 3)
        new.addWidget(self.new_relation, 1, 4)
        new.addWidget(self.add_new, 1, 5)
        new.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(remove_row)
        layout.addLayout(pick)
        layout.addSpacing(4)
        layout.addLayout(new)
        self.link.clicked.connect(self._on_link_clicked)
        self.add_new.clicked.connect(self._on_add_new_clicked)
        self.remove.clicked.connect(self._on_remove_clicked)
        for line in (self.title, self.url):
            line.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Enter in the new source's title or URL adds it, as Enter in the About field adds
        the actor: the dialog's default button saved the claim, the source typed left out."""
        if (
            watched in (self.title, self.url)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and (self.title.text().strip() or self.url.text().strip())
        ):
            self._on_add_new_clicked()
            return True
        return super().eventFilter(watched, event)

    def set_sources(self, sources: tuple[tuple[int | NewSource, str], ...]) -> None:
        self.list.clear()
        for value, relation in sources:
            self._add(value, relation)

    def sources(self) -> tuple[tuple[int | NewSource, str], ...]:
        items = [self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount())]
        return tuple((item.data(0, ValueRole), item.text(1)) for item in items)

    def _add(self, value: int | NewSource, relation: str) -> None:
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if item.data(0, ValueRole) == value:
                item.setText(1, relation)
                return
        if isinstance(value, NewSource):
            grade = f" [{value.grade}]" if value.grade else ""
            label = f"{value.title}{grade} (new {value.kind})"
        else:
            label = self._titles.get(value, f"source {value}")
        item = QTreeWidgetItem([label, relation])
        item.setData(0, ValueRole, value)
        self.list.addTopLevelItem(item)

    def _on_link_clicked(self) -> None:
        if self.existing.currentIndex() >= 0:
            self._add(self.existing.currentData(), self.existing_relation.currentText())

    def _on_add_new_clicked(self) -> None:
        title = " ".join(self.title.text().split())
        url = self.url.text().strip() or None
        if not title and not url:
            self.title.setFocus()
            self.title.setPlaceholderText("Give the new source a title (or a URL)")
            return
        source = NewSource(
            title or url or "", self.kind.currentText(), url=url, grade=self.grade.currentData()
        )
        self._add(source, self.new_relation.currentText())
        self.title.clear()
        self.url.clear()

    def _on_remove_clicked(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeTopLevelItem(self.list.indexOfTopLevelItem(item))

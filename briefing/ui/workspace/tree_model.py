"""The open briefing as a tree: sections at the top level, their items as children.

The model only shows a `Briefing` value and turns what the user does to it (a drop, an
inline edit) into signals; the window makes the change through an undo command, the
library announces it, and the model is given the new value. It never edits its own rows, so
what it shows is always what the library holds. Those signals are meant to be connected
queued: the change resets this model, which must not happen inside the view's own drop or
editor commit (Qt would then close an editor it no longer knows, and warn).

Indexes carry no Python objects: a section's internal id is 0, an item's is its section's
row + 1, so `parent()` needs no lookup and nothing can dangle after a reset.

Signals:
    items_dropped(object, int, int): item ids, target section id, row in it (-1: the end)
    claims_dropped(object, int, int): claim ids, target section id (0: none yet), row
    text_edited(int, str): item id, new text of a sub-heading edited in place
    section_renamed(int, str): section id, new heading
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon

from briefing.core import Briefing, BriefingItem, BriefingSection, resources_dir
from briefing.ui.workspace.mime import CLAIMS_MIME, ITEMS_MIME, ids_in, mime_data

Index = QModelIndex | QPersistentModelIndex
UNTITLED = "(untitled section)"


class Role(IntEnum):
    ItemId = Qt.ItemDataRole.UserRole + 1  # an item's id; None on a section
    SectionId = Qt.ItemDataRole.UserRole + 2
    Kind = Qt.ItemDataRole.UserRole + 3  # "section", "claim", "note", "heading"
    ClaimId = Qt.ItemDataRole.UserRole + 4
    Text = Qt.ItemDataRole.UserRole + 5  # a note's Markdown, a heading's text, as stored


def claim_line(item: BriefingItem) -> str:
    """“quote” — speaker, the way the tree and the picker show a claim."""
    snapshot = item.snapshot
    quote = " ".join(snapshot.quote.split()) if snapshot else ""
    speaker = snapshot.speaker.name if snapshot and snapshot.speaker else "unattributed"
    gone = "  (claim deleted)" if item.gone else ""
    return f"“{quote}” — {speaker}{gone}"


def _icon(name: str) -> QIcon:
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


class BriefingTreeModel(QAbstractItemModel):
    items_dropped = Signal(object, int, int)
    claims_dropped = Signal(object, int, int)
    text_edited = Signal(int, str)
    section_renamed = Signal(int, str)

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self.briefing: Briefing | None = None
        self._icons = {kind: _icon(kind) for kind in ("claim", "note", "heading")}
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_briefing(self, briefing: Briefing | None) -> bool:
        """Show this briefing; False (and no reset) when its sections and items are those
        shown already (a new title or BLUF changes no row)."""
        same_rows = (
            briefing is not None
            and self.briefing is not None
            and (briefing.id, briefing.sections) == (self.briefing.id, self.briefing.sections)
        )
        if same_rows or briefing is self.briefing:
            self.briefing = briefing
            return False
        self.beginResetModel()
        self.briefing = briefing
        self.endResetModel()
        return True

    # Structure ------------------------------------------------------------------------------

    @property
    def sections(self) -> tuple[BriefingSection, ...]:
        return self.briefing.sections if self.briefing else ()

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self.sections) else QModelIndex()
        if parent.internalId() != 0 or parent.row() >= len(self.sections):
            return QModelIndex()
        if row >= len(self.sections[parent.row()].items):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if not parent.isValid():
            return len(self.sections)
        if parent.column() != 0 or parent.internalId() != 0:
            return 0
        return len(self.sections[parent.row()].items) if parent.row() < len(self.sections) else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 1

    def section_at(self, index: Index) -> BriefingSection | None:
        """The section of a section row or of an item row."""
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self.sections[row] if row < len(self.sections) else None

    def item_at(self, index: Index) -> BriefingItem | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        section = self.section_at(index)
        if section is None or index.row() >= len(section.items):
            return None
        return section.items[index.row()]

    def index_of_item(self, item_id: int) -> QModelIndex:
        for s, section in enumerate(self.sections):
            for r, item in enumerate(section.items):
                if item.id == item_id:
                    return self.index(r, 0, self.index(s, 0))
        return QModelIndex()

    # Data -----------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        section = self.section_at(index)
        if section is None:
            return None
        item = self.item_at(index)
        if item is None and index.internalId() != 0:
            return None
        if role == Role.SectionId:
            return section.id
        if item is None:
            return self._section_data(section, role)
        return self._item_data(item, role)

    def _section_data(self, section: BriefingSection, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            count = len(section.items)
            return f"{section.heading or UNTITLED}  ({count} item{'' if count == 1 else 's'})"
        if role == Qt.ItemDataRole.EditRole:
            return section.heading
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return "A section: drop items on it, double-click to rename"
        if role == Role.Kind:
            return "section"
        return None

    def _item_data(self, item: BriefingItem, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if item.kind == "claim":
                return claim_line(item)
            return " ".join(item.text.split())
        if role == Qt.ItemDataRole.EditRole:
            return item.text
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(item.kind)
        if role == Qt.ItemDataRole.FontRole and item.kind == "heading":
            return self._italic
        if role == Qt.ItemDataRole.ForegroundRole and item.gone:
            return QColor("#8a8f98")
        if role == Qt.ItemDataRole.ToolTipRole:
            if item.kind == "claim":
                return f"Claim {item.claim_id}: {claim_line(item)}" if item.claim_id else ""
            what = "Analyst note (Markdown)" if item.kind == "note" else "Sub-heading"
            return f"{what}, double-click to edit:\n{item.text}"
        if role == Role.ItemId:
            return item.id
        if role == Role.Kind:
            return item.kind
        if role == Role.ClaimId:
            return item.claim_id
        if role == Role.Text:
            return item.text
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        item = self.item_at(index)
        if item is None:
            return base | Qt.ItemFlag.ItemIsDropEnabled | Qt.ItemFlag.ItemIsEditable
        if item.kind == "heading":
            base |= Qt.ItemFlag.ItemIsEditable  # notes get a dialog: they are paragraphs
        return base | Qt.ItemFlag.ItemIsDragEnabled

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not isinstance(value, str):
            return False
        section, item = self.section_at(index), self.item_at(index)
        if item is not None and item.kind == "heading" and value.strip() != item.text:
            self.text_edited.emit(item.id, value)
        elif item is None and section is not None and value.strip() != section.heading:
            self.section_renamed.emit(section.id, value)
        return True  # the change arrives as a new briefing, after the command ran

    # Drag and drop --------------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [ITEMS_MIME, CLAIMS_MIME]

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802
        """The dragged items' ids in reading order (sections themselves do not move)."""
        items = {item.id: item for i in indexes if (item := self.item_at(i)) is not None}
        ordered = [i.id for i in self.briefing.items if i.id in items] if self.briefing else []
        text = "\n".join(
            claim_line(items[i]) if items[i].kind == "claim" else items[i].text for i in ordered
        )
        return mime_data(ITEMS_MIME, ordered, text)

    def canDropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if self.briefing is None:
            return False
        if ids_in(data, ITEMS_MIME):
            known = {i.id for i in self.briefing.items}
            moved = set(ids_in(data, ITEMS_MIME))
            return moved <= known and self._target(row, parent) is not None
        return bool(ids_in(data, CLAIMS_MIME))

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self._target(row, parent)
        section_id, at = target if target is not None else (0, -1)
        if ids_in(data, ITEMS_MIME):
            self.items_dropped.emit(ids_in(data, ITEMS_MIME), section_id, at)
        else:
            self.claims_dropped.emit(ids_in(data, CLAIMS_MIME), section_id, at)
        # False: the view must not remove the dragged rows itself; the command moves them.
        return False

    def _target(self, row: int, parent: Index) -> tuple[int, int] | None:
        """(section id, row in that section, -1 for the end) for a drop at row under parent.

        On a section: that section. Between two sections (the top level): the end of the one
        above, or the start of the first. On the empty viewport: the end of the last one.
        """
        sections = self.sections
        if not sections:
            return None
        if parent.isValid():
            section = self.section_at(parent)
            if section is None:
                return None
            if parent.internalId() != 0:  # on an item: just before it
                return section.id, parent.row()
            return section.id, row
        if row < 0 or row > len(sections):
            return sections[-1].id, -1
        if row == 0:
            return sections[0].id, 0
        return sections[row - 1].id, -1

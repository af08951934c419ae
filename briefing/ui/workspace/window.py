"""The briefing workspace: briefings on the left, the open one's editor in the middle, its
live preview on the right (a row of panes, ui/panes: in a narrow dock the list of briefings
folds first, then the preview, each to a strip that brings it back; layout.py puts it
together).

In the app it lives in a dock of the main window (`hosted`, dock.py): without a menu bar of
its own (its commands are in the main window's Briefing menu), its keys working where the
focus is inside it; made without `hosted` (tests, benches) it is a window of its own.

It shares the main window's library and op runner, and keeps an undo history of its own
(its stack: ui/undo/router.py says how Edit ▸ Undo picks it). Every
change goes through an undo command, which writes and then emits `runner.library_changed`;
this window answers each such signal, its own or another window's, by reading again what
the change touched (`reload(list_=, briefing=)`): the list of briefings when a briefing
changed; the open briefing when it changed, or a claim, actor, article or source it quotes
did (the preview shows them live); reach.py tells which from the `Changes`. It keeps the
selection by id and the text being typed, and the models compare values before resetting.
A change to nothing here reads nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QSettings,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QCloseEvent,
    QPalette,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QWidget,
)

from briefing.core import Briefing, BriefingItem, BriefingSection, Changes, Library, NotFound
from briefing.ui import errors
from briefing.ui.ops import OpRunner
from briefing.ui.undo.context import UndoContext
from briefing.ui.workspace import edits, moves
from briefing.ui.workspace.fields import BriefingFields
from briefing.ui.workspace.layout import briefing_list, briefing_tree, lay_out
from briefing.ui.workspace.list_model import BriefingListModel, IdRole
from briefing.ui.workspace.menus import icon, install_actions
from briefing.ui.workspace.preview import PreviewPane
from briefing.ui.workspace.reach import reach
from briefing.ui.workspace.tree_model import BriefingTreeModel, Role

STYLE = """
QLabel#paneTitle { font-weight: 600; }
QTreeView#briefingTree::item { padding: 3px 2px; }
QListView#briefingList::item { padding: 4px 4px; }
QToolBar#workspaceToolbar { border: none; spacing: 6px; padding: 2px 6px; }
"""
QUEUED = Qt.ConnectionType.QueuedConnection
PALETTE_ROLES = (QPalette.ColorRole.Base, QPalette.ColorRole.Text, QPalette.ColorRole.Window)


class WorkspaceWindow(QMainWindow):
    def __init__(
        self,
        library: Library,
        runner: OpRunner,
        stack: QUndoStack,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        hosted: bool = False,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Widget if hosted else Qt.WindowType.Window)
        self.hosted = hosted
        self.preferred_width: int | None = None  # hosted: the width its dock asks for
        self._owner = parent  # whose closing commits what is typed here
        self.library = library
        self.runner = runner
        self.stack = stack
        self.settings = settings
        self.undo = UndoContext(library, runner, stack, lambda text: errors.show_status(self, text))
        self.briefing_id: int | None = None
        self.briefing: Briefing | None = None
        self.dialog: QWidget | None = None  # the dialog an action has open, if any
        self.menu: QMenu | None = None  # the menu last popped up (tests find it here)
        # Show in Reader for a claim item (the dock connects it to the main window's reader).
        self.show_claim: Callable[[BriefingItem], object] | None = None
        self.setWindowTitle(f"Briefing Workspace — {library.path.name}")
        self.setWindowIcon(icon("briefing"))
        self._polished_for: tuple[int, ...] = ()  # the palette it was last polished in
        self.setStyleSheet(STYLE)

        self.list_model = BriefingListModel(library, self)
        self.list = briefing_list(self.list_model, self)
        self.fields = BriefingFields(self)
        self.tree_model = BriefingTreeModel(self)
        self.tree = briefing_tree(self.tree_model, self)
        self.preview = PreviewPane(runner, self)
        install_actions(self, hosted=hosted)

        self.panes = lay_out(self)
        self.setCentralWidget(self.panes)
        self.counts = QLabel(self)
        self.statusBar().addPermanentWidget(self.counts)

        self.list.selectionModel().currentChanged.connect(self._on_list_current_changed)
        self.list_model.title_edited.connect(lambda i, t: edits.retitle(self, i, t), QUEUED)
        self.fields.edited.connect(self._request_preview)
        self.fields.recreate_requested.connect(lambda values: edits.recreate(self, values))
        self.fields.committed.connect(
            lambda briefing_id, field, before, after, session: edits.edit_field(
                self, briefing_id, field, before, after, session
            )
        )
        self.tree.doubleClicked.connect(self._on_tree_double_clicked)
        self.tree.menu_requested.connect(self._on_tree_menu_requested)
        self.tree.drop_refused.connect(self._on_tree_drop_refused)
        self.tree_model.items_dropped.connect(
            lambda ids, s, r: moves.move_items(self, ids, s, r), QUEUED
        )
        self.tree_model.claims_dropped.connect(
            lambda ids, s, r: edits.drop_claims(self, ids, s, r), QUEUED
        )
        self.tree_model.text_edited.connect(lambda i, t: edits.edit_text(self, i, t), QUEUED)
        self.tree_model.section_renamed.connect(
            lambda s, h: edits.rename_section(self, s, h), QUEUED
        )
        runner.library_changed.connect(self._on_runner_library_changed)
        if parent is not None:
            parent.installEventFilter(self)  # to commit typing when the main window closes
        self._restore()
        self.reload()
        if self.briefing_id is None and self.list_model.rows:
            self.select_briefing(self.list_model.rows[0].id)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        if self.hosted and self.preferred_width:
            return QSize(max(self.preferred_width, self.minimumSizeHint().width()), hint.height())
        return hint

    # Showing --------------------------------------------------------------------------------

    def reload(self, *, list_: bool = True, briefing: bool = True) -> None:
        """Show the library's briefings (`list_`) and the open one (`briefing`) as they are
        now."""
        if list_:
            self.list_model.refresh()
        if briefing:
            self._read_briefing()
        self._select_in_list()
        self._update_counts()

    def _read_briefing(self) -> None:
        briefing = None
        gone = False
        if self.briefing_id is not None:
            try:
                briefing = self.library.briefings.get(self.briefing_id)
            except NotFound:  # deleted elsewhere (this window commits what it typed first)
                self.briefing_id = None
                gone = bool(self.fields.pending)
        self.briefing = briefing
        if gone:
            self.fields.show_gone(
                "This briefing was deleted elsewhere (in another window, or another copy of "
                "Briefing). What you typed is kept here: New Briefing with This Text makes "
                "it a briefing again."
            )
        else:
            self.fields.show_briefing(briefing)
        selected = [i.id for i in self.selected_items()]
        current = self.tree_model.item_at(self.tree.currentIndex())
        section = self.tree_model.section_at(self.tree.currentIndex())
        position = self.tree.verticalScrollBar().value()
        if self.tree_model.set_briefing(briefing):
            self.tree.expandAll()
            self.tree.verticalScrollBar().setValue(position)
            if selected or current is not None:
                self.select_items(selected, current.id if current else None, scroll=False)
            elif section is not None:  # a section row was current: it stays so
                self.select_section(section.id, scroll=False)
        self._request_preview()

    def select_briefing(self, briefing_id: int | None) -> None:
        """Open a briefing in the editor (what was typed into the last one is kept)."""
        if briefing_id == self.briefing_id:
            return
        self.fields.end_session()
        self.briefing_id = briefing_id
        self.reload()

    def _select_in_list(self) -> None:
        row = self.list_model.row_of(self.briefing_id) if self.briefing_id is not None else -1
        index = self.list_model.index(row, 0) if row >= 0 else self.list.rootIndex()
        if self.list.currentIndex() != index:
            self.list.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )

    def _on_list_current_changed(self, current: object, _previous: object) -> None:
        briefing_id = current.data(IdRole) if current.isValid() else None  # type: ignore[attr-defined]
        if briefing_id is not None:
            self.select_briefing(briefing_id)

    def _request_preview(self) -> None:
        self.preview.request(self.briefing_id, self.fields.values())

    def _update_counts(self) -> None:
        if self.briefing is None:
            self.counts.setText(f"{len(self.list_model.rows)} briefings")
            return
        claims = sum(1 for i in self.briefing.items if i.kind == "claim")
        sections = len(self.briefing.sections)
        self.counts.setText(
            f"{sections} section{'' if sections == 1 else 's'} · "
            f"{claims} claim{'' if claims == 1 else 's'}"
        )

    def _on_runner_library_changed(self, changes: Changes) -> None:
        reached = reach(changes, self.library, self.briefing_id, self.briefing)
        if not (reached.list_ or reached.briefing):
            return
        if reached.preview:
            self.preview.invalidate()
        self.reload(list_=reached.list_, briefing=reached.briefing)

    # The tree -------------------------------------------------------------------------------

    def selected_items(self) -> list[BriefingItem]:
        """The selected items (not sections), in reading order."""
        rows = self.tree.selectionModel().selectedRows() if self.tree.selectionModel() else []
        ids = {item.id for index in rows if (item := self.tree_model.item_at(index))}
        return [i for i in self.briefing.items if i.id in ids] if self.briefing else []

    def current_section(self) -> BriefingSection | None:
        """Where new items go: the section of the current row, else the last section."""
        section = self.tree_model.section_at(self.tree.currentIndex())
        if section is None and self.briefing and self.briefing.sections:
            section = self.briefing.sections[-1]
        return section

    def select_items(
        self, item_ids: list[int], current: int | None = None, *, scroll: bool = True
    ) -> None:
        selection = self.tree.selectionModel()
        selection.clearSelection()
        indexes = [self.tree_model.index_of_item(i) for i in item_ids]
        indexes = [i for i in indexes if i.isValid()]
        flags = QItemSelectionModel.SelectionFlag
        for index in indexes:
            selection.select(index, flags.Select | flags.Rows)
        focus = self.tree_model.index_of_item(current) if current is not None else QModelIndex()
        if not focus.isValid() and indexes:
            focus = indexes[0]
        if focus.isValid():
            selection.setCurrentIndex(focus, flags.NoUpdate)
            if scroll:
                self.tree.scrollTo(focus)

    def select_section(self, section_id: int, *, scroll: bool = True) -> QModelIndex:
        """Make a section's row the current and only selected one; its index."""
        row = next((n for n, s in enumerate(self.tree_model.sections) if s.id == section_id), -1)
        index = self.tree_model.index(row, 0) if row >= 0 else QModelIndex()
        if index.isValid():
            flags = QItemSelectionModel.SelectionFlag
            self.tree.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
            if scroll:
                self.tree.scrollTo(index)
        return index

    def _on_tree_menu_requested(self, where: QPoint) -> None:
        from briefing.ui.workspace.menus import tree_menu

        menu = tree_menu(self)
        self.menu = menu
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(where)

    def _on_tree_drop_refused(self, reason: str) -> None:
        errors.show_status(self, reason)
        if self.hosted and isinstance(self._owner, QMainWindow):
            errors.show_status(self._owner, reason)

    def edit_current_item(self) -> None:
        index = self.tree.currentIndex()
        item_id = index.data(Role.ItemId) if index.isValid() else None
        if item_id is not None:
            edits.edit_item(self, item_id)
        elif index.isValid():
            self.tree.edit(index)  # a section: rename it in place

    def _on_tree_double_clicked(self, index: object) -> None:
        kind = index.data(Role.Kind)  # type: ignore[attr-defined]
        if kind in ("note", "claim"):  # sections and sub-headings open their inline editor
            edits.edit_item(self, index.data(Role.ItemId))  # type: ignore[attr-defined]

    # Remembering and closing ----------------------------------------------------------------

    def _restore(self) -> None:
        if not self.hosted:  # a dock's place and size are the main window's to keep
            geometry = self.settings.value("workspace/geometry")
            if geometry is not None:
                self.restoreGeometry(geometry)
            else:
                self.resize(1400, 860)
        try:
            self.panes.restore(json.loads(str(self.settings.value("workspace/panes", ""))))
        except ValueError:
            pass

    def save_settings(self) -> None:
        if not self.hosted:
            self.settings.setValue("workspace/geometry", self.saveGeometry())
        self.settings.setValue("workspace/panes", json.dumps(self.panes.state()))

    def put_away(self) -> None:
        """The workspace goes out of sight (its dock closed): what is typed is committed,
        its state kept, and no render runs for nobody."""
        self.fields.end_session()
        self.save_settings()
        self.preview.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._owner and event.type() == QEvent.Type.Close:
            self.fields.commit()
            self.save_settings()
            self.preview.stop()  # the runner is about to stop: start no more renders
        return False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        self.preview.resume()
        self.reload()
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.put_away()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """The desktop's palette changed (light to dark): the widgets under this window's
        style sheet were given their palettes when it was polished and keep them, so the
        preview went on in the old colours; polished again, they take the new palette."""
        super().changeEvent(event)
        if event.type() != QEvent.Type.PaletteChange:
            return
        palette = self.palette()
        key = tuple(palette.color(role).rgba() for role in PALETTE_ROLES)
        if key != self._polished_for:  # (polishing again changes the palette: once is all)
            self._polished_for = key
            self.setStyleSheet(self.styleSheet())

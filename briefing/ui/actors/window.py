"""The actors window: the library's actors on the left, the chosen actor's page on the right.

It shares the main window's library, op runner and undo stack (see __init__.py). Every edit
goes through an undo command, which writes and then emits `runner.library_changed`; this
window answers each such signal, its own or another window's, by reading again what the
change touched (`reload(list_=, page=)`), keeping the chosen actor, the selected
suggestions, the scroll positions and any text being typed. The list is read again when
actors, claims or annotations changed (its counts); the open page only when its actor did,
or a claim or mention on it or by or about its actor, or an article it names
(`page_touched`). A hidden window only notes that it is stale and reads again when shown.

Reads are synchronous: the list is two queries, and a page a handful of capped ones
(core/actors/page.py). On a 10,000-article library, an actor with 1,370 mentions and 1,370
suggestions reads in about 20 ms and its page is shown, 500 of each listed, in about 90 ms;
too little to be worth a worker round trip, which would show the old page meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from briefing.core import (
    ACTOR_KINDS as KINDS,
    ACTOR_PAGE_LIMIT as LIMIT,
    ActorPage,
    AnnotationRefs,
    BriefingError,
    Changes,
    Kind,
    Library,
    NotFound,
)
from briefing.ui import errors
from briefing.ui.actors import edits, fit
from briefing.ui.actors.list_model import NAME, ActorFilter, ActorListModel, IdRole
from briefing.ui.actors.list_view import make_actor_table
from briefing.ui.actors.menus import install_actions
from briefing.ui.actors.page import ActorPageView
from briefing.ui.icons import icon
from briefing.ui.ops import OpRunner
from briefing.ui.undo.context import UndoContext

Opener = Callable[[int, int], object]  # (article id, annotation or suggestion id)
ALL_KINDS = "All kinds"
QUEUED = Qt.ConnectionType.QueuedConnection
STYLE = """
QLabel#sectionTitle, QLabel#paneTitle { font-weight: 600; }
QLabel#emptyPage { color: palette(placeholder-text); }
QLineEdit#actorName { font-size: 15pt; font-weight: 600; padding: 2px 4px; }
QTreeWidget#actorPageList::item, QTreeWidget#aliasList::item { padding: 3px 2px; }
QTableView#actorTable::item { padding: 0 6px; }
"""


class ActorsWindow(QMainWindow):
    def __init__(
        self,
        library: Library,
        runner: OpRunner,
        stack: QUndoStack,
        settings: QSettings,
        *,
        open_annotation: Opener | None = None,
        open_suggestion: Opener | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.library = library
        self.runner = runner
        self.stack = stack
        self.settings = settings
        self.undo = UndoContext(library, runner, stack, lambda text: errors.show_status(self, text))
        self.actor_id: int | None = None
        self.limit = LIMIT
        self.dialog: QWidget | None = None  # the dialog an action has open, if any
        self._stale = False
        self._shown_once = False  # the first showing opens the first actor's page
        self.setWindowTitle(f"Actors — {library.path.name}")
        self.setWindowIcon(icon("actor"))
        self.setStyleSheet(STYLE)

        self.list_model = ActorListModel(library, self)
        self.proxy = ActorFilter(self)
        self.proxy.setSourceModel(self.list_model)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Name or alias")  # whole in a 960-pixel window
        self.filter.setToolTip("Filter the list by name or alias")
        self.filter.setAccessibleName("Filter actors")
        self.filter.setClearButtonEnabled(True)
        self.kind_filter = QComboBox(self)
        self.kind_filter.setAccessibleName("Narrow by kind")
        self.kind_filter.addItems([ALL_KINDS, *KINDS])
        self.list = make_actor_table(self.proxy, self)
        self.list.setSortingEnabled(True)
        self.list.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.page_view = ActorPageView(self)
        install_actions(self)
        self.page_view.fold()  # its least width with the buttons folded, before it is sized

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.setSpacing(6)
        title = QLabel("Actors", left)
        title.setObjectName("paneTitle")
        left_layout.addWidget(title)
        filters = QHBoxLayout()
        filters.addWidget(self.filter, 1)
        filters.addWidget(self.kind_filter)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.list, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("actorsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(6)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.page_view)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.counts = QLabel(self)
        self.statusBar().addPermanentWidget(self.counts)

        self._open_annotation = open_annotation
        self._open_suggestion = open_suggestion
        self.list.selectionModel().currentChanged.connect(self._on_list_current_changed)
        self.filter.textChanged.connect(self.proxy.set_text)
        self.kind_filter.currentTextChanged.connect(
            lambda text: self.proxy.set_kind(None if text == ALL_KINDS else text)
        )
        self.page_view.field_committed.connect(lambda f, v: edits.edit_field(self, f, v), QUEUED)
        self.page_view.aliases.renamed.connect(lambda i, t: edits.rename_alias(self, i, t), QUEUED)
        self.page_view.open_requested.connect(self._on_open_requested)
        self.page_view.more_requested.connect(self.show_more)
        self.page_view.suggestion_open_requested.connect(self._on_suggestion_open_requested)
        runner.library_changed.connect(self._on_runner_library_changed)
        if parent is not None:
            parent.installEventFilter(self)  # to save the layout when the main window closes
        self._restore()
        self.reload()

    # Showing --------------------------------------------------------------------------------

    def reload(self, *, list_: bool = True, page: bool = True) -> None:
        """Show the actors (`list_`) and the chosen actor's page (`page`) as they are now."""
        if not self.isVisible():
            self._stale = True
            return
        if self._stale:
            self._stale, list_, page = False, True, True
        if list_:
            self.list_model.refresh()
        if self.actor_id is None and not self._shown_once and self.proxy.rowCount():
            self.actor_id = self.proxy.index(0, NAME).data(IdRole)
        self._shown_once = True
        shown = self.page_view.page
        if page or (shown.actor.id if shown else None) != self.actor_id:
            self._read_page()
        self._select_in_list()
        if list_:
            self._update_counts()

    def _read_page(self) -> None:
        page = None
        if self.actor_id is not None:
            try:
                page = self.library.actors.page(self.actor_id, limit=self.limit)
            except NotFound:  # merged away or deleted elsewhere
                self.actor_id = None
                if self.page_view.typed():
                    self.page_view.show_gone(
                        "This actor was deleted elsewhere (in another window, or another "
                        "copy of Briefing). What you typed is kept here to copy; choose an "
                        "actor to go on."
                    )
                    for action in (self.add_alias_action, self.merge_action, self.delete_action):
                        action.setEnabled(False)
                    return
        self.page_view.show_page(page)
        self.show_more_action.setEnabled(page is not None and self._capped(page))
        for action in (self.add_alias_action, self.merge_action, self.delete_action):
            action.setEnabled(page is not None)

    def show_actor(self, actor_id: int | None) -> None:
        """Open an actor's page (also when the filter hides it: the filter is cleared)."""
        if actor_id != self.actor_id:
            self.actor_id = actor_id
            self.limit = LIMIT
        if actor_id is not None and self.proxy_row(actor_id) < 0:
            self.filter.clear()
            self.kind_filter.setCurrentText(ALL_KINDS)
        self.reload()

    def show_row(self, row: int) -> None:
        """Open the actor at that row of the list, or the last one if the list is shorter
        (after a deletion: the actor that took the deleted one's place)."""
        rows = self.proxy.rowCount()
        if rows == 0 or row < 0:
            self.show_actor(None)
            return
        self.show_actor(self.proxy.index(min(row, rows - 1), NAME).data(IdRole))

    def show_more(self) -> None:
        self.limit += LIMIT
        self.reload()

    def focus_filter(self) -> None:
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    @staticmethod
    def _capped(page: object) -> bool:
        lists = ("mentions", "claims_made", "claims_about", "suggestions")
        return any(getattr(page, name).more > 0 for name in lists)

    def proxy_row(self, actor_id: int) -> int:
        """Where the actor is in the (filtered) list; -1 if it is not shown."""
        row = self.list_model.row_of(actor_id)
        if row < 0:
            return -1
        return self.proxy.mapFromSource(self.list_model.index(row, 0)).row()

    def _select_in_list(self) -> None:
        row = self.proxy_row(self.actor_id) if self.actor_id is not None else -1
        selection = self.list.selectionModel()
        if row < 0:
            selection.clearSelection()
            return
        index = self.proxy.index(row, 0)
        if self.list.currentIndex().row() != row or not selection.isSelected(index):
            flags = QItemSelectionModel.SelectionFlag
            selection.setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        self.list.scrollTo(index)

    def _on_list_current_changed(self, current: object, _previous: object) -> None:
        actor_id = current.data(IdRole) if current.isValid() else None  # type: ignore[attr-defined]
        if actor_id is not None and actor_id != self.actor_id:
            self.show_actor(actor_id)

    def _update_counts(self) -> None:
        rows = self.list_model.rows
        pending = sum(r.pending for r in rows)
        text = f"{len(rows):,} actor{'' if len(rows) == 1 else 's'}"
        if pending:
            text += f" · {pending:,} suggested mention{'' if pending == 1 else 's'} to review"
        self.counts.setText(text)

    def _on_runner_library_changed(self, changes: Changes) -> None:
        if not self.isVisible():
            self._stale = True
            return
        list_ = changes.touches(Kind.ACTOR, Kind.CLAIM, Kind.ANNOTATION)
        try:
            page = page_touched(self.library, self.page_view.page, changes)
        except BriefingError:
            page = True
        if list_ or page:
            self.reload(list_=list_, page=page)

    def _on_open_requested(self, article_id: int, annotation_id: int) -> None:
        if self._open_annotation is not None:
            self._open_annotation(article_id, annotation_id)

    def _on_suggestion_open_requested(self, article_id: int, suggestion_id: int) -> None:
        if self._open_suggestion is not None:
            self._open_suggestion(article_id, suggestion_id)

    # Remembering and closing ----------------------------------------------------------------

    def _restore(self) -> None:
        """The window as it was left, made to fit the main window's screen (fit.py)."""
        geometry = self.settings.value("actors/geometry")
        saved = geometry is not None and self.restoreGeometry(geometry)
        if not saved:
            self.resize(fit.FIRST_SIZE)
        anchor = self.parentWidget()
        fit.place(self, anchor, fit.available_area(self, anchor), saved=saved)
        saved_list = None
        for key, splitter in (
            ("actors/splitter", self.splitter),
            ("actors/page_splitter", self.page_view.body),
        ):
            state = self.settings.value(key)
            if state is not None and splitter.restoreState(state) and splitter is self.splitter:
                saved_list = splitter.sizes()[0] or None
        least = self.splitter.widget(0).minimumSizeHint().width()
        left = fit.list_width(self.width(), least, saved_list)
        self.splitter.setSizes([left, max(1, self.width() - left)])

    def save_settings(self) -> None:
        self.settings.setValue("actors/geometry", self.saveGeometry())
        self.settings.setValue("actors/splitter", self.splitter.saveState())
        self.settings.setValue("actors/page_splitter", self.page_view.body.saveState())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.parent() and event.type() == QEvent.Type.Close:
            self.save_settings()
        return False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.reload()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.save_settings()
        super().closeEvent(event)


def page_touched(
    library: Library,
    page: ActorPage | None,
    changes: Changes,
    refs: Mapping[int, AnnotationRefs] | None = None,
) -> bool:
    """Whether `changes` may alter what the actor `page` shows: its actor (names, aliases,
    suggestions: all count as the actor's), an article it names, a claim or mention it
    lists, or one added or edited that is by or about its actor (`refs`, or one read of
    `annotations.refs`, says). A list capped at its limit does not know the claims or
    mentions it leaves out, so a deleted or edited one of its kind anywhere reloads it."""
    if page is None or changes.full:
        return page is not None
    actor_id = page.actor.id
    if actor_id in changes.ids(Kind.ACTOR):
        return True
    passages = (*page.mentions.rows, *page.suggestions.rows)
    claims = (*page.claims_made.rows, *page.claims_about.rows)
    articles = {item.article_id for item in (*passages, *claims)}
    articles |= {a.alias.article_id for a in page.aliases if a.alias.article_id is not None}
    if articles & (changes.updated_ids(Kind.ARTICLE) | changes.deleted_ids(Kind.ARTICLE)):
        return True
    shown = {m.id for m in page.mentions.rows} | {c.id for c in claims}
    changed = changes.updated_ids(Kind.CLAIM) | changes.deleted_ids(Kind.CLAIM)
    changed |= changes.updated_ids(Kind.ANNOTATION) | changes.deleted_ids(Kind.ANNOTATION)
    if shown & changed:
        return True
    capped_claims = page.claims_made.more > 0 or page.claims_about.more > 0
    if capped_claims and (changes.updated_ids(Kind.CLAIM) or changes.deleted_ids(Kind.CLAIM)):
        return True
    capped_mentions = page.mentions.more > 0
    if capped_mentions and changes.deleted_ids(Kind.ANNOTATION):
        return True
    asked = changes.added_ids(Kind.CLAIM) | changes.updated_ids(Kind.CLAIM)
    asked |= changes.added_ids(Kind.ANNOTATION) | changes.updated_ids(Kind.ANNOTATION)
    if not asked:
        return False
    if refs is None or not asked <= refs.keys():
        refs = library.annotations.refs(asked)
    edited = changes.updated_ids(Kind.ANNOTATION)
    return any(
        actor_id in ref.actor_ids or (capped_mentions and i in edited and ref.kind == "mention")
        for i in asked
        if (ref := refs.get(i)) is not None
    )

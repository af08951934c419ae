"""An actor's page: its name, kind and description (editable), its aliases, the claims it
makes and the claims about it, its mentions across the library and the suggested mentions
waiting for review.

An actor deleted elsewhere (another window, another copy of Briefing) while its name or
description is being typed keeps the page, the typed text read-only, under a line saying
so (`show_gone`); without typing, the page simply goes.

The page only shows and reports: what the reader does becomes a signal, and the window
turns it into an undoable edit. Buttons are the window's actions (placed by menus.py into
`header_buttons`, `alias_buttons` and `suggestion_buttons`), so each has its shortcut and
menu entry. Text being typed in a field is never overwritten by a refresh.

Signals:
    field_committed(str, str): "name", "kind" or "description" was set to this value
    open_requested(int, int): open (article id, annotation id) in the reader
    suggestion_open_requested(int, int): show (article id, suggestion id) in the reader
    more_requested(): the "… and N more" row of a list was activated
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core import ACTOR_KINDS as KINDS
from briefing.core import ActorPage, Capped
from briefing.ui.actors import page_lists
from briefing.ui.actors.aliases import AliasList
from briefing.ui.actors.page_lists import ArticleRole, IdRole, MoreRole
from briefing.ui.wording import counted


def _count(capped: Capped) -> str:
    """How many in all, and how many are listed when not all are."""
    if capped.more:
        return f"{capped.total:,} ({len(capped.rows):,} listed)"
    return f"{capped.total:,}"


def _section(title: QLabel, body: QWidget, below: QHBoxLayout | None = None) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 6, 0, 0)
    layout.setSpacing(4)
    title.setObjectName("sectionTitle")
    layout.addWidget(title)
    layout.addWidget(body, 1)
    if below is not None:
        layout.addLayout(below)
    return box


class ActorPageView(QWidget):
    field_committed = Signal(str, str)
    open_requested = Signal(int, int)
    suggestion_open_requested = Signal(int, int)
    more_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page: ActorPage | None = None
        self.name = QLineEdit(self)
        self.name.setObjectName("actorName")
        self.name.setAccessibleName("Actor name")
        self.kind = QComboBox(self)
        self.kind.addItems(list(KINDS))
        self.kind.setAccessibleName("Actor kind")
        self.description = QLineEdit(self)
        self.description.setAccessibleName("Description")
        self.description.setPlaceholderText("Who or what this is, in a line")
        self.aliases = AliasList(self)
        self.header_buttons = QHBoxLayout()
        self.alias_buttons = QVBoxLayout()
        self.suggestion_buttons = QHBoxLayout()

        headers = ("Quote", "About", "Status", "Article")
        self.made = page_lists.make_claims_tree(self, "Claims made", headers)
        self.about = page_lists.make_claims_tree(
            self, "Claims about", ("Quote", "Said by", *headers[2:])
        )
        self.mentions = page_lists.make_context_tree(
            self, "Mentions", ("Before", "Mention", "After")
        )
        self.suggestions = page_lists.make_context_tree(
            self, "Suggested mentions", ("Before", "Suggested", "After"), multi=True
        )
        for tree in (self.mentions, self.suggestions):
            tree.setIndentation(14)
        self.made_title, self.about_title = QLabel(self), QLabel(self)
        self.mentions_title, self.suggestions_title = QLabel(self), QLabel(self)

        self.empty = QLabel("Choose an actor on the left to see its page.", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("emptyPage")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.name.editingFinished.connect(lambda: self._commit(self.name, "name"))
        self.description.editingFinished.connect(
            lambda: self._commit(self.description, "description")
        )
        self.kind.activated.connect(
            lambda _n: self.field_committed.emit("kind", self.kind.currentText())
        )
        for tree in (self.made, self.about, self.mentions):
            tree.itemActivated.connect(self._on_item_activated)
        self.suggestions.itemActivated.connect(self._on_suggestion_activated)

    def _build_page(self) -> QWidget:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.gone = QLabel(self)
        self.gone.setObjectName("dialogError")
        self.gone.setWordWrap(True)
        self.gone.hide()
        form.addRow(self.gone)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name, 1)
        name_row.addWidget(QLabel("&Kind:", self, buddy=self.kind))
        name_row.addWidget(self.kind)
        form.addRow(QLabel("&Name:", self, buddy=self.name), name_row)
        form.addRow(QLabel("&Description:", self, buddy=self.description), self.description)
        form.addRow("", self.header_buttons)
        self.header_buttons.addStretch(1)
        alias_row = QHBoxLayout()
        alias_row.addWidget(self.aliases, 1)
        alias_row.addLayout(self.alias_buttons)
        self.alias_buttons.addStretch(1)
        self.aliases_title = QLabel("Aliases", self)
        aliases_box = QWidget(self)
        aliases_layout = QVBoxLayout(aliases_box)
        aliases_layout.setContentsMargins(0, 0, 0, 0)
        aliases_layout.setSpacing(4)
        self.aliases_title.setObjectName("sectionTitle")
        aliases_layout.addWidget(self.aliases_title)
        aliases_layout.addLayout(alias_row)

        header = QWidget(self)
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(0, 0, 0, 0)
        header_layout.setSpacing(18)
        form_box = QWidget(self)
        form_box.setLayout(form)
        header_layout.addWidget(form_box, 1)
        header_layout.addWidget(aliases_box, 1)
        rows = self.aliases.fontMetrics().height() + 8
        self.aliases.setMaximumHeight(self.aliases.header().sizeHint().height() + 4 * rows)

        found = QSplitter(Qt.Orientation.Horizontal, self)
        found.setChildrenCollapsible(False)
        found.setHandleWidth(10)
        found.addWidget(_section(self.mentions_title, self.mentions))
        found.addWidget(_section(self.suggestions_title, self.suggestions, self.suggestion_buttons))
        found.setSizes([500, 500])
        self.body = QSplitter(Qt.Orientation.Vertical, self)
        self.body.setObjectName("actorPageSplitter")
        self.body.setChildrenCollapsible(False)
        self.body.setHandleWidth(6)
        self.body.addWidget(_section(self.made_title, self.made))
        self.body.addWidget(_section(self.about_title, self.about))
        self.body.addWidget(found)
        self.body.setSizes([170, 170, 400])

        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(8)
        layout.addWidget(header)
        layout.addWidget(self.body, 1)
        return page

    # Showing --------------------------------------------------------------------------------

    def typed(self) -> bool:
        """Whether the name or description holds text typed and not yet committed."""
        return self.page is not None and (self.name.isModified() or self.description.isModified())

    def show_gone(self, message: str) -> None:
        """The actor was deleted elsewhere while text was being typed into its fields: keep
        the page as it is, its fields read-only (their text can be copied), and say so."""
        self.gone.setText(message)
        self.gone.show()
        for field in (self.name, self.description):
            field.setReadOnly(True)
        self.kind.setEnabled(False)

    def show_page(self, page: ActorPage | None) -> None:
        """Show an actor's page (None: the empty state), keeping what is being typed."""
        if self.gone.isVisible() or self.name.isReadOnly():
            self.gone.hide()
            for field in (self.name, self.description):
                field.setReadOnly(False)
            self.kind.setEnabled(True)
        same = page is not None and self.page is not None and page.actor.id == self.page.actor.id
        self.page = page
        self.stack.setCurrentIndex(0 if page is None else 1)
        if page is None:
            return
        actor = page.actor
        for field, value in ((self.name, actor.name), (self.description, actor.description)):
            if not (same and field.isModified()):
                field.setText(value)
                field.setModified(False)
                field.setCursorPosition(0)
        self.kind.setCurrentText(actor.kind)
        self.aliases.show_aliases(page.aliases)
        self.aliases_title.setText(f"Aliases ({len(page.aliases)})" if page.aliases else "Aliases")
        kept = set(page_lists.selected_ids(self.suggestions)) if same else set()
        positions = [t.verticalScrollBar().value() for t in self._trees()] if same else None
        page_lists.fill_claims(self.made, page.claims_made, made=True)
        page_lists.fill_claims(self.about, page.claims_about, made=False)
        page_lists.fill_passages(self.mentions, page.mentions, "mentions")
        page_lists.fill_passages(self.suggestions, page.suggestions, "suggestions")
        page_lists.select_ids(self.suggestions, kept)
        if positions is not None:
            for tree, position in zip(self._trees(), positions, strict=True):
                tree.verticalScrollBar().setValue(position)
        self.made_title.setText(f"Claims made · {_count(page.claims_made)}")
        self.about_title.setText(f"Claims about · {_count(page.claims_about)}")
        articles = page.mention_articles
        where = f" in {counted(articles, 'article')}" if articles and not page.mentions.more else ""
        self.mentions_title.setText(f"Mentions · {_count(page.mentions)}{where}")
        self.suggestions_title.setText(
            f"Suggested mentions · {_count(page.suggestions)} to review"
            if page.suggestions.total
            else "Suggested mentions · none waiting"
        )

    def selected_suggestions(self) -> list[int]:
        return page_lists.selected_ids(self.suggestions)

    def _trees(self) -> list[QTreeWidget]:
        return [self.made, self.about, self.mentions, self.suggestions]

    # Reporting ------------------------------------------------------------------------------

    def _commit(self, field: QLineEdit, name: str) -> None:
        if field.isModified() and not field.isReadOnly():
            field.setModified(False)
            self.field_committed.emit(name, field.text())

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, MoreRole) is not None:
            self.more_requested.emit()
            return
        annotation_id, article_id = item.data(0, IdRole), item.data(0, ArticleRole)
        if annotation_id is not None and article_id is not None:
            self.open_requested.emit(article_id, annotation_id)

    def _on_suggestion_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, MoreRole) is not None:
            self.more_requested.emit()
            return
        suggestion_id, article_id = item.data(0, IdRole), item.data(0, ArticleRole)
        if suggestion_id is not None and article_id is not None:
            self.suggestion_open_requested.emit(article_id, suggestion_id)

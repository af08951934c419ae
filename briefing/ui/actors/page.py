"""An actor's page: its name, kind and description (editable), its aliases, the claims it
makes and the claims about it, its mentions across the library and the suggested mentions
waiting for review.

An actor deleted elsewhere (another window, another copy of Briefing) while its name or
description is being typed keeps the page, the typed text read-only, under a line saying
so (`show_gone`); without typing, the page simply goes.

The page only shows and reports: what the reader does becomes a signal, and the window
turns it into an undoable edit. Buttons are the window's actions (placed by menus.py into
`header_buttons`, `alias_buttons`, `suggestion_buttons` and `suggestion_all_buttons`), so
each has its shortcut and menu entry. Text being typed in a field is never overwritten by
a refresh.

The page shares a narrow window rather than cut its words (a 1366x768 laptop; 1920x1080 at
scale factor 2 is 960x540): the fields keep a least width in characters, Merge and Delete
move under the aliases and the review buttons take two rows where one row no longer fits,
and the lists may be made as short as a row or two.

Signals:
    field_committed(str, str): "name", "kind" or "description" was set to this value
    open_requested(int, int): open (article id, annotation id) in the reader
    suggestion_open_requested(int, int): show (article id, suggestion id) in the reader
    more_requested(): the "… and N more" row of a list was activated
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
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

from briefing.core import ACTOR_KINDS as KINDS, ActorPage, Capped
from briefing.ui.actors import page_lists
from briefing.ui.actors.aliases import AliasList
from briefing.ui.actors.page_lists import ArticleRole, IdRole, MoreRole
from briefing.ui.wording import counted

FIELD_CHARS = 16  # the name's and the description's least width, in their fonts' characters
ALIAS_CHARS = 22  # the alias list's least width, in characters: an alias and where it holds


def _count(capped: Capped) -> str:
    """How many in all, and how many are listed when not all are."""
    if capped.more:
        return f"{capped.total:,} ({len(capped.rows):,} listed)"
    return f"{capped.total:,}"


def _section(title: QLabel, body: QWidget, below: QBoxLayout | None = None) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 2, 0, 0)
    layout.setSpacing(4)
    title.setObjectName("sectionTitle")
    layout.addWidget(title)
    layout.addWidget(body, 1)
    if below is not None:
        layout.addLayout(below)
    return box


def _widgets(layout: QBoxLayout) -> list[QWidget]:
    """The widgets in `layout` (the buttons menus.py put there)."""
    items = (layout.itemAt(n) for n in range(layout.count()))
    return [w for item in items if item is not None and (w := item.widget()) is not None]


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
        self.suggestion_buttons = QHBoxLayout()  # Accept and Reject Selected
        self.suggestion_all_buttons = QHBoxLayout()  # Accept and Reject All
        # The four review buttons on one row, or on two where the suggestions are narrower
        # than one row (`_fold_review`).
        self.review_buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.review_buttons.addLayout(self.suggestion_buttons)
        self.review_buttons.addLayout(self.suggestion_all_buttons)
        self.review_buttons.addStretch(1)
        for row in (self.suggestion_buttons, self.suggestion_all_buttons):
            self.review_buttons.setAlignment(row, Qt.AlignmentFlag.AlignLeft)

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
            page_lists.hold_rows(tree, 2)  # an article's row and one under it
        for tree in (self.made, self.about):
            page_lists.hold_rows(tree, 1)
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
        # The kind on a row of its own: beside the name it left the name "Chi" in a narrow
        # window. Merge and Delete beside the kind (a row less in height), or under the
        # aliases where the page is too narrow for them there (`_fold_header`).
        form.addRow(QLabel("&Name:", self, buddy=self.name), self.name)
        self.kind_row = QHBoxLayout()
        self.kind_row.addWidget(self.kind)
        self.kind_row.addStretch(1)
        self.kind_row.addLayout(self.header_buttons)
        self.description_label = QLabel("&Description:", self, buddy=self.description)
        form.addRow(QLabel("&Kind:", self, buddy=self.kind), self.kind_row)
        form.addRow(self.description_label, self.description)
        self.name.setMinimumWidth(self.name.fontMetrics().averageCharWidth() * FIELD_CHARS)
        self.description.setMinimumWidth(
            self.description.fontMetrics().averageCharWidth() * FIELD_CHARS
        )
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
        self._aliases_layout = aliases_layout

        header = QWidget(self)
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(0, 0, 0, 0)
        header_layout.setSpacing(18)
        form_box = QWidget(self)
        form_box.setLayout(form)
        header_layout.addWidget(form_box, 3)
        header_layout.addWidget(aliases_box, 2)
        self.aliases.setMinimumWidth(self.aliases.fontMetrics().averageCharWidth() * ALIAS_CHARS)
        self.aliases.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._aliases_box = aliases_box
        self._form_box = form_box
        self._form_least()
        rows = self.aliases.fontMetrics().height() + 8
        self.aliases.setMaximumHeight(self.aliases.header().sizeHint().height() + 4 * rows)
        page_lists.hold_rows(self.aliases, 2)

        found = QSplitter(Qt.Orientation.Horizontal, self)
        found.setChildrenCollapsible(False)
        found.setHandleWidth(10)
        found.addWidget(_section(self.mentions_title, self.mentions))
        self._review_box = _section(self.suggestions_title, self.suggestions, self.review_buttons)
        found.addWidget(self._review_box)
        self._review_box.installEventFilter(self)
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
        layout.setContentsMargins(12, 8, 12, 6)
        layout.setSpacing(6)
        layout.addWidget(header)
        layout.addWidget(self.body, 1)
        return page

    # Fitting --------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fold()

    def fold(self) -> None:
        """Lay the header and the review buttons out for the page's width (once the
        buttons are in place, and on every resize): see `_fold_header`, `_fold_review`
        (which the suggestions' own resizing calls too)."""
        self._fold_header()
        self._fold_review()

    def _room(self) -> int:
        margins = self.stack.widget(1).layout().contentsMargins()
        return self.width() - margins.left() - margins.right()

    def _form_least(self) -> tuple[int, int]:
        """The form's labels' width, and its least width: without Merge and Delete, so
        that a narrow window can make it narrower than it is with them, and they then
        fold away. (Set as its minimum: its layout's would count the buttons.)"""
        label = self.description_label.sizeHint().width() + 12
        least = label + max(self.name.minimumWidth(), self.kind.sizeHint().width())
        self._form_box.setMinimumWidth(least)
        return label, least

    def _fold_header(self) -> None:
        """Merge and Delete beside the kind where the form and the aliases both have their
        least widths with them, else on a row under the aliases: beside the kind on a
        960-pixel window, they left the aliases "the compar"."""
        label, least = self._form_least()
        buttons = sum(
            b.sizeHint().width() + self.kind_row.spacing() for b in _widgets(self.header_buttons)
        )
        form = max(least, label + self.kind.sizeHint().width() + buttons)
        folded = self.header_buttons.parent() is self._aliases_layout
        aliases = self._aliases_box.minimumSizeHint().width()
        room = self._room() - 18  # the header's spacing between the two
        # The form has three parts of the header's width in five (its stretch), the aliases two.
        fold = room * 3 // 5 < form or room - form < aliases
        if fold == folded:
            return
        (self.kind_row if fold else self._aliases_layout).removeItem(self.header_buttons)
        self.header_buttons.setParent(None)
        if fold:
            self._aliases_layout.addLayout(self.header_buttons)
            self._aliases_layout.setAlignment(self.header_buttons, Qt.AlignmentFlag.AlignLeft)
        else:
            self.kind_row.addLayout(self.header_buttons)

    def _fold_review(self) -> None:
        """The review buttons on two rows where the suggestions are narrower than one row
        of them: on one row they took the width of the mentions beside them, which had
        "efore" and "Afte" for headers at 960 pixels. A second row costs less than a
        column of words cut short."""
        buttons = _widgets(self.suggestion_buttons) + _widgets(self.suggestion_all_buttons)
        one_row = sum(b.sizeHint().width() for b in buttons)
        one_row += self.review_buttons.spacing() * len(buttons)
        # Its least width is with two rows, so that a narrow window can make it narrower
        # than one row, which then folds. (Its layout's would be one row's.)
        two_rows = sum(b.sizeHint().width() for b in _widgets(self.suggestion_buttons))
        self._review_box.setMinimumWidth(two_rows + self.review_buttons.spacing())
        direction = QBoxLayout.Direction
        fold = self._review_box.width() < one_row
        self.review_buttons.setDirection(direction.TopToBottom if fold else direction.LeftToRight)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._review_box and event.type() == QEvent.Type.Resize:
            self._fold_review()
        return False

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

"""The claim editor: who says it, about whom, how sure, resting on what, related to what.

Used for a new claim (from the reader's selection) and to edit one (double-click in the
panel). It never writes: OK hands a `ClaimState` to `save`, the window's callback that
pushes an undo command, and stays open with the message if saving failed, so nothing the
reader typed is lost. A claim deleted elsewhere while it is being edited (another window,
another copy of Briefing) is said at once, the fields kept (`show_gone`). Every field is
reachable by Tab in reading order; Ctrl+Enter saves. Enter in the About field adds the
name typed (or completed) to the list and goes no further: the dialog's default button would
otherwise save the whole claim the moment a completion was taken.

One column, about 650 pixels wide at scale 1 (it was two, 1,040 wide, past a 1024-pixel
screen's edge), so that it fits a laptop's screen and can open beside the words it is about
(dialogs/placement.py). The form scrolls when the screen is shorter than it, the buttons
staying in sight below it; the sources and relations, used less often, fold under headings
that say how many each holds (`fit_to` folds the empty ones when the whole form would not
fit).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from briefing.core import (
    CLAIM_GRADE_MEANINGS as GRADE_MEANINGS,
    STATUSES,
    Claim,
    ClaimState,
    NewActor,
    Source,
)
from briefing.ui.dialogs.placement import grow_clear_of
from briefing.ui.widgets.actor_field import ActorField, ActorNames
from briefing.ui.widgets.claim_links import ClaimLinks
from briefing.ui.widgets.claim_sources import ClaimSources
from briefing.ui.widgets.fold_section import FoldSection
from briefing.ui.widgets.form_fit import FormScroll, LinesBox

ValueRole = Qt.ItemDataRole.UserRole + 1
WIDTH_CHARS = 108  # the editor's width, in average characters: about 650 pixels at scale 1
QUOTE_LINES = 4
NOTE_LINES = 4
SOURCE_ROWS = 4  # rows of sources in sight before their list scrolls
LINK_ROWS = 3
FOCUS_MARGIN = 8  # pixels kept in view around the field with the focus
FRAME_GUESS = QSize(8, 36)  # a window manager's frame, before the editor is first shown
Save = Callable[[ClaimState], str | None]  # None: saved; else why not


def _tip(widget: QWidget, name: str, tip: str) -> None:
    widget.setAccessibleName(name)
    widget.setToolTip(tip)


class ClaimEditor(QDialog):
    def __init__(
        self,
        quote: str,
        names: ActorNames,
        sources: list[Source],
        claims: list[Claim],
        save: Save,
        *,
        state: ClaimState | None = None,
        incoming: tuple[tuple[int, str], ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        editing = state is not None
        self.setWindowTitle("Edit Claim" if editing else "Mark as Claim")
        self.setObjectName("claimEditor")
        self._names = names
        self._save = save

        # Made in the order they are read and laid out: Tab follows the order of making.
        body = QWidget(self)
        self.quote = LinesBox(quote, QUOTE_LINES, body, fit=True)
        self.quote.setReadOnly(True)
        # Its lines in full, squeezed by no shorter screen: the form scrolls instead.
        self.quote.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        _tip(self.quote, "Quote", "The exact words of the article this claim marks")
        self.speaker = ActorField(names, "Speaker", body)
        self.about_list = QListWidget(body)
        self.about_list.setMaximumHeight(64)
        _tip(self.about_list, "Actors the claim is about", "Whom or what the claim is about")
        self.about_field = ActorField(names, "Add an actor it is about", body)
        self.about_add = QPushButton("Add", body)
        self.about_add.setToolTip("Add the actor named on the left to the list")
        self.about_remove = QPushButton("Remove", body)
        self.about_remove.setToolTip("Remove the selected actor from the list")
        self.status = QComboBox(body)
        self.status.addItems(list(STATUSES))
        _tip(self.status, "Status", "Where the claim stands: asserted, disputed, denied, …")
        self.grade = QComboBox(body)
        self.grade.addItem("— not graded", None)
        for grade, meaning in GRADE_MEANINGS.items():
            self.grade.addItem(f"{grade} — {meaning}", grade)
        _tip(
            self.grade,
            "Credibility grade",
            "Admiralty credibility: 1 confirmed … 6 cannot be judged",
        )
        self.tags = QLineEdit(body)
        self.tags.setPlaceholderText("comma, separated, tags")
        _tip(self.tags, "Tags", "Free labels, separated by commas")
        self.note = LinesBox("", NOTE_LINES, body)
        self.note.setPlaceholderText("Your note on the claim")
        self.note.setMinimumHeight(self.note.height_of(3))
        self.note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        _tip(self.note, "Note", "Your own note: context, doubts, what to check")
        self.sources_section = FoldSection("Sou&rces", body)
        self.sources = ClaimSources(sources, self.sources_section)
        self.sources_section.set_body(self.sources)
        self.links_section = FoldSection("Re&lations to other claims", body)
        self.links = ClaimLinks(claims, self.links_section)
        self.links_section.set_body(self.links)
        if state is not None:
            self.links.show_incoming(incoming)
        # A list asks for some 190 pixels, whatever it holds: a few rows, then it scrolls.
        for tree, rows in ((self.sources.list, SOURCE_ROWS), (self.links.list, LINK_ROWS)):
            row = tree.fontMetrics().height() + 4
            tree.setMaximumHeight(
                tree.header().sizeHint().height() + rows * row + 2 * tree.frameWidth()
            )
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Save Claim" if editing else "Mark as Claim")
        ok.setToolTip("Save (Ctrl+Enter); Edit ▸ Undo takes it back")

        about_row = QHBoxLayout()
        about_row.addWidget(self.about_field, 1)
        about_row.addWidget(self.about_add)
        about_row.addWidget(self.about_remove)
        about = QWidget(body)
        about_layout = QVBoxLayout(about)
        about_layout.setContentsMargins(0, 0, 0, 0)
        about_layout.addWidget(self.about_list)
        about_layout.addLayout(about_row)
        about.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        grade_label = QLabel("&Grade:", body)
        grade_label.setBuddy(self.grade)
        standing = QHBoxLayout()
        standing.addWidget(self.status)
        standing.addSpacing(12)
        standing.addWidget(grade_label)
        standing.addWidget(self.grade, 1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Quote:", self.quote)
        form.addRow("&Speaker:", self.speaker)
        form.addRow("&About:", about)
        form.labelForField(about).setBuddy(self.about_field.line)
        form.addRow("Stat&us:", standing)
        form.labelForField(standing).setBuddy(self.status)
        form.addRow("&Tags:", self.tags)
        form.addRow("&Note:", self.note)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form, 1)
        column.addSpacing(6)
        column.addWidget(self.sources_section)
        column.addSpacing(6)
        column.addWidget(self.links_section)
        self.scroll = FormScroll(body, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.about_add.clicked.connect(self._on_about_add_clicked)
        self.about_field.line.installEventFilter(self)
        self.about_remove.clicked.connect(self._on_about_remove_clicked)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept)
        for section, tree in ((self.sources_section, self.sources.list),
                              (self.links_section, self.links.list)):  # fmt: skip
            model = tree.model()
            for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
                signal.connect(self._on_entries_changed)
            section.opened.connect(self._on_section_opened)
        QApplication.instance().focusChanged.connect(self._on_focus_changed)
        if state is not None:
            self.set_state(state)
        self._on_entries_changed()
        screen = (parent or self).screen() or QGuiApplication.primaryScreen()
        self.fit_to(screen.availableGeometry())
        self.speaker.setFocus()

    # Size -----------------------------------------------------------------------------------

    def fit_to(self, area: QRect) -> None:
        """Size the editor for a screen's available `area`: one column about 650 pixels
        wide at scale 1 (narrower only if the screen is), as tall as the form where the
        screen allows, else scrolled, with the buttons always in sight. When the whole form
        is taller than the screen, the sources and relations that hold nothing are folded
        (their headings stay, saying so); those with entries stay open."""
        room = area.size() - self._frame_extra()
        self._ask_hints_afresh()
        if self.sizeHint().height() > room.height():
            for section, count in self._sections():
                section.set_open(bool(count))
            self._ask_hints_afresh()
        width = self.fontMetrics().averageCharWidth() * WIDTH_CHARS
        least = self.minimumSizeHint().expandedTo(self.minimumSize())
        width = max(least.width(), min(width, room.width()))
        height = max(least.height(), min(self.sizeHint().height(), room.height()))
        self.resize(width, height)

    def _ask_hints_afresh(self) -> None:
        """Layouts keep their sizes until the event loop next lays them out, and a part
        folded before its window is first shown does not tell the layouts above it."""
        body = self.scroll.widget()
        for widget in (self.sources_section, self.links_section, body, self.scroll):
            widget.updateGeometry()
        for layout in (body.layout(), self.layout()):
            layout.invalidate()

    def _frame_extra(self) -> QSize:
        """What the window manager's frame adds, once known; a title bar's worth before."""
        if self.isVisible() and self.frameGeometry().size() != self.size():
            return self.frameGeometry().size() - self.size()
        return FRAME_GUESS

    def _sections(self) -> tuple[tuple[FoldSection, int], ...]:
        return (
            (self.sources_section, self.sources.list.topLevelItemCount()),
            (self.links_section, self.links.list.topLevelItemCount()),
        )

    def _on_entries_changed(self) -> None:
        for section, count in self._sections():
            section.set_count(count)

    def _on_section_opened(self, open_: bool) -> None:
        """The editor grows to show what was opened where the screen has room (never over
        the words it is about), and scrolls it into view, the heading first."""
        section = self.sender()
        if not open_ or not isinstance(section, FoldSection) or section.body is None:
            return
        if self.isVisible():
            self._ask_hints_afresh()
            grow_clear_of(self, self.sizeHint().height())
        self.scroll.widget().layout().activate()
        self.scroll.ensureWidgetVisible(section.body, 0, 0)
        self.scroll.ensureWidgetVisible(section.header, 0, 0)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Keep the whole field being typed in on view, whichever way it was reached (Tab,
        a mnemonic, Shift+Tab from the buttons, a click). QScrollArea alone shows a list's
        current row only, the rest of the list left cut off at the edge."""
        body = self.scroll.widget()
        if new is None or not body.isAncestorOf(new):
            return
        where = QRect(new.mapTo(body, QPoint(0, 0)), new.size())
        if where.height() + 2 * FOCUS_MARGIN <= self.scroll.viewport().height():
            centre = where.center()
            self.scroll.ensureVisible(
                centre.x(), centre.y(), where.width() // 2, where.height() // 2 + FOCUS_MARGIN
            )
        else:
            self.scroll.ensureWidgetVisible(new, 0, FOCUS_MARGIN)

    # The state ------------------------------------------------------------------------------

    def set_state(self, state: ClaimState) -> None:
        self.speaker.set_actor(state.speaker if isinstance(state.speaker, int) else None)
        self.about_list.clear()
        for actor in state.about:
            self._add_about(actor)
        self.status.setCurrentText(state.status)
        self.grade.setCurrentIndex(max(self.grade.findData(state.grade), 0))
        self.tags.setText(", ".join(state.tags))
        self.note.setPlainText(state.note)
        self.sources.set_sources(state.sources)
        self.links.set_links(state.links)

    def state(self) -> ClaimState:
        self._on_about_add_clicked()  # a name typed but not added is meant
        about = [self.about_list.item(i).data(ValueRole) for i in range(self.about_list.count())]
        tags = tuple(dict.fromkeys(t.strip() for t in self.tags.text().split(",") if t.strip()))
        return ClaimState(
            speaker=self.speaker.value(),
            about=tuple(about),
            status=self.status.currentText(),
            grade=self.grade.currentData(),
            note=self.note.toPlainText().strip(),
            tags=tags,
            sources=self.sources.sources(),
            links=self.links.links(),
        )

    def show_gone(self, message: str, save: Save | None) -> None:
        """The claim was deleted elsewhere: say so and keep every field as it is. With
        `save`, OK saves through it instead (as a new claim); without, it is disabled and
        the fields stay for the reader to copy from."""
        self.error.setText(message)
        self.error.show()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if save is None:
            ok.setEnabled(False)
        else:
            self._save = save
            ok.setText("Save as New Claim")
            ok.setToolTip("Mark the same words again as a claim, with what is entered here")
            ok.setMinimumWidth(ok.sizeHint().width())  # the box keeps the old text's width

    def accept(self) -> None:
        """Save through the window's callback; stay open with the reason if it failed."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if not ok.isEnabled():
            return
        problem = self._save(self.state())
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        super().accept()

    # About ----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            watched is self.about_field.line
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and self.about_field.line.text().strip()
        ):
            self._on_about_add_clicked()
            return True  # the name is added; the dialog is not saved
        return super().eventFilter(watched, event)

    def _add_about(self, actor: int | NewActor) -> None:
        for i in range(self.about_list.count()):
            if self.about_list.item(i).data(ValueRole) == actor:
                return
        if isinstance(actor, NewActor):
            label = f"{actor.name} (new {actor.kind})"
        else:
            label = self._names.names.get(actor, f"actor {actor}")
        item = QListWidgetItem(label)
        item.setData(ValueRole, actor)
        self.about_list.addItem(item)

    def _on_about_add_clicked(self) -> None:
        value = self.about_field.value()
        if value is not None:
            self._add_about(value)
            self.about_field.clear()

    def _on_about_remove_clicked(self) -> None:
        for item in self.about_list.selectedItems():
            self.about_list.takeItem(self.about_list.row(item))

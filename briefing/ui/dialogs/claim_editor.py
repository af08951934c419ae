"""The claim editor: who says it, about whom, how sure, resting on what, related to what.

Used for a new claim (from the reader's selection) and to edit one (double-click in the
panel). It never writes: OK hands a `ClaimState` to `save`, the window's callback that
pushes an undo command, and stays open with the message if saving failed, so nothing the
reader typed is lost. A claim deleted elsewhere while it is being edited (another window,
another copy of Briefing) is said at once, the fields kept (`show_gone`). Every field is
reachable by Tab in reading order; Ctrl+Enter saves. Enter in the About field adds the
name typed (or completed) to the list and goes no further: the dialog's default button would
otherwise save the whole claim the moment a completion was taken.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from briefing.core import CLAIM_GRADE_MEANINGS as GRADE_MEANINGS
from briefing.core import STATUSES, Claim, ClaimState, NewActor, Source
from briefing.ui.widgets.actor_field import ActorField, ActorNames
from briefing.ui.widgets.claim_links import ClaimLinks
from briefing.ui.widgets.claim_sources import ClaimSources

ValueRole = Qt.ItemDataRole.UserRole + 1
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

        self.quote = QPlainTextEdit(quote, self)
        self.quote.setReadOnly(True)
        self.quote.setTabChangesFocus(True)
        self.quote.setMaximumHeight(76)
        _tip(self.quote, "Quote", "The exact words of the article this claim marks")
        self.speaker = ActorField(names, "Speaker", self)
        self.about_list = QListWidget(self)
        self.about_list.setMaximumHeight(64)
        _tip(self.about_list, "Actors the claim is about", "Whom or what the claim is about")
        self.about_field = ActorField(names, "Add an actor it is about", self)
        self.about_add = QPushButton("Add", self)
        self.about_add.setToolTip("Add the actor named on the left to the list")
        self.about_remove = QPushButton("Remove", self)
        self.about_remove.setToolTip("Remove the selected actor from the list")
        self.status = QComboBox(self)
        self.status.addItems(list(STATUSES))
        _tip(self.status, "Status", "Where the claim stands: asserted, disputed, denied, …")
        self.grade = QComboBox(self)
        self.grade.addItem("— not graded", None)
        for grade, meaning in GRADE_MEANINGS.items():
            self.grade.addItem(f"{grade} — {meaning}", grade)
        _tip(
            self.grade,
            "Credibility grade",
            "Admiralty credibility: 1 confirmed … 6 cannot be judged",
        )
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText("comma, separated, tags")
        _tip(self.tags, "Tags", "Free labels, separated by commas")
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("Your note on the claim")
        self.note.setMinimumHeight(60)
        _tip(self.note, "Note", "Your own note: context, doubts, what to check")
        self.sources = ClaimSources(sources, self)
        self.links = ClaimLinks(claims, self)
        if state is not None:
            self.links.show_incoming(incoming)
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
        about = QWidget(self)
        about_layout = QVBoxLayout(about)
        about_layout.setContentsMargins(0, 0, 0, 0)
        about_layout.addWidget(self.about_list)
        about_layout.addLayout(about_row)
        about.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Quote:", self.quote)
        form.addRow("&Speaker:", self.speaker)
        form.addRow("&About:", about)
        form.labelForField(about).setBuddy(self.about_field.line)
        form.addRow("S&tatus:", self.status)
        form.addRow("&Grade:", self.grade)
        form.addRow("Ta&gs:", self.tags)
        form.addRow("&Note:", self.note)
        sources_box = QGroupBox("Sources", self)
        QVBoxLayout(sources_box).addWidget(self.sources)
        links_box = QGroupBox("Relations to other claims", self)
        QVBoxLayout(links_box).addWidget(self.links)
        right = QVBoxLayout()
        right.addWidget(sources_box, 3)
        right.addWidget(links_box, 2)
        columns = QHBoxLayout()
        columns.addLayout(form, 5)
        columns.addSpacing(12)
        columns.addLayout(right, 6)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.about_add.clicked.connect(self._on_about_add_clicked)
        self.about_field.line.installEventFilter(self)
        self.about_remove.clicked.connect(self._on_about_remove_clicked)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept)
        if state is not None:
            self.set_state(state)
        self.resize(1040, 560)
        self.speaker.setFocus()

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

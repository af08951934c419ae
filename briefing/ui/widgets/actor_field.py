"""Naming an actor in a form: completion over names and aliases, or a new actor inline.

What the reader types is looked up among the library's actors, their library-wide aliases
and the aliases bound to the open article ("the company"), without case. A known name says
which actor it means ("→ China" for "Beijing"); an unknown one shows a kind chooser and
becomes a `NewActor`, created when the form is saved, in the same transaction.

The kind chooser follows the typed name with the core's guess ("Ministry of Defence" is a
government body, "France" a state), in italics and saying so in its tooltip, until the
reader picks a kind: from then on that choice stays, whatever else is typed, until the
field is emptied for another name. A fixed "person" made persons of ministries and news
agencies for any reader who did not notice the little chooser.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from briefing.core import ACTOR_KINDS as KINDS, ActorKindGuess, ActorKindGuesser, Library, NewActor
from briefing.ui.widgets.completion_popup import fit_popup


@dataclass(frozen=True)
class ActorNames:
    """Every way of naming an actor here: folded text -> (actor id, actor name)."""

    by_text: dict[str, tuple[int, str]]
    names: dict[int, str]
    spellings: tuple[str, ...] = ()  # names and aliases as written, for completion
    make_guesser: Callable[[], ActorKindGuesser] = field(
        default=ActorKindGuesser, repr=False, compare=False
    )

    @cached_property
    def guesser(self) -> ActorKindGuesser:
        """Made for the first name the library does not know: reading its outlets took
        20-27 ms at 100k articles, which a form naming known actors need not pay."""
        return self.make_guesser()

    def find(self, text: str) -> tuple[int, str] | None:
        return self.by_text.get(" ".join(text.split()).casefold())

    def completions(self) -> list[str]:
        seen: dict[str, str] = {}
        for text in (*self.names.values(), *self.spellings):
            seen.setdefault(text.casefold(), text)
        return sorted(seen.values(), key=str.casefold)


def actor_names(library: Library, article_id: int | None = None) -> ActorNames:
    by_text: dict[str, tuple[int, str]] = {}
    names: dict[int, str] = {}
    spellings: list[str] = []
    for listing in library.actors.list():
        actor = listing.actor
        names[actor.id] = actor.name
        by_text[actor.name.casefold()] = (actor.id, actor.name)
        for alias in actor.aliases:
            if alias.article_id is None or alias.article_id == article_id:
                by_text.setdefault(alias.text.casefold(), (actor.id, actor.name))
                spellings.append(alias.text)
    return ActorNames(by_text, names, tuple(spellings), library.actors.kind_guesser)


MIN_CHARS = 14  # the line's least width, in average characters
POPUP_MAX_CHARS = 48  # a completion list as wide as its longest name, up to this


class ActorField(QWidget):
    """Signals:
    changed(): what the field names changed (text edited or set)
    """

    changed = Signal()

    def __init__(self, names: ActorNames, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = names
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("Name or alias")
        self.line.setAccessibleName(label)
        self.line.setToolTip(
            f"{label}: type a known name or alias (completion offers them), or a new name"
        )
        # Room for a name: in a crowded row the line gave way down to a few pixels, and
        # the completion list, as wide as its line, showed only "…".
        self.line.setMinimumWidth(self.line.fontMetrics().averageCharWidth() * MIN_CHARS)
        completions = names.completions()
        completer = QCompleter(completions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.line.setCompleter(completer)
        fit_popup(completer, POPUP_MAX_CHARS)
        self.status = QLabel(self)
        self.status.setObjectName("actorFieldStatus")
        self.kind = QComboBox(self)
        self.kind.addItems(list(KINDS))
        self.kind.setAccessibleName(f"Kind of the new actor ({label.lower()})")
        self._kind_chosen = False  # picked by the reader: no guess replaces it
        self._guessing = False  # the field itself is setting the kind
        self._guess: ActorKindGuess | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.kind)
        self.setFocusProxy(self.line)
        # One line high: a form must not hand it the spare height.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.line.textChanged.connect(self._on_line_text_changed)
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        # A pick of the kind already guessed changes no index, and is a choice all the same.
        self.kind.activated.connect(self._on_kind_current_index_changed)
        self._on_line_text_changed("")

    @property
    def kind_guessed(self) -> bool:
        """The kind shown is the field's guess, not the reader's choice."""
        return not self._kind_chosen

    def value(self) -> int | NewActor | None:
        """The actor's id, a NewActor for an unknown name, None when empty."""
        text = " ".join(self.line.text().split())
        if not text:
            return None
        found = self._names.find(text)
        return found[0] if found else NewActor(text, self.kind.currentText())

    def set_actor(self, actor_id: int | None) -> None:
        self.line.setText(self._names.names.get(actor_id, "") if actor_id is not None else "")

    def clear(self) -> None:
        self.line.clear()

    def _on_kind_current_index_changed(self, _index: int) -> None:
        if not self._guessing:
            self._kind_chosen = True
            self._show_kind_origin()

    def _show_kind_origin(self) -> None:
        font = self.kind.font()
        if font.italic() == self._kind_chosen:
            font.setItalic(not self._kind_chosen)
            self.kind.setFont(font)
        if self._kind_chosen:
            tip = "Kind chosen by you: it stays while you edit the name"
        elif self._guess is not None:
            tip = (
                f"Kind guessed from the name ({self._guess.reason}): pick another if it is "
                "wrong, and it stays"
            )
        else:
            tip = "The new actor is a person, an organisation, a state, …"
        self.kind.setToolTip(tip)
        self.kind.setAccessibleDescription(tip)

    def _guess_kind(self, text: str) -> None:
        self._guess = self._names.guesser.guess(text)
        self._guessing = True
        try:
            self.kind.setCurrentText(self._guess.kind)
        finally:
            self._guessing = False

    def _on_line_text_changed(self, text: str) -> None:
        text = " ".join(text.split())
        found = self._names.find(text) if text else None
        if not text:
            self._kind_chosen = False  # emptied for another name: guess afresh
        elif found is None and not self._kind_chosen:
            self._guess_kind(text)
        self._show_kind_origin()
        if not text:
            self.status.setText("")
        elif found is None:
            self.status.setText("New actor:")
        elif found[1].casefold() != text.casefold():
            self.status.setText(f"→ {found[1]}")
        else:
            self.status.setText("✓")
        if not text:
            tip = ""
        elif found is None:
            tip = (
                "Not in the library yet: it is added when you save, as the kind beside "
                "(guessed from the name until you pick one)"
            )
        else:
            tip = f"Means the actor {found[1]}"
        self.status.setToolTip(tip)
        self.kind.setVisible(bool(text) and found is None)
        self.changed.emit()

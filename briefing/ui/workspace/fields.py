"""The briefing's own fields: title, author, date and the bottom line up front.

Typing must never wait on the library, so a keystroke only marks its field pending and
restarts a timer; the pending text is committed (one `committed` signal per changed field,
which the window turns into an undo command) after a pause in typing, when the field loses
focus, and before anything else is done to the briefing (`commit()`). A field with pending
text is left alone when the briefing is shown again after some other change, so a refresh
never eats what is being typed. The preview reads `values()`, pending text included.

Each focus-out ends an editing session: the undo commands of one session merge, so one
undo takes back a whole edit of the BLUF, not a burst of its keystrokes.

A briefing deleted elsewhere (another window, another copy of Briefing) while its fields
hold text not yet committed keeps that text: the fields turn read-only under a line saying
what happened, and New Briefing with This Text makes it a briefing again (`show_gone`).

Signals:
    edited(): some field's text changed (the preview should follow)
    committed(int, str, str, str, int): briefing id, field, before, after, session
    recreate_requested(object): a dict of the fields' text, for a new briefing
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from briefing.core import Briefing

COMMIT_AFTER_MS = 1500  # a commit refreshes every claim's snapshot: not too often
FIELDS = ("title", "author", "date", "bluf")
BLUF_MIN_LINES = 2  # the bottom line box, at its least (it scrolls)


def stored_values(briefing: Briefing) -> dict[str, str]:
    return {
        "title": briefing.title,
        "author": briefing.author,
        "date": briefing.date.iso() if briefing.date else "",
        "bluf": briefing.bluf,
    }


class BriefingFields(QWidget):
    edited = Signal()
    committed = Signal(int, str, str, str, int)
    recreate_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("The briefing's title")
        self.author = QLineEdit(self)
        self.author.setPlaceholderText("Who prepared it")
        self.date = QLineEdit(self)
        self.date.setPlaceholderText("YYYY-MM-DD")
        self.date.setMaximumWidth(160)
        self.bluf = QPlainTextEdit(self)
        self.bluf.setPlaceholderText("Bottom line up front: what the reader must know first")
        self.bluf.setTabChangesFocus(True)
        # Two lines at the least (it scrolls): in a short window the workspace docks beside
        # the reader with the claims table as a tab, and must fit the screen's height.
        lines = self.bluf.fontMetrics().lineSpacing() * BLUF_MIN_LINES
        self.bluf.setMinimumHeight(lines + 2 * self.bluf.frameWidth() + 10)
        self.bluf.setMaximumHeight(110)
        for name, widget in self._widgets().items():
            widget.setObjectName(f"briefing_{name}")
            widget.setAccessibleName({"bluf": "Bottom line up front"}.get(name, name.title()))
            widget.installEventFilter(self)
        self.title.textEdited.connect(lambda _t: self._on_field_edited("title"))
        self.author.textEdited.connect(lambda _t: self._on_field_edited("author"))
        self.date.textEdited.connect(lambda _t: self._on_field_edited("date"))
        self.bluf.textChanged.connect(lambda: self._on_field_edited("bluf"))

        self.gone = QLabel(self)
        self.gone.setObjectName("dialogError")
        self.gone.setWordWrap(True)
        self.recreate = QPushButton("New Briefing with This Text", self)
        self.recreate.clicked.connect(lambda: self.recreate_requested.emit(self.values()))
        gone_row = QHBoxLayout()
        gone_row.addWidget(self.gone, 1)
        gone_row.addWidget(self.recreate, 0, Qt.AlignmentFlag.AlignTop)
        self.gone_bar = QWidget(self)
        self.gone_bar.setLayout(gone_row)
        gone_row.setContentsMargins(0, 0, 0, 4)
        self.gone_bar.hide()

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.gone_bar)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Title", self.title)
        form.addRow("&Author", self.author)
        form.addRow("&Date", self.date)
        form.addRow("&Bottom line", self.bluf)

        self.briefing_id: int | None = None
        self._stored: dict[str, str] = {}
        self._pending: set[str] = set()
        self._loading = False
        self.session = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COMMIT_AFTER_MS)
        self._timer.timeout.connect(self.commit)
        self.setEnabled(False)

    def _widgets(self) -> dict[str, QLineEdit | QPlainTextEdit]:
        return {"title": self.title, "author": self.author, "date": self.date, "bluf": self.bluf}

    def show_briefing(self, briefing: Briefing | None) -> None:
        """Show `briefing`; pending text of the same briefing stays (see the docstring).

        Showing another briefing drops pending text: commit() first to keep it.
        """
        new_id = briefing.id if briefing else None
        if self.gone_bar.isVisible() or self.title.isReadOnly():
            self._leave_gone()
        if new_id != self.briefing_id:
            self._pending.clear()
            self._timer.stop()
            self.session += 1
        self.briefing_id = new_id
        self._stored = stored_values(briefing) if briefing else dict.fromkeys(FIELDS, "")
        self._reapply()
        self.setEnabled(briefing is not None)

    def show_gone(self, message: str) -> None:
        """The briefing was deleted elsewhere with text typed here not yet saved: keep what
        every field says, read-only, and say so (see the module docstring)."""
        self._timer.stop()
        self._pending.clear()
        self.briefing_id = None
        for widget in self._widgets().values():
            widget.setReadOnly(True)
        self.gone.setText(message)
        self.gone_bar.show()
        self.setEnabled(True)

    def _leave_gone(self) -> None:
        for widget in self._widgets().values():
            widget.setReadOnly(False)
        self.gone_bar.hide()

    def _reapply(self) -> None:
        """Show the stored value in each field that is not pending and says otherwise.

        Compared as the library stores them (trimmed, spaces folded), so a refresh never
        takes away the space just typed at the end of a title.
        """
        self._loading = True
        try:
            for name, widget in self._widgets().items():
                if name in self._pending or _same(name, self.text(name), self._stored[name]):
                    continue
                if isinstance(widget, QPlainTextEdit):
                    widget.setPlainText(self._stored[name])
                else:
                    widget.setText(self._stored[name])
        finally:
            self._loading = False

    def text(self, name: str) -> str:
        widget = self._widgets()[name]
        return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()

    def values(self) -> dict[str, str]:
        """What the fields say now, typed but not yet committed text included."""
        return {name: self.text(name) for name in FIELDS}

    @property
    def pending(self) -> frozenset[str]:
        return frozenset(self._pending)

    def commit(self) -> None:
        """Send every pending field that differs from the library as `committed`.

        The fields stay pending while the signals go out, since each makes the window show
        the briefing again; afterwards a field whose change was refused shows the library's
        value again (the status bar has said why).
        """
        self._timer.stop()
        if self.briefing_id is not None:
            changes = [
                (name, self._stored[name], self.text(name))
                for name in FIELDS
                if name in self._pending and not _same(name, self.text(name), self._stored[name])
            ]
            for name, before, after in changes:
                self.committed.emit(self.briefing_id, name, before, after, self.session)
        self._pending.clear()
        self._reapply()

    def end_session(self) -> None:
        """Commit, and let the next edit be an undo step of its own."""
        self.commit()
        self.session += 1

    def _on_field_edited(self, name: str) -> None:
        if self._loading:
            return
        self._pending.add(name)
        self._timer.start()
        self.edited.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FocusOut and watched in self._widgets().values():
            reason = getattr(event, "reason", lambda: None)()
            if reason != Qt.FocusReason.PopupFocusReason:  # a context menu is not leaving
                QTimer.singleShot(0, self, self.end_session)
        return False


def _same(name: str, typed: str, stored: str) -> bool:
    """Whether the library would store `typed` as `stored` (it trims; one-line fields also
    fold runs of spaces)."""
    if name == "bluf":
        return typed.strip() == stored.strip()
    return " ".join(typed.split()) == " ".join(stored.split())

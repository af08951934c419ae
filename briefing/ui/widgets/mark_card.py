"""The card a mark in the reader shows when the pointer rests on it: who says it, its status
and grade, what it is about, its sources, tags and note; for a mention its actor, for a
note its text, for a suggestion what it asks. What the panel lists, without leaving the
text. Not a claim's quote: its words are the ones under the pointer, and a card four lines
taller covered more of what is being read.

Its last line says what a click and a right-click do there; what the right-click offers is
named from the menu itself (`commands`, read by reader_pointer.py from the menu the window
fills), not written here: a fixed "Edit, Delete, Add to Briefing" was wrong for every mark
but a claim, and a mention's card promised an Edit its menu did not have.

The card goes below the lines of the mark, else above them, else beside the text, never
over the mark itself and always on the screen (`placed`).

A window of the tool-tip kind (never takes the focus, sits above the reader, goes with a
move of the pointer off the mark, a key or a click), but ours rather than QToolTip: its
text is rich and wraps at a readable width, and showing it is a label's setText and a move,
well under the 30 ms the issue allows (bench/hover.py times it beside a bare QToolTip).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from briefing.core import CLAIM_GRADE_MEANINGS
from briefing.ui.article_view import ArticleView, Mark

CARD_CHARS = 56  # the card's width, in average characters of its font
OFFSET = QPoint(14, 20)  # from the pointer: to the right, clear of the cursor
GAP = 4  # between the card and the lines of its mark


def _e(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=False)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _row(label: str, value: str) -> str:
    return f"<tr><td class='k'>{label}</td><td>{value}</td></tr>"


def describe(view: ArticleView, mark: Mark) -> str:
    """The card's rich text for one mark ("" for one the view no longer has)."""
    if mark.kind == "claim":
        claim = next((c for c in view.claims if c.id == mark.annotation_id), None)
        if claim is None:
            return ""
        speaker = _e(claim.speaker.name) if claim.speaker else "<i>No speaker</i>"
        rows = [_row("Status", f"<b>{_e(claim.status)}</b>")]
        if claim.grade:
            meaning = CLAIM_GRADE_MEANINGS.get(claim.grade, "")
            rows.append(_row("Credibility", f"{claim.grade} — {_e(meaning)}"))
        if claim.about:
            rows.append(_row("About", ", ".join(_e(a.name) for a in claim.about)))
        if claim.sources:
            sources = []
            for source in claim.sources:
                grade = f", {source.grade}" if source.grade else ""
                sources.append(f"{_e(source.title)} ({_e(source.relation)}{grade})")
            rows.append(_row("Sources", "<br>".join(sources)))
        if claim.tags:
            rows.append(_row("Tags", ", ".join(_e(t) for t in claim.tags)))
        if claim.note:
            rows.append(_row("Note", _e(_short(claim.note, 300))))
        return f"<p class='h'>Claim · {speaker}</p><table>{''.join(rows)}</table>"
    if mark.kind == "mention":
        mention = next((m for m in view.mentions if m.id == mark.annotation_id), None)
        if mention is None:
            return ""
        kind = view.actor_kinds.get(mention.actor.id, "")
        return (
            f"<p class='h'>Mention · {_e(mention.actor.name)}</p>"
            f"<table>{_row('Actor', _e(kind) or 'actor')}</table>"
        )
    if mark.kind in ("highlight", "note"):
        found = next(
            (a for a in (*view.highlights, *view.notes) if a.id == mark.annotation_id), None
        )
        if found is None:
            return ""
        rows = []
        if found.note:
            rows.append(_row("Note", _e(_short(found.note, 400))))
        if found.tags:
            rows.append(_row("Tags", ", ".join(_e(t) for t in found.tags)))
        title = "Note" if found.kind == "note" else "Highlight"
        return f"<p class='h'>{title}</p>" + (f"<table>{''.join(rows)}</table>" if rows else "")
    if mark.kind == "suggestion":
        suggestion = next((s for s in view.suggestions if s.id == mark.annotation_id), None)
        if suggestion is None:
            return ""
        return (
            f"<p class='h'>Suggested mention · {_e(suggestion.actor.name)}</p>"
            f"<p>“{_e(suggestion.text)}” may name {_e(suggestion.actor.name)}.</p>"
        )
    return ""


def footer(commands: Sequence[str]) -> str:
    """The card's last line: a click, and the right-click menu's `commands` by name."""
    text = "Click to select it in the panel"
    if commands:
        text += " · right-click for " + ", ".join(_e(c) for c in commands)
    return f"<p class='hint'><small>{text}</small></p>"


def card_html(
    view: ArticleView, marks: list[Mark], muted: str = "#5f6368", commands: Sequence[str] = ()
) -> str:
    """The card for the marks under the pointer, the claim first; "" for none. `muted` is
    the colour of its labels (the palette's: rich text knows no palette roles); `commands`,
    what the right-click menu on these marks offers, named in the last line."""
    order = {"claim": 0, "note": 1, "highlight": 2, "mention": 3, "suggestion": 4}
    parts = [describe(view, m) for m in sorted(marks, key=lambda m: order.get(m.kind, 9))]
    body = "<hr>".join(p for p in parts if p)
    if not body:
        return ""
    return (
        "<style>p { margin: 0 0 4px 0; } p.h { font-weight: 600; }"
        f" td.k {{ color: {muted}; padding-right: 8px; white-space: pre; }}"
        f" p.hint {{ color: {muted}; margin-top: 4px; }}"
        " td { padding-bottom: 2px; } hr { margin: 2px 0; }</style>" + body + footer(commands)
    )


def placed(size: QSize, where: QPoint, avoid: QRect, room: QRect) -> QPoint:
    """Where a card of `size` goes for the pointer at `where`: below the lines of the mark
    (`avoid`), else above them, else beside them, whichever first fits inside `room` (the
    screen's available geometry) without covering them; across, by the pointer. Placed by
    the pointer alone, a card over the lower half of a small screen flipped up over the
    mark's first lines and the article's title. With no room anywhere, the side with more
    of it, kept on the screen."""
    w, h = size.width(), size.height()
    x = max(room.left(), min(where.x() + OFFSET.x(), room.right() + 1 - w))
    top = max(room.top(), min(avoid.top(), room.bottom() + 1 - h))
    candidates = [
        QRect(x, avoid.bottom() + 1 + GAP, w, h),  # below
        QRect(x, avoid.top() - GAP - h, w, h),  # above
        QRect(avoid.right() + 1 + GAP, top, w, h),  # right of the text
        QRect(avoid.left() - GAP - w, top, w, h),  # left of it
    ]
    for rect in candidates:
        if room.contains(rect) and not rect.intersects(avoid):
            return rect.topLeft()
    below = room.bottom() - avoid.bottom()
    y = avoid.bottom() + 1 + GAP if below >= avoid.top() - room.top() else avoid.top() - GAP - h
    return QPoint(x, max(room.top(), min(y, room.bottom() + 1 - h)))


class MarkCard(QFrame):
    """The card itself: one label, shown at the pointer (`show_at`) and hidden at once."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("markCard")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.label = QLabel(self)
        self.label.setObjectName("markCardText")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Mark details")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.label)
        self.marks: tuple[Mark, ...] = ()

    def show_at(
        self, text: str, marks: list[Mark], where: QPoint, avoid: QRect | None = None
    ) -> None:
        """Show `text` near the global point `where`, clear of `avoid` (the global rect of
        the lines the marks are on) and kept on its screen."""
        self.marks = tuple(marks)
        if self.label.text() != text:
            self.label.setText(text)
        width = self.fontMetrics().averageCharWidth() * CARD_CHARS
        self.label.setFixedWidth(width)
        self.adjustSize()
        screen = QGuiApplication.screenAt(where) or QGuiApplication.primaryScreen()
        if avoid is None or avoid.isEmpty():
            avoid = QRect(where, QSize(1, 1))
        self.move(placed(self.size(), where, avoid, screen.availableGeometry()))
        self.show()
        self.raise_()

    def dismiss(self) -> None:
        self.marks = ()
        self.hide()

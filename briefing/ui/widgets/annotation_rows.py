"""The annotation panel's rows: how each annotation of an article reads as a line of the
tree, and how the lines are grouped.

Apart from the panel (annotation_panel.py) because wording rows is a concern of its own:
the panel owns what the reader does with them (selecting with the reader, the actions, the
hint and the suggestion bar), and these rows own what they say (a quote cut to a line, a
mention in the words around it, an actor's mentions folded under one row, a group per kind
with the orphans apart) and the status swatches that make the list the reader's legend.
The panel asks for a whole new set on every change (`AnnotationRows.groups`); tree_refresh
compares it with what is shown. The builder keeps one icon per colour across those sets.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QTreeWidgetItem

from briefing.core import Mention
from briefing.ui.article_view import ArticleView
from briefing.ui.theme import MarkColours
from briefing.ui.widgets.annotation_tree import IdRole, KindRole

SUGGESTED = "Suggested"
QUOTE_CHARS = 110


def _short(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _quoted(text: str, limit: int = QUOTE_CHARS) -> str:
    """In curly quotes, without doubling a closing quote the text already ends with."""
    short = _short(text, limit)
    return f"“{short}" + ("" if short.endswith(("”", '"')) else "”")


def _in_context(text: str, start: int, end: int, around: int = 24) -> str:
    """The words at [start, end) with a few words either side: …assets under “US” law…"""
    cut_before, cut_after = start > around, end + around < len(text)
    before = text[max(0, start - around) : start]
    after = text[end : end + around]
    if cut_before:
        before = before.split(" ", 1)[-1] if " " in before else ""
    if cut_after:
        after = after.rsplit(" ", 1)[0] if " " in after else ""
    line = " ".join(f"{before}“{text[start:end]}”{after}".split())
    return ("…" if cut_before else "") + line + ("…" if cut_after else "")


def _swatch(colour: QColor, size: int = 12, scale: int = 4) -> QIcon:
    """A small rounded square in a mark's colour: the panel doubles as the reader's legend.

    Drawn at `scale` times the pixels and scaled down by the icon, so it is as sharp as the
    text beside it on a 2x screen (a 12-pixel bitmap blown up to 24 looked soft).
    """
    pixmap = QPixmap(size * scale, size * scale)
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(colour.darker(130))
    painter.setBrush(colour)
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


class AnnotationRows:
    """Builds the panel's top-level rows for an ArticleView, one swatch icon per colour."""

    def __init__(self) -> None:
        self._swatches: dict[int, QIcon] = {}  # by colour

    def groups(self, view: ArticleView, colours: MarkColours) -> list[QTreeWidgetItem]:
        """The tree's top-level rows for `view`: a group per kind, then the orphans."""
        placed, orphans = [], []

        def add(group: str, item: QTreeWidgetItem, orphaned: bool) -> None:
            (orphans if orphaned else placed).append((group, item))

        for claim in view.claims:
            speaker = claim.speaker.name if claim.speaker else "No speaker"
            details = [speaker, claim.status]
            if claim.grade:
                details.append(f"grade {claim.grade}")
            about = ", ".join(a.name for a in claim.about)
            tip = f"“{claim.quote}”\n\n{speaker} — {claim.status}"
            if about:
                tip += f"\nAbout: {about}"
            if claim.note:
                tip += f"\nNote: {claim.note}"
            item = self._item(
                claim.id, f"{_quoted(claim.quote)}\n{' · '.join(details)}", tip, "claim"
            )
            item.setIcon(0, self._swatch(colours.claim_of(claim.status)))
            add("Claims", item, claim.orphaned)
        by_actor: dict[int, list[Mention]] = {}
        for mention in view.mentions:
            if mention.orphaned:
                add("Actor mentions", self._mention_item(view, mention, colours), True)
            else:
                by_actor.setdefault(mention.actor.id, []).append(mention)
        for mentions in sorted(by_actor.values(), key=lambda m: m[0].actor.name.casefold()):
            add("Actor mentions", self._actor_row(view, mentions, colours), False)
        for highlight in view.highlights:
            add(
                "Highlights",
                self._item(highlight.id, _quoted(highlight.quote), highlight.quote, "highlight"),
                highlight.orphaned,
            )
        for note in view.notes:
            where = "on the whole article" if note.on_whole_article else _quoted(note.quote, 60)
            add(
                "Notes",
                self._item(
                    note.id,
                    f"{_short(note.note, 140)}\n{where}",
                    f"{note.note}\n\n{where if note.on_whole_article else f'“{note.quote}”'}",
                    "note",
                ),
                note.orphaned and not note.on_whole_article,  # a page note is not lost
            )

        for suggestion in view.suggestions:
            text = suggestion.actor.name
            if " ".join(suggestion.text.split()).casefold() != text.casefold():
                text += f" — {_quoted(suggestion.text, 60)}"
            tip = (
                f"“{suggestion.text}” may name {suggestion.actor.name}: accept or reject it "
                "(right-click, or the buttons below)"
            )
            item = self._item(suggestion.id, text, tip, "suggestion")
            item.setIcon(0, self._swatch(colours.suggestion))
            add(SUGGESTED, item, False)

        swatches = {
            "Claims": colours.claim,
            "Highlights": colours.highlight,
            "Notes": colours.note,
        }
        groups = []
        for name in ("Claims", "Actor mentions", "Highlights", "Notes", SUGGESTED):
            items = [item for group, item in placed if group == name]
            if items:
                group = self._group(name, items)
                if name in swatches:
                    group.setIcon(0, self._swatch(swatches[name]))
                groups.append(group)
        if orphans:
            group = self._group(
                "Orphaned (could not be placed in the current text)",
                [item for _group, item in orphans],
            )
            group.setToolTip(
                0, "These annotations lost their place when the text changed; they are kept."
            )
            groups.append(group)
        return groups

    def _swatch(self, colour: QColor) -> QIcon:
        """One icon per colour: painting 200 rows' swatches anew took half of a refresh,
        and the same icon tells `tree_refresh` that a row's swatch did not change."""
        icon = self._swatches.get(colour.rgba())
        if icon is None:
            icon = self._swatches[colour.rgba()] = _swatch(colour)
        return icon

    def _mention_item(
        self, view: ArticleView, mention: Mention, colours: MarkColours, *, in_row: bool = False
    ) -> QTreeWidgetItem:
        """A mention: its actor and the words, or (`in_row`, under its actor's row) the
        words in their context, which tells one "US" from the next."""
        kind = view.actor_kinds.get(mention.actor.id, "")
        name = mention.actor.name
        if in_row and mention.start is not None and mention.end is not None:
            text = _in_context(view.article.text, mention.start, mention.end)
        else:
            text = name
            if " ".join(mention.quote.split()).casefold() != name.casefold():
                text += f" — {_quoted(mention.quote, 60)}"
        item = self._item(mention.id, text, f"{name} ({kind})", "mention")
        if not in_row:
            item.setIcon(0, self._swatch(colours.mention(kind)))
        return item

    def _actor_row(
        self, view: ArticleView, mentions: list[Mention], colours: MarkColours
    ) -> QTreeWidgetItem:
        """One row per actor: the actor named once with its count, its mentions folded
        under it (Accept All left 47 rows, "United States" a dozen times among them). An
        actor named once is that one mention's row."""
        if len(mentions) == 1:
            return self._mention_item(view, mentions[0], colours)
        actor = mentions[0].actor
        kind = view.actor_kinds.get(actor.id, "")
        spellings = dict.fromkeys(" ".join(m.quote.split()) for m in mentions)
        other = [s for s in spellings if s.casefold() != actor.name.casefold()]
        text = f"{actor.name} ({len(mentions)})"
        if other:
            text += " — " + ", ".join(_quoted(s, 30) for s in other[:3])
        row = QTreeWidgetItem([text])
        row.setIcon(0, self._swatch(colours.mention(kind)))
        row.setToolTip(
            0,
            f"{len(mentions)} mentions of {actor.name} ({kind}): open the row to see each."
            " Selected, the row stands for all of them (Delete removes them; Undo brings"
            " them back).",
        )
        row.addChildren([self._mention_item(view, m, colours, in_row=True) for m in mentions])
        return row

    def _group(self, name: str, items: list[QTreeWidgetItem]) -> QTreeWidgetItem:
        count = sum(max(1, item.childCount()) for item in items)
        group = QTreeWidgetItem([f"{name} ({count})"])
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        group.addChildren(items)
        return group

    @staticmethod
    def _item(annotation_id: int, text: str, tip: str, kind: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setData(0, IdRole, annotation_id)
        item.setData(0, KindRole, kind)
        item.setToolTip(0, tip)
        return item

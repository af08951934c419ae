"""Colours of the marks in the reader, by kind, for light and dark palettes.

Kinds are told apart by more than hue: claims, highlights and notes are backgrounds; actor
mentions keep the text's background and get a coloured, underlined text by actor kind, so a
mention inside a claim still shows as both; a suggested mention is a dashed outline round
the words (a question, not a fact, and nothing like a spelling error's wavy line). Each set
is chosen to keep body text above WCAG AA contrast on its own palette.

A claim's background says its status in colour, and a rule under its lines says it in
shape, so it reads in greyscale and to a reader who does not tell hues apart: asserted has
none, corroborated a solid rule, and the contested ones a broken rule, dashed when disputed,
dotted when denied; a retracted claim is struck through (`CLAIM_RULES`).

The mention colours are keyed by the core's actor kinds (`briefing.core.ACTOR_KINDS`, the
one list of them; tests/ui/test_theme.py holds each palette to it).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

# How a claim's status is drawn beside its colour: the rule's style under (or through) it.
CLAIM_RULES = {
    "asserted": None,
    "corroborated": "solid",
    "disputed": "dashed",
    "denied": "dotted",
    "retracted": "strike",
}


@dataclass(frozen=True)
class MarkColours:
    claim: QColor
    highlight: QColor
    note: QColor
    flash: QColor
    find: QColor
    suggestion: QColor  # the dashed outline of a suggested, unconfirmed mention
    mentions: dict[str, QColor]
    byline: QColor
    statuses: dict[str, QColor]  # a claim's background by status
    rules: dict[str, QColor]  # the colour of its rule

    def mention(self, actor_kind: str | None) -> QColor:
        return self.mentions.get(actor_kind or "other", self.mentions["other"])

    def claim_of(self, status: str | None) -> QColor:
        return self.statuses.get(status or "asserted", self.claim)

    def rule_of(self, status: str | None) -> QColor:
        return self.rules.get(status or "asserted", self.byline)


def _colours(values: dict[str, str]) -> dict[str, QColor]:
    return {k: QColor(v) for k, v in values.items()}


LIGHT = MarkColours(
    claim=QColor("#d3e4fd"),
    highlight=QColor("#fff0a0"),
    note=QColor("#e8dcf7"),
    flash=QColor("#ffc46b"),
    find=QColor("#a8e6b4"),
    suggestion=QColor("#8c73c9"),
    byline=QColor("#5f6368"),
    statuses=_colours(
        {
            "asserted": "#d3e4fd",
            "corroborated": "#d2efd9",
            "disputed": "#ffe3b8",
            "denied": "#fad2d6",
            "retracted": "#e6e6e6",
        }
    ),
    rules=_colours(
        {
            "asserted": "#1a56b0",
            "corroborated": "#1e6b34",
            "disputed": "#9a5200",
            "denied": "#b3202c",
            "retracted": "#4d4d4d",
        }
    ),
    mentions=_colours(
        {
            "person": "#b0185a",
            "organisation": "#00695c",
            "government body": "#4527a0",
            "state": "#b34700",
            "group": "#6d4c41",
            "place": "#2e6b30",
            "other": "#545454",
        }
    ),
)

DARK = MarkColours(
    claim=QColor("#203a5c"),
    highlight=QColor("#5a4f00"),
    note=QColor("#3d2f58"),
    flash=QColor("#8a5a00"),
    find=QColor("#1e5a2c"),
    suggestion=QColor("#b39ddb"),
    byline=QColor("#a0a4aa"),
    statuses=_colours(
        {
            "asserted": "#203a5c",
            "corroborated": "#1d4529",
            "disputed": "#523810",
            "denied": "#5a2429",
            "retracted": "#3a3a3a",
        }
    ),
    rules=_colours(
        {
            "asserted": "#8ab4f8",
            "corroborated": "#81c995",
            "disputed": "#fbbc5b",
            "denied": "#f28b82",
            "retracted": "#bdbdbd",
        }
    ),
    mentions=_colours(
        {
            "person": "#f48fb1",
            "organisation": "#80cbc4",
            "government body": "#b39ddb",
            "state": "#ffb74d",
            "group": "#d7ccc8",
            "place": "#a5d6a7",
            "other": "#c8c8c8",
        }
    ),
)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def mark_colours(palette: QPalette) -> MarkColours:
    return DARK if is_dark(palette) else LIGHT

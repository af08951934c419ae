"""Colours of the marks in the reader, by kind, for light and dark palettes.

Kinds are told apart by more than hue: claims, highlights and notes are backgrounds; actor
mentions keep the text's background and get a coloured, underlined text by actor kind, so a
mention inside a claim still shows as both. Each set is chosen to keep body text above
WCAG AA contrast on its own palette.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

ACTOR_KINDS = ("person", "organisation", "government body", "state", "group", "place", "other")


@dataclass(frozen=True)
class MarkColours:
    claim: QColor
    highlight: QColor
    note: QColor
    flash: QColor
    find: QColor
    suggestion: QColor  # the wavy underline of a suggested, unconfirmed mention
    mentions: dict[str, QColor]
    byline: QColor

    def mention(self, actor_kind: str | None) -> QColor:
        return self.mentions.get(actor_kind or "other", self.mentions["other"])


def _colours(values: dict[str, str]) -> dict[str, QColor]:
    return {k: QColor(v) for k, v in values.items()}


LIGHT = MarkColours(
    claim=QColor("#d3e4fd"),
    highlight=QColor("#fff0a0"),
    note=QColor("#e8dcf7"),
    flash=QColor("#ffc46b"),
    find=QColor("#a8e6b4"),
    suggestion=QColor("#e65100"),
    byline=QColor("#5f6368"),
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
    suggestion=QColor("#ffab40"),
    byline=QColor("#a0a4aa"),
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

"""Which panes of a row are shown, and how wide, for a given width. No Qt: plain arithmetic,
tested on its own (tests/ui/panes/test_fit.py).

The main pane (the reader) comes first: it is never made narrower than its minimum (a
readable measure) to make room for a side pane. Side panes are shown while their minimums
fit beside it; the one with the lowest priority folds first. Folded panes are strips of
`strip` pixels at their place. A pane the reader asked for (`request`: its strip clicked,
its key pressed, a search typed) is placed before all others, the main one included, so
asking for the library in a window too narrow for both folds the annotation panel, and if
even that is not enough, the reader folds for as long as the library is wanted (on a
phone-sized window the panes take turns, as tabs would). A pane the reader closed
(`closed`) stays a strip whatever the width.

Widths: side panes get their preferred width, and the main pane the rest; when the rest is
less than the main pane's preferred width (its ideal measure, or what the reader dragged it
to), side panes give up width down to their minimums, each in proportion to what it has
above its minimum.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Pane:
    name: str
    minimum: int  # narrowest that is still useful
    preferred: int  # the width it asks for (the reader's last choice, else a default)
    priority: int = 0  # side panes: the lowest folds first
    main: bool = False


@dataclass(frozen=True)
class Fit:
    widths: dict[str, int]  # the shown panes, in row order, with their widths
    folded: tuple[str, ...] = field(default=())  # the panes shown as strips, in row order

    def shown(self, name: str) -> bool:
        return name in self.widths


def fit(
    width: int,
    panes: Sequence[Pane],
    *,
    strip: int,
    handle: int,
    closed: Collection[str] = (),
    request: str | None = None,
) -> Fit:
    """The panes shown at `width` (strips and splitter handles included in it)."""
    main = next(p for p in panes if p.main)
    by_name = {p.name: p for p in panes}
    sides = sorted((p for p in panes if not p.main), key=lambda p: -p.priority)
    order = [main, *sides]
    if request in by_name and request not in closed:
        order.remove(by_name[request])  # type: ignore[index]
        order.insert(0, by_name[request])  # type: ignore[index]

    def cost(chosen: list[Pane]) -> int:
        folded = len(panes) - len(chosen)
        return sum(p.minimum for p in chosen) + handle * (len(chosen) - 1) + strip * folded

    shown: list[Pane] = []
    for pane in order:
        if pane.name in closed and not pane.main:
            continue
        if cost([*shown, pane]) <= width:
            shown.append(pane)
        elif pane.main:
            break  # the panes after the reader fit only beside it
    if main not in shown:
        # Too narrow for the reader beside what was asked for: what was asked for, alone
        # (or the reader alone, squeezed, when nothing fits at all).
        shown = shown[:1] or [main]
    names = {p.name for p in shown}
    shown = [p for p in panes if p.name in names]  # back in row order
    folded = tuple(p.name for p in panes if p.name not in names)
    room = max(0, width - strip * len(folded) - handle * (len(shown) - 1))
    return Fit(_widths(room, shown), folded)


def _widths(room: int, shown: list[Pane]) -> dict[str, int]:
    main = next((p for p in shown if p.main), None)
    if main is None:  # one side pane alone (see above): all of it
        share = room // len(shown)
        return {p.name: share for p in shown}
    sides = {p.name: max(p.minimum, p.preferred) for p in shown if not p.main}
    rest = room - sum(sides.values())
    wanted = max(main.minimum, main.preferred)
    if rest < wanted:
        need = wanted - rest
        slack = {p.name: sides[p.name] - p.minimum for p in shown if not p.main}
        total = sum(slack.values())
        if total > 0:
            give = min(need, total)
            given = 0
            names = list(slack)
            for n, name in enumerate(names):
                # The last takes the rounding, so the row adds up to the pixel.
                part = give - given if n == len(names) - 1 else give * slack[name] // total
                sides[name] -= part
                given += part
        rest = room - sum(sides.values())
    return {p.name: (rest if p.main else sides[p.name]) for p in shown}

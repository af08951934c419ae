"""The arithmetic of a row of panes: the reader keeps its measure, side panes fold first."""

from __future__ import annotations

import pytest

from briefing.ui.panes.fit import Pane, fit

LIBRARY = Pane("library", minimum=300, preferred=430, priority=2)
READER = Pane("reader", minimum=400, preferred=560, main=True)
PANEL = Pane("panel", minimum=240, preferred=330, priority=1)
ROW = [LIBRARY, READER, PANEL]
KW = {"strip": 24, "handle": 6}


def total(result) -> int:
    shown = len(result.widths)
    return sum(result.widths.values()) + 6 * (shown - 1) + 24 * len(result.folded)


def test_wide_every_pane_at_its_preferred_width_and_the_reader_the_rest() -> None:
    result = fit(1920, ROW, **KW)
    assert result.folded == ()
    assert result.widths["library"] == 430 and result.widths["panel"] == 330
    assert result.widths["reader"] == 1920 - 430 - 330 - 12
    assert list(result.widths) == ["library", "reader", "panel"]


def test_side_panes_give_width_to_the_reader_before_anything_folds() -> None:
    result = fit(1150, ROW, **KW)
    assert result.folded == ()
    assert result.widths["reader"] == 560  # its preferred measure, taken from the sides
    assert LIBRARY.minimum <= result.widths["library"] < 430
    assert PANEL.minimum <= result.widths["panel"] < 330
    assert total(result) == 1150


def test_the_panel_folds_first_then_the_library() -> None:
    narrow = fit(900, ROW, **KW)
    assert narrow.folded == ("panel",)
    assert narrow.widths["reader"] >= READER.minimum
    assert total(narrow) == 900
    narrower = fit(650, ROW, **KW)
    assert narrower.folded == ("library", "panel")
    assert narrower.widths == {"reader": 650 - 48}


@pytest.mark.parametrize("width", range(300, 2400, 29))
def test_the_reader_never_gets_less_than_its_minimum_while_it_fits(width: int) -> None:
    result = fit(width, ROW, **KW)
    assert result.shown("reader")
    if width >= READER.minimum + 48:
        assert result.widths["reader"] >= READER.minimum
        assert total(result) == width
    for name, value in result.widths.items():
        if name != "reader":
            assert value >= {"library": 300, "panel": 240}[name]


def test_a_requested_pane_comes_before_the_others() -> None:
    # Room for the reader and one side pane: the panel was asked for, so the library folds.
    result = fit(900, ROW, request="panel", **KW)
    assert result.folded == ("library",)
    assert result.widths["reader"] >= READER.minimum


def test_too_narrow_for_the_reader_beside_a_requested_pane_they_take_turns() -> None:
    result = fit(560, ROW, request="library", **KW)
    assert result.folded == ("reader", "panel")
    assert result.widths == {"library": 560 - 48}
    # Asking for the reader again brings it back in place of the library.
    assert fit(560, ROW, request="reader", **KW).folded == ("library", "panel")


def test_a_closed_pane_stays_folded_whatever_the_room() -> None:
    result = fit(2400, ROW, closed={"library"}, **KW)
    assert result.folded == ("library",)
    assert result.widths["reader"] == 2400 - 330 - 6 - 24


def test_narrower_than_anything_the_reader_alone() -> None:
    assert fit(100, ROW, **KW).widths == {"reader": 100 - 48}

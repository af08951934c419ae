"""Partial dates: what is known, and nothing invented."""

from __future__ import annotations

import pytest

from briefing.core import InvalidInput, PartialDate


@pytest.mark.parametrize(
    ("text", "iso", "first", "last"),
    [
        ("2021-12-14", "2021-12-14", "2021-12-14", "2021-12-14"),
        ("2021-12", "2021-12", "2021-12-01", "2021-12-31"),
        ("2021", "2021", "2021-01-01", "2021-12-31"),
        ("--12-14", "--12-14", None, None),
        ("Dec 14", "--12-14", None, None),
        ("Dec. 14, 2021", "2021-12-14", "2021-12-14", "2021-12-14"),
        ("14 December 2021", "2021-12-14", "2021-12-14", "2021-12-14"),
        ("Sept 3", "--09-03", None, None),
        ("--02-29", "--02-29", None, None),
        ("2024-02", "2024-02", "2024-02-01", "2024-02-29"),
    ],
)
def test_forms(text: str, iso: str, first: str | None, last: str | None) -> None:
    date = PartialDate.parse(text)
    assert (date.iso(), date.first_day(), date.last_day()) == (iso, first, last)
    assert PartialDate.parse(date.iso()) == date


@pytest.mark.parametrize(
    "text", ["", "yesterday", "14/12/2021", "2021-13", "2021-02-30", "--13-01"]
)
def test_what_is_not_a_date(text: str) -> None:
    with pytest.raises(InvalidInput):
        PartialDate.parse(text)

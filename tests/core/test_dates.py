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
        ("Oct 2019", "2019-10", "2019-10-01", "2019-10-31"),
        ("october 2019", "2019-10", "2019-10-01", "2019-10-31"),
        ("Sept. 2019", "2019-09", "2019-09-01", "2019-09-30"),
        ("Feb, 2024", "2024-02", "2024-02-01", "2024-02-29"),
        ("14 Dec 2021", "2021-12-14", "2021-12-14", "2021-12-14"),
    ],
)
def test_forms(text: str, iso: str, first: str | None, last: str | None) -> None:
    date = PartialDate.parse(text)
    assert (date.iso(), date.first_day(), date.last_day()) == (iso, first, last)
    assert PartialDate.parse(date.iso()) == date


@pytest.mark.parametrize(
    "text",
    [
        "",
        "yesterday",
        "14/12/2021",
        "2021-13",
        "2021-02-30",
        "--13-01",
        "Oct 19 2019 2020",
        "Octo 2019",
    ],
)
def test_what_is_not_a_date(text: str) -> None:
    with pytest.raises(InvalidInput):
        PartialDate.parse(text)


def test_a_date_is_spelled_with_what_is_known_and_nothing_guessed() -> None:
    assert PartialDate(2021, 12, 14).spelled() == "14 December 2021"
    assert PartialDate(2021, 12, 14).spelled(short=True) == "14 Dec 2021"
    assert PartialDate(2021, 9).spelled(short=True) == "Sep 2021"
    assert PartialDate(2021).spelled() == "2021"
    assert PartialDate(None, 12, 14).spelled(short=True) == "14 Dec"

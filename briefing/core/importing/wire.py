"""Wire-copy conventions: the dateline that opens a story and the agency's sign-off.

`HONG KONG, Dec 14 ― Chinese ...` and `... start-ups in just a few years. ― AFP`. Both are
recognised into metadata while the text keeps them exactly as printed: offsets into the text
must stay true, and the reader sees the story as the agency sent it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.core.dates import MONTH_PATTERN, PartialDate, month_number
from briefing.core.errors import InvalidInput

AGENCIES = (
    "AFP",
    "AP",
    "Reuters",
    "Reuter",
    "Bernama",
    "Xinhua",
    "dpa",
    "DPA",
    "ANSA",
    "EFE",
    "Kyodo",
    "Yonhap",
    "PTI",
    "UPI",
    "TASS",
    "ANI",
    "IANS",
    "AAP",
    "Bloomberg",
    "Anadolu",
    "KUNA",
    "WAM",
    "SPA",
    "IRNA",
    "CNA",
    "Jiji",
    "NZPA",
    "PA",
    "Agerpres",
    "Interfax",
)
_AGENCY = "|".join(sorted(map(re.escape, AGENCIES), key=len, reverse=True))
_DASH = r"[―—–‒-]{1,2}"

# An upper-case place, optionally ", Region", optionally "(AGENCY)", optionally a date,
# then a dash: "HONG KONG, Dec 14 ―", "WASHINGTON (Reuters) -", "SALVADOR, Feb 26 -".
_DATELINE = re.compile(
    rf"""^(?P<place>[A-Z][A-Z'’.\-]*(?:\ [A-Z][A-Z'’.\-]*)*)
        (?:,\ (?P<region>[A-Z][A-Za-z.]*(?:\ [A-Z][A-Za-z.]*)*))??
        (?:\ ?\((?P<agency>{_AGENCY})\))?
        (?:,?\ (?P<month>{MONTH_PATTERN})\.?\ (?P<day>\d{{1,2}})(?:,?\ (?P<year>\d{{4}}))?)?
        \ ?(?:\((?P<agency2>{_AGENCY})\)\ ?)?{_DASH}\ """,
    re.X,
)
# "Friday, January 4, 2019" opening a story (Wikinews and many web pages).
_WEEKDAY_DATE = re.compile(
    rf"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\ (?P<month>{MONTH_PATTERN})\ "
    rf"(?P<day>\d{{1,2}}),\ (?P<year>\d{{4}})\b",
    re.X,
)
# "... a few years. ― AFP", or the agency alone on the last line ("Reuter", even "reuter").
_SIGN_OFF = re.compile(
    rf"(?:\s{_DASH}\s*\(?(?P<dashed>{_AGENCY})\)?|\n[ \t]*(?i:(?P<alone>{_AGENCY})))[ \t]*$"
)
_CANONICAL = {name.lower(): name for name in AGENCIES} | {"reuter": "Reuters", "dpa": "dpa"}


@dataclass(frozen=True)
class WireMarks:
    dateline: str | None = None
    date: PartialDate | None = None
    agency: str | None = None
    body_start: int = 0  # where the story proper begins, after the dateline


def read_wire_marks(text: str) -> WireMarks:
    """Find a dateline at the start of `text` and a sign-off at its end."""
    dateline = date = agency = None
    body_start = 0
    if match := _DATELINE.match(text):
        has_date = match["month"] is not None
        has_agency = bool(match["agency"] or match["agency2"])
        if has_date or has_agency:
            dateline = match["place"].strip()
            if match["region"]:
                dateline += f", {match['region']}"
            agency = match["agency"] or match["agency2"]
            date = _date(match)
            body_start = match.end()
    elif match := _WEEKDAY_DATE.match(text):
        date = _date(match)
        body_start = match.end()
    if sign_off := _SIGN_OFF.search(text[-200:]):
        found = sign_off["dashed"] or sign_off["alone"]
        agency = _CANONICAL.get(found.lower(), found)
    return WireMarks(dateline, date, agency, body_start)


def _date(match: re.Match[str]) -> PartialDate | None:
    if not match["month"]:
        return None
    try:
        year = int(match["year"]) if match["year"] else None
        return PartialDate(year, month_number(match["month"]), int(match["day"]))
    except InvalidInput:  # "Feb 31": not a date after all; keep the text, drop the date
        return None

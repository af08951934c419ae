"""Published dates as the source gives them: often partial, never completed by guesswork.

Wire copy says `Dec 14` and no year; a reader may know only the month. A PartialDate keeps
exactly what is known and writes it in ISO 8601's reduced forms: `2021-12-14`, `2021-12`,
`2021`, and `--12-14` for a month and day whose year is unknown. Range filters use the first
and last day a date can mean, and a date with no year belongs to no range at all.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

from briefing.core.errors import InvalidInput

# Spelled out rather than taken from `calendar`, whose names follow the locale (and Qt sets
# the locale from the environment): wire copy is read in English whatever the desktop says.
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
MONTHS["sept"] = 9
MONTH_PATTERN = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_MONTH_DAY = re.compile(r"^--(\d{1,2})-(\d{1,2})$")
_MONTH_FIRST = re.compile(rf"^({MONTH_PATTERN})\.?\s+(\d{{1,2}})(?:,?\s+(\d{{4}}))?$", re.I)
_MONTH_YEAR = re.compile(rf"^({MONTH_PATTERN})\.?,?\s+(\d{{4}})$", re.I)
_DAY_FIRST = re.compile(rf"^(\d{{1,2}})\s+({MONTH_PATTERN})\.?(?:,?\s+(\d{{4}}))?$", re.I)


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.year is None and self.month is None:
            raise InvalidInput("a date needs at least a year or a month")
        if self.day is not None and self.month is None:
            raise InvalidInput("a date with a day needs a month")
        if self.year is not None and not 1 <= self.year <= 9999:
            raise InvalidInput(f"year {self.year} is out of range")
        if self.month is not None and not 1 <= self.month <= 12:
            raise InvalidInput(f"month {self.month} is not between 1 and 12")
        if self.day is not None and self.month is not None:  # no month was refused above
            # 29 February is a real date when the year is unknown.
            last = calendar.monthrange(self.year or 2000, self.month)[1]
            if not 1 <= self.day <= last:
                raise InvalidInput(f"day {self.day} does not exist in that month")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read a date as a user or a source writes it.

        Accepts 2021-12-14, 2021-12, 2021, --12-14, Dec 14, Dec 14 2021, December 14, 2021,
        14 December 2021, 14 Dec 2021, Dec 2021 and December 2021 (a month's name in English,
        in full or cut to three letters, any case). Anything else is InvalidInput with the
        forms it accepts.
        """
        value = " ".join(text.split())
        if match := _ISO.match(value):
            year, month, day = match.groups()
            return cls(int(year), _int(month), _int(day))
        if match := _MONTH_DAY.match(value):
            return cls(None, int(match[1]), int(match[2]))
        if match := _MONTH_YEAR.match(value):
            return cls(int(match[2]), month_number(match[1]))
        if match := _MONTH_FIRST.match(value):
            return cls(_int(match[3]), month_number(match[1]), int(match[2]))
        if match := _DAY_FIRST.match(value):
            return cls(_int(match[3]), month_number(match[2]), int(match[1]))
        raise InvalidInput(
            f"cannot read the date {text!r}: use 2021-12-14, 14 Dec 2021, Dec 2021, 2021-12, "
            "2021, --12-14 or Dec 14"
        )

    def iso(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text

    def spelled(self, *, short: bool = False) -> str:
        """As people write dates, for screens and documents (iso() is for files and
        scripts): '14 December 2021', or with `short` '14 Dec 2021'; 'Dec 2021', '2021', and
        '14 Dec' when the year is not known. English whatever the locale, as _MONTH_NAMES."""
        parts = [str(self.day)] if self.day else []
        if self.month:
            name = _MONTH_NAMES[self.month - 1].capitalize()
            parts.append(name[:3] if short else name)
        if self.year:
            parts.append(str(self.year))
        return " ".join(parts)

    def first_day(self) -> str | None:
        """The earliest day this date can mean, or None when the year is unknown."""
        if self.year is None:
            return None
        return f"{self.year:04d}-{self.month or 1:02d}-{self.day or 1:02d}"

    def last_day(self) -> str | None:
        if self.year is None:
            return None
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return f"{self.year:04d}-{month:02d}-{day:02d}"

    def as_dict(self) -> dict[str, int | None]:
        return {"year": self.year, "month": self.month, "day": self.day}

    def __str__(self) -> str:
        return self.iso()


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def parse_optional(text: str | None) -> PartialDate | None:
    """None or blank means no date; anything else must parse."""
    if text is None or not text.strip():
        return None
    return PartialDate.parse(text)


@lru_cache(maxsize=4096)
def parse_stored(value: str | None) -> PartialDate | None:
    """A date read back from the library; one this program cannot read shows as no date
    rather than failing a whole list (it may have been written by another version).
    Cached: PartialDate is immutable, a list shows the same dates again and again, and
    parsing one (15 µs) was most of a rare word's search time beside SQLite's."""
    if not value:
        return None
    try:
        return PartialDate.parse(value)
    except InvalidInput:
        return None


def _int(value: str | None) -> int | None:
    return int(value) if value else None

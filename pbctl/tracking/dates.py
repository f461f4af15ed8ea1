"""Date helpers for tracking: parsing user input, month arithmetic, periods, quarters."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from pbctl.i18n import _
from pbctl.numerals import cn_date

#: Months between joint meetings for each ``meetings.frequency``.
FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months, clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def quarter_of(day: dt.date) -> tuple[int, int]:
    """(year, quarter 1-4)."""
    return day.year, (day.month - 1) // 3 + 1


_QUARTER_WORDS = ("一", "二", "三", "四")


def quarter_label(year: int, quarter: int) -> str:
    """2024年第一季度."""
    return f"{year}年第{_QUARTER_WORDS[quarter - 1]}季度"


@dataclass(frozen=True)
class Period:
    """An inclusive date range, e.g. a year for the ledger."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def is_whole_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (
            1, 1, 12, 31) and self.start.year == self.end.year

    @property
    def slug(self) -> str:
        """``2024`` for a whole year, else ``20240101-20240630`` (used in document kinds)."""
        if self.is_whole_year:
            return str(self.start.year)
        return f"{self.start:%Y%m%d}-{self.end:%Y%m%d}"

    @property
    def label(self) -> str:
        """2024年度, or 2024年1月1日至2024年6月30日."""
        if self.is_whole_year:
            return f"{self.start.year}年度"
        return f"{cn_date(self.start)}至{cn_date(self.end)}"

    def quarters(self) -> list[tuple[int, int]]:
        """Every (year, quarter) the period touches, in order."""
        out: list[tuple[int, int]] = []
        year, quarter = quarter_of(self.start)
        while (year, quarter) <= quarter_of(self.end):
            out.append((year, quarter))
            year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        return out


def resolve_period(year: int | None, start: dt.date | None, end: dt.date | None,
                   today: dt.date) -> Period:
    """--year Y, or --from/--to (either may be left out), or the current year.
    ValueError (a usage mistake) for both, or a start after the end."""
    if year is not None:
        if start is not None or end is not None:
            raise ValueError(_("give either --year or --from/--to, not both"))
        return Period.year(year)
    if start is None and end is None:
        return Period.year(today.year)
    end = end or today
    start = start or dt.date(end.year, 1, 1)
    if start > end:
        raise ValueError(f"--from {start.isoformat()} is after --to {end.isoformat()}")
    return Period(start, end)

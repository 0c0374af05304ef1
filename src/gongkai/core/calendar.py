"""The working-day calendar as a value (statute.md §1).

A working day (工作日) is Monday–Friday, minus the statutory holidays, plus the weekend days that
the State Council's yearly notice makes working days (调休上班). The calendar cannot be computed,
only recorded: a ``WorkdayCalendar`` holds the recorded exceptional days, the years whose notice
has been confirmed, and — for years not confirmed — the holidays a package predicts. Nothing here
reads a database, a package or the clock: the data is passed in (see ``calendar_data`` for the
seed and the predictions).

Counting (statute.md §1): a period of N working days that starts on D ends on the N-th working
day after D; D itself never counts, whether or not it is a working day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

ONE_DAY = dt.timedelta(days=1)

# add_workdays refuses to walk further than this many calendar days: a calendar that (by a data
# error) had no working day at all would otherwise loop forever.
_MAX_SCAN_DAYS = 3660


WEEKDAY_NAMES = "一二三四五六日"


def weekday_cn(day: dt.date) -> str:
    """一 … 日: the weekday as written after 周 or 星期."""
    return WEEKDAY_NAMES[day.weekday()]


class DayKind(StrEnum):
    """What an exceptional day is: a holiday (放假) or a make-up working day (调休上班)."""

    HOLIDAY = "holiday"
    WORKDAY = "workday"


class CalendarError(ValueError):
    """Calendar data that contradicts itself (one day both holiday and working day, …)."""


@dataclass(frozen=True, order=True)
class DayRow:
    """One exceptional day as recorded: the seed data and the database table have this shape."""

    date: dt.date
    kind: DayKind
    name: str = ""


def _frozen(mapping: Mapping[dt.date, str]) -> Mapping[dt.date, str]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class WorkdayCalendar:
    """Holidays, make-up working days and confirmed years; predictions for the other years.

    ``holidays`` and ``workdays`` are the recorded exceptional days (date → name). A recorded day
    always wins. ``predicted`` holds holidays estimated for years not in ``confirmed_years``; they
    are ignored for confirmed years, so a stale prediction can never override an official notice.
    """

    holidays: Mapping[dt.date, str] = field(default_factory=dict)
    workdays: Mapping[dt.date, str] = field(default_factory=dict)
    confirmed_years: frozenset[int] = frozenset()
    predicted: Mapping[dt.date, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        both = sorted(set(self.holidays) & set(self.workdays))
        if both:
            raise CalendarError(
                f"{both[0].isoformat()} is recorded both as a holiday and as a working day"
            )
        # Read-only copies: the value must not change behind the back of whoever holds it.
        object.__setattr__(self, "holidays", _frozen(self.holidays))
        object.__setattr__(self, "workdays", _frozen(self.workdays))
        object.__setattr__(self, "predicted", _frozen(self.predicted))
        object.__setattr__(self, "confirmed_years", frozenset(self.confirmed_years))

    # -- constructors ----------------------------------------------------------------------

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[DayRow],
        confirmed_years: Iterable[int],
        predicted: Mapping[dt.date, str] | None = None,
    ) -> WorkdayCalendar:
        """Build from recorded rows (seed data or the database), refusing duplicate dates."""
        holidays: dict[dt.date, str] = {}
        workdays: dict[dt.date, str] = {}
        for row in rows:
            if row.date in holidays or row.date in workdays:
                raise CalendarError(f"{row.date.isoformat()} is recorded twice")
            target = holidays if row.kind is DayKind.HOLIDAY else workdays
            target[row.date] = row.name
        return cls(holidays, workdays, frozenset(confirmed_years), predicted or {})

    @classmethod
    def weekdays_only(cls) -> WorkdayCalendar:
        """Monday–Friday, no holidays, nothing confirmed: a baseline for tests and properties."""
        return cls()

    # -- questions about one day -----------------------------------------------------------

    def is_workday(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        if day.year not in self.confirmed_years and day in self.predicted:
            return False
        return day.weekday() < 5

    def is_provisional(self, day: dt.date) -> bool:
        """True when no official notice has been confirmed for the day's year."""
        return day.year not in self.confirmed_years

    def day_name(self, day: dt.date) -> str:
        """The holiday's or make-up day's name, a predicted holiday's name, or ``""``."""
        if day in self.workdays:
            return self.workdays[day]
        if day in self.holidays:
            return self.holidays[day]
        if day.year not in self.confirmed_years:
            return self.predicted.get(day, "")
        return ""

    # -- counting --------------------------------------------------------------------------

    def add_workdays(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after ``start`` (``start`` itself never counts).

        ``n == 0`` returns ``start`` unchanged: nothing has been counted yet.
        """
        if n < 0:
            raise ValueError(f"add_workdays: n must not be negative (got {n})")
        day = start
        counted = 0
        limit = start + dt.timedelta(days=_MAX_SCAN_DAYS + n * 7)
        while counted < n:
            day += ONE_DAY
            if day > limit:
                raise CalendarError(f"no {n} working days found after {start.isoformat()}")
            if self.is_workday(day):
                counted += 1
        return day

    def workdays_in(self, start: dt.date, end: dt.date) -> int:
        """How many working days lie in (start, end]; 0 when end <= start."""
        return sum(1 for day in _days_after(start, end) if self.is_workday(day))

    def workdays_between(self, start: dt.date, end: dt.date) -> Iterator[dt.date]:
        """The working days in (start, end], in order."""
        return (day for day in _days_after(start, end) if self.is_workday(day))

    def any_provisional(self, start: dt.date, end: dt.date) -> bool:
        """True when a day in (start, end] falls in a year that is not confirmed."""
        if end <= start:
            return False
        first = start + ONE_DAY
        return any(year not in self.confirmed_years for year in range(first.year, end.year + 1))

    # -- listing ---------------------------------------------------------------------------

    def exceptional_days(self, year: int) -> list[DayRow]:
        """The recorded holidays and make-up days of ``year``, in date order."""
        rows = [DayRow(d, DayKind.HOLIDAY, n) for d, n in self.holidays.items() if d.year == year]
        rows += [DayRow(d, DayKind.WORKDAY, n) for d, n in self.workdays.items() if d.year == year]
        return sorted(rows)

    def predicted_days(self, year: int) -> list[DayRow]:
        """The predicted holidays of an unconfirmed ``year`` (none for a confirmed one)."""
        if year in self.confirmed_years:
            return []
        return sorted(
            DayRow(d, DayKind.HOLIDAY, n)
            for d, n in self.predicted.items()
            if d.year == year and d not in self.workdays and d not in self.holidays
        )


def _days_after(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    day = start + ONE_DAY
    while day <= end:
        yield day
        day += ONE_DAY

"""Reads: the working-day calendar from the table, agency trees, people."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from gongkai.agencies.models import Agency, CalendarDay, CalendarYear, Membership, User
from gongkai.agencies.signals import calendar_changed
from gongkai.core.calendar import DayKind, DayRow, WorkdayCalendar
from gongkai.core.calendar_data import PREDICTION_SOURCE, predicted_holidays

# Predictions reach this many years past the later of today and the last confirmed year: far
# enough for any reply period (20 + 20 working days, pauses, a 第三十五条 date) to stay predicted.
PREDICT_AHEAD_YEARS = 2


def calendar_rows() -> list[DayRow]:
    return [
        DayRow(day, DayKind(kind), name)
        for day, kind, name in CalendarDay.objects.order_by("date").values_list(
            "date", "kind", "name"
        )
    ]


def confirmed_years() -> frozenset[int]:
    return frozenset(CalendarYear.objects.filter(confirmed=True).values_list("year", flat=True))


# Building the calendar reads the whole table and predicts holidays: too slow to repeat for every
# action. It is kept per process and dropped whenever this process changes the calendar (the
# calendar_changed signal) and after CACHE_SECONDS, which bounds how long another process's
# change goes unseen (the calendar changes about once a year; the changing process recomputes
# every open deadline itself with the new calendar).
CACHE_SECONDS = 60.0
_cache: dict[tuple[int | None, int], tuple[float, WorkdayCalendar]] = {}


def forget_calendar(**_kwargs: object) -> None:
    _cache.clear()


calendar_changed.connect(forget_calendar, weak=False, dispatch_uid="agencies.forget_calendar")


def workday_calendar(*, predict_through: int | None = None) -> WorkdayCalendar:
    """The calendar as the table holds it, with predictions for years nobody has entered.

    A year gets predicted holidays only when it is neither confirmed nor has any recorded day:
    once an administrator has entered days for a year (even before confirming it), the entry is
    what counts, not the package's guess.
    """
    key = (predict_through, timezone.localdate().year)
    hit = _cache.get(key)
    now = time.monotonic()
    if hit is not None and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    calendar = _build_calendar(predict_through)
    _cache[key] = (now, calendar)
    return calendar


def calendar_for(today: dt.date) -> WorkdayCalendar:
    """The calendar for a period starting ``today``: predictions through the end of next year."""
    return workday_calendar(predict_through=today.year + 1)


def _build_calendar(predict_through: int | None) -> WorkdayCalendar:
    rows = calendar_rows()
    confirmed = confirmed_years()
    recorded_years = {row.date.year for row in rows}
    this_year = timezone.localdate().year
    last = predict_through
    if last is None:
        last = max([this_year, *confirmed]) + PREDICT_AHEAD_YEARS
    first = min([this_year, *confirmed, *recorded_years])
    unknown = [y for y in range(first, last + 1) if y not in confirmed and y not in recorded_years]
    return WorkdayCalendar.from_rows(rows, confirmed, predicted_holidays(unknown))


@dataclass(frozen=True)
class YearSummary:
    year: int
    confirmed: bool
    source: str
    days: list[DayRow]
    predicted: list[DayRow]
    prediction_source: str


def year_summary(year: int, calendar: WorkdayCalendar | None = None) -> YearSummary:
    calendar = calendar or workday_calendar(predict_through=year)
    record = CalendarYear.objects.filter(year=year).first()
    sources = sorted(
        set(
            CalendarDay.objects.filter(date__year=year)
            .exclude(source="")
            .values_list("source", flat=True)
        )
    )
    source = (record.source if record and record.source else "") or "; ".join(sources)
    return YearSummary(
        year=year,
        confirmed=bool(record and record.confirmed),
        source=source,
        days=calendar.exceptional_days(year),
        predicted=calendar.predicted_days(year),
        prediction_source=PREDICTION_SOURCE,
    )


def agencies_with_parents() -> QuerySet[Agency]:
    return Agency.objects.select_related("parent").order_by("name")


def users_with_memberships() -> QuerySet[User]:
    return User.objects.order_by("username").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("agency"))
    )

"""Seed data and predictions for the working-day calendar, read from two maintained packages.

- ``chinese-calendar`` carries the State Council's yearly notices (国务院办公厅关于YYYY年部分节假日
  安排的通知): holidays and make-up working days, 2004 to its last covered year. It seeds the
  calendar table (data migration) and the pure tests.
- ``holidays`` estimates the statutory holidays of years no notice covers yet (it knows the lunar
  dates and the rules of the 全国年节及纪念日放假办法). Those estimates only ever make a year
  *provisional*; an administrator confirms the year from the real notice.

Both are pure Python packages; nothing here touches a database or the network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import chinese_calendar
import holidays as holidays_package

from gongkai.core.calendar import DayKind, DayRow, WorkdayCalendar

SEED_SOURCE = f"chinese-calendar {getattr(chinese_calendar, '__version__', '')}".strip()
PREDICTION_SOURCE = f"holidays {getattr(holidays_package, '__version__', '')}（预测）"

# Names the notices use. chinese-calendar stores the English enum value; its enum carries the
# Chinese name too, and a notice says 中秋节 / 国庆节 / 清明节 / 端午节 in full.
_FULL_NAMES = {
    "元旦": "元旦",
    "春节": "春节",
    "清明": "清明节",
    "劳动节": "劳动节",
    "端午": "端午节",
    "中秋": "中秋节",
    "国庆节": "国庆节",
}


def _chinese_name(english: str) -> str:
    for member in chinese_calendar.Holiday:
        if member.value == english:
            chinese = str(member.chinese)
            return _FULL_NAMES.get(chinese, chinese)
    return english


def official_years() -> range:
    """The years the installed chinese-calendar covers (holidays and make-up days known)."""
    days: Iterable[dt.date] = chinese_calendar.holidays.keys()
    years = sorted({d.year for d in days})
    return range(years[0], years[-1] + 1)


def official_rows(years: Iterable[int] | None = None) -> list[DayRow]:
    """The recorded holidays and make-up working days of ``years`` (default: all covered)."""
    wanted = set(official_years() if years is None else years)
    holiday_map: Mapping[dt.date, Any] = chinese_calendar.holidays
    workday_map: Mapping[dt.date, Any] = chinese_calendar.workdays
    rows = [
        DayRow(day, DayKind.HOLIDAY, _chinese_name(str(name)))
        for day, name in holiday_map.items()
        if day.year in wanted
    ]
    rows += [
        DayRow(day, DayKind.WORKDAY, _chinese_name(str(name)))
        for day, name in workday_map.items()
        if day.year in wanted
    ]
    return sorted(rows)


def predicted_holidays(years: Iterable[int]) -> dict[dt.date, str]:
    """The statutory holidays the ``holidays`` package estimates for ``years`` (date → name).

    Only the public holidays count; the package's half-day observances (妇女节, 青年节 …) are not
    days off for a government office.
    """
    wanted = sorted(set(years))
    if not wanted:
        return {}
    estimate = holidays_package.country_holidays("CN", years=wanted, language="zh_CN")
    return {day: str(name) for day, name in estimate.items() if day.year in wanted}


def official_calendar(predict_through: int | None = None) -> WorkdayCalendar:
    """The calendar from chinese-calendar alone: its years confirmed, later years predicted.

    This is what the database holds right after the seed migration; the pure tests and the golden
    deadline table run against it.
    """
    years = official_years()
    last = predict_through if predict_through is not None else years.stop + 2
    return WorkdayCalendar.from_rows(
        official_rows(years),
        confirmed_years=years,
        predicted=predicted_holidays(range(years.stop, last + 1)),
    )

"""The calendar table: seeded by migration, edited by actions, announced to other apps."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.agencies import actions
from gongkai.agencies.models import AuditEvent, CalendarDay, CalendarYear
from gongkai.agencies.queries import workday_calendar, year_summary
from gongkai.agencies.signals import calendar_changed
from gongkai.agencies.tests.factories import SYSTEM
from gongkai.conftest import Personas
from gongkai.core.calendar import DayKind, DayRow
from gongkai.core.calendar_data import official_rows
from gongkai.core.deadlines import compute_deadline

D = dt.date
pytestmark = pytest.mark.django_db

# The golden deadline table of the pure tests, loaded by path: src/ tests do not import tests/.
_GOLDEN = Path(__file__).resolve().parents[4] / "tests" / "core" / "deadlines" / "golden.py"


def load_cases() -> list[Any]:
    spec = importlib.util.spec_from_file_location("golden_cases", _GOLDEN)
    assert spec is not None and spec.loader is not None, _GOLDEN
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    cases: list[Any] = module.load_cases()
    return cases


NOTICE_2027 = """一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。2月20日（周六）上班。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
"""


@pytest.fixture
def heard() -> Iterator[list[dict[str, Any]]]:
    """What ``calendar_changed`` receivers are told."""
    calls: list[dict[str, Any]] = []

    def listener(sender: Any, **kwargs: Any) -> None:
        calls.append(kwargs)

    calendar_changed.connect(listener, dispatch_uid="test-listener")
    yield calls
    calendar_changed.disconnect(dispatch_uid="test-listener")


def test_the_migration_seeds_every_official_year_as_confirmed() -> None:
    assert CalendarYear.objects.filter(confirmed=True).count() == 23  # 2004–2026
    assert CalendarDay.objects.count() == len(official_rows(range(2004, 2027)))
    day = CalendarDay.objects.get(date=D(2025, 10, 11))
    assert (day.kind, day.name) == ("workday", "国庆节")
    assert day.source.startswith("chinese-calendar")
    assert day.entered_by is None


def test_the_golden_deadline_table_holds_against_the_database_calendar() -> None:
    calendar = workday_calendar(predict_through=2028)
    for case in load_cases():
        result = compute_deadline(case.received, case.events, calendar, channel=case.channel)
        assert (result.due, result.provisional) == (
            case.expected_due,
            case.expected_provisional,
        ), case.id


def test_unentered_years_are_predicted_and_provisional() -> None:
    calendar = workday_calendar(predict_through=2027)
    assert calendar.is_provisional(D(2027, 10, 4))
    assert not calendar.is_workday(D(2027, 10, 4))  # predicted 国庆节（补假）
    summary = year_summary(2027)
    assert not summary.confirmed and not summary.days and summary.predicted


def test_entering_the_2027_notice_confirms_the_year_and_tells_listeners(
    personas: Personas, heard: list[dict[str, Any]]
) -> None:
    from gongkai.core.calendar_input import parse_notice

    rows = parse_notice(2027, NOTICE_2027)
    change = actions.record_calendar_year(
        actor=personas.platform_admin, year=2027, rows=rows, source="国办发明电〔2026〕9号"
    )
    assert change.years == {2027}
    assert len(change.added) == len(rows) == 21
    calendar = workday_calendar()
    assert not calendar.is_provisional(D(2027, 2, 20))
    assert calendar.is_workday(D(2027, 2, 20))  # a Saturday made a working day
    assert calendar.is_workday(D(2027, 10, 8))  # predicted 补假 no longer applies
    day = CalendarDay.objects.get(date=D(2027, 2, 20))
    assert (day.entered_by, day.source) == (personas.platform_admin, "国办发明电〔2026〕9号")
    assert len(heard) == 1
    assert heard[0]["years"] == frozenset({2027})
    assert heard[0]["actor"] == personas.platform_admin
    assert heard[0]["calendar"].is_workday(D(2027, 2, 20))
    assert AuditEvent.objects.filter(action="calendar.change").count() == 1


def test_correcting_a_confirmed_year_announces_that_year_only(
    heard: list[dict[str, Any]],
) -> None:
    rows = [DayRow(r.date, r.kind, r.name) for r in official_rows([2026])]
    rows = [r for r in rows if r.date != D(2026, 10, 10)]  # drop one make-up Saturday
    change = actions.record_calendar_year(actor=SYSTEM, year=2026, rows=rows, source="更正")
    assert change.removed == ("2026-10-10 workday 国庆节",)
    assert [call["years"] for call in heard] == [frozenset({2026})]
    assert not workday_calendar().is_workday(D(2026, 10, 10))


def test_re_entering_the_same_days_changes_nothing_and_announces_nothing(
    heard: list[dict[str, Any]],
) -> None:
    change = actions.record_calendar_year(
        actor=SYSTEM, year=2025, rows=official_rows([2025]), source="again"
    )
    assert not change.changed_anything
    assert heard == []


def test_a_notice_reaching_into_the_previous_year_keeps_that_year(
    heard: list[dict[str, Any]],
) -> None:
    rows = [
        DayRow(D(2026, 12, 31), DayKind.HOLIDAY, "元旦"),
        DayRow(D(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
    ]
    actions.record_calendar_year(actor=SYSTEM, year=2027, rows=rows, source="x")
    assert CalendarDay.objects.filter(date__year=2026).count() == len(official_rows([2026])) + 1
    assert heard[0]["years"] == frozenset({2026, 2027})


def test_a_weekday_make_up_day_is_refused_and_nothing_is_written(
    heard: list[dict[str, Any]],
) -> None:
    count = CalendarDay.objects.count()
    with pytest.raises(ValidationError, match="must be a Saturday or Sunday"):
        actions.record_calendar_year(
            actor=SYSTEM,
            year=2027,
            rows=[DayRow(D(2027, 2, 17), DayKind.WORKDAY, "春节")],
            source="x",
        )
    assert CalendarDay.objects.count() == count
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert heard == []


def test_a_failing_listener_rolls_the_calendar_change_back() -> None:
    def broken(sender: Any, **kwargs: Any) -> None:
        raise RuntimeError("recomputation failed")

    calendar_changed.connect(broken, dispatch_uid="broken")
    try:
        with pytest.raises(RuntimeError):
            actions.set_year_confirmed(actor=SYSTEM, year=2026, confirmed=False)
    finally:
        calendar_changed.disconnect(dispatch_uid="broken")
    assert CalendarYear.objects.get(year=2026).confirmed


def test_marking_a_year_provisional_and_confirming_it_again(
    heard: list[dict[str, Any]],
) -> None:
    actions.set_year_confirmed(actor=SYSTEM, year=2026, confirmed=False)
    assert workday_calendar().is_provisional(D(2026, 6, 1))
    # Days were entered for 2026: they still count, no prediction replaces them.
    assert workday_calendar().is_workday(D(2026, 10, 10))
    actions.set_year_confirmed(actor=SYSTEM, year=2026, confirmed=True, source="国办发明电")
    assert not workday_calendar().is_provisional(D(2026, 6, 1))
    unchanged = actions.set_year_confirmed(actor=SYSTEM, year=2026, confirmed=True)
    assert not unchanged.changed_anything
    assert [call["years"] for call in heard] == [frozenset({2026})] * 2


def test_single_days_are_added_corrected_and_removed(heard: list[dict[str, Any]]) -> None:
    row = DayRow(D(2027, 5, 8), DayKind.WORKDAY, "劳动节")
    actions.set_calendar_day(actor=SYSTEM, row=row, source="x")
    actions.set_calendar_day(actor=SYSTEM, row=DayRow(row.date, DayKind.WORKDAY, "五一"))
    assert CalendarDay.objects.get(date=row.date).name == "五一"
    actions.remove_calendar_day(actor=SYSTEM, day=CalendarDay.objects.get(date=row.date))
    assert not CalendarDay.objects.filter(date=row.date).exists()
    assert [call["years"] for call in heard] == [frozenset({2027})] * 3


def test_a_multi_year_file_needs_to_say_which_year_it_is(heard: list[dict[str, Any]]) -> None:
    rows = [
        DayRow(D(2026, 12, 31), DayKind.HOLIDAY, "元旦"),
        DayRow(D(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
    ]
    with pytest.raises(ValidationError, match="--year"):
        actions.import_calendar(actor=SYSTEM, rows=rows, source="x")
    change = actions.import_calendar(actor=SYSTEM, rows=rows, source="x", year=2027)
    assert 2027 in change.years


def test_only_the_platform_admin_edits_the_calendar(personas: Personas) -> None:
    for who in (personas.admin_a, personas.head_a, personas.supervisor):
        with pytest.raises(PermissionDenied):
            actions.set_year_confirmed(actor=who, year=2026, confirmed=False)

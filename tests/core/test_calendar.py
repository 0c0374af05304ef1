"""The working-day calendar value, its seed data, its predictions and what it reads."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.calendar import CalendarError, DayKind, DayRow, WorkdayCalendar
from gongkai.core.calendar_data import (
    official_calendar,
    official_rows,
    official_years,
    predicted_holidays,
)
from gongkai.core.calendar_input import (
    CalendarInputError,
    check_year,
    parse_csv,
    parse_ical,
    parse_lines,
    parse_notice,
    parse_text,
)

D = dt.date
CAL = official_calendar(predict_through=2028)

NOTICE_2025 = """国务院办公厅关于2025年部分节假日安排的通知
国办发明电〔2024〕12号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2025年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。
国务院办公厅
2024年11月11日
"""

# The 2024 notice as one pasted line, with an exhortation that names a date but is no holiday.
NOTICE_2024_SPRING = (
    "二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。"
    "鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。"
)


# -- the value ---------------------------------------------------------------------------------


def test_weekends_are_off_and_weekdays_are_on_without_exceptions() -> None:
    plain = WorkdayCalendar.weekdays_only()
    assert plain.is_workday(D(2025, 9, 26))  # Friday
    assert not plain.is_workday(D(2025, 9, 27))  # Saturday
    assert plain.is_provisional(D(2025, 9, 26))  # nothing confirmed


def test_a_make_up_weekend_day_is_a_working_day_and_a_holiday_weekday_is_not() -> None:
    assert CAL.is_workday(D(2025, 9, 28))  # Sunday, 调休上班
    assert CAL.is_workday(D(2025, 10, 11))  # Saturday, 调休上班
    assert not CAL.is_workday(D(2025, 10, 1))
    assert CAL.day_name(D(2025, 10, 6)) == "中秋节"
    assert CAL.day_name(D(2025, 9, 28)) == "国庆节"


def test_add_workdays_never_counts_the_start_day() -> None:
    assert CAL.add_workdays(D(2025, 9, 26), 20) == D(2025, 10, 30)
    assert CAL.add_workdays(D(2025, 10, 3), 1) == D(2025, 10, 9)  # from inside a holiday
    assert CAL.add_workdays(D(2025, 9, 26), 1) == D(2025, 9, 28)  # to a make-up Sunday
    assert CAL.add_workdays(D(2025, 9, 26), 0) == D(2025, 9, 26)


def test_add_workdays_refuses_a_negative_count() -> None:
    with pytest.raises(ValueError, match="negative"):
        CAL.add_workdays(D(2025, 1, 1), -1)


def test_workdays_in_counts_the_half_open_interval() -> None:
    assert CAL.workdays_in(D(2025, 9, 26), D(2025, 10, 30)) == 20
    assert CAL.workdays_in(D(2025, 10, 9), D(2025, 10, 9)) == 0
    assert CAL.workdays_in(D(2025, 10, 9), D(2025, 10, 1)) == 0
    assert CAL.workdays_in(D(2025, 10, 8), D(2025, 10, 9)) == 1


def test_a_day_recorded_both_ways_or_twice_is_refused() -> None:
    with pytest.raises(CalendarError, match="both"):
        WorkdayCalendar({D(2025, 1, 1): "元旦"}, {D(2025, 1, 1): "x"})
    with pytest.raises(CalendarError, match="twice"):
        WorkdayCalendar.from_rows(
            [DayRow(D(2025, 1, 1), DayKind.HOLIDAY), DayRow(D(2025, 1, 1), DayKind.HOLIDAY)], []
        )


def test_a_calendar_without_any_working_day_fails_instead_of_looping() -> None:
    every_day = {D(2030, 1, 1) + dt.timedelta(days=i): "x" for i in range(5000)}
    with pytest.raises(CalendarError, match="no 1 working days"):
        WorkdayCalendar(holidays=every_day).add_workdays(D(2030, 1, 1), 1)


def test_predictions_apply_to_unconfirmed_years_only() -> None:
    predicted = {D(2027, 10, 4): "国庆节（补假）", D(2026, 10, 9): "wrong guess"}
    calendar = WorkdayCalendar(confirmed_years=frozenset({2026}), predicted=predicted)
    assert not calendar.is_workday(D(2027, 10, 4))
    assert calendar.is_provisional(D(2027, 10, 4))
    assert calendar.is_workday(D(2026, 10, 9))  # a confirmed year ignores a stale guess
    assert not calendar.is_provisional(D(2026, 10, 9))


def test_any_provisional_looks_at_the_days_after_the_start_only() -> None:
    assert not CAL.any_provisional(D(2026, 12, 1), D(2026, 12, 31))
    assert CAL.any_provisional(D(2026, 12, 1), D(2027, 1, 5))
    assert not CAL.any_provisional(D(2027, 1, 5), D(2026, 12, 1))
    # starting on the last day of 2026 counts only 2027 days
    assert CAL.any_provisional(D(2026, 12, 31), D(2027, 1, 4))


def test_the_calendar_value_cannot_be_changed_behind_its_holders_back() -> None:
    source = {D(2025, 1, 1): "元旦"}
    calendar = WorkdayCalendar(holidays=source)
    source[D(2025, 1, 2)] = "x"
    assert D(2025, 1, 2) not in calendar.holidays
    with pytest.raises(TypeError):
        calendar.holidays[D(2025, 1, 3)] = "y"  # type: ignore[index]


def test_a_predicted_holiday_has_its_name_until_the_year_is_confirmed() -> None:
    assert CAL.day_name(D(2027, 10, 4)) == "国庆节（补假）"
    assert CAL.day_name(D(2025, 10, 13)) == ""


def test_exceptional_and_predicted_days_are_listed_by_year_in_order() -> None:
    rows = CAL.exceptional_days(2025)
    assert rows == sorted(rows)
    assert DayRow(D(2025, 10, 11), DayKind.WORKDAY, "国庆节") in rows
    assert CAL.predicted_days(2025) == []
    assert DayRow(D(2027, 1, 1), DayKind.HOLIDAY, "元旦") in CAL.predicted_days(2027)


@settings(max_examples=200)
@given(st.dates(D(2004, 1, 1), D(2028, 6, 30)), st.integers(0, 60))
def test_add_workdays_and_workdays_in_are_inverse(start: dt.date, n: int) -> None:
    end = CAL.add_workdays(start, n)
    assert CAL.workdays_in(start, end) == n
    assert n == 0 or CAL.is_workday(end)


# -- seed data and predictions ------------------------------------------------------------------


def test_the_seed_covers_2004_to_2026_with_make_up_days() -> None:
    years = official_years()
    assert years.start == 2004 and years.stop - 1 >= 2026
    rows = official_rows([2026])
    assert DayRow(D(2026, 2, 14), DayKind.WORKDAY, "春节") in rows
    assert DayRow(D(2026, 2, 23), DayKind.HOLIDAY, "春节") in rows
    assert all(r.date.year == 2026 for r in rows)


def test_the_seed_includes_the_2020_spring_festival_extension() -> None:
    # 国办发明电〔2020〕1号 extended the holiday to 2 February; 1 February was no longer worked.
    assert not CAL.is_workday(D(2020, 1, 31))
    assert not CAL.is_workday(D(2020, 2, 1))
    assert CAL.is_workday(D(2020, 2, 3))


def test_the_holidays_package_predicts_2027_but_not_its_make_up_days() -> None:
    predicted = predicted_holidays([2027])
    assert predicted[D(2027, 1, 1)] == "元旦"
    assert D(2027, 10, 1) in predicted
    assert all(day.year == 2027 for day in predicted)
    assert "妇女节" not in predicted.values()  # half-day observances are not days off
    assert predicted_holidays([]) == {}


# -- reading a notice, lines, CSV, iCal -----------------------------------------------------------


def test_the_pasted_2025_notice_reads_exactly_as_the_seed_has_it() -> None:
    rows = parse_notice(2025, NOTICE_2025)
    assert {(r.date, r.kind) for r in rows} == {(r.date, r.kind) for r in official_rows([2025])}
    assert next(r for r in rows if r.date == D(2025, 10, 11)).name == "国庆节、中秋节"
    assert check_year(2025, rows) == []


def test_a_notice_sentence_that_only_encourages_rest_adds_no_holiday() -> None:
    rows = parse_notice(2024, NOTICE_2024_SPRING)
    assert D(2024, 2, 9) not in {r.date for r in rows}
    assert [r.date for r in rows if r.kind is DayKind.WORKDAY] == [D(2024, 2, 4), D(2024, 2, 18)]
    assert len([r for r in rows if r.kind is DayKind.HOLIDAY]) == 8


def test_a_sentence_about_holidays_without_a_date_is_no_arrangement() -> None:
    rows = parse_notice(2025, "一、元旦：1月1日（周三）放假1天。节日放假期间注意安全。")
    assert [r.date for r in rows] == [D(2025, 1, 1)]


def test_a_notice_with_explicit_years_crosses_new_year() -> None:
    rows = parse_notice(2023, "一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。")
    assert [r.date for r in rows] == [D(2022, 12, 31), D(2023, 1, 1), D(2023, 1, 2)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("三、清明节：4月4日（周四）至6日（周日）放假，共3天。", "not 周四 as written"),
        (
            "三、清明节：4月4日（周五）至6日（周日）放假，共4天。",
            "says 4 days but the dates give 3",
        ),
        ("四、劳动节：5月1日至5日放假调休，共5天。4月31日（周日）上班。", "not a date"),
        ("清明节放假。", "no numbered section"),
        ("三、清明节：4日至6日放假，共3天。", "the month is missing"),
        ("五、端午节：6月2日至5月31日放假。", "the range ends before it starts"),
    ],
)
def test_a_mistyped_notice_is_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(CalendarInputError, match=message):
        parse_notice(2025, text)


def test_dated_lines_read_ranges_names_and_kinds() -> None:
    rows = parse_lines(
        "# 2027\n2027-10-01..2027-10-07 国庆节 休\n2027-09-26 国庆节 班\n\n"
        "2027-01-01 元旦 holiday\n"
    )
    assert len(rows) == 9
    assert rows[1] == DayRow(D(2027, 9, 26), DayKind.WORKDAY, "国庆节")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2027-13-01 元旦 休", "line 1: '2027-13-01': not a date"),
        ("2027-01-01 元旦", "line 1: kind '元旦'"),
        ("2027-01-01\n2027-01-05..2027-01-02 x 休", "line 1: say whether"),
        ("2027-01-05..2027-01-02 x 休", "line 1: the range ends before it starts"),
        ("元旦 2027-01-01 休", "line 1: '元旦 2027-01-01 休': expected"),
        ("2027-01-01 元旦 休\n2027-01-01 元旦 休", "given twice"),
    ],
)
def test_bad_dated_lines_name_the_line(text: str, message: str) -> None:
    with pytest.raises(CalendarInputError) as caught:
        parse_lines(text)
    assert message in str(caught.value)


def test_the_form_text_is_read_as_lines_or_as_a_notice() -> None:
    assert parse_text(2027, "2027-01-01 元旦 休")[0].date == D(2027, 1, 1)
    assert parse_text(2025, NOTICE_2025)[0].date == D(2025, 1, 1)


def test_csv_reads_with_a_header_in_any_order_and_chinese_kinds() -> None:
    rows = parse_csv("name,date,kind\n元旦,2027-01-01,放假\n春节,2027-02-20,上班\n")
    assert rows == [
        DayRow(D(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
        DayRow(D(2027, 2, 20), DayKind.WORKDAY, "春节"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("day,kind\n2027-01-01,休\n", "line 1: the header must name date"),
        ("date,kind\n2027-01-01,休\n2027-02-30,休\n", "line 3: '2027-02-30': not a date"),
        ("date,kind\n2027-01-01,maybe\n", "line 2: kind 'maybe'"),
        ("date,kind\n", "no day in the file"),
        ("date,kind\n2027-01-01,休\n2027-01-01,班\n", "line 3: 2027-01-01 is given twice"),
    ],
)
def test_bad_csv_names_the_line(text: str, message: str) -> None:
    with pytest.raises(CalendarInputError) as caught:
        parse_csv(text)
    assert message in str(caught.value)


ICAL = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:1
DTSTART;VALUE=DATE:20271001
DTEND;VALUE=DATE:20271008
SUMMARY:\xe5\x9b\xbd\xe5\xba\x86\xe8\x8a\x82 \xe4\xbc\x91
END:VEVENT
BEGIN:VEVENT
UID:2
DTSTART;VALUE=DATE:20270926
SUMMARY:\xe5\x9b\xbd\xe5\xba\x86\xe8\x8a\x82 \xe7\x8f\xad
END:VEVENT
END:VCALENDAR
"""


def test_ical_all_day_events_become_holidays_and_make_up_days() -> None:
    rows = parse_ical(ICAL)
    holidays = [r for r in rows if r.kind is DayKind.HOLIDAY]
    assert [r.date for r in holidays] == [D(2027, 10, d) for d in range(1, 8)]  # DTEND exclusive
    assert DayRow(D(2027, 9, 26), DayKind.WORKDAY, "国庆节") in rows
    assert holidays[0].name == "国庆节"


def test_an_ical_category_can_mark_a_make_up_day() -> None:
    marked = ICAL.replace(b"UID:2\n", b"UID:2\nCATEGORIES:workday\n").replace(
        b"SUMMARY:\xe5\x9b\xbd\xe5\xba\x86\xe8\x8a\x82 \xe7\x8f\xad", b"SUMMARY:National Day"
    )
    row = next(r for r in parse_ical(marked) if r.date == D(2027, 9, 26))
    assert (row.kind, row.name) == (DayKind.WORKDAY, "National Day")


def test_ical_that_is_not_ical_or_has_timed_events_is_refused() -> None:
    with pytest.raises(CalendarInputError, match="not an iCal file"):
        parse_ical(b"hello")
    timed = ICAL.replace(b"DTSTART;VALUE=DATE:20270926", b"DTSTART:20270926T090000")
    with pytest.raises(CalendarInputError, match="not an all-day event"):
        parse_ical(timed)
    backwards = ICAL.replace(b"DTEND;VALUE=DATE:20271008", b"DTEND;VALUE=DATE:20270930")
    with pytest.raises(CalendarInputError, match="DTEND is not after DTSTART"):
        parse_ical(backwards)
    empty = b"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nEND:VCALENDAR\n"
    with pytest.raises(CalendarInputError, match="no all-day event"):
        parse_ical(empty)


def test_checking_a_year_finds_weekday_make_up_days_and_strays() -> None:
    rows = [
        DayRow(D(2027, 2, 17), DayKind.WORKDAY, "春节"),  # a Wednesday
        DayRow(D(2025, 5, 1), DayKind.HOLIDAY, "劳动节"),
        DayRow(D(2026, 12, 31), DayKind.HOLIDAY, "元旦"),  # the neighbouring year's edge: fine
    ]
    problems = check_year(2027, rows)
    assert len(problems) == 2
    assert "2027-02-17 is a 周三" in problems[0]
    assert "outside the 2027 notice" in problems[1]

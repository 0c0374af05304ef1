"""The respondent's deadlines in 复议 / 诉讼 against hand computations (``cases.csv``)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from gongkai.core.calendar import WorkdayCalendar
from gongkai.core.calendar_data import official_calendar
from gongkai.core.disputes_deadlines import (
    DisputeStatus,
    Proceeding,
    litigation_answer_due,
    respondent_due,
    review_reply_due,
    status_on,
)

CAL = official_calendar(predict_through=2029)
ROWS = list(csv.DictReader(Path(__file__).with_name("cases.csv").open(encoding="utf-8")))


def test_the_table_covers_holidays_make_up_days_and_a_period_ending_on_a_holiday() -> None:
    ids = {r["id"] for r in ROWS}
    assert len(ids) == len(ROWS) >= 10
    assert {"rev-nd-2025", "lit-ends-holiday", "lit-ends-makeup", "lit-spring-2026"} <= ids


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_the_due_date_agrees_with_the_hand_computation(row: dict[str, str]) -> None:
    deadline = respondent_due(row["proceeding"], dt.date.fromisoformat(row["received"]), CAL)
    assert deadline.due == dt.date.fromisoformat(row["expected_due"]), row["note"]
    assert deadline.provisional is (row["expected_provisional"] == "yes")
    assert deadline.steps[-1].on == deadline.due or deadline.provisional


def test_the_review_reply_cites_articles_48_and_88_and_names_the_holidays() -> None:
    d = review_reply_due(dt.date(2025, 9, 26), CAL)
    text = d.explanation
    assert "行政复议法第四十八条" in text and "第八十八条第二款" in text
    assert "国庆节" in text and "调休上班日计入" in text
    assert "2025年10月16日" in d.steps[-1].text


def test_the_simplified_procedure_gives_five_working_days() -> None:
    d = review_reply_due(dt.date(2025, 3, 3), CAL, simplified=True)
    assert d.due == dt.date(2025, 3, 10)
    assert "第五十四条" in d.explanation


def test_the_answer_in_a_suit_moves_past_the_holiday_and_says_why() -> None:
    d = litigation_answer_due(dt.date(2025, 9, 17), CAL)
    assert d.proceeding == Proceeding.LITIGATION
    assert "行政诉讼法第六十七条" in d.explanation
    assert "民事诉讼法第八十五条" in d.explanation and "顺延至" in d.explanation


def test_a_make_up_saturday_is_not_a_rest_day() -> None:
    d = litigation_answer_due(dt.date(2025, 9, 26), CAL)
    assert d.due == dt.date(2025, 10, 11)
    assert "不顺延" in d.explanation


def test_an_unconfirmed_year_makes_the_date_provisional() -> None:
    cal = WorkdayCalendar()
    d = review_reply_due(dt.date(2031, 3, 3), cal)
    assert d.provisional and "暂定" in d.explanation
    assert d.to_dict()["due"] == "2031-03-17"


def test_the_status_runs_then_is_due_soon_then_overdue_and_done_once_replied() -> None:
    d = review_reply_due(dt.date(2025, 3, 3), CAL)
    assert status_on(d, dt.date(2025, 3, 4), CAL) == DisputeStatus.RUNNING
    assert status_on(d, dt.date(2025, 3, 12), CAL) == DisputeStatus.DUE_SOON
    assert status_on(d, dt.date(2025, 3, 18), CAL) == DisputeStatus.OVERDUE
    assert status_on(d, dt.date(2025, 3, 18), CAL, dt.date(2025, 3, 18)) == DisputeStatus.DONE
    assert d.late(dt.date(2025, 3, 18)) and not d.late(dt.date(2025, 3, 17))

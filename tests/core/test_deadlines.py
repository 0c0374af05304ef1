"""The statutory clock: the golden table, the rules one by one, impossible sequences, properties."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.calendar import WorkdayCalendar
from gongkai.core.calendar_data import official_calendar
from gongkai.core.deadlines import (
    Channel,
    ClockError,
    CorrectionReceived,
    CorrectionRequested,
    Event,
    Extension,
    OfficeSetDate,
    Pause,
    PauseKind,
    Rules,
    Status,
    StepKind,
    compute_deadline,
    receipt_date,
)
from tests.core.deadlines.golden import GoldenCase, load_cases

D = dt.date
CAL = official_calendar(predict_through=2029)
CASES = load_cases()


# -- the golden table -------------------------------------------------------------------------


def test_the_golden_table_is_big_enough_and_has_unique_ids() -> None:
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)


def test_the_golden_table_holds_the_statutes_own_example() -> None:
    example = next(c for c in CASES if c.received == D(2025, 9, 26) and not c.events)
    assert example.expected_due == D(2025, 10, 30)


def test_the_golden_table_covers_what_the_issue_asks_for() -> None:
    received_on_holiday = [c for c in CASES if c.received in CAL.holidays]
    received_on_makeup_day = [c for c in CASES if c.received in CAL.workdays]
    spring = {c.received.year for c in CASES if c.id.startswith("sf-")}
    national = {c.received.year for c in CASES if c.id.startswith("nd-")}
    restarts = [c for c in CASES if any(isinstance(e, CorrectionReceived) for e in c.events)]
    extension_after_pause = [
        c
        for c in CASES
        if any(isinstance(e, Extension) for e in c.events)
        and any(isinstance(e, Pause) for e in c.events)
    ]
    assert received_on_holiday and received_on_makeup_day
    assert len(spring) >= 5 and len(national) >= 5
    assert len(restarts) >= 5
    assert extension_after_pause
    assert sum(c.expected_provisional for c in CASES) >= 4
    assert {e.kind for c in CASES for e in c.events if isinstance(e, Pause)} == set(PauseKind)
    assert {c.channel for c in CASES} == set(Channel)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_clock_agrees_with_the_hand_computed_golden_table(case: GoldenCase) -> None:
    result = compute_deadline(case.received, case.events, CAL, channel=case.channel)
    assert (result.due, result.provisional) == (case.expected_due, case.expected_provisional), (
        case.description,
        result.explanation,
    )
    assert result.steps[-1 - result.provisional].kind is StepKind.DUE


def _nth_workday_after_by_chinese_calendar(start: dt.date, n: int) -> dt.date:
    # find_workday(k, d) is "the k-th working day after the first working day on or after d";
    # asked from the day after ``start`` with k = n - 1 it is the n-th working day after start.
    day: dt.date = chinese_calendar.find_workday(n - 1, start + dt.timedelta(days=1))
    return day


ORACLE_CASES = [c for c in CASES if not c.has_pauses and not c.expected_provisional]


@pytest.mark.parametrize("case", ORACLE_CASES, ids=[c.id for c in ORACLE_CASES])
def test_the_golden_rows_without_pauses_agree_with_chinese_calendars_own_arithmetic(
    case: GoldenCase,
) -> None:
    # A second, independent oracle: chinese-calendar's find_workday, not our calendar code.
    start = case.received
    awaiting = False
    workdays = 20
    for event in case.events:
        if isinstance(event, CorrectionReceived):
            start = event.on
        elif isinstance(event, CorrectionRequested):
            awaiting = True
        elif isinstance(event, Extension):
            workdays += event.workdays
    if any(isinstance(e, CorrectionReceived) for e in case.events):
        awaiting = False
    assert awaiting or start >= case.received
    assert _nth_workday_after_by_chinese_calendar(start, workdays) == case.expected_due


# -- the rules, one by one --------------------------------------------------------------------


def test_the_statutes_example_is_explained_step_by_step_with_articles() -> None:
    result = compute_deadline(D(2025, 9, 26), [], CAL)
    assert result.due == D(2025, 10, 30)
    assert result.provisional is False
    assert [s.kind for s in result.steps] == [StepKind.RECEIPT, StepKind.START, StepKind.DUE]
    assert "自2025年9月26日收到申请起算20个工作日（第三十三条）" in result.explanation
    assert "（第三十一条第一项）" in result.steps[0].text
    assert result.steps[-1].text == "答复期限：2025年10月30日（星期四）。"


def test_a_pause_an_extension_and_their_articles_appear_in_the_explanation() -> None:
    result = compute_deadline(
        D(2025, 9, 26),
        [
            Pause(PauseKind.THIRD_PARTY, D(2025, 10, 9), D(2025, 10, 14)),
            Extension(D(2025, 11, 3)),
        ],
        CAL,
    )
    text = result.explanation
    assert (
        "2025年10月9日至2025年10月14日征求第三方意见，暂停4个工作日（第三十二条、第三十三条）"
        in text
    )
    assert "经政府信息公开工作机构负责人同意，延长答复期限20个工作日（第三十三条）" in text
    assert result.paused_workdays == 4
    assert result.extension_workdays == 20
    assert result.due == CAL.add_workdays(D(2025, 9, 26), 44)


@pytest.mark.parametrize(
    ("channel", "item"),
    [
        (Channel.IN_PERSON, "第三十一条第一项"),
        (Channel.REGISTERED_POST, "第三十一条第二项"),
        (Channel.ORDINARY_LETTER, "第三十一条第二项"),
        (Channel.ONLINE, "第三十一条第三项"),
        (Channel.EMAIL, "第三十一条第三项"),
        (Channel.FAX, "第三十一条第三项"),
    ],
)
def test_each_channel_names_its_receipt_rule(channel: Channel, item: str) -> None:
    result = compute_deadline(D(2025, 9, 26), [], CAL, channel=channel)
    assert item in result.steps[0].text
    assert result.due == D(2025, 10, 30)  # the channel decides the date, not the arithmetic


def test_the_receipt_date_is_the_signing_or_confirmation_day_by_channel() -> None:
    arrived = D(2025, 9, 26)
    assert receipt_date(Channel.IN_PERSON, submitted=arrived) == arrived
    assert receipt_date(Channel.REGISTERED_POST, submitted=arrived, signed_for=D(2025, 9, 28)) == D(
        2025, 9, 28
    )
    assert receipt_date(Channel.ORDINARY_LETTER, submitted=arrived, confirmed=D(2025, 9, 29)) == D(
        2025, 9, 29
    )
    assert receipt_date(Channel.ONLINE, submitted=arrived, confirmed=arrived) == arrived
    with pytest.raises(ClockError, match="确认"):
        receipt_date(Channel.EMAIL, submitted=arrived)
    with pytest.raises(ClockError, match="confirmed before submitted"):
        receipt_date(Channel.FAX, submitted=arrived, confirmed=D(2025, 9, 25))
    with pytest.raises(ClockError, match="signed for before it arrived"):
        receipt_date(Channel.REGISTERED_POST, submitted=arrived, signed_for=D(2025, 9, 20))


def test_the_correction_notice_is_due_seven_working_days_after_receipt() -> None:
    result = compute_deadline(D(2025, 9, 26), [], CAL)
    # 9-28 (Sun, make-up), 9-29, 9-30, the holiday, 10-09, 10-10, 10-11 (Sat, make-up), 10-13.
    assert result.correction_notice_due == D(2025, 10, 13)
    assert result.correction_notice_provisional is False


def test_a_late_correction_notice_is_flagged_but_still_restarts_the_clock() -> None:
    result = compute_deadline(
        D(2025, 7, 7),
        [CorrectionRequested(D(2025, 7, 18)), CorrectionReceived(D(2025, 7, 25))],
        CAL,
    )
    warnings = [s for s in result.steps if s.kind is StepKind.WARNING]
    assert len(warnings) == 1
    assert "2025年7月16日" in warnings[0].text
    assert result.start == D(2025, 7, 25)


def test_it_restarts_the_clock_when_the_correction_arrives() -> None:
    result = compute_deadline(
        D(2025, 3, 3), [CorrectionRequested(D(2025, 3, 5)), CorrectionReceived(D(2025, 3, 20))], CAL
    )
    assert result.start == D(2025, 3, 20)
    assert result.due == CAL.add_workdays(D(2025, 3, 20), 20)
    restart = next(s for s in result.steps if s.kind is StepKind.RESTART)
    assert "自该日重新起算20个工作日（第三十条）" in restart.text


def test_while_a_correction_is_awaited_the_status_is_paused() -> None:
    result = compute_deadline(D(2025, 7, 7), [CorrectionRequested(D(2025, 7, 9))], CAL)
    assert result.awaiting_correction_since == D(2025, 7, 9)
    assert result.status(D(2025, 7, 8)) is Status.RUNNING
    assert result.status(D(2025, 7, 9)) is Status.PAUSED
    assert result.status(D(2025, 9, 1)) is Status.PAUSED  # never overdue while awaiting


def test_a_correction_received_without_a_recorded_request_still_restarts() -> None:
    result = compute_deadline(D(2025, 3, 3), [CorrectionReceived(D(2025, 3, 20))], CAL)
    assert result.due == D(2025, 4, 18)
    earlier_pause = Pause(PauseKind.THIRD_PARTY, D(2025, 3, 4), D(2025, 3, 7))
    restarted = compute_deadline(
        D(2025, 3, 3), [earlier_pause, CorrectionReceived(D(2025, 3, 20))], CAL
    )
    assert restarted.due == D(2025, 4, 18)  # the pause before the restart is absorbed by it
    assert restarted.paused_workdays == 0


def test_the_fee_notice_period_runs_on_when_the_agency_says_it_does_not_pause() -> None:
    fee = Pause(PauseKind.FEE, D(2025, 6, 10), D(2025, 6, 17))
    paused = compute_deadline(D(2025, 6, 3), [fee], CAL)
    running = compute_deadline(D(2025, 6, 3), [fee], CAL, rules=Rules(fee_pauses_clock=False))
    assert paused.due == D(2025, 7, 8)
    assert running.due == D(2025, 7, 1)
    assert "本机关设置收费通知至缴费期间照常计算" in running.explanation


def test_an_unpaid_fee_pauses_the_clock_for_at_most_the_payment_period() -> None:
    fee = Pause(PauseKind.FEE, D(2025, 6, 10), D(2025, 8, 29), delivered=D(2025, 6, 11))
    result = compute_deadline(D(2025, 6, 3), [fee], CAL)
    # 20 working days from the day after the notice was received: (6-11, 7-9].
    assert result.paused_workdays == CAL.workdays_in(D(2025, 6, 10), D(2025, 7, 9))
    assert any("申请人应在收到通知之日起20个工作日内" in s.text for s in result.steps)


def test_an_open_consultation_is_counted_up_to_the_day_of_evaluation() -> None:
    open_pause = Pause(PauseKind.THIRD_PARTY, D(2025, 10, 9))
    result = compute_deadline(D(2025, 9, 26), [open_pause], CAL, as_of=D(2025, 10, 14))
    assert result.paused_workdays == 4  # 10-10, 10-11 (Sat, make-up), 10-13, 10-14
    assert result.status(D(2025, 10, 14)) is Status.PAUSED
    assert result.status(D(2025, 10, 20)) is Status.PAUSED  # still open
    assert "尚未结束，暂计至2025年10月14日" in result.explanation


def test_an_open_consultation_closes_itself_when_the_consultee_lapses() -> None:
    open_pause = Pause(PauseKind.CO_PRODUCER, D(2025, 10, 9))
    result = compute_deadline(D(2025, 9, 26), [open_pause], CAL, as_of=D(2025, 12, 1))
    lapse = CAL.add_workdays(D(2025, 10, 9), 15)
    assert result.pauses == ((D(2025, 10, 9), lapse),)
    assert result.paused_workdays == 15
    assert result.status(lapse + dt.timedelta(days=1)) is not Status.PAUSED


def test_an_open_pause_without_a_day_of_evaluation_is_refused() -> None:
    with pytest.raises(ClockError, match="as_of"):
        compute_deadline(D(2025, 9, 26), [Pause(PauseKind.THIRD_PARTY, D(2025, 10, 9))], CAL)


def test_a_shorter_extension_adds_exactly_its_working_days() -> None:
    result = compute_deadline(D(2025, 9, 26), [Extension(D(2025, 10, 20), workdays=10)], CAL)
    assert result.due == CAL.add_workdays(D(2025, 10, 30), 10)


def test_the_office_may_set_its_own_later_date_under_article_35() -> None:
    result = compute_deadline(
        D(2025, 9, 26), [OfficeSetDate(set_on=D(2025, 10, 20), due=D(2025, 12, 31))], CAL
    )
    assert result.due == D(2025, 12, 31)
    assert result.office_set is True
    assert result.provisional is False
    assert "（第三十五条）" in result.explanation


def test_the_office_date_also_settles_a_provisional_year() -> None:
    result = compute_deadline(
        D(2026, 12, 10), [OfficeSetDate(set_on=D(2026, 12, 20), due=D(2027, 3, 1))], CAL
    )
    assert (result.due, result.provisional) == (D(2027, 3, 1), False)


def test_a_provisional_deadline_names_the_unconfirmed_year() -> None:
    result = compute_deadline(D(2026, 12, 10), [], CAL)
    assert result.provisional is True
    assert result.steps[-1].kind is StepKind.PROVISIONAL
    assert "2027年的节假日安排尚未经国务院办公厅通知确认" in result.steps[-1].text


def test_status_runs_then_is_due_soon_then_overdue() -> None:
    result = compute_deadline(D(2025, 9, 26), [], CAL)  # due 2025-10-30 (Thu)
    assert result.status(D(2025, 10, 20)) is Status.RUNNING  # 8 working days left
    assert result.remaining_workdays(D(2025, 10, 23)) == 5
    assert result.status(D(2025, 10, 23)) is Status.DUE_SOON
    assert result.status(D(2025, 10, 30)) is Status.DUE_SOON
    assert result.remaining_workdays(D(2025, 10, 30)) == 0
    assert result.status(D(2025, 10, 31)) is Status.OVERDUE
    assert result.remaining_workdays(D(2025, 11, 3)) == -2


def test_status_is_paused_strictly_after_the_pause_starts_and_through_its_end() -> None:
    pause = Pause(PauseKind.THIRD_PARTY, D(2025, 10, 9), D(2025, 10, 15))
    result = compute_deadline(D(2025, 9, 26), [pause], CAL)
    assert result.status(D(2025, 10, 9)) is not Status.PAUSED  # the sending day still counts
    assert result.status(D(2025, 10, 10)) is Status.PAUSED
    assert result.status(D(2025, 10, 15)) is Status.PAUSED
    assert result.status(D(2025, 10, 16)) is Status.RUNNING


def test_the_result_serialises_to_plain_json_types() -> None:
    data = compute_deadline(D(2025, 9, 26), [Extension(D(2025, 10, 28))], CAL).to_dict()
    assert data["due"] == "2025-11-27"
    assert data["provisional"] is False
    assert data["steps"][2]["kind"] == "extension"
    assert data["steps"][2]["article"] == "第三十三条"
    assert data["steps"][2]["on"] == "2025-10-28"


# -- impossible sequences ---------------------------------------------------------------------

IMPOSSIBLE: list[tuple[str, list[Event], str]] = [
    (
        "a pause that ends before it starts",
        [Pause(PauseKind.THIRD_PARTY, D(2025, 10, 15), D(2025, 10, 9))],
        "早于开始日",
    ),
    (
        "a correction requested before receipt",
        [CorrectionRequested(D(2025, 9, 20))],
        "早于收到申请",
    ),
    ("a correction received before receipt", [CorrectionReceived(D(2025, 9, 25))], "早于收到申请"),
    (
        "a correction received before it was requested",
        [CorrectionRequested(D(2025, 10, 9)), CorrectionReceived(D(2025, 9, 29))],
        "早于告知补正",
    ),
    (
        "two correction requests",
        [CorrectionRequested(D(2025, 9, 29)), CorrectionRequested(D(2025, 10, 9))],
        "补正只能告知一次",
    ),
    ("an extension after the deadline", [Extension(D(2025, 10, 31))], "晚于答复期限"),
    (
        "two extensions",
        [Extension(D(2025, 10, 9)), Extension(D(2025, 10, 20))],
        "只能延长一次",
    ),
    ("an extension of more than 20 days", [Extension(D(2025, 10, 9), workdays=21)], "1至20"),
    (
        "an extension before the clock restarted",
        [
            CorrectionRequested(D(2025, 9, 28)),
            CorrectionReceived(D(2025, 10, 13)),
            Extension(D(2025, 9, 27)),
        ],
        "早于收到补正",
    ),
    (
        "an extension while the correction is awaited",
        [CorrectionRequested(D(2025, 9, 28)), Extension(D(2025, 10, 9))],
        "等待补正期间",
    ),
    (
        "a consultation while the correction is awaited",
        [
            CorrectionRequested(D(2025, 9, 28)),
            CorrectionReceived(D(2025, 10, 13)),
            Pause(PauseKind.THIRD_PARTY, D(2025, 10, 9), D(2025, 10, 10)),
        ],
        "等待补正期间",
    ),
    (
        "a consultation still running when the correction is requested",
        [
            Pause(PauseKind.THIRD_PARTY, D(2025, 9, 27), D(2025, 10, 10)),
            CorrectionRequested(D(2025, 9, 29)),
        ],
        "尚未结束",
    ),
    (
        "a consultee receiving the letter before it was sent",
        [Pause(PauseKind.THIRD_PARTY, D(2025, 10, 9), D(2025, 10, 10), D(2025, 10, 8))],
        "送达日",
    ),
    (
        "the office setting its date after the deadline",
        [OfficeSetDate(D(2025, 10, 31), D(2025, 12, 31))],
        "晚于答复期限",
    ),
    (
        "the office setting a date before the day it decides",
        [OfficeSetDate(D(2025, 10, 20), D(2025, 10, 10))],
        "早于作出确定之日",
    ),
    (
        "the office setting its date before a correction restarted the clock",
        [
            CorrectionRequested(D(2025, 9, 28)),
            CorrectionReceived(D(2025, 10, 13)),
            OfficeSetDate(D(2025, 10, 10), D(2025, 12, 31)),
        ],
        "早于起算日",
    ),
    (
        "an extension after the office set its date",
        [OfficeSetDate(D(2025, 10, 9), D(2025, 12, 31)), Extension(D(2025, 10, 10))],
        "不再有延长答复期限",
    ),
    (
        "a correction requested before the application was received",
        [CorrectionRequested(D(2025, 9, 25))],
        "告知补正（2025-09-25）早于收到申请之日",
    ),
    (
        "a pause after the office set its date",
        [
            OfficeSetDate(D(2025, 10, 9), D(2025, 12, 31)),
            Pause(PauseKind.THIRD_PARTY, D(2025, 10, 13), D(2025, 10, 14)),
        ],
        "不再有",
    ),
]


@pytest.mark.parametrize(
    ("events", "message"), [(e, m) for _, e, m in IMPOSSIBLE], ids=[i for i, _, _ in IMPOSSIBLE]
)
def test_impossible_sequences_are_refused_with_a_message_naming_what(
    events: list[Event], message: str
) -> None:
    with pytest.raises(ClockError, match=message) as caught:
        compute_deadline(D(2025, 9, 26), events, CAL)
    assert "\n" not in str(caught.value)
    assert " / " in str(caught.value)  # Chinese for the officer, English for the log


def test_a_pause_started_after_the_deadline_does_not_revive_it() -> None:
    late = Pause(PauseKind.THIRD_PARTY, D(2025, 10, 31), D(2025, 11, 5))
    result = compute_deadline(D(2025, 9, 26), [late], CAL)
    assert result.due == D(2025, 10, 30)
    assert any(s.kind is StepKind.PAUSE_NOT_COUNTED for s in result.steps)


# -- properties ---------------------------------------------------------------------------------

DAYS = st.dates(min_value=D(2019, 1, 1), max_value=D(2027, 6, 30))
CALENDARS = st.sampled_from([CAL, WorkdayCalendar.weekdays_only()])


@st.composite
def pauses(draw: st.DrawFn, received: dt.date, count: int = 3) -> list[Event]:
    found: list[Event] = []
    for _ in range(draw(st.integers(0, count))):
        start = received + dt.timedelta(days=draw(st.integers(0, 20)))
        end = start + dt.timedelta(days=draw(st.integers(0, 25)))
        found.append(Pause(draw(st.sampled_from(list(PauseKind))), start, end))
    return found


@settings(max_examples=150, deadline=None)
@given(st.data(), DAYS, CALENDARS)
def test_the_due_date_is_always_a_working_day(
    data: st.DataObject, received: dt.date, calendar: WorkdayCalendar
) -> None:
    events = data.draw(pauses(received))
    result = compute_deadline(received, events, calendar)
    assert calendar.is_workday(result.due)
    assert result.due > received


@settings(max_examples=150, deadline=None)
@given(st.data(), DAYS, CALENDARS)
def test_adding_a_pause_never_brings_the_deadline_forward(
    data: st.DataObject, received: dt.date, calendar: WorkdayCalendar
) -> None:
    events = data.draw(pauses(received, count=2))
    extra = data.draw(pauses(received, count=1).filter(bool))
    before = compute_deadline(received, events, calendar).due
    after = compute_deadline(received, [*events, *extra], calendar).due
    assert after >= before


@settings(max_examples=150, deadline=None)
@given(st.data(), DAYS, CALENDARS, st.integers(1, 20))
def test_an_extension_adds_exactly_its_working_days(
    data: st.DataObject, received: dt.date, calendar: WorkdayCalendar, days: int
) -> None:
    events = data.draw(pauses(received))
    before = compute_deadline(received, events, calendar).due
    granted = received + dt.timedelta(days=data.draw(st.integers(0, (before - received).days)))
    after = compute_deadline(received, [*events, Extension(granted, days)], calendar).due
    assert calendar.workdays_in(before, after) == days
    assert calendar.is_workday(after)


@settings(max_examples=150, deadline=None)
@given(DAYS, st.integers(0, 60), CALENDARS)
def test_a_restart_by_correction_never_brings_the_deadline_forward(
    received: dt.date, delay: int, calendar: WorkdayCalendar
) -> None:
    arrived = received + dt.timedelta(days=delay)
    plain = compute_deadline(received, [], calendar).due
    restarted = compute_deadline(
        received, [CorrectionRequested(received), CorrectionReceived(arrived)], calendar
    ).due
    assert restarted >= plain
    assert restarted == calendar.add_workdays(arrived, 20)


@settings(max_examples=100, deadline=None)
@given(st.data(), DAYS)
def test_the_due_date_is_twenty_plus_the_union_of_paused_working_days(
    data: st.DataObject, received: dt.date
) -> None:
    events = data.draw(pauses(received))
    result = compute_deadline(received, events, CAL)
    union: set[dt.date] = set()
    running = CAL.add_workdays(received, 20)
    for pause in sorted((e for e in events if isinstance(e, Pause)), key=lambda p: p.start):
        assert pause.end is not None
        if pause.start > running:
            continue  # started after the deadline: not counted
        end = min(pause.end, CAL.add_workdays(pause.start, 15 if pause.kind != "fee" else 20))
        union |= set(CAL.workdays_between(pause.start, end))
        running = CAL.add_workdays(received, 20 + len(union))
    assert result.paused_workdays == len(union)
    assert result.due == running

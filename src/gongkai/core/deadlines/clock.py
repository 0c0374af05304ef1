"""The computation: one function per article, applied in the order the 条例 sets.

``compute_deadline`` only sequences them: the day of receipt (第三十一条, in ``receipt``), the
20 working days (第三十三条), 补正 and its restart (第三十条), the consultations and the fee
notice that are not counted (第三十二条, 第三十四条, 第三十三条; 国办函〔2020〕109号), the one
extension (第三十三条) and the office's own date (第三十五条). Each function checks what its
article forbids and adds the steps that explain the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from gongkai.core.calendar import WorkdayCalendar, weekday_cn
from gongkai.core.deadlines.events import (
    ART_CO_PRODUCER,
    ART_CORRECTION,
    ART_FEE,
    ART_OFFICE_DATE,
    ART_REPLY,
    ART_THIRD_PARTY,
    CONSULTATION_WORKDAYS,
    CORRECTION_NOTICE_WORKDAYS,
    DEFAULT_RULES,
    EXTENSION_MAX_WORKDAYS,
    FEE_PAYMENT_WORKDAYS,
    REPLY_WORKDAYS,
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
)
from gongkai.core.deadlines.receipt import receipt_step
from gongkai.core.deadlines.result import Deadline, Step, StepKind, cn


def _receipt(received: dt.date, channel: Channel, events: Sequence[Event]) -> Step:
    """第三十一条: the day of receipt, which nothing of the case may precede."""
    for event in events:
        if _event_day(event) < received:
            raise ClockError(
                f"{_event_name(event)}（{_event_day(event)}）早于收到申请之日（{received}） / "
                f"{type(event).__name__} before the application was received"
            )
    return receipt_step(received, channel)


# -- the events of one case ------------------------------------------------------------------


@dataclass(frozen=True)
class _Case:
    """The events sorted by kind; those the 条例 allows once are checked to be single."""

    requested: CorrectionRequested | None
    corrected: CorrectionReceived | None
    extension: Extension | None
    office: OfficeSetDate | None
    pauses: tuple[Pause, ...]

    @classmethod
    def of(cls, events: Sequence[Event]) -> _Case:
        once = "补正只能告知一次（第三十条） / a correction can be requested only once"
        received = "只能收到一次补正（第三十条） / only one correction can be received"
        extended = "只能延长一次（第三十三条） / the period can be extended only once"
        office = "第三十五条的答复期限只能确定一次 / the office can set its own date only once"
        return cls(
            _one(events, CorrectionRequested, once),
            _one(events, CorrectionReceived, received),
            _one(events, Extension, extended),
            _one(events, OfficeSetDate, office),
            tuple(sorted((e for e in events if isinstance(e, Pause)), key=lambda p: p.start)),
        )


def _one(events: Sequence[Event], kind: type, what: str) -> Any:
    found = [e for e in events if isinstance(e, kind)]
    if len(found) > 1:
        raise ClockError(what)
    return found[0] if found else None


@dataclass
class _Clock:
    """The running count: the start, the working days not counted, the extension, the steps."""

    calendar: WorkdayCalendar
    start: dt.date
    steps: list[Step]
    paused: set[dt.date] = field(default_factory=set)
    extension_days: int = 0
    office_due: dt.date | None = None
    # (start, end) of every counted pause; end None while open
    intervals: list[tuple[dt.date, dt.date | None]] = field(default_factory=list)

    def due(self) -> dt.date:
        if self.office_due is not None:
            return self.office_due
        workdays = REPLY_WORKDAYS + len(self.paused) + self.extension_days
        return self.calendar.add_workdays(self.start, workdays)


# -- 第三十三条: twenty working days -----------------------------------------------------------


def _period(received: dt.date, calendar: WorkdayCalendar) -> Step:
    """第三十三条第二款: the reply is due 20 working days after receipt."""
    due = calendar.add_workdays(received, REPLY_WORKDAYS)
    return Step(
        StepKind.START,
        f"自{cn(received)}收到申请起算{REPLY_WORKDAYS}个工作日（第三十三条），答复期限为{cn(due)}。",
        ART_REPLY,
        received,
        REPLY_WORKDAYS,
        due,
    )


# -- 第三十条: 补正, once, within 7 working days; the period restarts on its receipt ----------


def _correction_notice(case: _Case, notice_due: dt.date) -> list[Step]:
    """第三十条: the notice is given once, within 7 working days of receipt (a warning if late)."""
    requested, corrected = case.requested, case.corrected
    if corrected is not None and requested is not None and corrected.on < requested.on:
        raise ClockError(
            f"收到补正（{corrected.on}）早于告知补正（{requested.on}） / the correction arrived "
            "before it was requested"
        )
    if requested is None:
        return []
    steps = [
        Step(
            StepKind.CORRECTION_REQUESTED,
            f"{cn(requested.on)}一次性告知申请人补正（第三十条）。",
            ART_CORRECTION,
            requested.on,
        )
    ]
    if requested.on > notice_due:
        steps.append(
            Step(
                StepKind.WARNING,
                f"告知补正晚于收到申请后{CORRECTION_NOTICE_WORKDAYS}个工作日的期限"
                f"（{cn(notice_due)}）（第三十条）。",
                ART_CORRECTION,
                requested.on,
            )
        )
    return steps


def _pauses_around_correction(
    case: _Case, calendar: WorkdayCalendar, as_of: dt.date | None
) -> tuple[list[Pause], int]:
    """第三十条 against the pauses: the pauses still counted, and the working days absorbed.

    A consultation cannot run while the request itself is still unclear, and what ran before a
    restart is absorbed by the restart. Without a recorded request, the restart itself opens
    (and closes) the window.
    """
    requested, corrected = case.requested, case.corrected
    window_start = requested.on if requested is not None else (corrected.on if corrected else None)
    window_end = corrected.on if corrected is not None else None
    counted: list[Pause] = []
    absorbed = 0
    for pause in case.pauses:
        end = _effective_end(pause, calendar, as_of)
        if window_start is not None:
            if pause.start >= window_start and (window_end is None or pause.start < window_end):
                raise ClockError(
                    f"{_event_name(pause)}（{pause.start}）开始于等待补正期间 / a pause starts "
                    "while the correction is awaited"
                )
            if pause.start < window_start and end > window_start:
                raise ClockError(
                    f"{_event_name(pause)}至{end}尚未结束，即于{window_start}告知补正 / a pause "
                    "is still running when the correction is requested"
                )
            if window_end is not None and pause.start < window_start:
                absorbed += calendar.workdays_in(pause.start, end)
                continue
        counted.append(pause)
    return counted, absorbed


def _restart(case: _Case, absorbed: int, calendar: WorkdayCalendar) -> list[Step]:
    """第三十条: the 20 working days restart on the day the supplemented application arrives;
    until it arrives, no period runs."""
    if case.corrected is not None:
        start = case.corrected.on
        steps = []
        if absorbed:
            steps.append(
                Step(
                    StepKind.PAUSE_NOT_COUNTED,
                    f"补正前征求意见等暂停的{absorbed}个工作日，因重新起算不再另计（第三十条）。",
                    ART_CORRECTION,
                    workdays=absorbed,
                )
            )
        due = calendar.add_workdays(start, REPLY_WORKDAYS)
        steps.append(
            Step(
                StepKind.RESTART,
                f"{cn(start)}收到补正后的申请，自该日重新起算{REPLY_WORKDAYS}个工作日（第三十条），"
                f"答复期限为{cn(due)}。",
                ART_CORRECTION,
                start,
                REPLY_WORKDAYS,
                due,
            )
        )
        return steps
    if case.requested is not None:
        return [
            Step(
                StepKind.AWAITING_CORRECTION,
                f"尚未收到补正；收到补正之日起重新起算{REPLY_WORKDAYS}个工作日（第三十条），"
                "在此之前答复期限不计算。",
                ART_CORRECTION,
                case.requested.on,
            )
        ]
    return []


# -- 第三十二条, 第三十四条, 第三十三条: consultations are not counted ---------------------------

_PAUSE_WORDS: dict[PauseKind, tuple[str, str, int]] = {
    PauseKind.THIRD_PARTY: ("征求第三方意见", ART_THIRD_PARTY, CONSULTATION_WORKDAYS),
    PauseKind.CO_PRODUCER: ("征求其他行政机关意见", ART_CO_PRODUCER, CONSULTATION_WORKDAYS),
    PauseKind.FEE: ("通知缴纳信息处理费", ART_FEE, FEE_PAYMENT_WORKDAYS),
}


def _lapse(pause: Pause, calendar: WorkdayCalendar) -> dt.date:
    """The last day of the consultee's (payer's) period, counted from receiving the letter:
    15 working days (第三十二条, 第三十四条), 20 to pay a fee (国办函〔2020〕109号)."""
    days = _PAUSE_WORDS[pause.kind][2]
    return calendar.add_workdays(pause.delivered or pause.start, days)


def _effective_end(pause: Pause, calendar: WorkdayCalendar, as_of: dt.date | None) -> dt.date:
    """The last day a pause counts to: its end, the consultee's lapse, or the day of evaluation."""
    if pause.delivered is not None and pause.delivered < pause.start:
        raise ClockError(
            f"{_event_name(pause)}：送达日（{pause.delivered}）早于发出日（{pause.start}） / "
            "delivered before it was sent"
        )
    lapse = _lapse(pause, calendar)
    if pause.end is not None:
        if pause.end < pause.start:
            raise ClockError(
                f"{_event_name(pause)}的结束日（{pause.end}）早于开始日（{pause.start}） / a pause "
                "ends before it starts"
            )
        return min(pause.end, lapse)
    if as_of is None:
        raise ClockError(
            f"{_event_name(pause)}（自{pause.start}）尚未结束：需给出计算日 / the pause is still "
            "open: give the day of evaluation (as_of)"
        )
    return max(pause.start, min(as_of, lapse))


def _pause(clock: _Clock, pause: Pause, as_of: dt.date | None, rules: Rules) -> None:
    """第三十三条第二款: the time of a consultation (第三十二条, 第三十四条) is not counted; the
    working days in (start, end] are added once, overlapping pauses counting once. A fee notice
    pauses the clock only when the agency's rules say so (国办函〔2020〕109号 leaves it open)."""
    calendar = clock.calendar
    what, article, allowed = _PAUSE_WORDS[pause.kind]
    end = _effective_end(pause, calendar, as_of)
    lapse = _lapse(pause, calendar)
    current = clock.due()
    span = f"{cn(pause.start)}至{cn(end)}{what}"
    if pause.kind is PauseKind.FEE and not rules.fee_pauses_clock:
        clock.steps.append(
            Step(
                StepKind.PAUSE_NOT_COUNTED,
                f"{span}；本机关设置收费通知至缴费期间照常计算答复期限（{ART_FEE}）。",
                ART_FEE,
                pause.start,
            )
        )
        return
    if pause.start > current:
        clock.steps.append(
            Step(
                StepKind.PAUSE_NOT_COUNTED,
                f"{cn(pause.start)}{what}时答复期限（{cn(current)}）已届满，不因此顺延（{article}）。",
                article,
                pause.start,
            )
        )
        return
    days = set(calendar.workdays_between(pause.start, end))
    new = days - clock.paused
    clock.paused.update(new)
    clock.intervals.append((pause.start, end if pause.end is not None or end >= lapse else None))
    overlap = len(days) - len(new)
    text = f"{span}，暂停{len(days)}个工作日（{article}）"
    if pause.end is None and end < lapse:
        text = (
            f"{cn(pause.start)}起{what}，尚未结束，暂计至{cn(end)}，"
            f"暂停{len(days)}个工作日（{article}）"
        )
    if overlap:
        text += f"，其中{overlap}个工作日与此前的暂停重叠，不重复计算"
    text += f"，答复期限顺延至{cn(clock.due())}。"
    clock.steps.append(Step(StepKind.PAUSE, text, article, pause.start, len(new), clock.due()))
    if pause.end is not None and pause.end > lapse:
        who = "申请人" if pause.kind is PauseKind.FEE else "被征求意见方"
        clock.steps.append(
            Step(
                StepKind.WARNING,
                f"{who}应在收到通知之日起{allowed}个工作日内答复（至{cn(lapse)}），"
                f"暂停只计至该日（{article}）。",
                article,
                lapse,
            )
        )


# -- 第三十三条: one extension of at most 20 working days --------------------------------------


def _check_extension(extension: Extension | None, start: dt.date, awaiting: dt.date | None) -> None:
    """第三十三条第二款: 1 to 20 working days, after the clock (re)started, not while 补正 is
    awaited (第三十条)."""
    if extension is None:
        return
    if not 1 <= extension.workdays <= EXTENSION_MAX_WORKDAYS:
        raise ClockError(
            f"延长期限应为1至{EXTENSION_MAX_WORKDAYS}个工作日，实为{extension.workdays}个"
            f"（第三十三条） / an extension is 1 to {EXTENSION_MAX_WORKDAYS} working days"
        )
    if extension.granted_on < start:
        raise ClockError(
            f"延长期限（{extension.granted_on}）早于收到补正（{start}），重新起算后延长无从"
            "谈起 / an extension granted before the clock restarted"
        )
    if awaiting is not None and extension.granted_on >= awaiting:
        raise ClockError(
            f"等待补正期间（自{awaiting}）不能延长期限 / no extension while the correction is "
            "awaited"
        )


def _extend(clock: _Clock, extension: Extension) -> None:
    """第三十三条第二款: the head of the office extends the period, granted before it ends."""
    current = clock.due()
    if extension.granted_on > current:
        raise ClockError(
            f"延长期限的决定（{extension.granted_on}）晚于答复期限（{current}）"
            "（第三十三条） / an extension must be granted before the deadline"
        )
    clock.extension_days = extension.workdays
    due = clock.due()
    clock.steps.append(
        Step(
            StepKind.EXTENSION,
            f"{cn(extension.granted_on)}经政府信息公开工作机构负责人同意，延长答复期限"
            f"{extension.workdays}个工作日（第三十三条），答复期限延至{cn(due)}。",
            ART_REPLY,
            extension.granted_on,
            extension.workdays,
            due,
        )
    )


# -- 第三十五条: the office sets a reasonable later date ----------------------------------------


def _check_office_date(office: OfficeSetDate | None, start: dt.date) -> None:
    """第三十五条: the date is set on or after the (re)start and is not before the day it is set."""
    if office is None:
        return
    if office.due < office.set_on:
        raise ClockError(
            f"第三十五条确定的答复日期（{office.due}）早于作出确定之日（{office.set_on}） / "
            "the office's date is before the day it was set"
        )
    if office.set_on < start:
        raise ClockError(
            f"第三十五条确定答复日期（{office.set_on}）早于起算日（{start}） / the office's "
            "date was set before the clock (re)started"
        )


def _set_office_date(clock: _Clock, office: OfficeSetDate) -> None:
    """第三十五条: for requests clearly beyond a reasonable number, the office's own date, set
    before the deadline, replaces it."""
    current = clock.due()
    if office.set_on > current:
        raise ClockError(
            f"第三十五条确定答复日期（{office.set_on}）晚于答复期限（{current}） / "
            "the office must set its date before the deadline"
        )
    clock.office_due = office.due
    clock.steps.append(
        Step(
            StepKind.OFFICE_DATE,
            f"申请数量、频次明显超过合理范围，本机关于{cn(office.set_on)}确定并告知申请人"
            f"答复期限为{cn(office.due)}（第三十五条）。",
            ART_OFFICE_DATE,
            office.set_on,
            due=office.due,
        )
    )


# -- the due date ------------------------------------------------------------------------------


def _due(clock: _Clock) -> tuple[dt.date, bool]:
    """The due date and whether it rests on a holiday schedule not yet confirmed."""
    due = clock.due()
    calendar = clock.calendar
    provisional = clock.office_due is None and calendar.any_provisional(clock.start, due)
    clock.steps.append(
        Step(
            StepKind.DUE,
            f"答复期限：{cn(due)}（星期{weekday_cn(due)}）。",
            ART_REPLY if clock.office_due is None else ART_OFFICE_DATE,
            due=due,
        )
    )
    if provisional:
        years = sorted(
            {y for y in range((clock.start + dt.timedelta(days=1)).year, due.year + 1)}
            - calendar.confirmed_years
        )
        named = "、".join(f"{y}年" for y in years)
        clock.steps.append(
            Step(
                StepKind.PROVISIONAL,
                f"{named}的节假日安排尚未经国务院办公厅通知确认，按预测的节假日计算，"
                "该期限为暂定，确认后将重新计算。",
            )
        )
    return due, provisional


# -- the whole computation ---------------------------------------------------------------------


def compute_deadline(
    received: dt.date,
    events: Iterable[Event],
    calendar: WorkdayCalendar,
    *,
    channel: Channel = Channel.IN_PERSON,
    rules: Rules = DEFAULT_RULES,
    as_of: dt.date | None = None,
) -> Deadline:
    """The due date, whether it is provisional, and the steps that explain it.

    ``as_of`` is the day of evaluation; it is needed only while a pause is open (the pause is
    counted up to that day, or up to the consultee's lapse if earlier).
    """
    events = list(events)
    steps = [_receipt(received, channel, events)]
    case = _Case.of(events)
    steps.append(_period(received, calendar))
    notice_due = calendar.add_workdays(received, CORRECTION_NOTICE_WORKDAYS)
    steps += _correction_notice(case, notice_due)
    start = case.corrected.on if case.corrected is not None else received
    awaiting = case.requested.on if case.requested and case.corrected is None else None
    counted, absorbed = _pauses_around_correction(case, calendar, as_of)
    steps += _restart(case, absorbed, calendar)
    _check_extension(case.extension, start, awaiting)
    _check_office_date(case.office, start)

    # The counted pauses, the extension and the office date, in the order they happened.
    clock = _Clock(calendar, start, steps)
    timeline: list[tuple[dt.date, int, Event]] = [(p.start, 0, p) for p in counted]
    if case.extension is not None:
        timeline.append((case.extension.granted_on, 1, case.extension))
    if case.office is not None:
        timeline.append((case.office.set_on, 2, case.office))
    for _day, _order, event in sorted(timeline, key=lambda item: (item[0], item[1])):
        if clock.office_due is not None:
            raise ClockError(
                f"第三十五条确定答复日期后，不再有{_event_name(event)}（{_event_day(event)}） / "
                "nothing moves the office's own date"
            )
        if isinstance(event, Pause):
            _pause(clock, event, as_of, rules)
        elif isinstance(event, Extension):
            _extend(clock, event)
        elif isinstance(event, OfficeSetDate):
            _set_office_date(clock, event)

    due, provisional = _due(clock)
    return Deadline(
        received=received,
        channel=channel,
        start=start,
        due=due,
        provisional=provisional,
        steps=tuple(clock.steps),
        correction_notice_due=notice_due,
        correction_notice_provisional=calendar.any_provisional(received, notice_due),
        paused_workdays=len(clock.paused),
        extension_workdays=clock.extension_days,
        office_set=clock.office_due is not None,
        awaiting_correction_since=awaiting,
        pauses=tuple(clock.intervals),
        calendar=calendar,
    )


def _event_day(event: Event) -> dt.date:
    if isinstance(event, Pause):
        return event.start
    if isinstance(event, Extension):
        return event.granted_on
    if isinstance(event, OfficeSetDate):
        return event.set_on
    return event.on


def _event_name(event: Event) -> str:
    if isinstance(event, Pause):
        return _PAUSE_WORDS[event.kind][0]
    if isinstance(event, Extension):
        return "延长答复期限"
    if isinstance(event, OfficeSetDate):
        return "第三十五条确定答复日期"
    if isinstance(event, CorrectionRequested):
        return "告知补正"
    return "收到补正"

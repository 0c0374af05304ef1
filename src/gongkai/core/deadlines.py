"""The statutory clock for disclosure applications (statute.md §3–§4).

``compute_deadline(received, events, calendar)`` returns the reply deadline with an explanation:
ordered steps in plain Chinese, each citing its article, that an officer can put in a letter and a
lawyer can check. The rules:

- the period is 20 working days from the receipt date (第三十三条), whose meaning depends on the
  channel (第三十一条);
- a 补正 notice is due within 7 working days of receipt, once; when the supplemented application
  arrives the 20 days restart from that day (第三十条);
- consultation of a third party (第三十二条) or of another agency (第三十四条) is not counted
  (第三十三条): a pause from S to E adds the working days in (S, E]; the consultee has 15 working
  days from receiving the letter, after which the pause ends; overlapping pauses count once;
- a fee notice to payment is a pause too when the agency's setting says so (default yes; the
  text of 国办函〔2020〕109号 leaves it open);
- one extension of at most 20 working days, granted on or before the current deadline (第三十三条);
- under 第三十五条 the office may set a later reply date itself, which then is the deadline.

Nothing here reads the clock or a database: dates and the calendar are passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from gongkai.core.calendar import WorkdayCalendar

REPLY_WORKDAYS = 20  # 第三十三条第二款
EXTENSION_MAX_WORKDAYS = 20  # 第三十三条第二款
CORRECTION_NOTICE_WORKDAYS = 7  # 第三十条
CONSULTATION_WORKDAYS = 15  # 第三十二条, 第三十四条
FEE_PAYMENT_WORKDAYS = 20  # 国办函〔2020〕109号
DUE_SOON_WORKDAYS = 5  # not statutory: when the console starts warning

ART_RECEIPT = "第三十一条"
ART_CORRECTION = "第三十条"
ART_REPLY = "第三十三条"
ART_THIRD_PARTY = "第三十二条、第三十三条"
ART_CO_PRODUCER = "第三十四条、第三十三条"
ART_FEE = "国办函〔2020〕109号"
ART_OFFICE_DATE = "第三十五条"


class ClockError(ValueError):
    """An impossible sequence of events; the message names what (Chinese / English)."""


class Channel(StrEnum):
    """How the application arrived; decides what "the day of receipt" is (第三十一条)."""

    IN_PERSON = "in_person"
    REGISTERED_POST = "registered_post"
    ORDINARY_LETTER = "ordinary_letter"
    ONLINE = "online"
    EMAIL = "email"
    FAX = "fax"


# channel → (how it came, which day counts, the article's item)
_RECEIPT_RULES: dict[Channel, tuple[str, str, str]] = {
    Channel.IN_PERSON: ("申请人当面提交申请", "提交之日", "第三十一条第一项"),
    Channel.REGISTERED_POST: (
        "申请以需要签收的邮寄方式提交",
        "本机关签收之日",
        "第三十一条第二项",
    ),
    Channel.ORDINARY_LETTER: (
        "申请以平常信函等无需签收的邮寄方式提交",
        "本机关与申请人确认之日",
        "第三十一条第二项",
    ),
    Channel.ONLINE: ("申请通过互联网渠道提交", "双方确认之日", "第三十一条第三项"),
    Channel.EMAIL: ("申请通过电子邮件提交", "双方确认之日", "第三十一条第三项"),
    Channel.FAX: ("申请通过传真提交", "双方确认之日", "第三十一条第三项"),
}


def receipt_date(
    channel: Channel,
    *,
    submitted: dt.date,
    signed_for: dt.date | None = None,
    confirmed: dt.date | None = None,
) -> dt.date:
    """The day of receipt (收到申请之日) by channel, from what the office recorded (第三十一条).

    ``submitted`` is the day it was handed in, arrived by post or was sent online; registered
    post counts from the day the agency signed for it; an ordinary letter and the online channels
    from the day both sides confirmed (for an online submission, the platform's acknowledgement).
    """
    if channel is Channel.IN_PERSON:
        return submitted
    if channel is Channel.REGISTERED_POST:
        day = signed_for or submitted
        if day < submitted:
            raise ClockError(f"签收日{day}早于寄达日{submitted} / signed for before it arrived")
        return day
    if confirmed is None:
        raise ClockError(
            f"{_RECEIPT_RULES[channel][0]}，需记录双方确认之日 / this channel needs the "
            "confirmation date"
        )
    if confirmed < submitted:
        raise ClockError(f"确认日{confirmed}早于提交日{submitted} / confirmed before submitted")
    return confirmed


# -- events ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CorrectionRequested:
    """The 补正 notice was sent (第三十条): once, within 7 working days of receipt."""

    on: dt.date


@dataclass(frozen=True)
class CorrectionReceived:
    """The supplemented application arrived: the 20 working days restart from this day."""

    on: dt.date


class PauseKind(StrEnum):
    THIRD_PARTY = "third_party"  # 征求第三方意见, 第三十二条
    CO_PRODUCER = "co_producer"  # 征求其他机关意见, 第三十四条
    FEE = "fee"  # 收费通知至缴费, 国办函〔2020〕109号


_PAUSE_WORDS: dict[PauseKind, tuple[str, str, int]] = {
    PauseKind.THIRD_PARTY: ("征求第三方意见", ART_THIRD_PARTY, CONSULTATION_WORKDAYS),
    PauseKind.CO_PRODUCER: ("征求其他行政机关意见", ART_CO_PRODUCER, CONSULTATION_WORKDAYS),
    PauseKind.FEE: ("通知缴纳信息处理费", ART_FEE, FEE_PAYMENT_WORKDAYS),
}


@dataclass(frozen=True)
class Pause:
    """Time not counted: from ``start`` (letter or notice sent) to ``end`` (answer or payment).

    ``delivered`` is when the consultee (or payer) received the letter; its 15 (20) working days
    run from then, and from ``start`` when not recorded. ``end=None``: still open.
    """

    kind: PauseKind
    start: dt.date
    end: dt.date | None = None
    delivered: dt.date | None = None


@dataclass(frozen=True)
class Extension:
    """The head of the office extended the period (第三十三条): once, at most 20 working days."""

    granted_on: dt.date
    workdays: int = EXTENSION_MAX_WORKDAYS


@dataclass(frozen=True)
class OfficeSetDate:
    """Under 第三十五条 the office set (and told the applicant) a later reply date."""

    set_on: dt.date
    due: dt.date


Event = CorrectionRequested | CorrectionReceived | Pause | Extension | OfficeSetDate


@dataclass(frozen=True)
class Rules:
    """What the law leaves to the agency (statute.md §4)."""

    fee_pauses_clock: bool = True


# -- result ----------------------------------------------------------------------------------


class StepKind(StrEnum):
    RECEIPT = "receipt"
    START = "start"
    CORRECTION_REQUESTED = "correction_requested"
    RESTART = "restart"
    AWAITING_CORRECTION = "awaiting_correction"
    PAUSE = "pause"
    PAUSE_NOT_COUNTED = "pause_not_counted"
    EXTENSION = "extension"
    OFFICE_DATE = "office_date"
    WARNING = "warning"
    PROVISIONAL = "provisional"
    DUE = "due"


@dataclass(frozen=True)
class Step:
    kind: StepKind
    text: str  # plain Chinese; the article in brackets
    article: str = ""
    on: dt.date | None = None
    workdays: int | None = None
    due: dt.date | None = None  # the deadline after this step

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "text": self.text,
            "article": self.article,
            "on": self.on.isoformat() if self.on else None,
            "workdays": self.workdays,
            "due": self.due.isoformat() if self.due else None,
        }


class Status(StrEnum):
    RUNNING = "running"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    PAUSED = "paused"


@dataclass(frozen=True)
class Deadline:
    received: dt.date
    channel: Channel
    start: dt.date  # the day the 20 working days count from: receipt, or 补正 receipt
    due: dt.date
    provisional: bool
    steps: tuple[Step, ...]
    correction_notice_due: dt.date
    correction_notice_provisional: bool
    paused_workdays: int
    extension_workdays: int
    office_set: bool
    awaiting_correction_since: dt.date | None
    # (start, end) of every counted pause; end None while open
    pauses: tuple[tuple[dt.date, dt.date | None], ...]
    calendar: WorkdayCalendar = field(repr=False, compare=False)

    @property
    def explanation(self) -> str:
        return "\n".join(step.text for step in self.steps)

    def remaining_workdays(self, on: dt.date) -> int:
        """Working days left after ``on`` up to the due date; negative once overdue."""
        if on <= self.due:
            return self.calendar.workdays_in(on, self.due)
        return -self.calendar.workdays_in(self.due, on)

    def status(self, on: dt.date) -> Status:
        """Running / due soon (≤ 5 working days left) / overdue / paused, on the day ``on``."""
        if self.awaiting_correction_since is not None and on >= self.awaiting_correction_since:
            return Status.PAUSED
        for start, end in self.pauses:
            if start < on and (end is None or on <= end):
                return Status.PAUSED
        if on > self.due:
            return Status.OVERDUE
        if self.remaining_workdays(on) <= DUE_SOON_WORKDAYS:
            return Status.DUE_SOON
        return Status.RUNNING

    def to_dict(self) -> dict[str, Any]:
        return {
            "received": self.received.isoformat(),
            "channel": self.channel.value,
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "provisional": self.provisional,
            "correction_notice_due": self.correction_notice_due.isoformat(),
            "paused_workdays": self.paused_workdays,
            "extension_workdays": self.extension_workdays,
            "office_set": self.office_set,
            "steps": [step.to_dict() for step in self.steps],
        }


# -- the computation -------------------------------------------------------------------------


def cn(day: dt.date) -> str:
    """2025年9月26日: how dates are written in letters."""
    return f"{day.year}年{day.month}月{day.day}日"


_WEEKDAY = "一二三四五六日"


def _one(events: Sequence[Event], kind: type, what: str) -> Any:
    found = [e for e in events if isinstance(e, kind)]
    if len(found) > 1:
        raise ClockError(what)
    return found[0] if found else None


def compute_deadline(
    received: dt.date,
    events: Iterable[Event],
    calendar: WorkdayCalendar,
    *,
    channel: Channel = Channel.IN_PERSON,
    rules: Rules = Rules(),
    as_of: dt.date | None = None,
) -> Deadline:
    """The due date, whether it is provisional, and the steps that explain it.

    ``as_of`` is the day of evaluation; it is needed only while a pause is open (the pause is
    counted up to that day, or up to the consultee's lapse if earlier).
    """
    events = list(events)
    steps: list[Step] = []

    # 第三十一条: the receipt date by channel.
    how, which_day, item = _RECEIPT_RULES[channel]
    steps.append(
        Step(
            StepKind.RECEIPT,
            f"{how}，以{which_day}{cn(received)}为收到申请之日（{item}）。",
            ART_RECEIPT,
            received,
        )
    )
    for event in events:
        first_day = event.start if isinstance(event, Pause) else _event_day(event)
        if first_day < received:
            raise ClockError(
                f"{_event_name(event)}（{first_day}）早于收到申请之日（{received}） / "
                f"{type(event).__name__} before the application was received"
            )

    requested: CorrectionRequested | None = _one(
        events,
        CorrectionRequested,
        "补正只能告知一次（第三十条） / a correction can be requested only once",
    )
    corrected: CorrectionReceived | None = _one(
        events,
        CorrectionReceived,
        "只能收到一次补正（第三十条） / only one correction can be received",
    )
    extension: Extension | None = _one(
        events, Extension, "只能延长一次（第三十三条） / the period can be extended only once"
    )
    office: OfficeSetDate | None = _one(
        events,
        OfficeSetDate,
        "第三十五条的答复期限只能确定一次 / the office can set its own date only once",
    )
    pauses = sorted((e for e in events if isinstance(e, Pause)), key=lambda p: p.start)

    first_due = calendar.add_workdays(received, REPLY_WORKDAYS)
    steps.append(
        Step(
            StepKind.START,
            f"自{cn(received)}收到申请起算{REPLY_WORKDAYS}个工作日（第三十三条），"
            f"答复期限为{cn(first_due)}。",
            ART_REPLY,
            received,
            REPLY_WORKDAYS,
            first_due,
        )
    )
    notice_due = calendar.add_workdays(received, CORRECTION_NOTICE_WORKDAYS)

    # 第三十条: 补正.
    start = received
    awaiting: dt.date | None = None
    if corrected is not None and requested is not None and corrected.on < requested.on:
        raise ClockError(
            f"收到补正（{corrected.on}）早于告知补正（{requested.on}） / the correction arrived "
            "before it was requested"
        )
    if requested is not None:
        late = requested.on > notice_due
        steps.append(
            Step(
                StepKind.CORRECTION_REQUESTED,
                f"{cn(requested.on)}一次性告知申请人补正（第三十条）。",
                ART_CORRECTION,
                requested.on,
            )
        )
        if late:
            steps.append(
                Step(
                    StepKind.WARNING,
                    f"告知补正晚于收到申请后{CORRECTION_NOTICE_WORKDAYS}个工作日的期限"
                    f"（{cn(notice_due)}）（第三十条）。",
                    ART_CORRECTION,
                    requested.on,
                )
            )
    if corrected is not None:
        start = corrected.on
    elif requested is not None:
        awaiting = requested.on

    # Pauses against the 补正 window: a consultation cannot run while the request itself is
    # still unclear, and what ran before a restart is absorbed by the restart.
    # Without a recorded request, the restart itself opens (and closes) the window.
    window_start = requested.on if requested is not None else (corrected.on if corrected else None)
    window_end = corrected.on if corrected is not None else None
    counted_pauses: list[Pause] = []
    discarded = 0
    for pause in pauses:
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
                discarded += calendar.workdays_in(pause.start, end)
                continue
        counted_pauses.append(pause)

    if corrected is not None:
        if discarded:
            steps.append(
                Step(
                    StepKind.PAUSE_NOT_COUNTED,
                    f"补正前征求意见等暂停的{discarded}个工作日，因重新起算不再另计（第三十条）。",
                    ART_CORRECTION,
                    workdays=discarded,
                )
            )
        restart_due = calendar.add_workdays(start, REPLY_WORKDAYS)
        steps.append(
            Step(
                StepKind.RESTART,
                f"{cn(start)}收到补正后的申请，自该日重新起算{REPLY_WORKDAYS}个工作日（第三十条），"
                f"答复期限为{cn(restart_due)}。",
                ART_CORRECTION,
                start,
                REPLY_WORKDAYS,
                restart_due,
            )
        )
    elif awaiting is not None:
        steps.append(
            Step(
                StepKind.AWAITING_CORRECTION,
                f"尚未收到补正；收到补正之日起重新起算{REPLY_WORKDAYS}个工作日（第三十条），"
                "在此之前答复期限不计算。",
                ART_CORRECTION,
                awaiting,
            )
        )

    if extension is not None:
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
    if office is not None:
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

    # The counted pauses, the extension and the office date, in the order they happened.
    paused: set[dt.date] = set()
    extension_days = 0
    office_due: dt.date | None = None
    intervals: list[tuple[dt.date, dt.date | None]] = []

    def running_due() -> dt.date:
        if office_due is not None:
            return office_due
        return calendar.add_workdays(start, REPLY_WORKDAYS + len(paused) + extension_days)

    timeline: list[tuple[dt.date, int, Event]] = [(p.start, 0, p) for p in counted_pauses]
    if extension is not None:
        timeline.append((extension.granted_on, 1, extension))
    if office is not None:
        timeline.append((office.set_on, 2, office))
    timeline.sort(key=lambda item: (item[0], item[1]))

    for _day, _order, event in timeline:
        if office_due is not None:
            raise ClockError(
                f"第三十五条确定答复日期后，不再有{_event_name(event)}（{_event_day(event)}） / "
                "nothing moves the office's own date"
            )
        if isinstance(event, Pause):
            steps.extend(
                _count_pause(event, calendar, as_of, rules, paused, intervals, running_due)
            )
        elif isinstance(event, Extension):
            current = running_due()
            if event.granted_on > current:
                raise ClockError(
                    f"延长期限的决定（{event.granted_on}）晚于答复期限（{current}）"
                    "（第三十三条） / an extension must be granted before the deadline"
                )
            extension_days = event.workdays
            new_due = running_due()
            steps.append(
                Step(
                    StepKind.EXTENSION,
                    f"{cn(event.granted_on)}经政府信息公开工作机构负责人同意，延长答复期限"
                    f"{event.workdays}个工作日（第三十三条），答复期限延至{cn(new_due)}。",
                    ART_REPLY,
                    event.granted_on,
                    event.workdays,
                    new_due,
                )
            )
        elif isinstance(event, OfficeSetDate):
            current = running_due()
            if event.set_on > current:
                raise ClockError(
                    f"第三十五条确定答复日期（{event.set_on}）晚于答复期限（{current}） / "
                    "the office must set its date before the deadline"
                )
            office_due = event.due
            steps.append(
                Step(
                    StepKind.OFFICE_DATE,
                    f"申请数量、频次明显超过合理范围，本机关于{cn(event.set_on)}确定并告知申请人"
                    f"答复期限为{cn(event.due)}（第三十五条）。",
                    ART_OFFICE_DATE,
                    event.set_on,
                    due=event.due,
                )
            )

    due = running_due()
    provisional = office_due is None and calendar.any_provisional(start, due)
    steps.append(
        Step(
            StepKind.DUE,
            f"答复期限：{cn(due)}（星期{_WEEKDAY[due.weekday()]}）。",
            ART_REPLY if office_due is None else ART_OFFICE_DATE,
            due=due,
        )
    )
    if provisional:
        years = sorted(
            {y for y in range((start + dt.timedelta(days=1)).year, due.year + 1)}
            - calendar.confirmed_years
        )
        named = "、".join(f"{y}年" for y in years)
        steps.append(
            Step(
                StepKind.PROVISIONAL,
                f"{named}的节假日安排尚未经国务院办公厅通知确认，按预测的节假日计算，"
                "该期限为暂定，确认后将重新计算。",
            )
        )
    return Deadline(
        received=received,
        channel=channel,
        start=start,
        due=due,
        provisional=provisional,
        steps=tuple(steps),
        correction_notice_due=notice_due,
        correction_notice_provisional=calendar.any_provisional(received, notice_due),
        paused_workdays=len(paused),
        extension_workdays=extension_days,
        office_set=office_due is not None,
        awaiting_correction_since=awaiting,
        pauses=tuple(intervals),
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


def _lapse(pause: Pause, calendar: WorkdayCalendar) -> dt.date:
    """The last day of the consultee's (payer's) period, counted from receiving the letter."""
    days = _PAUSE_WORDS[pause.kind][2]
    return calendar.add_workdays(pause.delivered or pause.start, days)


def _effective_end(pause: Pause, calendar: WorkdayCalendar, as_of: dt.date | None) -> dt.date:
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


def _count_pause(
    pause: Pause,
    calendar: WorkdayCalendar,
    as_of: dt.date | None,
    rules: Rules,
    paused: set[dt.date],
    intervals: list[tuple[dt.date, dt.date | None]],
    running_due: Any,
) -> list[Step]:
    what, article, allowed = _PAUSE_WORDS[pause.kind]
    end = _effective_end(pause, calendar, as_of)
    lapse = _lapse(pause, calendar)
    current: dt.date = running_due()
    span = f"{cn(pause.start)}至{cn(end)}{what}"
    if pause.kind is PauseKind.FEE and not rules.fee_pauses_clock:
        return [
            Step(
                StepKind.PAUSE_NOT_COUNTED,
                f"{span}；本机关设置收费通知至缴费期间照常计算答复期限（{ART_FEE}）。",
                ART_FEE,
                pause.start,
            )
        ]
    if pause.start > current:
        return [
            Step(
                StepKind.PAUSE_NOT_COUNTED,
                f"{cn(pause.start)}{what}时答复期限（{cn(current)}）已届满，不因此顺延（{article}）。",
                article,
                pause.start,
            )
        ]
    steps: list[Step] = []
    if pause.end is not None and pause.end > lapse:
        who = "申请人" if pause.kind is PauseKind.FEE else "被征求意见方"
        steps.append(
            Step(
                StepKind.WARNING,
                f"{who}应在收到通知之日起{allowed}个工作日内答复（至{cn(lapse)}），"
                f"暂停只计至该日（{article}）。",
                article,
                lapse,
            )
        )
    days = set(calendar.workdays_between(pause.start, end))
    new = days - paused
    paused.update(new)
    intervals.append((pause.start, end if pause.end is not None or end >= lapse else None))
    new_due: dt.date = running_due()
    overlap = len(days) - len(new)
    text = f"{span}，暂停{len(days)}个工作日（{article}）"
    if pause.end is None and end < lapse:
        text = (
            f"{cn(pause.start)}起{what}，尚未结束，暂计至{cn(end)}，"
            f"暂停{len(days)}个工作日（{article}）"
        )
    if overlap:
        text += f"，其中{overlap}个工作日与此前的暂停重叠，不重复计算"
    text += f"，答复期限顺延至{cn(new_due)}。"
    steps.insert(0, Step(StepKind.PAUSE, text, article, pause.start, len(new), new_due))
    return steps

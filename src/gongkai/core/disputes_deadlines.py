"""The respondent's deadlines in a 行政复议 or 行政诉讼, explained step by step.

Two periods, counted from the day the respondent received the copy (收到副本之日); that day
itself never counts (民事诉讼法第八十五条第二款: 期间开始的时和日，不计算在期间内):

- **行政复议 reply (答复)** — 行政复议法 (2023) 第四十八条: 被申请人应当自收到申请书副本或者
  申请笔录复印件之日起十日内，提出书面答复，并提交作出行政行为的证据、依据和其他有关材料.
  第八十八条第二款: 本法关于行政复议期间有关"三日""五日""七日""十日"的规定是指工作日，不含
  法定休假日. So: the 10th working day after receipt. In the simplified procedure (简易程序,
  第五十四条) the reply is due in 五日 — 5 working days, by the same 第八十八条.
- **行政诉讼 答辩** — 行政诉讼法第六十七条第一款: 被告应当在收到起诉状副本之日起十五日内向人民
  法院提交作出行政行为的证据和所依据的规范性文件，并提出答辩状. The 行政诉讼法 has no rule of
  its own on counting periods; 第一百零一条 applies the 民事诉讼法's rules on 期间, whose 第八十五条
  counts calendar days and says: 期间届满的最后一日是法定休假日的，以法定休假日后的第一日为
  期间届满的日期. A 法定休假日 there is a statutory holiday or a weekly rest day (公休日); a
  weekend day that the State Council's notice makes a working day (调休上班) is not one. So: 15
  calendar days after receipt; when that day is not a working day, the next working day.

Pure: the calendar is passed in (``core.calendar.WorkdayCalendar``); nothing reads a database or
the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from gongkai.core.calendar import ONE_DAY, WorkdayCalendar, weekday_cn
from gongkai.core.deadlines.result import cn

ART_REVIEW_REPLY = "行政复议法第四十八条"
ART_REVIEW_SIMPLIFIED = "行政复议法第五十四条"
ART_REVIEW_WORKDAYS = "行政复议法第八十八条第二款"
# 第八十八条第一款: periods not provided for follow the 民事诉讼法 (its 第八十五条 on counting).
ART_REVIEW_PERIODS = "行政复议法第八十八条第一款、民事诉讼法第八十五条"
ART_LITIGATION_ANSWER = "行政诉讼法第六十七条"
ART_LITIGATION_PERIODS = "行政诉讼法第一百零一条、民事诉讼法第八十五条"

REVIEW_REPLY_WORKDAYS = 10
REVIEW_SIMPLIFIED_WORKDAYS = 5
LITIGATION_ANSWER_DAYS = 15
# Reminders start this many working days before the due date (as for applications, shorter).
DUE_SOON_WORKDAYS = 3


class Proceeding(StrEnum):
    REVIEW = "review"  # 行政复议
    LITIGATION = "litigation"  # 行政诉讼 (direct or after review)


class DisputeStatus(StrEnum):
    RUNNING = "running"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    DONE = "done"  # replied / answered (on time or not: see ``late``)


@dataclass(frozen=True)
class DisputeStep:
    text: str  # plain Chinese, the article in brackets
    article: str = ""
    on: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "article": self.article,
            "on": self.on.isoformat() if self.on else None,
        }


@dataclass(frozen=True)
class DisputeDeadline:
    proceeding: Proceeding
    received: dt.date  # the day the copy was received
    due: dt.date
    provisional: bool  # a year on the way has no confirmed holiday notice yet
    steps: tuple[DisputeStep, ...]

    @property
    def explanation(self) -> str:
        return "\n".join(step.text for step in self.steps)

    def status(self, on: dt.date, replied_on: dt.date | None = None) -> DisputeStatus:
        if replied_on is not None:
            return DisputeStatus.DONE
        if on > self.due:
            return DisputeStatus.OVERDUE
        return DisputeStatus.RUNNING

    def late(self, replied_on: dt.date) -> bool:
        return replied_on > self.due

    def to_dict(self) -> dict[str, Any]:
        return {
            "proceeding": self.proceeding.value,
            "received": self.received.isoformat(),
            "due": self.due.isoformat(),
            "provisional": self.provisional,
            "steps": [s.to_dict() for s in self.steps],
        }


def status_on(
    deadline: DisputeDeadline,
    on: dt.date,
    calendar: WorkdayCalendar,
    replied_on: dt.date | None = None,
) -> DisputeStatus:
    """Running / due soon (≤ 3 working days left) / overdue / done, on the day ``on``."""
    state = deadline.status(on, replied_on)
    if state == DisputeStatus.RUNNING and calendar.workdays_in(on, deadline.due) <= (
        DUE_SOON_WORKDAYS
    ):
        return DisputeStatus.DUE_SOON
    return state


def _day_text(day: dt.date, calendar: WorkdayCalendar) -> str:
    name = calendar.day_name(day)
    kind = "工作日" if calendar.is_workday(day) else "休息日"
    return f"{cn(day)}（星期{weekday_cn(day)}，{kind}{'，' + name if name else ''}）"


def review_reply_due(
    received: dt.date, calendar: WorkdayCalendar, *, simplified: bool = False
) -> DisputeDeadline:
    """The 答复 in a 行政复议: the 10th (简易程序: 5th) working day after ``received``."""
    n = REVIEW_SIMPLIFIED_WORKDAYS if simplified else REVIEW_REPLY_WORKDAYS
    article = ART_REVIEW_SIMPLIFIED if simplified else ART_REVIEW_REPLY
    due = calendar.add_workdays(received, n)
    skipped = [
        d
        for d in (received + ONE_DAY * i for i in range(1, (due - received).days))
        if not calendar.is_workday(d) and calendar.day_name(d)
    ]
    made_up = [
        d for d in calendar.workdays_between(received, due) if d.weekday() >= 5
    ]  # 调休上班: counted
    steps = [
        DisputeStep(
            f"{cn(received)}收到行政复议申请书副本（或申请笔录复印件），当日不计入期间"
            f"（{ART_REVIEW_PERIODS}）。",
            ART_REVIEW_PERIODS,
            received,
        ),
        DisputeStep(
            f"被申请人应当自收到之日起{n}日内提出书面答复（{article}）；"
            f"该{n}日是指工作日，不含法定休假日（{ART_REVIEW_WORKDAYS}）。",
            article,
        ),
    ]
    if skipped:
        steps.append(
            DisputeStep(
                "期间内的法定节假日不计："
                + "、".join(_day_text(d, calendar) for d in skipped)
                + "。",
                ART_REVIEW_WORKDAYS,
            )
        )
    if made_up:
        steps.append(
            DisputeStep(
                "调休上班日计入：" + "、".join(_day_text(d, calendar) for d in made_up) + "。",
                ART_REVIEW_WORKDAYS,
            )
        )
    steps.append(
        DisputeStep(
            f"第{n}个工作日为{_day_text(due, calendar)}，答复期限届满日为{cn(due)}。", article, due
        )
    )
    return _finish(Proceeding.REVIEW, received, due, steps, calendar)


def litigation_answer_due(received: dt.date, calendar: WorkdayCalendar) -> DisputeDeadline:
    """The 答辩 in a 行政诉讼: 15 calendar days after ``received``, moved past a rest day."""
    last = received + dt.timedelta(days=LITIGATION_ANSWER_DAYS)
    steps = [
        DisputeStep(
            f"{cn(received)}收到起诉状副本，当日不计入期间（{ART_LITIGATION_PERIODS}）。",
            ART_LITIGATION_PERIODS,
            received,
        ),
        DisputeStep(
            f"被告应当在收到起诉状副本之日起十五日内提交证据、规范性文件并提出答辩状"
            f"（{ART_LITIGATION_ANSWER}）；按日历日计算，第十五日为{_day_text(last, calendar)}。",
            ART_LITIGATION_ANSWER,
            last,
        ),
    ]
    due = last
    while not calendar.is_workday(due):
        due += ONE_DAY
    if due != last:
        steps.append(
            DisputeStep(
                f"期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期"
                f"（{ART_LITIGATION_PERIODS}）：顺延至{_day_text(due, calendar)}。",
                ART_LITIGATION_PERIODS,
                due,
            )
        )
    elif last.weekday() >= 5:
        steps.append(
            DisputeStep(
                f"{cn(last)}为调休上班日，不是法定休假日，不顺延（{ART_LITIGATION_PERIODS}）。",
                ART_LITIGATION_PERIODS,
                last,
            )
        )
    steps.append(DisputeStep(f"答辩期限届满日为{cn(due)}。", ART_LITIGATION_ANSWER, due))
    return _finish(Proceeding.LITIGATION, received, due, steps, calendar)


def _finish(
    proceeding: Proceeding,
    received: dt.date,
    due: dt.date,
    steps: list[DisputeStep],
    calendar: WorkdayCalendar,
) -> DisputeDeadline:
    provisional = calendar.any_provisional(received, due)
    if provisional:
        steps.append(
            DisputeStep(
                "期间内有年份的节假日安排尚未由管理员按国务院办公厅通知确认，"
                "本期限为按预测计算的暂定日期。"
            )
        )
    return DisputeDeadline(proceeding, received, due, provisional, tuple(steps))


def respondent_due(
    proceeding: Proceeding | str,
    received: dt.date,
    calendar: WorkdayCalendar,
    *,
    simplified: bool = False,
) -> DisputeDeadline:
    """The respondent's deadline for the kind of proceeding (复议 答复 or 诉讼 答辩)."""
    if Proceeding(proceeding) == Proceeding.REVIEW:
        return review_reply_due(received, calendar, simplified=simplified)
    return litigation_answer_due(received, calendar)

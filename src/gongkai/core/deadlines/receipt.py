"""第三十一条: the day of receipt (收到申请之日), which depends on how the application came."""

from __future__ import annotations

import datetime as dt

from gongkai.core.deadlines.events import ART_RECEIPT, Channel, ClockError
from gongkai.core.deadlines.result import Step, StepKind, cn

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


def receipt_step(received: dt.date, channel: Channel) -> Step:
    """The step that states the day of receipt and the item of 第三十一条 it follows."""
    how, which_day, item = _RECEIPT_RULES[channel]
    return Step(
        StepKind.RECEIPT,
        f"{how}，以{which_day}{cn(received)}为收到申请之日（{item}）。",
        ART_RECEIPT,
        received,
    )

"""What the clock is told: the channel, the events of a case, the agency's rules, the periods.

The periods are the statute's (statute.md §3–§4); each constant cites its article.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from gongkai.core.fees import PAYMENT_WORKDAYS

REPLY_WORKDAYS = 20  # 第三十三条第二款
EXTENSION_MAX_WORKDAYS = 20  # 第三十三条第二款
CORRECTION_NOTICE_WORKDAYS = 7  # 第三十条
CONSULTATION_WORKDAYS = 15  # 第三十二条, 第三十四条
FEE_PAYMENT_WORKDAYS = PAYMENT_WORKDAYS  # 国办函〔2020〕109号
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


DEFAULT_RULES = Rules()

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

Nothing here reads the clock or a database: dates and the calendar are passed in. The inputs are
in ``events``, the answer in ``result``, the computation (one function per article) in ``clock``
and ``receipt`` (第三十一条).
"""

from gongkai.core.deadlines.clock import compute_deadline
from gongkai.core.deadlines.events import (
    ART_CO_PRODUCER,
    ART_CORRECTION,
    ART_FEE,
    ART_OFFICE_DATE,
    ART_RECEIPT,
    ART_REPLY,
    ART_THIRD_PARTY,
    CONSULTATION_WORKDAYS,
    CORRECTION_NOTICE_WORKDAYS,
    DUE_SOON_WORKDAYS,
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
from gongkai.core.deadlines.receipt import receipt_date
from gongkai.core.deadlines.result import Deadline, Status, Step, StepKind, cn

__all__ = [
    "ART_CORRECTION",
    "ART_CO_PRODUCER",
    "ART_FEE",
    "ART_OFFICE_DATE",
    "ART_RECEIPT",
    "ART_REPLY",
    "ART_THIRD_PARTY",
    "CONSULTATION_WORKDAYS",
    "CORRECTION_NOTICE_WORKDAYS",
    "DUE_SOON_WORKDAYS",
    "EXTENSION_MAX_WORKDAYS",
    "FEE_PAYMENT_WORKDAYS",
    "REPLY_WORKDAYS",
    "Channel",
    "ClockError",
    "CorrectionReceived",
    "CorrectionRequested",
    "Deadline",
    "Event",
    "Extension",
    "OfficeSetDate",
    "Pause",
    "PauseKind",
    "Rules",
    "Status",
    "Step",
    "StepKind",
    "cn",
    "compute_deadline",
    "receipt_date",
]

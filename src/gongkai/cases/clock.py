"""The statutory clock of one case: its records turned into the core's events, then counted.

``core/deadlines.py`` does all the counting; this module only reads what the case holds
(receipt, 补正, consultations, fee notice, extension, 第三十五条 date) and hands it over with the
calendar from the table and the agency's rules.
"""

from __future__ import annotations

import datetime as dt

from gongkai.agencies.queries import calendar_for
from gongkai.cases.choices import CaseEventKind
from gongkai.cases.models import Case
from gongkai.core import deadlines as d
from gongkai.core.calendar import WorkdayCalendar


def events_of(case: Case) -> list[d.Event]:
    events: list[d.Event] = []
    correction = getattr(case, "correction", None)
    if correction is not None:
        events.append(d.CorrectionRequested(correction.requested_on))
        if correction.received_on is not None:
            events.append(d.CorrectionReceived(correction.received_on))
    for consultation in case.consultations.all():
        events.append(
            d.Pause(
                d.PauseKind(consultation.kind),
                consultation.sent_on,
                consultation.answered_on,
                consultation.delivered_on,
            )
        )
    fee = getattr(case, "fee", None)
    if fee is not None:
        events.append(d.Pause(d.PauseKind.FEE, fee.notice_on, fee.paid_on, fee.delivered_on))
    extension = getattr(case, "extension", None)
    if extension is not None:
        events.append(d.Extension(extension.granted_on, extension.workdays))
    office_date = getattr(case, "office_date", None)
    if office_date is not None:
        events.append(d.OfficeSetDate(office_date.set_on, office_date.due_on))
    return events


def deadline_of(
    case: Case, *, as_of: dt.date | None = None, calendar: WorkdayCalendar | None = None
) -> d.Deadline | None:
    """The reply deadline with its explanation; None before the receipt date is known.

    A reopened case runs a fresh 20 working days from its reopening (the body that corrected it
    usually orders a new reply; the office enters any shorter date it set as a 第三十五条 date).
    """
    if case.received_on is None:
        return None
    start = case.received_on
    events = events_of(case)
    if case.reopened_count:
        reopened = (
            case.events.filter(kind=CaseEventKind.REOPEN)
            .order_by("-at")
            .values_list("on", flat=True)
        )
        start = reopened.first() or start
        events = [e for e in events if _day(e) >= start]
    calendar = calendar or calendar_for(start)
    return d.compute_deadline(
        start,
        events,
        calendar,
        channel=d.Channel(case.channel),
        rules=case.agency.clock_rules(),
        as_of=as_of,
    )


def _day(event: d.Event) -> dt.date:
    if isinstance(event, d.Pause):
        return event.start
    if isinstance(event, d.Extension):
        return event.granted_on
    if isinstance(event, d.OfficeSetDate):
        return event.set_on
    return event.on

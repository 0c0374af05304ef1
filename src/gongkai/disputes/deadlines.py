"""The respondent's clock of a recorded dispute, on the platform's working-day calendar.

The counting is ``core/disputes_deadlines`` (pure, with the articles); this module only reads the
dispute's dates and the calendar table, and lists the disputes whose reply is due soon or late
for the morning reminders (``site/daily.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from gongkai.agencies.queries import calendar_for
from gongkai.core.calendar import WorkdayCalendar
from gongkai.core.disputes_deadlines import (
    DisputeDeadline,
    DisputeStatus,
    Proceeding,
    respondent_due,
    status_on,
)
from gongkai.disputes.choices import Kind, Stage
from gongkai.disputes.models import Dispute


def proceeding_of(dispute: Dispute) -> Proceeding:
    return Proceeding.REVIEW if dispute.kind == Kind.REVIEW else Proceeding.LITIGATION


def deadline_of(dispute: Dispute, calendar: WorkdayCalendar) -> DisputeDeadline | None:
    """None until the copy is received (the period runs from then)."""
    if dispute.copy_received_on is None:
        return None
    return respondent_due(
        proceeding_of(dispute),
        dispute.copy_received_on,
        calendar,
        simplified=dispute.simplified,
    )


def state_of(dispute: Dispute, today: dt.date, calendar: WorkdayCalendar) -> str:
    """ "" (no clock) or a ``DisputeStatus`` value."""
    deadline = deadline_of(dispute, calendar)
    if deadline is None:
        return ""
    return status_on(deadline, today, calendar, dispute.replied_on).value


def needing_reminders(
    today: dt.date, disputes: Iterable[Dispute] | None = None
) -> list[tuple[Dispute, DisputeDeadline, str]]:
    """Undecided disputes with a copy received and no reply yet, due soon or overdue."""
    calendar = calendar_for(today)
    if disputes is None:
        disputes = (
            Dispute.objects.filter(copy_received_on__isnull=False, replied_on__isnull=True)
            .exclude(stage=Stage.DECIDED)
            .select_related("agency", "case", "case__assigned_to")
        )
    out = []
    for dispute in disputes:
        deadline = deadline_of(dispute, calendar)
        if deadline is None:
            continue
        state = status_on(deadline, today, calendar, dispute.replied_on)
        if state in (DisputeStatus.DUE_SOON, DisputeStatus.OVERDUE):
            out.append((dispute, deadline, state.value))
    return out

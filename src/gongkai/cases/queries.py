"""Reads: inboxes, the due-soon / overdue states, lists for export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import QuerySet

from gongkai.agencies.queries import workday_calendar
from gongkai.cases.choices import OPEN
from gongkai.cases.models import Case
from gongkai.core import deadlines as d
from gongkai.core.calendar import WorkdayCalendar


def due_state(case: Case, today: dt.date, calendar: WorkdayCalendar) -> str:
    """'overdue', 'due_soon' (≤ 5 working days left), 'running', or '' for closed cases."""
    if case.status not in OPEN or case.due_on is None:
        return ""
    if today > case.due_on:
        return "overdue"
    if calendar.workdays_in(today, case.due_on) <= d.DUE_SOON_WORKDAYS:
        return "due_soon"
    return "running"


def open_with_states(cases: QuerySet[Case], today: dt.date) -> Iterator[tuple[Case, str]]:
    calendar = workday_calendar(predict_through=today.year + 1)
    for case in cases.filter(status__in=OPEN, due_on__isnull=False).select_related(
        "agency", "assigned_to"
    ):
        yield case, due_state(case, today, calendar)


def needing_reminders(today: dt.date) -> list[tuple[Case, str]]:
    return [
        (c, s)
        for c, s in open_with_states(Case.objects.all(), today)
        if s in {"overdue", "due_soon"}
    ]

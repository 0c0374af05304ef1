"""The reply period: extension (第三十三条), the office's later date and its request for reasons
(第三十五条), and recomputation when the working-day calendar changes."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor, Viewer
from gongkai.agencies.lifecycle import record_event
from gongkai.agencies.models import User
from gongkai.cases.actions._common import (
    CaseError,
    _check,
    _date,
    _locked,
    _refresh_clock,
    _today,
    issue_letter,
)
from gongkai.cases.choices import OPEN, LetterKind
from gongkai.cases.choices import CaseEventKind as K
from gongkai.cases.models import Case, CaseEvent, Extension, Letter, OfficeSetDate
from gongkai.core import deadlines as d
from gongkai.core.calendar import WorkdayCalendar


def request_reasons(
    *,
    actor: Actor,
    case: Case,
    on: dt.date,
    respond_by: dt.date,
    note: str = "",
    today: dt.date | None = None,
) -> Letter:
    """说明理由告知书 (第三十五条): the office asks an applicant of many requests for reasons."""
    today = today or _today()
    if respond_by <= on:
        raise CaseError({"respond_by": _("Give the applicant a reasonable time to answer.")})
    with transaction.atomic():
        case = _locked(case)
        _check(actor, case, "request_reasons", today)
        letter = issue_letter(
            case=case,
            kind=LetterKind.REASONS_REQUEST,
            on=on,
            facts={"note": note, "respond_by": respond_by.isoformat()},
        )
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.REASONS_REQUESTED,
            before=case.status,
            after=case.status,
            on=on,
            data={"note": note},
            case=case,
        )
    return letter


def extend(
    *,
    actor: Actor,
    case: Case,
    granted_on: dt.date,
    reason: str,
    workdays: int = d.EXTENSION_MAX_WORKDAYS,
    today: dt.date | None = None,
) -> Extension:
    """第三十三条: once, ≤ 20 working days, approved by the head, notified before the deadline."""
    today = today or _today()
    if not reason.strip():
        raise CaseError({"reason": _("State why more time is needed.")})
    if not 1 <= workdays <= d.EXTENSION_MAX_WORKDAYS:
        raise CaseError({"workdays": _("An extension is 1 to 20 working days.")})
    if not isinstance(actor, User):
        raise PermissionDenied("an extension needs the head of the office")
    with transaction.atomic():
        case = _locked(case)
        _check(actor, case, "extend", today)
        _date(granted_on, "granted_on", today)
        if case.due_on is not None and granted_on > case.due_on:
            raise CaseError(
                {"granted_on": _("An extension must be granted on or before the deadline.")}
            )
        old_due = case.due_on
        extension = Extension.objects.create(
            case=case, granted_on=granted_on, workdays=workdays, approved_by=actor, reason=reason
        )
        _refresh_clock(case, today)
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.EXTENDED,
            before=case.status,
            after=case.status,
            on=granted_on,
            data={
                "workdays": workdays,
                "from": old_due.isoformat() if old_due else None,
                "to": case.due_on.isoformat() if case.due_on else None,
                "reason": reason,
            },
            case=case,
        )
        issue_letter(
            case=case,
            kind=LetterKind.EXTENSION,
            on=granted_on,
            facts={"workdays": workdays, "reason": reason},
        )
    return extension


def set_office_date(
    *,
    actor: Actor,
    case: Case,
    set_on: dt.date,
    due_on: dt.date,
    reason: str,
    today: dt.date | None = None,
) -> OfficeSetDate:
    """第三十五条: reasonable requests too many to answer in time — the office sets a later date."""
    today = today or _today()
    if not reason.strip():
        raise CaseError({"reason": _("State the reason.")})
    with transaction.atomic():
        case = _locked(case)
        _check(actor, case, "set_office_date", today)
        if case.due_on is not None and due_on <= case.due_on:
            raise CaseError({"due_on": _("The new date must be later than the current deadline.")})
        office_date = OfficeSetDate.objects.create(
            case=case, set_on=set_on, due_on=due_on, reason=reason
        )
        _refresh_clock(case, today)
        issue_letter(
            case=case,
            kind=LetterKind.DEFERRAL,
            on=set_on,
            facts={"reasons": reason.strip(), "new_due": due_on.isoformat()},
        )
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.OFFICE_DATE_SET,
            before=case.status,
            after=case.status,
            on=set_on,
            data={"due_on": due_on.isoformat()},
            case=case,
        )
    return office_date


def recompute_deadlines(
    *, actor: Viewer, years: frozenset[int], calendar: WorkdayCalendar, today: dt.date | None = None
) -> int:
    """Recompute every open case whose counting may touch ``years``; note each change."""
    today = today or _today()
    changed = 0
    candidates = Case.objects.filter(status__in=OPEN, received_on__isnull=False).select_related(
        "agency"
    )
    for case in candidates.iterator(chunk_size=500):
        first = case.received_on.year if case.received_on else today.year
        last = max((case.due_on or today).year, today.year) + 1
        if not any(first <= year <= last for year in years):
            continue
        old_due, old_provisional = case.due_on, case.due_provisional
        _refresh_clock(case, today, calendar)
        if (case.due_on, case.due_provisional) != (old_due, old_provisional):
            changed += 1
            record_event(
                CaseEvent,
                actor=actor,
                kind=K.DEADLINE_RECOMPUTED,
                before=case.status,
                after=case.status,
                data={
                    "from": old_due.isoformat() if old_due else None,
                    "to": case.due_on.isoformat() if case.due_on else None,
                    "provisional": case.due_provisional,
                    "years": sorted(years),
                },
                case=case,
            )
    return changed

"""补正 (第三十条): the notice, once; the supplement restarts the clock; no supplement in time
closes the application as abandoned (3.6.1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor
from gongkai.agencies.lifecycle import record_event
from gongkai.cases import clock
from gongkai.cases.actions._common import (
    CaseError,
    _check,
    _conclude,
    _date,
    _locked,
    _not_before,
    _refresh_clock,
    _today,
    issue_letter,
)
from gongkai.cases.choices import CaseEventKind as K
from gongkai.cases.choices import LetterKind
from gongkai.cases.models import Case, CaseEvent, Correction
from gongkai.core import outcomes


def request_correction(
    *,
    actor: Actor,
    case: Case,
    on: dt.date,
    items: Iterable[str],
    deadline: dt.date,
    today: dt.date | None = None,
) -> Correction:
    """补正告知书 (第三十条): once, within 7 working days of receipt, listing everything at once."""
    today = today or _today()
    items = [item.strip() for item in items if item.strip()]
    with transaction.atomic():
        case = _locked(case)
        transition = _check(actor, case, "request_correction", today)
        _date(on, "on", today)
        _not_before(on, case.received_on, "on")
        if not items:
            raise CaseError({"items": _("List what the applicant must supplement.")})
        if deadline <= on:
            raise CaseError({"deadline": _("Give the applicant a reasonable time to supplement.")})
        correction = Correction.objects.create(
            case=case, requested_on=on, items=items, deadline=deadline
        )
        before = transition.apply(case)
        deadline_info = clock.deadline_of(case, as_of=today)
        late = deadline_info is not None and on > deadline_info.correction_notice_due
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.CORRECTION_REQUESTED,
            before=before,
            after=case.status,
            on=on,
            data={"items": items, "deadline": deadline.isoformat(), "late": late},
            case=case,
        )
        _refresh_clock(case, today)
        issue_letter(
            case=case,
            kind=LetterKind.CORRECTION,
            on=on,
            facts={"items": items, "deadline": deadline.isoformat()},
        )
    return correction


def record_correction(
    *, actor: Actor, case: Case, on: dt.date, note: str = "", today: dt.date | None = None
) -> Case:
    """第三十条: the supplemented application arrived; the 20 working days restart from it."""
    today = today or _today()
    with transaction.atomic():
        case = _locked(case)
        transition = _check(actor, case, "record_correction", today)
        _date(on, "on", today)
        correction = case.correction
        _not_before(on, correction.requested_on, "on")
        correction.received_on = on
        correction.note = note
        correction.save(update_fields=["received_on", "note"])
        before = transition.apply(case)
        _refresh_clock(case, today)
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.CORRECTION_RECEIVED,
            before=before,
            after=case.status,
            on=on,
            data={"due_on": case.due_on.isoformat() if case.due_on else None, "note": note},
            case=case,
        )
    return case


def close_correction_lapsed(
    *, actor: Actor, case: Case, on: dt.date | None = None, today: dt.date | None = None
) -> Case:
    """第三十条: no 补正 by the deadline — the application is treated as abandoned (3.6.1)."""
    today = today or _today()
    on = on or today
    with transaction.atomic():
        case = _locked(case)
        transition = _check(actor, case, "close_correction_lapsed", today)
        return _conclude(
            actor,
            case,
            transition,
            outcome=outcomes.CORRECTION_LAPSED,
            on=on,
            kind=K.CLOSED_CORRECTION_LAPSED,
            data={"deadline": case.correction.deadline.isoformat()},
        )

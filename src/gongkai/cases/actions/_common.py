"""What every stage's actions share: the refusal, the table check, the row lock, the clock,
numbers, dates, letters and the conclusion of a case without a reply."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies import lifecycle
from gongkai.agencies.access import Viewer, actor_user
from gongkai.agencies.lifecycle import Transition, record_event
from gongkai.agencies.models import Agency
from gongkai.cases import clock
from gongkai.cases.choices import CaseEventKind, LetterKind, LetterState, Status
from gongkai.cases.models import Case, CaseEvent, Counter, Decision, Letter
from gongkai.cases.transitions import TABLE
from gongkai.core import deadlines as d
from gongkai.core import outcomes
from gongkai.core.calendar import WorkdayCalendar


class CaseError(ValidationError):
    """Bad input or a step the law does not allow now; nothing was written."""


class CaseTransitionRefused(CaseError, lifecycle.TransitionRefused):
    """The transition table does not allow the step now (status, or the law's guard).

    A ``CaseError`` for the callers of the actions, and the life cycle's ``TransitionRefused``
    for whatever answers every life cycle's refusal the same way.
    """


def _today() -> dt.date:
    return timezone.localdate()


def _check(actor: Viewer, case: Case, action: str, today: dt.date) -> Transition[Case]:
    """The table's transition for ``action`` now: PermissionDenied for a missing right, or
    ``CaseTransitionRefused`` naming the application and its status."""
    try:
        return TABLE.check(actor, case, action, today)
    except lifecycle.TransitionRefused:
        raise CaseTransitionRefused(
            _("“%(action)s” is not possible for application %(number)s now (status: %(status)s).")
            % {
                "action": TABLE[action].label,
                "number": case.number,
                "status": Status(case.status).label,
            },
            code="transition",
        ) from None


def _locked(case: Case) -> Case:
    """The case re-read under a row lock, so two officers cannot act on stale state."""
    return Case.objects.select_for_update().select_related("agency").get(pk=case.pk)


def _refresh_clock(case: Case, today: dt.date, calendar: WorkdayCalendar | None = None) -> None:
    deadline = clock.deadline_of(case, as_of=today, calendar=calendar)
    case.due_on = deadline.due if deadline else None
    case.due_provisional = deadline.provisional if deadline else False
    case.save(update_fields=["due_on", "due_provisional", "status", "updated_at"])


def _next(agency: Agency, year: int, series: str) -> int:
    counter, _created = Counter.objects.select_for_update().get_or_create(
        agency=agency, year=year, series=series
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def tracking_number(agency: Agency, year: int, n: int) -> str:
    # Short name + year + sequence: readable on the phone, unique per agency and year.
    return f"{agency.short_name}依申〔{year}〕{n}号"


def _date(value: dt.date | None, field: str, today: dt.date) -> dt.date:
    if value is None:
        raise CaseError({field: _("This date is required.")}, code="required")
    if value > today:
        raise CaseError({field: _("This date lies in the future.")}, code="future")
    return value


def _not_before(value: dt.date, earlier: dt.date | None, field: str) -> None:
    if earlier is not None and value < earlier:
        raise CaseError(
            {field: _("This date is before %(day)s.") % {"day": d.cn(earlier)}},
            code="order",
        )


# -- letters ----------------------------------------------------------------------------------


def issue_letter(
    *,
    case: Case,
    kind: LetterKind,
    on: dt.date,
    facts: Mapping[str, Any] | None = None,
    served: bool = False,
) -> Letter:
    """Record a letter and generate its DOCX and PDF in the background after the commit.

    The letter is composed once here, inside the action's transaction, so a letter that could
    not be written (a missing fact) refuses the action instead of failing later in the worker.
    """
    from gongkai.cases.letters import letter_data, queue_rendering
    from gongkai.core import letters as core_letters

    info = core_letters.KINDS[core_letters.LetterKind(kind)]
    number = ""
    if info.numbered:
        n = _next(case.agency, on.year, "letter")
        number = case.agency.letter_number(on.year, n)

    letter = Letter(
        case=case,
        kind=kind,
        number=number,
        issued_on=on,
        state=LetterState.PENDING if queue_rendering() else LetterState.ON_DEMAND,
        data=dict(facts or {}),
        served_on=on if served or info.sent_when_issued else None,
    )
    try:
        core_letters.compose(core_letters.LetterKind(kind), letter_data(letter))
    except core_letters.LetterDataError as exc:
        raise CaseError({exc.field: str(exc)}, code="letter") from exc
    letter.save()
    from gongkai.cases.tasks import generate_letter

    if queue_rendering():
        transaction.on_commit(lambda: generate_letter.enqueue(letter.pk))
    if letter.served_on is not None and kind != LetterKind.RECEIPT:
        from gongkai.cases.notify import letter_sent

        # The applicant learns of a notice the day it is sent (a reply: when it is served).
        transaction.on_commit(lambda: letter_sent(letter))
    return letter


# -- concluded without a reply ------------------------------------------------------------------


def _conclude(
    actor: Viewer,
    case: Case,
    transition: Transition[Case],
    *,
    outcome: str,
    on: dt.date,
    kind: CaseEventKind,
    data: Mapping[str, Any],
) -> Case:
    """3.6.x: abandoned or withdrawn — closed with its outcome and a letter saying so."""
    before = transition.apply(case)
    case.outcome = outcome
    case.concluded_on = on
    if case.first_concluded_on is None:
        case.first_concluded_on = on
        case.first_outcome = outcome
    case.save()
    Decision.objects.create(
        case=case,
        outcome=outcome,
        reasons=str(data.get("reasons", "")),
        decided_on=on,
        decided_by=actor_user(actor),
        articles=list(outcomes.get(outcome).articles),
    )
    record_event(
        CaseEvent,
        actor=actor,
        kind=kind,
        before=before,
        after=case.status,
        on=on,
        data={"outcome": outcome, **data},
        case=case,
    )
    # The applicant is told the application ends here (a withdrawal is confirmed in writing too).
    issue_letter(
        case=case,
        kind=LetterKind.REPLY,
        on=on,
        facts={"outcome": outcome, "reasons": str(data.get("reasons", ""))},
        served=True,
    )
    return case

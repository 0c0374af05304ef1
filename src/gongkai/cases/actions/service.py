"""Service of the reply (办结 that day; late after the due date), and reopening after 复议 or
诉讼 corrected the decision."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor
from gongkai.agencies.lifecycle import record_event
from gongkai.cases.actions._common import (
    CaseError,
    _check,
    _date,
    _locked,
    _not_before,
    _refresh_clock,
    _today,
)
from gongkai.cases.choices import CaseEventKind as K
from gongkai.cases.choices import LetterKind, OnlineServiceDate, ServiceMethod
from gongkai.cases.models import Case, CaseEvent, Letter, OnlineServiceRule


def _on_first_download(case: Case) -> bool:
    rule = OnlineServiceRule.objects.filter(agency_id=case.agency_id).first()
    return rule is not None and rule.served_on == OnlineServiceDate.FIRST_DOWNLOAD


def delivered_by_download(case: Case, on: dt.date) -> None:
    """The applicant's first download delivers an online reply, under the office's rule."""
    decision = case.decisions.last()
    if (
        decision is not None
        and decision.served_on is not None
        and decision.delivered_on is None
        and decision.service_method == ServiceMethod.ONLINE
    ):
        decision.delivered_on = on
        decision.save(_allow_update=True)


def serve(
    *,
    actor: Actor,
    case: Case,
    method: ServiceMethod | str,
    served_on: dt.date,
    reference: str = "",
    today: dt.date | None = None,
) -> Case:
    """The reply is served: concluded (办结) on that day; late if after the due date (§4).

    ``reference`` proves it: the postal tracking number, the e-mail address, or the collection
    receipt (自行领取回执) — with the released information, by the applicant's choice.
    """
    today = today or _today()
    try:
        method = ServiceMethod(method)
    except ValueError:
        raise CaseError({"method": _("Choose one of the options.")}) from None
    with transaction.atomic():
        case = _locked(case)
        transition = _check(actor, case, "serve", today)
        _date(served_on, "served_on", today)
        decision = case.decisions.last()
        assert decision is not None
        _not_before(served_on, decision.decided_on, "served_on")
        decision.served_on = served_on
        decision.service_method = method
        decision.service_reference = reference.strip()[:100]
        decision.delivered_on = (
            None if method == ServiceMethod.ONLINE and _on_first_download(case) else served_on
        )
        decision.save(_allow_update=True)
        before = transition.apply(case)
        case.concluded_on = served_on
        case.served_late = case.due_on is not None and served_on > case.due_on
        if case.first_concluded_on is None:
            case.first_concluded_on = served_on
            case.first_outcome = case.outcome
        case.save()
        Letter.objects.filter(
            case=case, kind__in=[LetterKind.REPLY, LetterKind.NOT_HANDLED], served_on__isnull=True
        ).update(served_on=served_on)
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.SERVED,
            before=before,
            after=case.status,
            on=served_on,
            data={
                "method": method,
                "late": case.served_late,
                "reference": reference.strip()[:100],
                "due_on": case.due_on.isoformat() if case.due_on else None,
            },
            case=case,
        )
    from gongkai.cases.notify import reply_served

    transaction.on_commit(lambda: reply_served(case))
    return case


def reopen(
    *,
    actor: Actor,
    case: Case,
    on: dt.date,
    reason: str,
    today: dt.date | None = None,
) -> Case:
    """After 复议 or 诉讼 corrected the decision: open again for a new one; history is kept.

    The report keeps counting the first conclusion (it is not a new application); the new
    decision is recorded beside the old one.
    """
    today = today or _today()
    if not reason.strip():
        raise CaseError({"reason": _("Name the decision that requires a new reply.")})
    with transaction.atomic():
        case = _locked(case)
        transition = _check(actor, case, "reopen", today)
        _date(on, "on", today)
        before = transition.apply(case)
        case.reopened_count += 1
        case.outcome = ""
        case.concluded_on = None
        case.served_late = False
        case.save()
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.REOPEN,
            before=before,
            after=case.status,
            on=on,
            data={"reason": reason.strip()},
            case=case,
        )
        _refresh_clock(case, today)
    return case

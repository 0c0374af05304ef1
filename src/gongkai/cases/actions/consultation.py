"""征求意见 (第三十二条 third party, 第三十四条 co-producer): the clock pauses until the answer; a
disclosure despite an objection is notified to the third party."""

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
    issue_letter,
)
from gongkai.cases.choices import CaseEventKind as K
from gongkai.cases.choices import ConsultationAnswer, ConsultationKind, LetterKind
from gongkai.cases.models import Case, CaseEvent, Consultation, Letter


def consult(
    *,
    actor: Actor,
    case: Case,
    kind: ConsultationKind | str,
    consultee: str,
    sent_on: dt.date,
    consultee_address: str = "",
    today: dt.date | None = None,
) -> Consultation:
    """征求意见书 (第三十二条 / 第三十四条): the clock pauses until the answer or 15 WD lapse."""
    today = today or _today()
    try:
        kind = ConsultationKind(kind)
    except ValueError:
        raise CaseError({"kind": _("Choose one of the options.")}) from None
    if not consultee.strip():
        raise CaseError({"consultee": _("This field is required.")})
    with transaction.atomic():
        case = _locked(case)
        transition = _check(actor, case, "consult", today)
        _date(sent_on, "sent_on", today)
        _not_before(sent_on, case.received_on, "sent_on")
        consultation = Consultation.objects.create(
            case=case,
            kind=kind,
            consultee=consultee.strip(),
            consultee_address=consultee_address,
            sent_on=sent_on,
        )
        before = transition.apply(case)
        _refresh_clock(case, today)
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.CONSULTED,
            before=before,
            after=case.status,
            on=sent_on,
            data={"kind": kind, "consultee": consultee.strip()},
            case=case,
        )
        letter_kind = (
            LetterKind.THIRD_PARTY_CONSULTATION
            if kind == ConsultationKind.THIRD_PARTY
            else LetterKind.CO_PRODUCER_CONSULTATION
        )
        issue_letter(
            case=case,
            kind=letter_kind,
            on=sent_on,
            facts={"consultee": consultee.strip(), "consultation": consultation.pk},
        )
    return consultation


def record_consultation(
    *,
    actor: Actor,
    consultation: Consultation,
    answer: ConsultationAnswer | str,
    answered_on: dt.date,
    delivered_on: dt.date | None = None,
    note: str = "",
    today: dt.date | None = None,
) -> Consultation:
    """The consultee answered, or its 15 working days lapsed (a co-producer's silence: consent)."""
    today = today or _today()
    try:
        answer = ConsultationAnswer(answer)
    except ValueError:
        raise CaseError({"answer": _("Choose one of the options.")}) from None
    with transaction.atomic():
        case = _locked(consultation.case)
        transition = _check(actor, case, "record_consultation", today)
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if consultation.answered_on is not None:
            raise CaseError(_("This consultation's answer is already recorded."))
        _date(answered_on, "answered_on", today)
        _not_before(answered_on, consultation.sent_on, "answered_on")
        if delivered_on is not None:
            _not_before(delivered_on, consultation.sent_on, "delivered_on")
            consultation.delivered_on = delivered_on
        consultation.answered_on = answered_on
        consultation.answer = answer
        consultation.note = note
        consultation.save()
        before = case.status
        if not case.consultations.filter(answered_on__isnull=True).exists():
            transition.apply(case)  # the last answer ends the pause (第三十二条, 第三十四条)
        _refresh_clock(case, today)
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.CONSULTATION_ANSWERED,
            before=before,
            after=case.status,
            on=answered_on,
            data={"consultee": consultation.consultee, "answer": answer, "note": note},
            case=case,
        )
    return consultation


def notify_third_party(
    *,
    actor: Actor,
    case: Case,
    consultation: Consultation,
    on: dt.date,
    reasons: str,
    today: dt.date | None = None,
) -> Letter:
    """依申请公开告知书（第三方）: disclosing despite an objection, in the public interest."""
    today = today or _today()
    if not reasons.strip():
        raise CaseError({"reasons": _("State why the public interest requires disclosure.")})
    with transaction.atomic():
        case = _locked(case)
        _check(actor, case, "notify_third_party", today)
        letter = issue_letter(
            case=case,
            kind=LetterKind.THIRD_PARTY_NOTICE,
            on=on,
            facts={"consultee": consultation.consultee, "reasons": reasons.strip()},
        )
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.THIRD_PARTY_NOTIFIED,
            before=case.status,
            after=case.status,
            on=on,
            data={"consultee": consultation.consultee},
            case=case,
        )
    return letter

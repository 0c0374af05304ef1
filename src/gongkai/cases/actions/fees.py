"""信息处理费 (第四十二条, 国办函〔2020〕109号): the notice pauses the clock; payment restarts it;
no payment in time closes the application as abandoned (3.6.2)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor
from gongkai.agencies.lifecycle import record_event
from gongkai.agencies.queries import calendar_for
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
from gongkai.cases.choices import LetterKind, Status
from gongkai.cases.models import Case, CaseEvent, FeeNotice
from gongkai.core import fees, outcomes


def applications_in_month(case: Case) -> int:
    """Which application of this applicant in its calendar month this is (109号: per applicant)."""
    received = case.received_on or case.submitted_on
    first = received.replace(day=1)
    return (
        Case.objects.filter(
            id_number_hash=case.id_number_hash,
            received_on__gte=first,
            received_on__lte=received,
            split_from__isnull=True,
        )
        .exclude(status=Status.SPLIT)
        .filter(pk__lte=case.pk)
        .count()
    )


def fee_notice(
    *,
    actor: Actor,
    case: Case,
    basis: fees.Basis | str,
    notice_on: dt.date,
    payment_method: str,
    pages: int | None = None,
    today: dt.date | None = None,
) -> FeeNotice:
    """收费通知书 (109号): one basis per application; the amount follows from the bands."""
    today = today or _today()
    if not payment_method.strip():
        raise CaseError({"payment_method": _("Say how to pay (account, payee, reference).")})
    try:
        basis = fees.Basis(basis)
    except ValueError:
        raise CaseError({"basis": _("Choose one of the options.")}) from None
    with transaction.atomic():
        case = _locked(case)
        transition = _check(actor, case, "fee_notice", today)
        _date(notice_on, "notice_on", today)
        if basis is fees.Basis.PER_PAGE:
            if pages is None or pages < 0:
                raise CaseError({"pages": _("Enter the number of pages.")})
            fee = fees.per_page(pages)
            nth = None
        else:
            nth = applications_in_month(case)
            fee = fees.per_application(nth)
        if fee.amount == 0:
            raise CaseError(_("No fee is due: %(why)s.") % {"why": fee.explanation}, code="no_fee")
        calendar = calendar_for(notice_on)
        pay_by = calendar.add_workdays(notice_on, fees.PAYMENT_WORKDAYS)
        notice = FeeNotice.objects.create(
            case=case,
            basis=basis,
            pages=pages,
            nth_in_month=nth,
            amount=fee.amount,
            explanation=fee.explanation,
            notice_on=notice_on,
            pay_by=pay_by,
        )
        before = transition.apply(case)
        _refresh_clock(case, today)
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.FEE_NOTICE,
            before=before,
            after=case.status,
            on=notice_on,
            data={
                "amount": fee.amount,
                "basis": basis,
                "explanation": fee.explanation,
                "pay_by": pay_by.isoformat(),
            },
            case=case,
        )
        issue_letter(
            case=case,
            kind=LetterKind.FEE_NOTICE,
            on=notice_on,
            facts={
                "payment_method": payment_method.strip(),
                "amount": fee.amount,
                "basis": basis,
                "explanation": fee.explanation,
                "pay_by": pay_by.isoformat(),
            },
        )
    return notice


def record_payment(
    *, actor: Actor, case: Case, paid_on: dt.date, receipt_number: str, today: dt.date | None = None
) -> FeeNotice:
    today = today or _today()
    if not receipt_number.strip():
        raise CaseError({"receipt_number": _("Enter the receipt number.")})
    with transaction.atomic():
        case = _locked(case)
        transition = _check(actor, case, "record_payment", today)
        _date(paid_on, "paid_on", today)
        notice = case.fee
        _not_before(paid_on, notice.notice_on, "paid_on")
        notice.paid_on = paid_on
        notice.receipt_number = receipt_number.strip()
        notice.save(update_fields=["paid_on", "receipt_number"])
        before = transition.apply(case)
        _refresh_clock(case, today)
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.FEE_PAID,
            before=before,
            after=case.status,
            on=paid_on,
            data={"amount": notice.amount},
            case=case,
        )
    return notice


def close_fee_unpaid(
    *, actor: Actor, case: Case, on: dt.date | None = None, today: dt.date | None = None
) -> Case:
    """109号: not paid within 20 working days — treated as abandoned (3.6.2)."""
    today = today or _today()
    on = on or today
    with transaction.atomic():
        case = _locked(case)
        transition = _check(actor, case, "close_fee_unpaid", today)
        return _conclude(
            actor,
            case,
            transition,
            outcome=outcomes.FEE_UNPAID,
            on=on,
            kind=K.CLOSED_FEE_UNPAID,
            data={"pay_by": case.fee.pay_by.isoformat()},
        )

"""Statuses and the allowed transitions, as one table the interface reads.

``TRANSITIONS[action]`` says from which statuses an action may run, who may run it (a capability
in the case's agency, or the applicant themself) and where it leads; ``guard`` adds the facts
the law adds (补正 once, one extension, a lapsed deadline …). ``allowed(viewer, case, today)``
is what the case page shows as buttons, and what ``actions.py`` enforces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.access import Capability, Viewer, can
from gongkai.cases.choices import OPEN, Status

if TYPE_CHECKING:
    from gongkai.cases.models import Case

C = Capability
S = Status
HANDLING = frozenset({S.OPEN, S.CONSULTING, S.AWAITING_PAYMENT})


def _no_correction(case: Case, today: dt.date) -> bool:
    return not hasattr(case, "correction")


def _correction_lapsed(case: Case, today: dt.date) -> bool:
    return hasattr(case, "correction") and today > case.correction.deadline


def _no_extension(case: Case, today: dt.date) -> bool:
    # 第三十三条: once, and before the deadline runs out.
    return not hasattr(case, "extension") and (case.due_on is None or today <= case.due_on)


def _no_office_date(case: Case, today: dt.date) -> bool:
    return not hasattr(case, "office_date")


def _no_fee(case: Case, today: dt.date) -> bool:
    return not hasattr(case, "fee")


def _fee_lapsed(case: Case, today: dt.date) -> bool:
    return hasattr(case, "fee") and case.fee.paid_on is None and today > case.fee.pay_by


def _legal_review_pending(case: Case, today: dt.date) -> bool:
    decision = case.decisions.last()
    return decision is not None and decision.legal_review_by_id is None


def _ready_to_serve(case: Case, today: dt.date) -> bool:
    if not case.agency.legal_review_required:
        return True
    return not _legal_review_pending(case, today)


def _never_split(case: Case, today: dt.date) -> bool:
    return case.split_from_id is None


def _objection_recorded(case: Case, today: dt.date) -> bool:
    return any(c.answer == "objects" for c in case.consultations.all())


def _always(case: Case, today: dt.date) -> bool:
    return True


@dataclass(frozen=True)
class Transition:
    action: str
    label: str | Promise
    sources: frozenset[Status]
    # None: the applicant (the case's registered applicant) rather than staff.
    capability: Capability | None
    target: Status | None  # None: the status does not change
    guard: Callable[[Case, dt.date], bool] = _always
    # A button that needs a confirmation or form before it runs (all but a few).
    needs_form: bool = True


def _t(*args: object, **kwargs: object) -> Transition:
    return Transition(*args, **kwargs)  # type: ignore[arg-type]


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        _t(
            "confirm_receipt",
            _("Confirm receipt"),
            {S.AWAITING_CONFIRMATION},
            C.HANDLE_CASES,
            S.OPEN,
        ),
        _t("issue_receipt", _("Issue acknowledgement"), OPEN, C.HANDLE_CASES, None),
        _t("assign", _("Assign"), OPEN, C.HANDLE_CASES, None),
        _t("request_assistance", _("Ask another unit to assist"), HANDLING, C.HANDLE_CASES, None),
        _t("record_assistance", _("Record assistance received"), OPEN, C.HANDLE_CASES, None),
        _t(
            "request_correction",
            _("Request correction"),
            {S.OPEN},
            C.HANDLE_CASES,
            S.AWAITING_CORRECTION,
            _no_correction,
        ),
        _t(
            "record_correction",
            _("Record correction received"),
            {S.AWAITING_CORRECTION},
            C.HANDLE_CASES,
            S.OPEN,
        ),
        _t(
            "close_correction_lapsed",
            _("Close: no correction in time"),
            {S.AWAITING_CORRECTION},
            C.HANDLE_CASES,
            S.CLOSED,
            _correction_lapsed,
        ),
        _t("consult", _("Consult"), {S.OPEN, S.CONSULTING}, C.HANDLE_CASES, S.CONSULTING),
        _t(
            "record_consultation",
            _("Record consultation answer"),
            {S.CONSULTING},
            C.HANDLE_CASES,
            None,
        ),
        _t(
            "notify_third_party",
            _("Notify the third party of disclosure"),
            {S.OPEN},
            C.HANDLE_CASES,
            None,
            _objection_recorded,
        ),
        _t(
            "request_reasons",
            _("Ask the applicant for reasons (Article 35)"),
            {S.OPEN},
            C.HANDLE_CASES,
            None,
        ),
        _t("extend", _("Extend the deadline"), HANDLING, C.APPROVE_EXTENSIONS, None, _no_extension),
        _t(
            "set_office_date",
            _("Set a later reply date (Article 35)"),
            HANDLING,
            C.APPROVE_EXTENSIONS,
            None,
            _no_office_date,
        ),
        _t(
            "fee_notice",
            _("Issue a fee notice"),
            {S.OPEN},
            C.HANDLE_CASES,
            S.AWAITING_PAYMENT,
            _no_fee,
        ),
        _t("record_payment", _("Record payment"), {S.AWAITING_PAYMENT}, C.HANDLE_CASES, S.OPEN),
        _t(
            "close_fee_unpaid",
            _("Close: fee not paid in time"),
            {S.AWAITING_PAYMENT},
            C.HANDLE_CASES,
            S.CLOSED,
            _fee_lapsed,
        ),
        _t(
            "split",
            _("Split into separate applications"),
            {S.OPEN},
            C.HANDLE_CASES,
            S.SPLIT,
            _never_split,
        ),
        _t("decide", _("Decide"), {S.OPEN}, C.HANDLE_CASES, S.DECIDED),
        _t(
            "sign_legal_review",
            _("Sign off legal review"),
            {S.DECIDED},
            C.REVIEW_CASES,
            None,
            _legal_review_pending,
        ),
        _t(
            "serve",
            _("Record service of the reply"),
            {S.DECIDED},
            C.HANDLE_CASES,
            S.SERVED,
            _ready_to_serve,
        ),
        _t("withdraw", _("Record withdrawal"), OPEN, C.HANDLE_CASES, S.CLOSED),
        _t("withdraw_own", _("Withdraw my application"), OPEN, None, S.CLOSED),
        _t(
            "reopen",
            _("Reopen after review or litigation"),
            {S.SERVED, S.CLOSED},
            C.HANDLE_CASES,
            S.OPEN,
        ),
    )
}


def permitted(viewer: Viewer, case: Case, action: str, today: dt.date) -> bool:
    """May ``viewer`` run ``action`` on ``case`` now (status, right and the law's guard)."""
    transition = TRANSITIONS[action]
    if case.status not in transition.sources:
        return False
    if transition.capability is None:
        user_id = getattr(viewer, "pk", None)
        if user_id is None or case.applicant_user_id != user_id:
            return False
    elif not can(viewer, transition.capability, case.agency):
        return False
    return transition.guard(case, today)


def allowed(viewer: Viewer, case: Case, today: dt.date) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if permitted(viewer, case, t.action, today)]

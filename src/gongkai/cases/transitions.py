"""The life cycle of an application as one table (``agencies.lifecycle.TransitionTable``).

``TABLE[action]`` says from which statuses an action may run, who may run it (a capability in
the case's agency, or — capability None — the applicant themself: the table's ``owner`` test),
the status it leads to, and the facts the law adds as a ``guard`` (补正 once, one extension, a
lapsed deadline …). The actions take the status from here (``transition.apply(case)``); the
case page shows ``allowed(viewer, case, today)`` as its buttons. A case that begins (online,
registered by staff, a part of a split application) starts in its ``INITIAL`` status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.access import Capability, Viewer
from gongkai.agencies.lifecycle import Transition, TransitionTable
from gongkai.cases.choices import OPEN, Status

if TYPE_CHECKING:
    from gongkai.agencies.models import Agency
    from gongkai.cases.models import Case

C = Capability
S = Status
HANDLING = frozenset({S.OPEN, S.CONSULTING, S.AWAITING_PAYMENT})
# What the decision provides (actions/release.py) is prepared while the case is handled; the
# decision freezes it into the reply letter, so it changes no more after it.
RELEASE_EDITABLE = HANDLING


# -- how a case begins (no transition leads there) ----------------------------------------------

INITIAL: Mapping[str, Status] = MappingProxyType(
    {
        # 第三十一条第三项: the platform's acknowledgement is the confirmation by both sides.
        "online": S.OPEN,
        # 第三十一条第一、二项: in person or registered post — the day of receipt is known.
        "registered": S.OPEN,
        # 第三十一条第二、三项: an ordinary letter, e-mail or fax waits for both sides to confirm.
        "registered_unconfirmed": S.AWAITING_CONFIRMATION,
        # 一事一申请: each part of a split application carries on, with the original's clock.
        "split_part": S.OPEN,
    }
)


# -- the law's guards ---------------------------------------------------------------------------


def _no_correction(case: Case, today: dt.date) -> bool:
    return not hasattr(case, "correction")  # 第三十条: 补正 once


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


# -- who --------------------------------------------------------------------------------------


class VerifiedApplicant(AnonymousUser):
    """A visitor who proved on this request to be the applicant of one case without an account
    (tracking number + second factor, ``lookup.find_case``): no staff right anywhere, the
    applicant's own transitions on that case only."""

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id


def _is_applicant(viewer: Viewer, case: Case) -> bool:
    """The applicant of this case (the transitions without a staff capability): the registered
    applicant, or a visitor verified for this case."""
    if isinstance(viewer, VerifiedApplicant):
        return viewer.case_id == case.pk
    user_id = getattr(viewer, "pk", None)
    return user_id is not None and case.applicant_user_id == user_id


def _agency(case: Case) -> Agency:
    return case.agency


def _status_label(case: Case) -> str | Promise:
    return Status(case.status).label


# -- the table --------------------------------------------------------------------------------

TABLE: TransitionTable[Case] = TransitionTable(
    transitions=(
        Transition(
            action="confirm_receipt",
            label=_("Confirm receipt"),
            sources=frozenset({S.AWAITING_CONFIRMATION}),
            capability=C.HANDLE_CASES,
            target=S.OPEN,
        ),
        Transition(
            action="issue_receipt",
            label=_("Issue acknowledgement"),
            sources=OPEN,
            capability=C.HANDLE_CASES,
        ),
        Transition(action="assign", label=_("Assign"), sources=OPEN, capability=C.HANDLE_CASES),
        Transition(
            action="request_assistance",
            label=_("Ask another unit to assist"),
            sources=HANDLING,
            capability=C.HANDLE_CASES,
        ),
        Transition(
            action="record_assistance",
            label=_("Record assistance received"),
            sources=OPEN,
            capability=C.HANDLE_CASES,
        ),
        Transition(
            action="request_correction",
            label=_("Request correction"),
            sources=frozenset({S.OPEN}),
            capability=C.HANDLE_CASES,
            target=S.AWAITING_CORRECTION,
            guard=_no_correction,
        ),
        Transition(
            action="record_correction",
            label=_("Record correction received"),
            sources=frozenset({S.AWAITING_CORRECTION}),
            capability=C.HANDLE_CASES,
            target=S.OPEN,
        ),
        Transition(
            action="answer_correction",
            label=_("Supplement my application"),
            sources=frozenset({S.AWAITING_CORRECTION}),
            capability=None,
            target=S.OPEN,
        ),
        Transition(
            action="close_correction_lapsed",
            label=_("Close: no correction in time"),
            sources=frozenset({S.AWAITING_CORRECTION}),
            capability=C.HANDLE_CASES,
            target=S.CLOSED,
            guard=_correction_lapsed,
        ),
        Transition(
            action="consult",
            label=_("Consult"),
            sources=frozenset({S.OPEN, S.CONSULTING}),
            capability=C.HANDLE_CASES,
            target=S.CONSULTING,
        ),
        # The target is reached when the last open consultation is answered (第三十二条,
        # 第三十四条: the pause ends); until then the case stays in consultation.
        Transition(
            action="record_consultation",
            label=_("Record consultation answer"),
            sources=frozenset({S.CONSULTING}),
            capability=C.HANDLE_CASES,
            target=S.OPEN,
        ),
        Transition(
            action="notify_third_party",
            label=_("Notify the third party of disclosure"),
            sources=frozenset({S.OPEN}),
            capability=C.HANDLE_CASES,
            guard=_objection_recorded,
        ),
        Transition(
            action="request_reasons",
            label=_("Ask the applicant for reasons (Article 35)"),
            sources=frozenset({S.OPEN}),
            capability=C.HANDLE_CASES,
        ),
        Transition(
            action="extend",
            label=_("Extend the deadline"),
            sources=HANDLING,
            capability=C.APPROVE_EXTENSIONS,
            guard=_no_extension,
        ),
        Transition(
            action="set_office_date",
            label=_("Set a later reply date (Article 35)"),
            sources=HANDLING,
            capability=C.APPROVE_EXTENSIONS,
            guard=_no_office_date,
        ),
        Transition(
            action="fee_notice",
            label=_("Issue a fee notice"),
            sources=frozenset({S.OPEN}),
            capability=C.HANDLE_CASES,
            target=S.AWAITING_PAYMENT,
            guard=_no_fee,
        ),
        Transition(
            action="record_payment",
            label=_("Record payment"),
            sources=frozenset({S.AWAITING_PAYMENT}),
            capability=C.HANDLE_CASES,
            target=S.OPEN,
        ),
        Transition(
            action="close_fee_unpaid",
            label=_("Close: fee not paid in time"),
            sources=frozenset({S.AWAITING_PAYMENT}),
            capability=C.HANDLE_CASES,
            target=S.CLOSED,
            guard=_fee_lapsed,
        ),
        Transition(
            action="split",
            label=_("Split into separate applications"),
            sources=frozenset({S.OPEN}),
            capability=C.HANDLE_CASES,
            target=S.SPLIT,
            guard=_never_split,
        ),
        Transition(
            # 内部检索单: what the office searched, recorded while the case is handled (and the
            # precondition of a 3.4.1 answer, 条例第三十六条第四项: actions.decide checks it).
            action="record_search",
            label=_("Record a search"),
            sources=HANDLING,
            capability=C.HANDLE_CASES,
        ),
        Transition(
            action="decide",
            label=_("Decide"),
            sources=frozenset({S.OPEN}),
            capability=C.HANDLE_CASES,
            target=S.DECIDED,
        ),
        Transition(
            action="sign_legal_review",
            label=_("Sign off legal review"),
            sources=frozenset({S.DECIDED}),
            capability=C.REVIEW_CASES,
            guard=_legal_review_pending,
        ),
        Transition(
            action="serve",
            label=_("Record service of the reply"),
            sources=frozenset({S.DECIDED}),
            capability=C.HANDLE_CASES,
            target=S.SERVED,
            guard=_ready_to_serve,
        ),
        Transition(
            action="withdraw",
            label=_("Record withdrawal"),
            sources=OPEN,
            capability=C.HANDLE_CASES,
            target=S.CLOSED,
        ),
        Transition(
            action="withdraw_own",
            label=_("Withdraw my application"),
            sources=OPEN,
            capability=None,
            target=S.CLOSED,
        ),
        Transition(
            action="reopen",
            label=_("Reopen after review or litigation"),
            sources=frozenset({S.SERVED, S.CLOSED}),
            capability=C.HANDLE_CASES,
            target=S.OPEN,
        ),
    ),
    agency_of=_agency,
    owner=_is_applicant,
    status_label=_status_label,
)

# Every transition by its action (the console's forms and the tests read it).
TRANSITIONS: Mapping[str, Transition[Case]] = TABLE.by_action


def permitted(viewer: Viewer, case: Case, action: str, today: dt.date) -> bool:
    """May ``viewer`` run ``action`` on ``case`` now (status, right and the law's guard)."""
    return TABLE.permitted(viewer, case, action, today)


def allowed(viewer: Viewer, case: Case, today: dt.date) -> list[Transition[Case]]:
    """The actions ``viewer`` may take on ``case`` now, in the table's order (the buttons)."""
    return TABLE.allowed(viewer, case, today)

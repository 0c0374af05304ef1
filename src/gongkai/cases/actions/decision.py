"""The decision (one outcome = one report row, 第三十六条), its legal review, and withdrawal by
the applicant (3.6.3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor, Viewer, actor_user
from gongkai.agencies.lifecycle import record_event
from gongkai.cases.actions._common import (
    CaseError,
    _check,
    _conclude,
    _date,
    _locked,
    _not_before,
    _today,
    issue_letter,
)
from gongkai.cases.actions.release import released_facts
from gongkai.cases.choices import CaseEventKind as K
from gongkai.cases.choices import LetterKind
from gongkai.cases.models import Case, CaseEvent, Decision
from gongkai.cases.transitions import TABLE
from gongkai.core import outcomes
from gongkai.core.letters.kinds import kind_for_outcome


def decide(
    *,
    actor: Actor,
    case: Case,
    outcome: str,
    decided_on: dt.date,
    reasons: str = "",
    extra_articles: Sequence[str] = (),
    provision: str = "",
    published_at: str = "",
    today: dt.date | None = None,
) -> Decision:
    """The decision: one outcome (= one report row), with reasons where the law requires them."""
    today = today or _today()
    if outcome not in outcomes.DECIDABLE:
        raise CaseError({"outcome": _("Choose one of the outcomes.")})
    rule = outcomes.get(outcome)
    if rule.reasons_required and not reasons.strip():
        raise CaseError(
            {"reasons": _("This outcome needs the reasons, stated for the applicant.")},
            code="reasons",
        )
    with transaction.atomic():
        case = _locked(case)
        released = released_facts(case) if outcome in outcomes.PROVIDING else []
        if outcome == outcomes.DISCLOSED and not (
            provision.strip() or published_at.strip() or released
        ):
            raise CaseError(
                {"provision": _("Say how the information is provided, or where it is published.")},
                code="provision",
            )
        transition = _check(actor, case, "decide", today)
        # 条例第三十六条第四项: "经检索没有所需要的政府信息的，告知申请人该政府信息不存在" —
        # the answer rests on a search, so 3.4.1 is refused until the officer has recorded one
        # (内部检索单, actions/search.py). When the applicant challenges "not held" in a review
        # or suit, the search record is the office's evidence that it looked, and where.
        if outcome == outcomes.NOT_HELD and not case.searches.exists():
            message = _(
                "Record the search first (internal search sheet): an answer that the "
                "information is not held rests on a search (Article 36(4))."
            )
            raise CaseError({"outcome": ValidationError(message, code="search_required")})
        _date(decided_on, "decided_on", today)
        _not_before(decided_on, case.received_on, "decided_on")
        decision = Decision.objects.create(
            case=case,
            outcome=outcome,
            reasons=reasons.strip(),
            articles=[*rule.articles, *[a.strip() for a in extra_articles if a.strip()]],
            decided_on=decided_on,
            decided_by=actor_user(actor),
        )
        before = transition.apply(case)
        case.outcome = outcome
        case.save(update_fields=["status", "outcome", "updated_at"])
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.DECIDED,
            before=before,
            after=case.status,
            on=decided_on,
            data={"outcome": outcome, "label": rule.label, "reasons": reasons.strip()},
            case=case,
        )
        issue_letter(
            case=case,
            kind=LetterKind(kind_for_outcome(outcome)),
            on=decided_on,
            facts={
                "outcome": outcome,
                "reasons": reasons.strip(),
                "articles": decision.articles,
                "provision": provision.strip(),
                "published_at": published_at.strip(),
                "released": released,
            },
        )
    return decision


def sign_legal_review(
    *, actor: Actor, case: Case, on: dt.date, today: dt.date | None = None
) -> Decision:
    today = today or _today()
    with transaction.atomic():
        case = _locked(case)
        _check(actor, case, "sign_legal_review", today)
        decision = case.decisions.last()
        assert decision is not None  # the guard checked it
        if decision.decided_by_id is not None and decision.decided_by_id == actor_user(actor).pk:  # type: ignore[union-attr]
            raise CaseError(_("The legal review must be signed by someone other than the decider."))
        decision.legal_review_by = actor_user(actor)
        decision.legal_review_on = on
        decision.save(_allow_update=True)
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.LEGAL_REVIEW_SIGNED,
            before=case.status,
            after=case.status,
            on=on,
            case=case,
        )
    return decision


def withdraw(
    *,
    actor: Viewer,
    case: Case,
    on: dt.date | None = None,
    note: str = "",
    today: dt.date | None = None,
) -> Case:
    """The applicant withdraws (3.6.3): recorded by staff, or by the registered applicant."""
    today = today or _today()
    on = on or today
    with transaction.atomic():
        case = _locked(case)
        # The registered applicant withdraws their own; anyone else needs the staff right.
        own = TABLE.permitted(actor, case, "withdraw_own", today)
        transition = TABLE["withdraw_own"] if own else _check(actor, case, "withdraw", today)
        _date(on, "on", today)
        return _conclude(
            actor,
            case,
            transition,
            outcome=outcomes.WITHDRAWN,
            on=on,
            kind=K.WITHDRAWN,
            data={"reasons": note or "申请人撤回申请", "by_applicant": own},
        )

"""Recording 行政复议 and 行政诉讼: the only place that changes a dispute.

Every action takes a keyword-only ``actor``, needs HANDLE_CASES in the respondent agency (the
case's agency, for a dispute about a case), checks ``transitions.TABLE`` and applies its target
stage, runs in a transaction and appends an immutable ``DisputeEvent`` (``lifecycle.record_event``).

A decision 结果纠正 (the review body or court corrected the reply) reopens the case for a new
decision (``cases.actions.reopen``); the case keeps both decisions, and the annual report keeps
counting its first conclusion (``core/report/compute.py``) — the correction is counted in
section 四, in the year the dispute was filed (``COUNTING_RULE``).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor, Capability, actor_user, require
from gongkai.agencies.lifecycle import Transition, TransitionRefused, record_event
from gongkai.agencies.models import Agency
from gongkai.cases import actions as case_actions
from gongkai.cases.choices import CONCLUDED
from gongkai.cases.models import Case
from gongkai.disputes.choices import (
    DECIDED_OUTCOMES,
    DocumentKind,
    EventKind,
    Kind,
    Outcome,
    Stage,
)
from gongkai.disputes.models import Dispute, DisputeDocument, DisputeEvent
from gongkai.disputes.transitions import STAGE_ACTIONS, TABLE


class DisputeError(ValidationError):
    """Bad input or a step not possible now; nothing was written."""


class StepRefused(DisputeError, TransitionRefused):
    """The transition table refuses the step now (both a DisputeError and a refusal)."""


def _today() -> dt.date:
    return timezone.localdate()


def _step(actor: Actor, dispute: Dispute, action: str, today: dt.date) -> Transition[Dispute]:
    """The table's transition for ``action`` now; PermissionDenied or StepRefused."""
    try:
        return TABLE.check(actor, dispute, action, today)
    except TransitionRefused as exc:
        if dispute.stage == Stage.DECIDED:
            raise StepRefused(_("This review or suit is already decided."), code="decided") from exc
        raise StepRefused(exc.messages, code="status") from exc


def _not_future(value: dt.date, field: str, today: dt.date) -> None:
    if value > today:
        raise DisputeError({field: _("The date cannot be in the future.")}, code="future")


def _locked(dispute: Dispute) -> Dispute:
    # Only the dispute's row: PostgreSQL cannot lock the nullable side (a standalone dispute has
    # no case yet) of the outer join select_related makes.
    return (
        Dispute.objects.select_for_update(of=("self",))
        .select_related("agency", "case", "case__agency")
        .get(pk=dispute.pk)
    )


def record_dispute(
    *,
    actor: Actor,
    case: Case | None = None,
    agency: Agency | None = None,
    kind: Kind | str,
    body: str,
    filed_on: dt.date,
    follows: Dispute | None = None,
    reference: str = "",
    note: str = "",
    today: dt.date | None = None,
) -> Dispute:
    """A 复议 or 诉讼 about ``case`` was filed (申请复议 / 起诉) on ``filed_on``.

    Without a case (not identified yet) it names the respondent ``agency``; ``link_case``
    attaches the case later. A suit after review (复议后起诉) names the review it follows, on the
    same case.
    """
    today = today or _today()
    if case is not None:
        if agency is not None and agency.pk != case.agency_id:
            raise DisputeError({"agency": _("The respondent is the agency of the application.")})
        agency = case.agency
    if agency is None:
        raise DisputeError({"case": _("Name the application or the respondent agency.")})
    require(actor, Capability.HANDLE_CASES, agency)
    try:
        kind = Kind(kind)
    except ValueError:
        raise DisputeError({"kind": _("Choose one of the options.")}) from None
    if not body.strip():
        raise DisputeError({"body": _("Name the review body or the court.")})
    _not_future(filed_on, "filed_on", today)
    if case is not None and case.received_on is not None and filed_on < case.received_on:
        raise DisputeError(
            {"filed_on": _("A review or suit cannot be filed before the application was received.")}
        )
    if kind == Kind.LITIGATION_AFTER_REVIEW:
        if (
            follows is None
            or follows.kind != Kind.REVIEW
            or follows.agency_id != agency.pk
            or follows.case_id != (case.pk if case else None)
        ):
            raise DisputeError(
                {"follows": _("A suit after review names the review of this application.")}
            )
        if filed_on < follows.filed_on:
            raise DisputeError({"filed_on": _("The suit cannot be filed before the review.")})
    elif follows is not None:
        raise DisputeError({"follows": _("Only a suit after review follows a review.")})
    with transaction.atomic():
        dispute = Dispute.objects.create(
            agency=agency,
            case=case,
            kind=kind,
            follows=follows,
            body=body.strip(),
            reference=reference.strip(),
            filed_on=filed_on,
            note=note.strip(),
        )
        record_event(
            DisputeEvent,
            actor=actor,
            kind=EventKind.FILED,
            after=dispute.stage,
            on=filed_on,
            data={"kind": kind.value, "body": dispute.body, "reference": dispute.reference},
            dispute=dispute,
        )
    return dispute


def _reopen(actor: Actor, dispute: Dispute, case: Case, on: dt.date, today: dt.date) -> None:
    case_actions.reopen(
        actor=actor,
        case=case,
        on=on,
        reason=_("%(kind)s %(reference)s: the decision was corrected (%(body)s).")
        % {
            "kind": dispute.get_kind_display(),
            "reference": dispute.reference,
            "body": dispute.body,
        },
        today=today,
    )


def link_case(
    *, actor: Actor, dispute: Dispute, case: Case, today: dt.date | None = None
) -> Dispute:
    """Attach the application a dispute recorded without one is about (same respondent). A
    dispute already decided 纠正 reopens the case then, as ``record_decision`` would have."""
    today = today or _today()
    with transaction.atomic():
        dispute = _locked(dispute)
        _step(actor, dispute, "link", today)
        if dispute.case_id is not None:
            raise DisputeError({"case": _("This review or suit already names its application.")})
        if case.agency_id != dispute.agency_id:
            raise DisputeError({"case": _("The respondent is the agency of the application.")})
        dispute.case = case
        dispute.save(update_fields=["case"])
        reopened = False
        if dispute.outcome == Outcome.CORRECTED and case.status in CONCLUDED:
            assert dispute.decided_on is not None
            _reopen(actor, dispute, case, dispute.decided_on, today)
            reopened = True
        record_event(
            DisputeEvent,
            actor=actor,
            kind=EventKind.LINKED,
            before=dispute.stage,
            after=dispute.stage,
            data={"case": case.number, "case_reopened": reopened},
            dispute=dispute,
        )
    return dispute


def set_stage(
    *, actor: Actor, dispute: Dispute, stage: Stage | str, on: dt.date, today: dt.date | None = None
) -> Dispute:
    """The body accepted the case (受理 / 立案) or another step short of a decision."""
    today = today or _today()
    try:
        stage = Stage(stage)
    except ValueError:
        raise DisputeError({"stage": _("Choose one of the options.")}) from None
    if stage == Stage.DECIDED:
        raise DisputeError({"stage": _("Record the decision with its outcome.")})
    with transaction.atomic():
        dispute = _locked(dispute)
        transition = _step(actor, dispute, STAGE_ACTIONS[stage], today)
        _not_future(on, "on", today)
        before = transition.apply(dispute, TABLE.status_field)
        dispute.save(update_fields=["stage"])
        record_event(
            DisputeEvent,
            actor=actor,
            kind=EventKind.STAGE,
            before=before,
            after=dispute.stage,
            on=on,
            data={"before": before, "after": dispute.stage},
            dispute=dispute,
        )
    return dispute


def record_decision(
    *,
    actor: Actor,
    dispute: Dispute,
    outcome: Outcome | str,
    decided_on: dt.date,
    note: str = "",
    today: dt.date | None = None,
) -> Dispute:
    """The decision or judgment: 维持, 纠正 or 其他 (withdrawn, dismissed …).

    A 纠正 reopens the case (when it is concluded) so that it gets a new decision; the case's
    history keeps both decisions.
    """
    today = today or _today()
    try:
        outcome = Outcome(outcome)
    except ValueError:
        raise DisputeError({"outcome": _("Choose one of the options.")}) from None
    if outcome not in DECIDED_OUTCOMES:
        raise DisputeError({"outcome": _("A decision is upheld, corrected or other.")})
    with transaction.atomic():
        dispute = _locked(dispute)
        case = dispute.case
        transition = _step(actor, dispute, "decide", today)
        _not_future(decided_on, "decided_on", today)
        if decided_on < dispute.filed_on:
            raise DisputeError({"decided_on": _("The decision cannot precede the filing.")})
        dispute.outcome = outcome
        dispute.decided_on = decided_on
        before = transition.apply(dispute, TABLE.status_field)
        if note.strip():
            dispute.note = (dispute.note + "\n" + note.strip()).strip()
        dispute.save(update_fields=["outcome", "decided_on", "stage", "note"])
        reopened = False
        if outcome == Outcome.CORRECTED and case is not None and case.status in CONCLUDED:
            _reopen(actor, dispute, case, decided_on, today)
            reopened = True
        record_event(
            DisputeEvent,
            actor=actor,
            kind=EventKind.DECIDED,
            before=before,
            after=dispute.stage,
            on=decided_on,
            data={"outcome": outcome.value, "note": note.strip(), "case_reopened": reopened},
            dispute=dispute,
        )
    return dispute


def _dated_step(
    *,
    actor: Actor,
    dispute: Dispute,
    action: str,
    field: str,
    on: dt.date,
    kind: EventKind,
    today: dt.date | None,
    extra: dict[str, Any] | None = None,
) -> Dispute:
    today = today or _today()
    with transaction.atomic():
        dispute = _locked(dispute)
        _step(actor, dispute, action, today)
        _not_future(on, "on", today)
        if on < dispute.filed_on:
            raise DisputeError({"on": _("The date cannot precede the filing.")})
        if field == "replied_on" and dispute.copy_received_on and on < dispute.copy_received_on:
            raise DisputeError({"on": _("The reply cannot precede the copy it answers.")})
        setattr(dispute, field, on)
        changed = [field, *(extra or {})]
        for name, value in (extra or {}).items():
            setattr(dispute, name, value)
        dispute.save(update_fields=changed)
        record_event(
            DisputeEvent,
            actor=actor,
            kind=kind,
            before=dispute.stage,
            after=dispute.stage,
            on=on,
            data={"on": on.isoformat(), **(extra or {})},
            dispute=dispute,
        )
    return dispute


def record_copy_received(
    *,
    actor: Actor,
    dispute: Dispute,
    on: dt.date,
    simplified: bool = False,
    today: dt.date | None = None,
) -> Dispute:
    """The 申请书副本 (复议) or 起诉状副本 (诉讼) reached the respondent on ``on``: this starts
    its clock (行政复议法第四十八条 / 行政诉讼法第六十七条; ``core/disputes_deadlines``).
    Recorded again, the later record wins (a copy served anew restarts the period)."""
    if simplified and dispute.kind != Kind.REVIEW:
        raise DisputeError({"simplified": _("Only a review has a simplified procedure.")})
    return _dated_step(
        actor=actor,
        dispute=dispute,
        action="receive_copy",
        field="copy_received_on",
        on=on,
        kind=EventKind.COPY_RECEIVED,
        today=today,
        extra={"simplified": simplified},
    )


def record_reply(
    *, actor: Actor, dispute: Dispute, on: dt.date, today: dt.date | None = None
) -> Dispute:
    """The 答复书 / 答辩状 with the evidence was submitted on ``on``."""
    return _dated_step(
        actor=actor,
        dispute=dispute,
        action="reply",
        field="replied_on",
        on=on,
        kind=EventKind.REPLIED,
        today=today,
    )


def attach_document(
    *,
    actor: Actor,
    dispute: Dispute,
    upload: UploadedFile[Any],
    kind: DocumentKind | str = DocumentKind.OTHER,
) -> DisputeDocument:
    """A document of the dispute (PDF, JPEG, PNG or DOCX), stored outside any served URL."""
    _step(actor, dispute, "attach", _today())
    try:
        kind = DocumentKind(kind)
    except ValueError:
        raise DisputeError({"kind": _("Choose one of the options.")}) from None
    content_type, suffix = case_actions.check_upload(upload, field="documents", error=DisputeError)
    name = upload.name or ""
    with transaction.atomic():
        dispute = _locked(dispute)
        document = DisputeDocument(
            dispute=dispute,
            name=name[-200:],
            kind=kind,
            content_type=content_type,
            size=upload.size or 0,
            added_by=actor_user(actor),
        )
        document.file.save(f"{secrets.token_hex(8)}{suffix}", upload, save=False)
        document.save()
        record_event(
            DisputeEvent,
            actor=actor,
            kind=EventKind.DOCUMENT,
            before=dispute.stage,
            after=dispute.stage,
            data={"name": document.name, "id": document.pk, "kind": kind.value},
            dispute=dispute,
        )
    return document

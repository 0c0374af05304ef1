"""补正 (第三十条): the notice, once; the supplement restarts the clock; no supplement in time
closes the application as abandoned (3.6.1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor, Viewer
from gongkai.agencies.lifecycle import Transition, record_event
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
from gongkai.cases.actions.attachments import _store_upload
from gongkai.cases.choices import AttachmentKind, LetterKind
from gongkai.cases.choices import CaseEventKind as K
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


def _received(
    actor: Viewer, case: Case, transition: Transition[Case], on: dt.date, note: str, today: dt.date
) -> None:
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


def record_correction(
    *, actor: Actor, case: Case, on: dt.date, note: str = "", today: dt.date | None = None
) -> Case:
    """第三十条: the supplemented application arrived; the 20 working days restart from it."""
    today = today or _today()
    with transaction.atomic():
        case = _locked(case)
        transition = _check(actor, case, "record_correction", today)
        _date(on, "on", today)
        _received(actor, case, transition, on, note, today)
    return case


ANSWER_MAX_CHARS = 5000


def answer_correction(
    *,
    actor: Viewer,
    case: Case,
    text: str,
    uploads: Sequence[UploadedFile[Any]] = (),
    today: dt.date | None = None,
) -> Case:
    """The applicant supplements online (第三十条): received today, so the clock restarts today;
    files pass the same checks as the application's; the officer is told by mail."""
    today = today or _today()
    text = text.strip()
    if not text and not uploads:
        raise CaseError({"text": _("Write what you supplement, or attach it.")}, code="required")
    if len(text) > ANSWER_MAX_CHARS:
        raise CaseError(
            {"text": _("At most %(n)s characters.") % {"n": ANSWER_MAX_CHARS}}, code="length"
        )
    with transaction.atomic():
        case = _locked(case)
        transition = _check(actor, case, "answer_correction", today)
        for upload in uploads:
            _store_upload(case, AttachmentKind.OTHER, upload)
        _received(actor, case, transition, today, text, today)
    from gongkai.cases.notify import correction_answered

    transaction.on_commit(lambda: correction_answered(case))
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

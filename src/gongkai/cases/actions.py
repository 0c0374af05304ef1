"""Every change to a disclosure application: one function each, the only writers of cases.

Each action takes a keyword-only ``actor``, checks the transition table (status, right, the law's
guard) in ``transitions.py``, runs in one transaction, appends an immutable ``CaseEvent`` (who,
when, what, status before/after), recomputes the clock, and schedules letters and notifications
after the commit. Bad input raises ``CaseError`` (a ``ValidationError``, with the field when there
is one) before anything is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import (
    Actor,
    Capability,
    Viewer,
    actor_label,
    actor_user,
    can,
)
from gongkai.agencies.models import Agency, User
from gongkai.agencies.queries import workday_calendar
from gongkai.cases import clock, protect
from gongkai.cases.choices import (
    CONFIRMED_CHANNELS,
    OPEN,
    ApplicantType,
    AttachmentKind,
    Channel,
    ConsultationAnswer,
    ConsultationKind,
    Delivery,
    FormWanted,
    IdKind,
    LetterKind,
    LetterState,
    ServiceMethod,
    Status,
)
from gongkai.cases.models import (
    Assistance,
    Case,
    CaseAttachment,
    CaseEvent,
    Consultation,
    Correction,
    Counter,
    Decision,
    Extension,
    FeeNotice,
    Letter,
    LetterTemplate,
    LookupAttempt,
    OfficeSetDate,
)
from gongkai.cases.transitions import TRANSITIONS, permitted
from gongkai.core import deadlines as d
from gongkai.core import fees, outcomes
from gongkai.core.calendar import WorkdayCalendar
from gongkai.core.ids import IdError, mask_id_number, validate_credit_code, validate_id_number

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Uploads an applicant or officer may attach: what offices accept, checked by content too.
ATTACHMENT_TYPES = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    DOCX_TYPE: (b"PK\x03\x04",),
}
ATTACHMENT_SUFFIXES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".docx": DOCX_TYPE,
}
# The letters that carry a number from the agency's pattern (the others are dated only).
NUMBERED_LETTERS = frozenset(
    {
        LetterKind.CORRECTION,
        LetterKind.EXTENSION,
        LetterKind.DEFERRAL,
        LetterKind.REASONS_REQUEST,
        LetterKind.THIRD_PARTY_CONSULTATION,
        LetterKind.THIRD_PARTY_NOTICE,
        LetterKind.CO_PRODUCER_CONSULTATION,
        LetterKind.FEE_NOTICE,
        LetterKind.REPLY,
        LetterKind.NOT_HANDLED,
    }
)


class CaseError(ValidationError):
    """Bad input or a step the law does not allow now; nothing was written."""


# -- helpers -----------------------------------------------------------------------------------


def _today() -> dt.date:
    return timezone.localdate()


def _event(
    actor: Viewer,
    case: Case,
    kind: str,
    before: str = "",
    *,
    on: dt.date | None = None,
    data: Mapping[str, Any] | None = None,
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        actor=actor_user(actor),
        actor_label=actor_label(actor),
        kind=kind,
        status_before=before,
        status_after=case.status,
        on=on,
        data=dict(data or {}),
    )


def _check(actor: Viewer, case: Case, action: str, today: dt.date) -> None:
    """Refuse unless the transition table allows ``action`` now; 403 for a missing right."""
    transition = TRANSITIONS[action]
    if transition.capability is not None and not can(actor, transition.capability, case.agency):
        raise PermissionDenied(f"{actor_label(actor)} may not {action} in {case.agency}")
    if not permitted(actor, case, action, today):
        raise CaseError(
            _("“%(action)s” is not possible for application %(number)s now (status: %(status)s).")
            % {
                "action": transition.label,
                "number": case.number,
                "status": Status(case.status).label,
            },
            code="transition",
        )


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


# Notices to the applicant are sent the day they are issued, so they are the applicant's to
# download at once; a reply is theirs once served (``serve``), a consultee's letter never.
SENT_WHEN_ISSUED = frozenset(
    {
        LetterKind.RECEIPT,
        LetterKind.CORRECTION,
        LetterKind.EXTENSION,
        LetterKind.DEFERRAL,
        LetterKind.REASONS_REQUEST,
        LetterKind.FEE_NOTICE,
    }
)


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
    from gongkai.cases.letters import letter_data
    from gongkai.core import letters as core_letters

    number = ""
    if kind in NUMBERED_LETTERS:
        n = _next(case.agency, on.year, "letter")
        number = case.agency.letter_number(on.year, n)
    from gongkai.cases.letters import queue_rendering

    letter = Letter(
        case=case,
        kind=kind,
        number=number,
        issued_on=on,
        state=LetterState.PENDING if queue_rendering() else LetterState.ON_DEMAND,
        data=dict(facts or {}),
        served_on=on if served or kind in SENT_WHEN_ISSUED else None,
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


# -- the application ---------------------------------------------------------------------------

APPLICANT_FIELDS = (
    "applicant_type",
    "applicant_name",
    "id_kind",
    "id_number",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "document_number",
    "purpose",
    "form_wanted",
    "delivery",
)


def clean_application(data: Mapping[str, Any]) -> dict[str, Any]:
    """第二十九条's required content, validated; ``CaseError`` lists every problem by field."""
    errors: dict[str, str] = {}
    values = {name: str(data.get(name) or "").strip() for name in APPLICANT_FIELDS}

    def need(name: str) -> None:
        if not values[name]:
            errors[name] = _("This field is required.")

    for name in ("applicant_name", "phone", "description"):
        need(name)
    for name, choices in (
        ("applicant_type", ApplicantType),
        ("id_kind", IdKind),
        ("form_wanted", FormWanted),
        ("delivery", Delivery),
    ):
        if values[name] not in choices.values:
            errors[name] = _("Choose one of the options.")
    number = values["id_number"]
    if not number:
        errors["id_number"] = _("This field is required.")
    elif values["id_kind"] == IdKind.RESIDENT_ID:
        try:
            values["id_number"] = validate_id_number(number)
        except IdError as exc:
            errors["id_number"] = _("Not a valid resident identity card number: %(reason)s") % {
                "reason": exc
            }
    elif values["id_kind"] == IdKind.CREDIT_CODE:
        try:
            values["id_number"] = validate_credit_code(number)
        except IdError as exc:
            errors["id_number"] = _("Not a valid unified social credit code: %(reason)s") % {
                "reason": exc
            }
    if (
        values["id_kind"] == IdKind.RESIDENT_ID
        and values["applicant_type"]
        and values["applicant_type"] != ApplicantType.NATURAL
    ):
        errors["id_kind"] = _("An organisation identifies itself by its credit code or document.")
    phone = values["phone"].replace(" ", "").replace("-", "")
    if phone and (not phone.lstrip("+").isdigit() or not 7 <= len(phone.lstrip("+")) <= 15):
        errors["phone"] = _("Enter a phone number of 7 to 15 digits.")
    values["phone"] = phone
    if values["email"] and ("@" not in values["email"] or " " in values["email"]):
        errors["email"] = _("Enter a valid e-mail address.")
    if values["delivery"] == Delivery.POST and not values["address"]:
        errors["address"] = _("A postal address is needed to send the reply by post.")
    if values["delivery"] == Delivery.EMAIL and not values["email"]:
        errors["email"] = _("An e-mail address is needed to send the reply by e-mail.")
    if values["postcode"] and not (values["postcode"].isdigit() and len(values["postcode"]) == 6):
        errors["postcode"] = _("A postcode has six digits.")
    if len(values["description"]) > 5000:
        errors["description"] = _("Describe the information in at most 5000 characters.")
    if errors:
        raise CaseError(errors, code="invalid")
    return values


def _new_case(
    agency: Agency, values: Mapping[str, Any], *, channel: Channel, submitted_on: dt.date
) -> Case:
    number = values["id_number"]
    masked = (
        mask_id_number(number)
        if values["id_kind"] == IdKind.RESIDENT_ID
        else (
            number[:2] + "*" * max(0, len(number) - 6) + number[-4:] if len(number) > 6 else "****"
        )
    )
    return Case(
        agency=agency,
        channel=channel,
        submitted_on=submitted_on,
        applicant_type=values["applicant_type"],
        applicant_name=values["applicant_name"],
        id_kind=values["id_kind"],
        id_number_encrypted=protect.encrypt(number),
        id_number_hash=protect.lookup_hash(number),
        id_number_masked=masked,
        contact_person=values["contact_person"],
        phone=values["phone"],
        phone_last4=values["phone"][-4:],
        email=values["email"],
        address=values["address"],
        postcode=values["postcode"],
        description=values["description"],
        document_number=values["document_number"],
        purpose=values["purpose"],
        form_wanted=values["form_wanted"],
        delivery=values["delivery"],
    )


def _number(case: Case, year: int) -> None:
    case.number = tracking_number(case.agency, year, _next(case.agency, year, "case"))


def _secret_hash(secret: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), secret.encode(), hashlib.sha256).hexdigest()


def record_failed_lookup(*, address: str, keep: dt.timedelta) -> None:
    """A wrong tracking number or factor from ``address`` (counted for the rate limit)."""
    now = timezone.now()
    LookupAttempt.objects.create(address=address, at=now)
    LookupAttempt.objects.filter(at__lt=now - keep).delete()  # only the window matters


def check_lookup_secret(case: Case, secret: str) -> bool:
    """Constant time whether or not the case has a secret (no timing hint of either)."""
    expected = case.lookup_secret_hash or _secret_hash(secrets.token_urlsafe(9))
    matches = hmac.compare_digest(expected, _secret_hash(secret))
    return matches and bool(case.lookup_secret_hash)


def submit_online(
    *,
    actor: Viewer,
    agency: Agency,
    data: Mapping[str, Any],
    token: str,
    attachments: Sequence[tuple[str, UploadedFile[Any]]] = (),
    today: dt.date | None = None,
) -> tuple[Case, str]:
    """A member of the public applies on the platform: stored with its number, or not at all.

    第三十一条第三项: the platform's acknowledgement is the confirmation by both sides, so the
    day of submission is the day of receipt. ``token`` is the form's one-time token: submitting
    the same form twice returns the first case (no second application). Returns the case and a
    secret for status lookups (shown once on the receipt page and e-mailed when there is an
    address).
    """
    today = today or _today()
    if not token or len(token) > 64:
        raise CaseError(_("The form has expired; please reload the page."), code="token")
    existing = Case.objects.filter(submission_token=token).first()
    if existing is not None:
        return existing, ""
    values = clean_application(data)
    for kind, upload in attachments:
        _check_upload(kind, upload)
    secret = secrets.token_urlsafe(9)
    try:
        with transaction.atomic():
            case = _new_case(agency, values, channel=Channel.ONLINE, submitted_on=today)
            case.confirmed_on = today
            case.received_on = today
            case.status = Status.OPEN
            case.submission_token = token
            case.lookup_secret_hash = _secret_hash(secret)
            if isinstance(actor, User) and actor.is_active and not actor.memberships.exists():
                case.applicant_user = actor
            _number(case, today.year)
            case.save()
            for kind, upload in attachments:
                _store_upload(case, kind, upload)
            _event(actor, case, "submitted", on=today, data={"channel": Channel.ONLINE})
            _refresh_clock(case, today)
            issue_letter(case=case, kind=LetterKind.RECEIPT, on=today)
    except IntegrityError:
        # The same token raced in twice: the other request stored it.
        existing = Case.objects.filter(submission_token=token).first()
        if existing is None:
            raise
        return existing, ""
    from gongkai.cases.notify import application_received

    transaction.on_commit(lambda: application_received(case, secret))
    return case, secret


def register(
    *,
    actor: Actor,
    agency: Agency,
    data: Mapping[str, Any],
    channel: Channel | str,
    submitted_on: dt.date,
    signed_for_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
    today: dt.date | None = None,
) -> Case:
    """Staff register an application that came in person, by post, e-mail or fax (第三十一条)."""
    today = today or _today()
    if not can(actor, Capability.HANDLE_CASES, agency):
        raise PermissionDenied(f"{actor_label(actor)} may not register applications in {agency}")
    try:
        channel = Channel(channel)
    except ValueError:
        raise CaseError({"channel": _("Choose one of the options.")}, code="invalid") from None
    values = clean_application(data)
    _date(submitted_on, "submitted_on", today)
    if signed_for_on is not None:
        _date(signed_for_on, "signed_for_on", today)
        _not_before(signed_for_on, submitted_on, "signed_for_on")
    if confirmed_on is not None:
        _date(confirmed_on, "confirmed_on", today)
        _not_before(confirmed_on, submitted_on, "confirmed_on")
    with transaction.atomic():
        case = _new_case(agency, values, channel=channel, submitted_on=submitted_on)
        case.signed_for_on = signed_for_on
        case.confirmed_on = confirmed_on
        if channel in CONFIRMED_CHANNELS and confirmed_on is None:
            case.status = Status.AWAITING_CONFIRMATION
        else:
            case.received_on = d.receipt_date(
                d.Channel(channel),
                submitted=submitted_on,
                signed_for=signed_for_on,
                confirmed=confirmed_on,
            )
            case.status = Status.OPEN
        _number(case, (case.received_on or submitted_on).year)
        case.save()
        _event(actor, case, "registered", on=submitted_on, data={"channel": channel})
        _refresh_clock(case, today)
    return case


def confirm_receipt(*, actor: Actor, case: Case, on: dt.date, today: dt.date | None = None) -> Case:
    """第三十一条第二、三项: the day the office and the applicant confirm it is the receipt day."""
    today = today or _today()
    with transaction.atomic():
        case = _locked(case)
        _check(actor, case, "confirm_receipt", today)
        _date(on, "on", today)
        _not_before(on, case.submitted_on, "on")
        before = case.status
        case.confirmed_on = on
        case.received_on = on
        case.status = Status.OPEN
        case.save(update_fields=["confirmed_on", "received_on", "status", "updated_at"])
        _event(actor, case, "receipt_confirmed", before, on=on)
        _refresh_clock(case, today)
    return case


def issue_receipt(*, actor: Actor, case: Case, today: dt.date | None = None) -> Letter:
    """申请接收回执: the case number, receipt date and channel on paper."""
    today = today or _today()
    with transaction.atomic():
        case = _locked(case)
        _check(actor, case, "issue_receipt", today)
        letter = issue_letter(case=case, kind=LetterKind.RECEIPT, on=today)
        _event(actor, case, "receipt_issued", case.status, on=today)
    return letter


def assign(*, actor: Actor, case: Case, officer: User, today: dt.date | None = None) -> Case:
    today = today or _today()
    with transaction.atomic():
        case = _locked(case)
        _check(actor, case, "assign", today)
        if not can(officer, Capability.HANDLE_CASES, case.agency):
            raise CaseError(
                {
                    "officer": _("%(name)s is not a case officer of this agency.")
                    % {"name": officer}
                },
                code="officer",
            )
        before = case.assigned_to_id
        case.assigned_to = officer
        case.save(update_fields=["assigned_to", "updated_at"])
        _event(
            actor,
            case,
            "assigned",
            case.status,
            data={"from": before, "to": officer.pk, "to_name": str(officer)},
        )
    return case


def request_assistance(
    *,
    actor: Actor,
    case: Case,
    unit: Agency,
    due_on: dt.date,
    note: str = "",
    today: dt.date | None = None,
) -> Assistance:
    """协办: another unit must help, by its own due date (before the case's own)."""
    today = today or _today()
    with transaction.atomic():
        case = _locked(case)
        _check(actor, case, "request_assistance", today)
        if unit.pk == case.agency_id:
            raise CaseError({"unit": _("Choose another unit than the handling agency.")})
        if due_on < today:
            raise CaseError({"due_on": _("The unit's due date has already passed.")})
        if case.due_on is not None and due_on > case.due_on:
            raise CaseError({"due_on": _("The unit's due date falls after the reply deadline.")})
        assistance = Assistance.objects.create(
            case=case, unit=unit, requested_on=today, due_on=due_on, note=note
        )
        _event(
            actor,
            case,
            "assistance_requested",
            case.status,
            on=today,
            data={"unit": unit.name, "due_on": due_on.isoformat()},
        )
    return assistance


def record_assistance(
    *,
    actor: Actor,
    assistance: Assistance,
    on: dt.date,
    note: str = "",
    today: dt.date | None = None,
) -> Assistance:
    today = today or _today()
    with transaction.atomic():
        case = _locked(assistance.case)
        _check(actor, case, "record_assistance", today)
        _date(on, "on", today)
        assistance.answered_on = on
        assistance.note = (assistance.note + "\n" + note).strip()
        assistance.save(update_fields=["answered_on", "note"])
        _event(
            actor,
            case,
            "assistance_received",
            case.status,
            on=on,
            data={"unit": assistance.unit.name},
        )
    return assistance


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
        _check(actor, case, "request_correction", today)
        _date(on, "on", today)
        _not_before(on, case.received_on, "on")
        if not items:
            raise CaseError({"items": _("List what the applicant must supplement.")})
        if deadline <= on:
            raise CaseError({"deadline": _("Give the applicant a reasonable time to supplement.")})
        before = case.status
        correction = Correction.objects.create(
            case=case, requested_on=on, items=items, deadline=deadline
        )
        case.status = Status.AWAITING_CORRECTION
        deadline_info = clock.deadline_of(case, as_of=today)
        late = deadline_info is not None and on > deadline_info.correction_notice_due
        _event(
            actor,
            case,
            "correction_requested",
            before,
            on=on,
            data={"items": items, "deadline": deadline.isoformat(), "late": late},
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
        _check(actor, case, "record_correction", today)
        _date(on, "on", today)
        correction = case.correction
        _not_before(on, correction.requested_on, "on")
        before = case.status
        correction.received_on = on
        correction.note = note
        correction.save(update_fields=["received_on", "note"])
        case.status = Status.OPEN
        _refresh_clock(case, today)
        _event(
            actor,
            case,
            "correction_received",
            before,
            on=on,
            data={"due_on": case.due_on.isoformat() if case.due_on else None, "note": note},
        )
    return case


def _conclude(
    actor: Viewer, case: Case, *, outcome: str, on: dt.date, kind: str, data: Mapping[str, Any]
) -> Case:
    before = case.status
    case.status = Status.CLOSED
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
    _event(actor, case, kind, before, on=on, data={"outcome": outcome, **data})
    # The applicant is told the application ends here (a withdrawal is confirmed in writing too).
    issue_letter(
        case=case,
        kind=LetterKind.REPLY,
        on=on,
        facts={"outcome": outcome, "reasons": str(data.get("reasons", ""))},
        served=True,
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
        _check(actor, case, "close_correction_lapsed", today)
        return _conclude(
            actor,
            case,
            outcome=outcomes.CORRECTION_LAPSED,
            on=on,
            kind="closed_correction_lapsed",
            data={"deadline": case.correction.deadline.isoformat()},
        )


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
        _check(actor, case, "consult", today)
        _date(sent_on, "sent_on", today)
        _not_before(sent_on, case.received_on, "sent_on")
        before = case.status
        consultation = Consultation.objects.create(
            case=case,
            kind=kind,
            consultee=consultee.strip(),
            consultee_address=consultee_address,
            sent_on=sent_on,
        )
        case.status = Status.CONSULTING
        _refresh_clock(case, today)
        _event(
            actor,
            case,
            "consulted",
            before,
            on=sent_on,
            data={"kind": kind, "consultee": consultee.strip()},
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
        _check(actor, case, "record_consultation", today)
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
            case.status = Status.OPEN
        _refresh_clock(case, today)
        _event(
            actor,
            case,
            "consultation_answered",
            before,
            on=answered_on,
            data={"consultee": consultation.consultee, "answer": answer, "note": note},
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
        _event(
            actor,
            case,
            "third_party_notified",
            case.status,
            on=on,
            data={"consultee": consultation.consultee},
        )
    return letter


def request_reasons(
    *,
    actor: Actor,
    case: Case,
    on: dt.date,
    respond_by: dt.date,
    note: str = "",
    today: dt.date | None = None,
) -> Letter:
    """说明理由告知书 (第三十五条): the office asks an applicant of many requests for reasons."""
    today = today or _today()
    if respond_by <= on:
        raise CaseError({"respond_by": _("Give the applicant a reasonable time to answer.")})
    with transaction.atomic():
        case = _locked(case)
        _check(actor, case, "request_reasons", today)
        letter = issue_letter(
            case=case,
            kind=LetterKind.REASONS_REQUEST,
            on=on,
            facts={"note": note, "respond_by": respond_by.isoformat()},
        )
        _event(actor, case, "reasons_requested", case.status, on=on, data={"note": note})
    return letter


def extend(
    *,
    actor: Actor,
    case: Case,
    granted_on: dt.date,
    reason: str,
    workdays: int = d.EXTENSION_MAX_WORKDAYS,
    today: dt.date | None = None,
) -> Extension:
    """第三十三条: once, ≤ 20 working days, approved by the head, notified before the deadline."""
    today = today or _today()
    if not reason.strip():
        raise CaseError({"reason": _("State why more time is needed.")})
    if not 1 <= workdays <= d.EXTENSION_MAX_WORKDAYS:
        raise CaseError({"workdays": _("An extension is 1 to 20 working days.")})
    if not isinstance(actor, User):
        raise PermissionDenied("an extension needs the head of the office")
    with transaction.atomic():
        case = _locked(case)
        _check(actor, case, "extend", today)
        _date(granted_on, "granted_on", today)
        if case.due_on is not None and granted_on > case.due_on:
            raise CaseError(
                {"granted_on": _("An extension must be granted on or before the deadline.")}
            )
        old_due = case.due_on
        extension = Extension.objects.create(
            case=case, granted_on=granted_on, workdays=workdays, approved_by=actor, reason=reason
        )
        _refresh_clock(case, today)
        _event(
            actor,
            case,
            "extended",
            case.status,
            on=granted_on,
            data={
                "workdays": workdays,
                "from": old_due.isoformat() if old_due else None,
                "to": case.due_on.isoformat() if case.due_on else None,
                "reason": reason,
            },
        )
        issue_letter(
            case=case,
            kind=LetterKind.EXTENSION,
            on=granted_on,
            facts={"workdays": workdays, "reason": reason},
        )
    return extension


def set_office_date(
    *,
    actor: Actor,
    case: Case,
    set_on: dt.date,
    due_on: dt.date,
    reason: str,
    today: dt.date | None = None,
) -> OfficeSetDate:
    """第三十五条: reasonable requests too many to answer in time — the office sets a later date."""
    today = today or _today()
    if not reason.strip():
        raise CaseError({"reason": _("State the reason.")})
    with transaction.atomic():
        case = _locked(case)
        _check(actor, case, "set_office_date", today)
        if case.due_on is not None and due_on <= case.due_on:
            raise CaseError({"due_on": _("The new date must be later than the current deadline.")})
        office_date = OfficeSetDate.objects.create(
            case=case, set_on=set_on, due_on=due_on, reason=reason
        )
        _refresh_clock(case, today)
        issue_letter(
            case=case,
            kind=LetterKind.DEFERRAL,
            on=set_on,
            facts={"reasons": reason.strip(), "new_due": due_on.isoformat()},
        )
        _event(
            actor,
            case,
            "office_date_set",
            case.status,
            on=set_on,
            data={"due_on": due_on.isoformat()},
        )
    return office_date


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
        _check(actor, case, "fee_notice", today)
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
        calendar = workday_calendar(predict_through=notice_on.year + 1)
        pay_by = calendar.add_workdays(notice_on, fees.PAYMENT_WORKDAYS)
        before = case.status
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
        case.status = Status.AWAITING_PAYMENT
        _refresh_clock(case, today)
        _event(
            actor,
            case,
            "fee_notice",
            before,
            on=notice_on,
            data={
                "amount": fee.amount,
                "basis": basis,
                "explanation": fee.explanation,
                "pay_by": pay_by.isoformat(),
            },
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
        _check(actor, case, "record_payment", today)
        _date(paid_on, "paid_on", today)
        notice = case.fee
        _not_before(paid_on, notice.notice_on, "paid_on")
        notice.paid_on = paid_on
        notice.receipt_number = receipt_number.strip()
        notice.save(update_fields=["paid_on", "receipt_number"])
        before = case.status
        case.status = Status.OPEN
        _refresh_clock(case, today)
        _event(actor, case, "fee_paid", before, on=paid_on, data={"amount": notice.amount})
    return notice


def close_fee_unpaid(
    *, actor: Actor, case: Case, on: dt.date | None = None, today: dt.date | None = None
) -> Case:
    """109号: not paid within 20 working days — treated as abandoned (3.6.2)."""
    today = today or _today()
    on = on or today
    with transaction.atomic():
        case = _locked(case)
        _check(actor, case, "close_fee_unpaid", today)
        return _conclude(
            actor,
            case,
            outcome=outcomes.FEE_UNPAID,
            on=on,
            kind="closed_fee_unpaid",
            data={"pay_by": case.fee.pay_by.isoformat()},
        )


def split(
    *, actor: Actor, case: Case, descriptions: Sequence[str], today: dt.date | None = None
) -> list[Case]:
    """一事一申请: one application asking for several matters becomes one case per matter.

    Each new case keeps the receipt date and the clock of the original; the original is marked
    split and counted nowhere (each part is counted once in the report).
    """
    today = today or _today()
    parts = [text.strip() for text in descriptions if text.strip()]
    if len(parts) < 2:
        raise CaseError({"descriptions": _("Give at least two matters to split into.")})
    with transaction.atomic():
        case = _locked(case)
        _check(actor, case, "split", today)
        before = case.status
        children: list[Case] = []
        for text in parts:
            child = Case.objects.get(pk=case.pk)
            child.pk = None
            child.number = f"{case.number}-{len(children) + 1}"
            child.description = text
            child.split_from = case
            child.submission_token = ""
            child.lookup_secret_hash = case.lookup_secret_hash
            child.status = Status.OPEN
            child.save()
            _event(actor, child, "split_from", "", on=today, data={"from": case.number})
            _refresh_clock(child, today)
            children.append(child)
        case.status = Status.SPLIT
        case.save(update_fields=["status", "updated_at"])
        _event(actor, case, "split", before, on=today, data={"into": [c.number for c in children]})
    return children


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
    if outcome == "3.1" and not (provision.strip() or published_at.strip()):
        raise CaseError(
            {"provision": _("Say how the information is provided, or where it is published.")},
            code="provision",
        )
    with transaction.atomic():
        case = _locked(case)
        _check(actor, case, "decide", today)
        _date(decided_on, "decided_on", today)
        _not_before(decided_on, case.received_on, "decided_on")
        before = case.status
        decision = Decision.objects.create(
            case=case,
            outcome=outcome,
            reasons=reasons.strip(),
            articles=[*rule.articles, *[a.strip() for a in extra_articles if a.strip()]],
            decided_on=decided_on,
            decided_by=actor_user(actor),
        )
        case.status = Status.DECIDED
        case.outcome = outcome
        case.save(update_fields=["status", "outcome", "updated_at"])
        _event(
            actor,
            case,
            "decided",
            before,
            on=decided_on,
            data={"outcome": outcome, "label": rule.label, "reasons": reasons.strip()},
        )
        kind = (
            LetterKind.NOT_HANDLED if rule.group == outcomes.Group.NOT_HANDLED else LetterKind.REPLY
        )
        issue_letter(
            case=case,
            kind=kind,
            on=decided_on,
            facts={
                "outcome": outcome,
                "reasons": reasons.strip(),
                "articles": decision.articles,
                "provision": provision.strip(),
                "published_at": published_at.strip(),
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
        _event(actor, case, "legal_review_signed", case.status, on=on)
    return decision


def serve(
    *,
    actor: Actor,
    case: Case,
    method: ServiceMethod | str,
    served_on: dt.date,
    today: dt.date | None = None,
) -> Case:
    """The reply is served: concluded (办结) on that day; late if after the due date (§4)."""
    today = today or _today()
    try:
        method = ServiceMethod(method)
    except ValueError:
        raise CaseError({"method": _("Choose one of the options.")}) from None
    with transaction.atomic():
        case = _locked(case)
        _check(actor, case, "serve", today)
        _date(served_on, "served_on", today)
        decision = case.decisions.last()
        assert decision is not None
        _not_before(served_on, decision.decided_on, "served_on")
        before = case.status
        decision.served_on = served_on
        decision.service_method = method
        decision.save(_allow_update=True)
        case.status = Status.SERVED
        case.concluded_on = served_on
        case.served_late = case.due_on is not None and served_on > case.due_on
        if case.first_concluded_on is None:
            case.first_concluded_on = served_on
            case.first_outcome = case.outcome
        case.save()
        Letter.objects.filter(
            case=case, kind__in=[LetterKind.REPLY, LetterKind.NOT_HANDLED], served_on__isnull=True
        ).update(served_on=served_on)
        _event(
            actor,
            case,
            "served",
            before,
            on=served_on,
            data={
                "method": method,
                "late": case.served_late,
                "due_on": case.due_on.isoformat() if case.due_on else None,
            },
        )
    from gongkai.cases.notify import reply_served

    transaction.on_commit(lambda: reply_served(case))
    return case


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
        own = permitted(actor, case, "withdraw_own", today)
        if not own:
            _check(actor, case, "withdraw", today)
        _date(on, "on", today)
        return _conclude(
            actor,
            case,
            outcome=outcomes.WITHDRAWN,
            on=on,
            kind="withdrawn",
            data={"reasons": note or "申请人撤回申请", "by_applicant": own},
        )


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
        _check(actor, case, "reopen", today)
        _date(on, "on", today)
        before = case.status
        case.status = Status.OPEN
        case.reopened_count += 1
        case.outcome = ""
        case.concluded_on = None
        case.served_late = False
        case.save()
        _event(actor, case, "reopen", before, on=on, data={"reason": reason.strip()})
        _refresh_clock(case, today)
    return case


# -- attachments, templates --------------------------------------------------------------------


def _check_upload(kind: str, upload: UploadedFile[Any]) -> str:
    if kind not in AttachmentKind.values:
        raise CaseError({"attachments": _("Unknown kind of attachment.")})
    name = upload.name or ""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    content_type = ATTACHMENT_SUFFIXES.get(suffix)
    limit = settings.GONGKAI_UPLOAD_MAX_MB * 1024 * 1024
    if content_type is None:
        raise CaseError(
            {
                "attachments": _("%(name)s: only PDF, JPEG, PNG or DOCX files are accepted.")
                % {"name": name}
            },
            code="file_type",
        )
    if (upload.size or 0) > limit:
        raise CaseError(
            {
                "attachments": _("%(name)s is larger than %(limit)s MB.")
                % {"name": name, "limit": settings.GONGKAI_UPLOAD_MAX_MB}
            },
            code="file_size",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in ATTACHMENT_TYPES[content_type]):
        raise CaseError(
            {
                "attachments": _("%(name)s is not really a %(suffix)s file.")
                % {"name": name, "suffix": suffix}
            },
            code="file_type",
        )
    return content_type


def _store_upload(case: Case, kind: str, upload: UploadedFile[Any]) -> CaseAttachment:
    content_type = _check_upload(kind, upload)
    attachment = CaseAttachment(
        case=case,
        kind=kind,
        name=(upload.name or "file")[-200:],
        content_type=content_type,
        size=upload.size or 0,
    )
    attachment.file.save(f"{secrets.token_hex(8)}{(upload.name or '')[-8:]}", upload, save=False)
    attachment.save()
    return attachment


def add_attachment(
    *, actor: Actor, case: Case, kind: str, upload: UploadedFile[Any], today: dt.date | None = None
) -> CaseAttachment:
    today = today or _today()
    if not can(actor, Capability.HANDLE_CASES, case.agency):
        raise PermissionDenied(f"{actor_label(actor)} may not add files to {case}")
    with transaction.atomic():
        attachment = _store_upload(case, kind, upload)
        _event(
            actor,
            case,
            "attachment_added",
            case.status,
            data={"name": attachment.name, "kind": kind},
        )
    return attachment


def upload_letter_template(
    *, actor: Actor, agency: Agency, kind: LetterKind | str, content: bytes, name: str = ""
) -> LetterTemplate:
    from django.core.files.base import ContentFile

    from gongkai.core.letters.docx import check_template

    if not can(actor, Capability.MANAGE_AGENCY, agency):
        raise PermissionDenied(f"{actor_label(actor)} may not change {agency}'s letter templates")
    kind = LetterKind(kind)
    problems = check_template(content)
    if problems:
        raise CaseError({"file": problems}, code="template")
    with transaction.atomic():
        LetterTemplate.objects.filter(agency=agency, kind=kind).delete()
        template = LetterTemplate(agency=agency, kind=kind, uploaded_by=actor_user(actor))
        template.file.save(f"{agency.pk}-{kind}.docx", ContentFile(content), save=False)
        template.save()
    return template


def remove_letter_template(*, actor: Actor, agency: Agency, kind: LetterKind | str) -> bool:
    """Back to the default template for that kind of letter."""
    if not can(actor, Capability.MANAGE_AGENCY, agency):
        raise PermissionDenied(f"{actor_label(actor)} may not change {agency}'s letter templates")
    deleted, _rows = LetterTemplate.objects.filter(agency=agency, kind=LetterKind(kind)).delete()
    return bool(deleted)


# -- the calendar changed ----------------------------------------------------------------------


def recompute_deadlines(
    *, actor: Viewer, years: frozenset[int], calendar: WorkdayCalendar, today: dt.date | None = None
) -> int:
    """Recompute every open case whose counting may touch ``years``; note each change."""
    today = today or _today()
    changed = 0
    candidates = Case.objects.filter(status__in=OPEN, received_on__isnull=False).select_related(
        "agency"
    )
    for case in candidates.iterator(chunk_size=500):
        first = case.received_on.year if case.received_on else today.year
        last = max((case.due_on or today).year, today.year) + 1
        if not any(first <= year <= last for year in years):
            continue
        old_due, old_provisional = case.due_on, case.due_provisional
        _refresh_clock(case, today, calendar)
        if (case.due_on, case.due_provisional) != (old_due, old_provisional):
            changed += 1
            _event(
                actor,
                case,
                "deadline_recomputed",
                case.status,
                data={
                    "from": old_due.isoformat() if old_due else None,
                    "to": case.due_on.isoformat() if case.due_on else None,
                    "provisional": case.due_provisional,
                    "years": sorted(years),
                },
            )
    return changed

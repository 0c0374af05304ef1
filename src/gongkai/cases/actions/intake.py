"""How an application arrives and is taken in hand: validated content (第二十九条), the day of
receipt (第三十一条), the tracking number, the receipt, assignment, 协办, and 一事一申请 splits.
The status lookup's secret is checked here too."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.agencies import codes
from gongkai.agencies.access import Actor, Capability, Viewer, actor_label, can
from gongkai.agencies.lifecycle import record_event
from gongkai.agencies.models import Agency, User
from gongkai.cases import protect
from gongkai.cases.actions._common import (
    CaseError,
    _check,
    _date,
    _locked,
    _next,
    _not_before,
    _refresh_clock,
    _today,
    issue_letter,
    tracking_number,
)
from gongkai.cases.actions.attachments import _check_upload, _store_upload
from gongkai.cases.choices import (
    CONFIRMED_CHANNELS,
    ApplicantType,
    Channel,
    Delivery,
    FormWanted,
    IdKind,
    LetterKind,
)
from gongkai.cases.choices import CaseEventKind as K
from gongkai.cases.letters import rendered_on_demand
from gongkai.cases.models import Assistance, Case, CaseEvent, Letter
from gongkai.cases.transitions import INITIAL
from gongkai.core import deadlines as d
from gongkai.core.ids import IdError, mask_id_number, validate_credit_code, validate_id_number

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


def new_lookup_code() -> tuple[str, str]:
    """A lookup code, as shown (``XXXXX-XXXXX``: Crockford base32, 50 bits, read aloud and typed
    in any case) and as stored (the HMAC of the bare code)."""
    code = codes.new_code()
    return codes.grouped(code), _secret_hash(code)


def check_lookup_secret(case: Case, secret: str) -> bool:
    """Constant time whether or not the case has a secret (no timing hint of either).

    The code as a person typed it is folded (``codes.read``: case, dashes, I/L/O); a secret of
    the earlier kind (12 case-sensitive characters, before the codes) is compared as typed.
    """
    expected = case.lookup_secret_hash or _secret_hash(secrets.token_urlsafe(9))
    as_code = hmac.compare_digest(expected, _secret_hash(codes.read(secret)))
    as_typed = hmac.compare_digest(expected, _secret_hash(secret))
    return (as_code | as_typed) and bool(case.lookup_secret_hash)


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
    secret, secret_hash = new_lookup_code()
    try:
        with transaction.atomic():
            case = _new_case(agency, values, channel=Channel.ONLINE, submitted_on=today)
            case.confirmed_on = today
            case.received_on = today
            case.status = INITIAL["online"]
            case.submission_token = token
            case.lookup_secret_hash = secret_hash
            if isinstance(actor, User) and actor.is_active and not actor.memberships.exists():
                case.applicant_user = actor
            _number(case, today.year)
            case.save()
            for kind, upload in attachments:
                _store_upload(case, kind, upload)
            record_event(
                CaseEvent,
                actor=actor,
                kind=K.SUBMITTED,
                before="",
                after=case.status,
                on=today,
                data={"channel": Channel.ONLINE},
                case=case,
            )
            _refresh_clock(case, today)
            # The receipt is rendered when first downloaded (the receipt page's PDF link), not
            # queued: a flood of submissions must not bury the worker's other letters.
            with rendered_on_demand():
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
            case.status = INITIAL["registered_unconfirmed"]
        else:
            case.received_on = d.receipt_date(
                d.Channel(channel),
                submitted=submitted_on,
                signed_for=signed_for_on,
                confirmed=confirmed_on,
            )
            case.status = INITIAL["registered"]
        _number(case, (case.received_on or submitted_on).year)
        case.save()
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.REGISTERED,
            before="",
            after=case.status,
            on=submitted_on,
            data={"channel": channel},
            case=case,
        )
        _refresh_clock(case, today)
    return case


def confirm_receipt(*, actor: Actor, case: Case, on: dt.date, today: dt.date | None = None) -> Case:
    """第三十一条第二、三项: the day the office and the applicant confirm it is the receipt day."""
    today = today or _today()
    with transaction.atomic():
        case = _locked(case)
        transition = _check(actor, case, "confirm_receipt", today)
        _date(on, "on", today)
        _not_before(on, case.submitted_on, "on")
        case.confirmed_on = on
        case.received_on = on
        before = transition.apply(case)
        case.save(update_fields=["confirmed_on", "received_on", "status", "updated_at"])
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.RECEIPT_CONFIRMED,
            before=before,
            after=case.status,
            on=on,
            case=case,
        )
        _refresh_clock(case, today)
    return case


def issue_receipt(*, actor: Actor, case: Case, today: dt.date | None = None) -> Letter:
    """申请接收回执: the case number, receipt date and channel on paper."""
    today = today or _today()
    with transaction.atomic():
        case = _locked(case)
        _check(actor, case, "issue_receipt", today)
        letter = issue_letter(case=case, kind=LetterKind.RECEIPT, on=today)
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.RECEIPT_ISSUED,
            before=case.status,
            after=case.status,
            on=today,
            case=case,
        )
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
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.ASSIGNED,
            before=case.status,
            after=case.status,
            data={"from": before, "to": officer.pk, "to_name": str(officer)},
            case=case,
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
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.ASSISTANCE_REQUESTED,
            before=case.status,
            after=case.status,
            on=today,
            data={"unit": unit.name, "due_on": due_on.isoformat()},
            case=case,
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
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.ASSISTANCE_RECEIVED,
            before=case.status,
            after=case.status,
            on=on,
            data={"unit": assistance.unit.name},
            case=case,
        )
    return assistance


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
        transition = _check(actor, case, "split", today)
        children: list[Case] = []
        for text in parts:
            child = Case.objects.get(pk=case.pk)
            child.pk = None
            child.number = f"{case.number}-{len(children) + 1}"
            child.description = text
            child.split_from = case
            child.submission_token = ""
            child.lookup_secret_hash = case.lookup_secret_hash
            child.status = INITIAL["split_part"]
            child.save()
            record_event(
                CaseEvent,
                actor=actor,
                kind=K.SPLIT_FROM,
                before="",
                after=child.status,
                on=today,
                data={"from": case.number},
                case=child,
            )
            _refresh_clock(child, today)
            children.append(child)
        before = transition.apply(case)
        case.save(update_fields=["status", "updated_at"])
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.SPLIT,
            before=before,
            after=case.status,
            on=today,
            data={"into": [c.number for c in children]},
            case=case,
        )
    return children

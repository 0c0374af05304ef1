"""Disclosure applications over the API: public submission and status lookup, staff reads.

Public endpoints follow the portal's rules: the same validation (``actions.submit_online``), a
one-time ``token`` per application for idempotency (a repeated request returns the first case,
200 instead of 201, without the lookup code), and the same status lookup without enumeration
(``cases.lookup``: one answer for an unknown number and a wrong factor, failures counted per
address). Submissions through the API are anonymous: no cookie session is consulted, so no
cross-site request can file an application in a signed-in user's name.

Staff endpoints take ``Authorization: Bearer <token>`` (``agencies.tokens``) and show what the
token's user may read as staff; other cases are 404. The applicant's identity number, phone,
e-mail and address are masked unless the user is staff of the handling agency
(``cases.access.applicant_contact``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from django.contrib.auth.models import AnonymousUser
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja import Status as Reply
from ninja.security import HttpBearer
from pydantic import Field

from gongkai.agencies import challenge as pow_challenge
from gongkai.agencies import throttle, tokens
from gongkai.agencies.access import C, agencies_for
from gongkai.agencies.auth import client_ip
from gongkai.agencies.models import User
from gongkai.agencies.params import FIRST_YEAR, LAST_YEAR, MAX_ID, MAX_PAGE
from gongkai.api.errors import ErrorOut
from gongkai.api.params import StrictQuery, paginate
from gongkai.cases import actions, lookup
from gongkai.cases.access import applicant_contact, cases_for_staff, get_case_for_staff
from gongkai.cases.choices import ApplicantType, Delivery, FormWanted, IdKind, Status
from gongkai.cases.letters import LetterUnavailable, ensure_rendered
from gongkai.cases.models import Case, Letter

router = Router(tags=["applications"])


class StaffToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return tokens.user_for(token)


# -- schemas -------------------------------------------------------------------------------


# The values of a choice, as a Literal: documented as an enum and checked before the view runs
# (a repeated request, answered with the first case, is checked too). mypy sees plain text.
if TYPE_CHECKING:
    type ApplicantTypeName = str
    type IdKindName = str
    type FormWantedName = str
    type DeliveryName = str
    type StatusName = str
else:
    ApplicantTypeName = Literal[tuple(ApplicantType.values)]
    IdKindName = Literal[tuple(IdKind.values)]
    FormWantedName = Literal[tuple(FormWanted.values)]
    DeliveryName = Literal[tuple(Delivery.values)]
    StatusName = Literal[("", *Status.values)]


class ApplicationIn(Schema):
    agency: int = Field(ge=1, le=MAX_ID)
    token: str = Field(min_length=1, max_length=64, description="One-time token per application")
    applicant_type: ApplicantTypeName
    applicant_name: str
    id_kind: IdKindName
    id_number: str
    contact_person: str = ""
    phone: str
    email: str = ""
    address: str = ""
    postcode: str = ""
    description: str
    document_number: str = ""
    purpose: str = ""
    form_wanted: FormWantedName
    delivery: DeliveryName
    challenge: str = Field(
        default="",
        max_length=pow_challenge.MAX_PAYLOAD,
        description=(
            "The solved proof-of-work: fetch one from GET /api/challenge, solve it (ALTCHA, "
            "algorithm SHA-256: `altcha.solve_challenge` in Python, or "
            "`gongkai.agencies.challenge.solve`) and send base64 of the JSON "
            '`{"challenge": <as fetched>, "solution": {"counter": n, "derivedKey": hex}}`. '
            "Each solution is good for one application (not needed to repeat a token)."
        ),
    )


class ApplicationOut(Schema):
    number: str
    agency: str
    status: str
    received_on: dt.date | None
    due_on: dt.date | None
    due_provisional: bool
    secret: str = Field(description="Lookup code, given once (empty on a repeated request)")


class ChallengeOut(Schema):
    parameters: dict[str, Any] = Field(
        description="algorithm, cost, keyLength, keyPrefix, nonce, salt, expiresAt, data"
    )
    signature: str


class StatusIn(Schema):
    number: str = Field(max_length=40)
    factor: str = Field(max_length=64, description="Phone's last 4 digits or the lookup code")


class TimelineOut(Schema):
    on: dt.date
    text: str


class LetterOut(Schema):
    id: int
    kind: str
    title: str
    number: str
    issued_on: dt.date
    served_on: dt.date | None


class StatusOut(Schema):
    number: str
    agency: str
    status: str
    status_label: str
    received_on: dt.date | None
    due_on: dt.date | None
    due_provisional: bool
    concluded_on: dt.date | None
    timeline: list[TimelineOut]
    letters: list[LetterOut]


class CaseOut(Schema):
    id: int
    number: str
    agency_id: int
    agency: str
    status: str
    channel: str
    applicant_type: str
    applicant_name: str
    received_on: dt.date | None
    due_on: dt.date | None
    due_provisional: bool
    outcome: str
    concluded_on: dt.date | None


class CasePage(Schema):
    total: int
    page: int
    pages: int
    items: list[CaseOut]


class EventOut(Schema):
    kind: str
    at: dt.datetime
    on: dt.date | None
    actor: str
    status_before: str
    status_after: str


class CaseDetailOut(CaseOut):
    id_kind: str
    id_number: str
    id_number_full: bool = Field(
        description="true for the handling agency's own staff: identity number, phone, e-mail and "
        "address whole; otherwise all four are masked"
    )
    contact_person: str
    phone: str
    email: str
    address: str
    postcode: str
    description: str
    document_number: str
    purpose: str
    form_wanted: str
    delivery: str
    submitted_on: dt.date
    assigned_to: str | None
    events: list[EventOut]
    letters: list[LetterOut]


class CaseFilters(Schema):
    status: StatusName | None = None
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    agency: int | None = Field(None, ge=1, le=MAX_ID)
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Past the last page: the last page")
    per_page: int = Field(50, ge=1, le=200)


# -- public ----------------------------------------------------------------------------------


def _errors(error: actions.CaseError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {k: [str(m) for m in v] for k, v in error.message_dict.items()}
    return {"__all__": [str(m) for m in error.messages]}


@router.get(
    "/challenge",
    response=ChallengeOut,
    summary="A proof-of-work challenge to solve before submitting an application",
)
def challenge(request: HttpRequest, response: HttpResponse) -> ChallengeOut:
    """ALTCHA's challenge (algorithm SHA-256): find the counter whose key — SHA-256 applied
    ``cost`` times, first to bytes(salt) + bytes(nonce) + counter as big-endian uint32 — starts
    with ``keyPrefix``. Valid until ``expiresAt``; each solution is accepted once."""
    response["Cache-Control"] = "no-store"  # one per client: a cached one would be used up
    return ChallengeOut(**pow_challenge.issue())


def _too_many(refused: throttle.Refused, response: HttpResponse) -> Reply[Any]:
    response["Retry-After"] = str(max(1, int(refused.retry_after.total_seconds())))
    minutes = max(1, -(-int(refused.retry_after.total_seconds()) // 60))
    detail = _(
        "Too many applications have been submitted from your network or in total. Please try "
        "again in %(minutes)d minutes, or apply by letter or in person."
    ) % {"minutes": minutes}
    return Reply(429, ErrorOut(detail=detail))


@router.post(
    "/applications",
    response={
        200: ApplicationOut,
        201: ApplicationOut,
        409: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    summary="Submit an application (第二十九条)",
)
def submit(request: HttpRequest, body: ApplicationIn, response: HttpResponse) -> Reply[Any]:
    """Filed online: received today (第三十一条第三项), due in 20 working days.

    Needs a solved challenge (``challenge``; 422 when missing, wrong, expired or used) and a
    place under the limits on new applications per address and in all (429 with the minutes to
    wait; ``GONGKAI_APPLY_*``). A repeated ``token`` returns the first case and needs neither.
    """
    address = client_ip(request)
    repeat = Case.objects.filter(submission_token=body.token).exists()
    refused = None if repeat else throttle.refusal(throttle.APPLY, address=address)
    if refused is not None:
        return _too_many(refused, response)
    agency = agencies_for(AnonymousUser(), C.VIEW_PUBLIC_GUIDE).filter(pk=body.agency).first()
    if agency is None:
        message = _("No such agency.")
        return Reply(422, ErrorOut(detail=message, errors={"agency": [message]}))
    data = body.model_dump(exclude={"agency", "token", "challenge"})

    def file() -> tuple[Case, str]:
        return actions.submit_online(
            actor=AnonymousUser(), agency=agency, data=data, token=body.token
        )

    try:
        if not repeat:
            try:
                pow_challenge.check(body.challenge)
            except pow_challenge.ChallengeFailed:
                # Its double, sent at the same moment with the same solution, stored it.
                repeat = Case.objects.filter(submission_token=body.token).exists()
                if not repeat:
                    raise
        if repeat:
            case, secret = file()  # the same token again: the first case, nothing stored
        else:
            with throttle.admit(throttle.APPLY, address=address) as admission:
                case, secret = file()
                if not secret:  # raced with its own repeat: the other request stored it
                    admission.give_back()
    except pow_challenge.ChallengeFailed as failed:
        message = (
            _("The challenge solution has expired or was already used: solve a new one.")
            if failed.reason in {"expired", "used"}
            else _("Send a solved challenge from GET /api/challenge.")
        )
        return Reply(
            422,
            ErrorOut(
                detail=_("The application was not submitted."), errors={"challenge": [message]}
            ),
        )
    except throttle.Refused as over:
        return _too_many(over, response)
    except actions.CaseError as error:
        return Reply(
            422, ErrorOut(detail=_("The application was not submitted."), errors=_errors(error))
        )
    return Reply(
        201 if secret else 200,
        ApplicationOut(
            number=case.number,
            agency=agency.name,
            status=case.status,
            received_on=case.received_on,
            due_on=case.due_on,
            due_provisional=case.due_provisional,
            secret=secret,
        ),
    )


def _letter(letter: Letter) -> LetterOut:
    return LetterOut(
        id=letter.pk,
        kind=letter.kind,
        title=letter.get_kind_display(),
        number=letter.number,
        issued_on=letter.issued_on,
        served_on=letter.served_on,
    )


@router.post(
    "/applications/status",
    response={200: StatusOut, 404: ErrorOut, 429: ErrorOut},
    summary="Progress of an application (tracking number + second factor)",
)
def status(request: HttpRequest, body: StatusIn) -> Reply[Any]:
    try:
        case = lookup.find_case(body.number, body.factor, client_ip(request))
    except lookup.Throttled:
        return Reply(429, ErrorOut(detail=_("Too many failed attempts. Please try again later.")))
    if case is None:
        return Reply(
            404,
            ErrorOut(detail=_("No application matches this tracking number and second factor.")),
        )
    view = lookup.public_view(case)
    return Reply(
        200,
        StatusOut(
            number=case.number,
            agency=case.agency.name,
            status=case.status,
            status_label=view.status,
            received_on=case.received_on,
            due_on=case.due_on,
            due_provisional=case.due_provisional,
            concluded_on=case.concluded_on,
            timeline=[TimelineOut(on=line.on, text=str(line.text)) for line in view.timeline],
            letters=[_letter(letter) for letter in view.letters],
        ),
    )


@router.post(
    "/applications/letters/{letter_id}",
    response={200: None, 404: ErrorOut, 429: ErrorOut},
    summary="Download a served letter (PDF) with the tracking number and second factor",
    openapi_extra={
        "responses": {200: {"description": "The letter", "content": {"application/pdf": {}}}}
    },
)
def letter(request: HttpRequest, letter_id: int, body: StatusIn) -> Any:
    """Only letters listed by the status lookup (served); the factor is checked anew."""
    try:
        case = lookup.find_case(body.number, body.factor, client_ip(request))
    except lookup.Throttled:
        return Reply(429, ErrorOut(detail=_("Too many failed attempts. Please try again later.")))
    found = lookup.served_letters(case).filter(pk=letter_id).first() if case else None
    if found is not None:
        try:
            found = ensure_rendered(found)
        except LetterUnavailable:
            found = None
    if case is None or found is None or not found.pdf:
        return Reply(
            404,
            ErrorOut(detail=_("No application matches this tracking number and second factor.")),
        )
    return FileResponse(
        found.pdf.open("rb"),
        as_attachment=True,
        filename=f"{case.number}-{found.get_kind_display()}.pdf",
        content_type="application/pdf",
    )


# -- staff -----------------------------------------------------------------------------------


def _summary(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "number": case.number,
        "agency_id": case.agency_id,
        "agency": case.agency.name,
        "status": case.status,
        "channel": case.channel,
        "applicant_type": case.applicant_type,
        "applicant_name": case.applicant_name,
        "received_on": case.received_on,
        "due_on": case.due_on,
        "due_provisional": case.due_provisional,
        "outcome": case.outcome,
        "concluded_on": case.concluded_on,
    }


@router.get(
    "/staff/cases",
    response=CasePage,
    auth=StaffToken(),
    summary="Applications the token's user may read as staff",
)
def staff_cases(request: HttpRequest, filters: StrictQuery[CaseFilters]) -> CasePage:
    user = request.auth  # type: ignore[attr-defined]
    cases = cases_for_staff(user).select_related("agency").order_by("-received_on", "-pk")
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.year:
        cases = cases.filter(received_on__year=filters.year)
    if filters.agency:
        cases = cases.filter(agency_id=filters.agency)
    total, page, pages, items = paginate(cases, filters.page, filters.per_page)
    return CasePage(
        total=total, page=page, pages=pages, items=[CaseOut(**_summary(c)) for c in items]
    )


@router.get(
    "/staff/cases/{case_id}",
    response=CaseDetailOut,
    auth=StaffToken(),
    summary="One application with its timeline",
)
def staff_case(request: HttpRequest, case_id: int) -> CaseDetailOut:
    user = request.auth  # type: ignore[attr-defined]
    case = get_case_for_staff(user, case_id)  # 404 for cases the user may not read
    contact = applicant_contact(user, case)
    events = case.events.order_by("at", "pk")
    return CaseDetailOut(
        **_summary(case),
        id_kind=case.id_kind,
        id_number=contact.id_number,
        id_number_full=contact.whole,
        contact_person=case.contact_person,
        phone=contact.phone,
        email=contact.email,
        address=contact.address,
        postcode=contact.postcode,
        description=case.description,
        document_number=case.document_number,
        purpose=case.purpose,
        form_wanted=case.form_wanted,
        delivery=case.delivery,
        submitted_on=case.submitted_on,
        assigned_to=str(case.assigned_to) if case.assigned_to else None,
        events=[
            EventOut(
                kind=e.kind,
                at=e.at,
                on=e.on,
                actor=e.actor_label,
                status_before=e.status_before,
                status_after=e.status_after,
            )
            for e in events
        ],
        letters=[_letter(letter) for letter in case.letters.all()],
    )

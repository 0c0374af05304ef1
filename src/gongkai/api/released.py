"""What a served reply provides, for the applicant with the tracking credentials (tracking
number + second factor, checked anew on every call, as the letters are): the list, and each
released copy. Never an original, never a withheld document (``lookup.released_to_applicant``).
And the applicant's answer to a 补正 notice (第三十条), in words (files: on the tracking page).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja import Status as Reply
from pydantic import Field

from gongkai.agencies.auth import client_ip
from gongkai.api.cases import StatusIn
from gongkai.api.errors import ErrorOut
from gongkai.cases import actions, lookup
from gongkai.cases.models import Case
from gongkai.cases.transitions import VerifiedApplicant

router = Router(tags=["applications"])


class ReleasedOut(Schema):
    id: int | None
    name: str
    disclosure: str
    pages: int | None
    content_type: str
    index_number: str


def _case(request: HttpRequest, body: StatusIn) -> Case | Reply[Any]:
    try:
        case = lookup.find_case(body.number, body.factor, client_ip(request))
    except lookup.Throttled:
        return Reply(429, ErrorOut(detail=_("Too many failed attempts. Please try again later.")))
    if case is None:
        return _not_found()
    return case


def _not_found() -> Reply[Any]:
    return Reply(
        404, ErrorOut(detail=_("No application matches this tracking number and second factor."))
    )


@router.post(
    "/applications/released",
    response={200: list[ReleasedOut], 404: ErrorOut, 429: ErrorOut},
    summary="What the served reply provides: released files and published items pointed at",
)
def released(request: HttpRequest, body: StatusIn) -> Any:
    case = _case(request, body)
    if not isinstance(case, Case):
        return case
    files = [
        ReleasedOut(
            id=item.pk,
            name=item.name,
            disclosure=item.disclosure,
            pages=item.pages,
            content_type=item.content_type,
            index_number="",
        )
        for item in lookup.released_to_applicant(case)
    ]
    pointers = [
        ReleasedOut(
            id=None,
            name=item.name,
            disclosure=item.disclosure,
            pages=None,
            content_type="",
            index_number=item.index_number,
        )
        for item in lookup.published_pointers(case)
    ]
    return Reply(200, files + pointers)


@router.post(
    "/applications/released/{item_id}",
    response={200: None, 404: ErrorOut, 429: ErrorOut},
    summary="Download a released file of a served reply (each download is recorded)",
    openapi_extra={
        "responses": {200: {"description": "The file", "content": {"application/pdf": {}}}}
    },
)
def released_file(request: HttpRequest, item_id: int, body: StatusIn) -> Any:
    case = _case(request, body)
    if not isinstance(case, Case):
        return case
    item = lookup.released_to_applicant(case).filter(pk=item_id).first()
    if item is None:
        return _not_found()
    actions.record_download(actor=request.user, item=item, channel="api")
    suffix = str(item.file.name).rsplit(".", 1)[-1]
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=f"{item.name}.{suffix}",
        content_type=item.content_type or "application/octet-stream",
    )


class CorrectionIn(StatusIn):
    text: str = Field(max_length=5000, description="What the applicant supplements")


class CorrectionOut(Schema):
    status: str
    due_on: str | None


@router.post(
    "/applications/correction",
    response={200: CorrectionOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Answer a 补正 notice (the reply period restarts the day it arrives)",
)
def correction(request: HttpRequest, body: CorrectionIn) -> Any:
    case = _case(request, body)
    if not isinstance(case, Case):
        return case
    try:
        case = actions.answer_correction(
            actor=VerifiedApplicant(case.pk), case=case, text=body.text
        )
    except actions.CaseTransitionRefused:
        return Reply(409, ErrorOut(detail=_("There is no request to supplement this application.")))
    except PermissionDenied:
        return _not_found()
    except ValidationError as exc:
        return Reply(
            422,
            ErrorOut(
                detail=" ".join(exc.messages),
                errors=dict(exc.message_dict) if hasattr(exc, "error_dict") else {},
            ),
        )
    return Reply(
        200,
        CorrectionOut(status=case.status, due_on=case.due_on.isoformat() if case.due_on else None),
    )

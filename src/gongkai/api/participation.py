"""Read-only public API of 意见征集 and 政府公报: only what the public site shows.

``/api/consultations`` and ``/api/consultations/{id}``: consultations once opened (征集中, 已结束,
已反馈), their draft, attachments' links, approved comments and the published 采纳情况. A comment
carries no personal data: never the commenter's name, contact or address (the public page shows
only a masked name; here not even that). ``/api/gazette`` and ``/api/gazette/{id}``: published
issues and their contents (each a catalog item). Anything else is a 404, as on the site; the
parameters are bounded (``agencies.params``) and taken strictly (``api/params.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from gongkai.agencies.params import FIRST_YEAR, LAST_YEAR, MAX_ID, MAX_PAGE
from gongkai.api.params import StrictQuery, paginate
from gongkai.publications.access import (
    get_consultation_for_public,
    get_issue_for_public,
    public_comments,
    public_consultations,
    public_gazette,
)
from gongkai.publications.models import Consultation, GazetteIssue
from gongkai.publications.models.participation import CommentStatus, ConsultationStatus

router = Router(tags=["participation"])

StatusName = Literal["", "open", "closed", "feedback"]
assert {"open", "closed", "feedback"} <= set(ConsultationStatus.values)


class PageIn(Schema):
    agency: int | None = Field(None, ge=1, le=MAX_ID)
    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int = Field(20, ge=1, le=100)


class ConsultationsIn(PageIn):
    status: StatusName | None = None


class GazetteIn(PageIn):
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)


class ConsultationOut(Schema):
    id: int
    agency: str
    title: str
    summary: str
    status: str
    status_label: str
    opens_on: dt.date | None
    closes_on: dt.date | None
    feedback_on: dt.date | None
    comments_shown: int
    url: str


class ConsultationPage(Schema):
    total: int
    page: int
    pages: int
    items: list[ConsultationOut]


class AttachmentOut(Schema):
    name: str
    size: int
    url: str


class CommentOut(Schema):
    """An approved comment: what was said and the answer, never who said it."""

    submitted_on: dt.date
    body: str
    adoption: str
    adoption_label: str
    reply: str


class ConsultationDetailOut(ConsultationOut):
    draft_text: str
    how_to_comment: str
    feedback: str
    attachments: list[AttachmentOut]
    comments: list[CommentOut]


class IssueOut(Schema):
    id: int
    agency: str
    year: int
    number: int
    label: str
    published_on: dt.date | None
    url: str
    pdf_url: str | None


class IssuePage(Schema):
    total: int
    page: int
    pages: int
    items: list[IssueOut]


class EntryOut(Schema):
    section: str
    publication_id: int
    index_number: str
    title: str
    document_number: str
    url: str


class IssueDetailOut(IssueOut):
    entries: list[EntryOut]


def _consultation(c: Consultation, shown: int) -> ConsultationOut:
    return ConsultationOut(
        id=c.pk,
        agency=c.agency.name,
        title=c.title,
        summary=c.summary,
        status=c.status,
        status_label=str(c.get_status_display()),
        opens_on=c.opens_on,
        closes_on=c.closes_on,
        feedback_on=c.feedback_on,
        comments_shown=shown,
        url=reverse("portal:consultation", args=[c.pk]),
    )


@router.get("/consultations", response=ConsultationPage, summary="意见征集: the public list")
def consultations(request: HttpRequest, params: StrictQuery[ConsultationsIn]) -> ConsultationPage:
    found = (
        public_consultations()
        .select_related("agency")
        .annotate(shown=Count("comments", filter=Q(comments__status=CommentStatus.APPROVED)))
        .order_by("-opens_on", "-id")
    )
    if params.agency:
        found = found.filter(agency_id=params.agency)
    if params.status:
        found = found.filter(status=params.status)
    total, page, pages, items = paginate(found, params.page, params.per_page)
    return ConsultationPage(
        total=total,
        page=page,
        pages=pages,
        items=[_consultation(c, c.shown) for c in items],  # type: ignore[attr-defined]
    )


@router.get(
    "/consultations/{consultation_id}",
    response=ConsultationDetailOut,
    summary="意见征集: one consultation, its approved comments (no personal data)",
)
def consultation(request: HttpRequest, consultation_id: int) -> ConsultationDetailOut:
    c = get_consultation_for_public(consultation_id)  # 404 for a draft or another's secret
    comments = list(public_comments(c).order_by("submitted_at", "id"))
    base = _consultation(c, len(comments))
    return ConsultationDetailOut(
        **base.model_dump(),
        draft_text=c.draft_text,
        how_to_comment=c.how_to_comment,
        feedback=c.feedback if c.status == ConsultationStatus.FEEDBACK else "",
        attachments=[
            AttachmentOut(
                name=a.name,
                size=a.size,
                url=reverse("portal:consultation_attachment", args=[c.pk, a.pk]),
            )
            for a in c.attachments.order_by("pk")
        ],
        comments=[
            CommentOut(
                submitted_on=timezone.localdate(m.submitted_at),
                body=m.body,
                adoption=m.adoption,
                adoption_label=str(m.get_adoption_display()) if m.adoption else "",
                reply=m.reply,
            )
            for m in comments
        ],
    )


def _issue(i: GazetteIssue) -> IssueOut:
    return IssueOut(
        id=i.pk,
        agency=i.agency.name,
        year=i.year,
        number=i.number,
        label=i.label,
        published_on=i.published_on,
        url=reverse("portal:gazette_issue", args=[i.pk]),
        pdf_url=reverse("portal:gazette_pdf", args=[i.pk]) if i.pdf else None,
    )


@router.get("/gazette", response=IssuePage, summary="政府公报: published issues")
def gazette(request: HttpRequest, params: StrictQuery[GazetteIn]) -> IssuePage:
    found = public_gazette().select_related("agency").order_by("-year", "-number", "-id")
    if params.agency:
        found = found.filter(agency_id=params.agency)
    if params.year:
        found = found.filter(year=params.year)
    total, page, pages, items = paginate(found, params.page, params.per_page)
    return IssuePage(total=total, page=page, pages=pages, items=[_issue(i) for i in items])


@router.get(
    "/gazette/{issue_id}", response=IssueDetailOut, summary="政府公报: one issue's contents"
)
def gazette_issue(request: HttpRequest, issue_id: int) -> IssueDetailOut:
    issue = get_issue_for_public(issue_id)
    entries = issue.entries.select_related("publication").order_by("position")
    return IssueDetailOut(
        **_issue(issue).model_dump(),
        entries=[
            EntryOut(
                section=e.section,
                publication_id=e.publication.pk,
                index_number=e.publication.index_number,
                title=e.publication.title,
                document_number=e.publication.document_number,
                url=reverse("portal:item", args=[e.publication.pk]),
            )
            for e in entries
        ],
    )

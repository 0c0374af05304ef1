"""Who may see and change catalog items; every fetch of an item goes through here.

The rights are capabilities of ``agencies.access.ROLE_GRANTS``: an agency's officers (经办人)
have ``DRAFT_PUBLICATIONS`` (draft and publish), its reviewers (审核人) ``REVIEW_PUBLICATIONS``
(the content review and the 保密审查, 条例第十七条), its officers and administrator
``ENTER_FIGURES``; anyone with ``VIEW_AGENCY`` there (its staff, a supervisor above it, the
platform administrator) reads its unpublished items. Everyone reads what is public.
Someone who may not know an item exists gets a 404, never a 403.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from gongkai.agencies.access import C, Viewer, agencies_for, can
from gongkai.agencies.models import Agency
from gongkai.publications.choices import PUBLIC_STATUSES, Disclosure
from gongkai.publications.models import (
    Consultation,
    ConsultationComment,
    GazetteIssue,
    Publication,
)
from gongkai.publications.models.gazette import GazetteStatus
from gongkai.publications.models.participation import CommentStatus, ConsultationStatus


def can_draft(viewer: Viewer, agency: Agency) -> bool:
    return can(viewer, C.DRAFT_PUBLICATIONS, agency)


def can_read_unpublished(viewer: Viewer, agency: Agency) -> bool:
    return can(viewer, C.VIEW_AGENCY, agency)


def can_enter_figures(viewer: Viewer, agency: Agency) -> bool:
    """条例第二十条 figures: the office's officers and its administrator enter them."""
    return can(viewer, C.ENTER_FIGURES, agency)


def public_publications() -> QuerySet[Publication]:
    """What anyone may see: published (or superseded) items disclosed proactively.

    The status alone never publishes: ``actions.publish`` refuses an item without both
    sign-offs of its current review round, and only it sets a public status.
    """
    return Publication.objects.filter(
        status__in=PUBLIC_STATUSES, disclosure=Disclosure.ACTIVE, agency__is_active=True
    )


def staff_publications(viewer: Viewer) -> QuerySet[Publication]:
    """Every item (any status) of the agencies whose unpublished work ``viewer`` may read."""
    return Publication.objects.filter(agency__in=agencies_for(viewer, C.VIEW_AGENCY))


def _get(queryset: QuerySet[Publication], publication_id: int | str) -> Publication:
    try:
        return queryset.select_related("agency", "topic", "genre").get(pk=publication_id)
    except (Publication.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("no such item") from exc


def get_publication_for_public(publication_id: int | str) -> Publication:
    return _get(public_publications(), publication_id)


def get_publication_for_staff(viewer: Viewer, publication_id: int | str) -> Publication:
    publication = _get(Publication.objects.all(), publication_id)
    if not can_read_unpublished(viewer, publication.agency):
        raise Http404("no such item")
    return publication


def get_publication_for_viewer(viewer: Viewer, publication_id: int | str) -> Publication:
    """The public item, or any item of an agency whose unpublished work ``viewer`` reads."""
    try:
        return get_publication_for_public(publication_id)
    except Http404:
        return get_publication_for_staff(viewer, publication_id)


# -- 意见征集 and 政府公报 ----------------------------------------------------------------------
# The public reads consultations once opened (never a draft) and only approved comments, with
# the author masked; the agency's staff read everything of their agency. 404 otherwise.


def public_consultations() -> QuerySet[Consultation]:
    return Consultation.objects.filter(
        agency__is_active=True,
        status__in=[
            ConsultationStatus.OPEN,
            ConsultationStatus.CLOSED,
            ConsultationStatus.FEEDBACK,
        ],
    )


def public_comments(consultation: Consultation) -> QuerySet[ConsultationComment]:
    return consultation.comments.filter(status=CommentStatus.APPROVED)


def staff_consultations(viewer: Viewer) -> QuerySet[Consultation]:
    return Consultation.objects.filter(agency__in=agencies_for(viewer, C.VIEW_AGENCY))


def get_consultation_for_public(pk: int | str) -> Consultation:
    try:
        return public_consultations().select_related("agency").get(pk=pk)
    except (Consultation.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("no such consultation") from exc


def get_consultation_for_staff(viewer: Viewer, pk: int | str) -> Consultation:
    try:
        return staff_consultations(viewer).select_related("agency").get(pk=pk)
    except (Consultation.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("no such consultation") from exc


def public_gazette() -> QuerySet[GazetteIssue]:
    return GazetteIssue.objects.filter(status=GazetteStatus.PUBLISHED, agency__is_active=True)


def staff_gazette(viewer: Viewer) -> QuerySet[GazetteIssue]:
    return GazetteIssue.objects.filter(agency__in=agencies_for(viewer, C.VIEW_AGENCY))


def get_issue_for_public(pk: int | str) -> GazetteIssue:
    try:
        return public_gazette().select_related("agency").get(pk=pk)
    except (GazetteIssue.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("no such issue") from exc


def get_issue_for_staff(viewer: Viewer, pk: int | str) -> GazetteIssue:
    try:
        return staff_gazette(viewer).select_related("agency").get(pk=pk)
    except (GazetteIssue.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("no such issue") from exc

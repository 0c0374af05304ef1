"""Fetching disputes with a rights check: VIEW_CASES in the respondent agency (404 otherwise)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from gongkai.agencies.access import Capability, SystemActor, Viewer, agencies_for
from gongkai.cases.access import sees_personal_data
from gongkai.disputes.models import Dispute, DisputeDocument


def disputes_for_staff(viewer: Viewer) -> QuerySet[Dispute]:
    if isinstance(viewer, SystemActor):
        return Dispute.objects.all()
    return Dispute.objects.filter(agency__in=agencies_for(viewer, Capability.VIEW_CASES))


def get_dispute_for_staff(viewer: Viewer, dispute_id: int | str) -> Dispute:
    try:
        return (
            disputes_for_staff(viewer)
            .select_related("agency", "case", "follows")
            .get(pk=dispute_id)
        )
    except (Dispute.DoesNotExist, ValueError, TypeError):
        raise Http404("no such review or litigation") from None


def get_document_for_staff(viewer: Viewer, document_id: int | str) -> DisputeDocument:
    try:
        return DisputeDocument.objects.select_related("dispute", "dispute__case").get(
            pk=document_id, dispute__in=disputes_for_staff(viewer)
        )
    except (DisputeDocument.DoesNotExist, ValueError, TypeError):
        raise Http404("no such document") from None


def sees_evidence(viewer: Viewer, dispute: Dispute) -> bool:
    """The evidence pack holds the applicant's own uploads (identity copies, letters, the
    内部检索单): only the handling agency's case roles get it, as the case's internal forms; a
    dispute not yet linked to its application holds only its own documents."""
    return dispute.case is None or sees_personal_data(viewer, dispute.case)

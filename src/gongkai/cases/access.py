"""Fetching cases with a rights check: the only way views, the API and commands get one.

Staff see a case through VIEW_CASES in its agency (officers, reviewers, heads; supervisors of a
parent government read-only). A registered applicant sees their own. Anyone else gets 404, not
403: they may not learn that the case exists. Full identity numbers only for the handling
agency's own staff (not supervisors, not administrators).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from gongkai.agencies.access import Capability, SystemActor, Viewer, agencies_for, can, roles_in
from gongkai.agencies.models import User
from gongkai.cases.models import Case


def cases_for_staff(viewer: Viewer) -> QuerySet[Case]:
    """Every case ``viewer`` may read as staff (own agencies and supervised subtrees)."""
    if isinstance(viewer, SystemActor):
        return Case.objects.all()
    return Case.objects.filter(agency__in=agencies_for(viewer, Capability.VIEW_CASES))


def cases_of_applicant(viewer: Viewer) -> QuerySet[Case]:
    if isinstance(viewer, User) and viewer.is_active:
        return Case.objects.filter(applicant_user=viewer)
    return Case.objects.none()


def get_case_for_staff(viewer: Viewer, case_id: int | str) -> Case:
    try:
        return cases_for_staff(viewer).select_related("agency", "assigned_to").get(pk=case_id)
    except (Case.DoesNotExist, ValueError):
        raise Http404("no such application") from None


def sees_full_identity(viewer: Viewer, case: Case) -> bool:
    """The handling agency's own case roles (not a supervisor above it, not an administrator)."""
    if isinstance(viewer, SystemActor):
        return True
    return bool(roles_in(viewer, case.agency) - {"admin"}) and can(
        viewer, Capability.VIEW_CASES, case.agency
    )

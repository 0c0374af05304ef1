"""Fetching cases with a rights check: the only way views, the API and commands get one.

Staff see a case through VIEW_CASES in its agency (officers, reviewers, heads; supervisors of a
parent government read-only). A registered applicant sees their own. Anyone else gets 404, not
403: they may not learn that the case exists. The applicant's identity number, phone, e-mail
and postal address are shown whole only to the handling agency's own case staff (not
supervisors, not administrators, not other agencies); everyone else, and every list and export,
gets them masked (``applicant_contact``: the one rule, for console, exports and API).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from gongkai.agencies.access import Capability, SystemActor, Viewer, agencies_for, can, roles_in
from gongkai.agencies.models import User
from gongkai.cases import protect
from gongkai.cases.models import Case
from gongkai.core.ids import mask_address, mask_email, mask_phone, mask_postcode


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


def sees_personal_data(viewer: Viewer, case: Case) -> bool:
    """The handling agency's own case roles (not a supervisor above it, not an administrator)."""
    if isinstance(viewer, SystemActor):
        return True
    return bool(roles_in(viewer, case.agency) - {"admin"}) and can(
        viewer, Capability.VIEW_CASES, case.agency
    )


@dataclass(frozen=True)
class ApplicantContact:
    """The applicant's personal data as one viewer may see it (``whole``: unmasked)."""

    id_number: str
    phone: str
    email: str
    address: str
    postcode: str
    whole: bool


def masked_contact(case: Case) -> ApplicantContact:
    """What lists, exports and every viewer but the handling staff see."""
    return ApplicantContact(
        id_number=case.id_number_masked,
        phone=mask_phone(case.phone),
        email=mask_email(case.email),
        address=mask_address(case.address),
        postcode=mask_postcode(case.postcode),
        whole=False,
    )


def applicant_contact(viewer: Viewer, case: Case) -> ApplicantContact:
    """Whole for the handling agency's own case staff, who answer the application through the
    contact it gives (条例第二十九条); masked for everyone else (personal information, statute.md
    §2)."""
    if not sees_personal_data(viewer, case):
        return masked_contact(case)
    return ApplicantContact(
        id_number=protect.decrypt(case.id_number_encrypted) or case.id_number_masked,
        phone=case.phone,
        email=case.email,
        address=case.address,
        postcode=case.postcode,
        whole=True,
    )

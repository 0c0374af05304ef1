"""Who may do what: every right of the platform, decided here and nowhere else.

Rights are capabilities granted by roles held in an agency (``ROLE_GRANTS``), by supervision of
subordinate agencies (``SUPERVISION_GRANTS``: read only), and platform-wide to the platform
administrator (``is_superuser``, 系统管理员). The command line acts as ``SystemActor``: whoever
runs it has the server's database credentials already.

Case access is deliberately *not* granted to administrators (agency or platform): reading
applicants' personal information needs a case role, and granting oneself one is audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from gongkai.agencies.choices import GOVERNMENTS, Role
from gongkai.agencies.models import Agency, Membership, User


@dataclass(frozen=True)
class SystemActor:
    """The platform itself or its operator at the shell (``gongkai agency import …``)."""

    label: str = "system"


Actor = User | SystemActor
# Anything a request or a command may present: a user (of any kind), nobody, or the system.
Viewer = AbstractBaseUser | AnonymousUser | SystemActor


class Capability(StrEnum):
    VIEW_PUBLIC_GUIDE = "view_public_guide"  # the agency's contact block, 公开指南
    VIEW_AGENCY = "view_agency"  # its settings and staff list
    VIEW_CASES = "view_cases"
    HANDLE_CASES = "handle_cases"  # register, request 补正, consult, draft, serve
    REVIEW_CASES = "review_cases"  # legal and confidentiality review (保密审查, 第十七条)
    APPROVE_EXTENSIONS = "approve_extensions"  # 第三十三条: the head of the office approves
    SIGN_REPLIES = "sign_replies"
    MANAGE_AGENCY = "manage_agency"  # contact block and settings
    MANAGE_MEMBERS = "manage_members"
    VIEW_AUDIT = "view_audit"
    # The annual report (条例第四十九、五十条; annual-report.md): the officer drafts, someone
    # else reviews (reviewer or head), the head publishes.
    EDIT_REPORTS = "edit_reports"
    REVIEW_REPORTS = "review_reports"
    PUBLISH_REPORTS = "publish_reports"
    # The catalog (先审后发, 条例第十七条): officers draft, publish, repeal and file items;
    # reviewers sign off the content review and the 保密审查; the office's officers and its
    # administrator enter the 第二十条 figures.
    DRAFT_PUBLICATIONS = "draft_publications"
    REVIEW_PUBLICATIONS = "review_publications"
    ENTER_FIGURES = "enter_figures"
    # 监督保障 (条例第四十六、四十七条): heads read their unit's scorecard, supervisors their
    # government's and every unit's below it; supervisors issue 督办单, which the unit's officers
    # and head answer (``gongkai.supervision``).
    VIEW_SCORECARD = "view_scorecard"
    ISSUE_ORDERS = "issue_orders"
    ANSWER_ORDERS = "answer_orders"
    # platform-wide: no agency involved
    CREATE_AGENCIES = "create_agencies"
    MANAGE_USERS = "manage_users"
    MANAGE_CALENDAR = "manage_calendar"


C = Capability

ROLE_GRANTS: dict[Role, frozenset[Capability]] = {
    Role.OFFICER: frozenset(
        {
            C.VIEW_AGENCY,
            C.VIEW_CASES,
            C.HANDLE_CASES,
            C.EDIT_REPORTS,
            C.DRAFT_PUBLICATIONS,
            C.ENTER_FIGURES,
            C.ANSWER_ORDERS,
        }
    ),
    Role.REVIEWER: frozenset(
        {C.VIEW_AGENCY, C.VIEW_CASES, C.REVIEW_CASES, C.REVIEW_REPORTS, C.REVIEW_PUBLICATIONS}
    ),
    Role.HEAD: frozenset(
        {
            C.VIEW_AGENCY,
            C.VIEW_CASES,
            C.APPROVE_EXTENSIONS,
            C.SIGN_REPLIES,
            C.REVIEW_REPORTS,
            C.PUBLISH_REPORTS,
            C.VIEW_SCORECARD,
            C.ANSWER_ORDERS,
        }
    ),
    Role.ADMIN: frozenset(
        {C.VIEW_AGENCY, C.MANAGE_AGENCY, C.MANAGE_MEMBERS, C.VIEW_AUDIT, C.ENTER_FIGURES}
    ),
    Role.SUPERVISOR: frozenset({C.VIEW_AGENCY, C.VIEW_CASES, C.VIEW_SCORECARD, C.ISSUE_ORDERS}),
}
# A supervisor in a government reads (never acts on the records of) every agency below it in the
# tree; it follows them up with its scorecard and 督办单.
SUPERVISION_GRANTS = frozenset({C.VIEW_AGENCY, C.VIEW_CASES, C.VIEW_SCORECARD, C.ISSUE_ORDERS})
PLATFORM_GRANTS = frozenset(
    {
        C.VIEW_AGENCY,
        C.ENTER_FIGURES,
        C.MANAGE_AGENCY,
        C.MANAGE_MEMBERS,
        C.VIEW_AUDIT,
        C.CREATE_AGENCIES,
        C.MANAGE_USERS,
        C.MANAGE_CALENDAR,
    }
)
PLATFORM_WIDE = frozenset({C.CREATE_AGENCIES, C.MANAGE_USERS, C.MANAGE_CALENDAR})
PUBLIC_GRANTS = frozenset({C.VIEW_PUBLIC_GUIDE})
# Roles that only make sense in a government (a supervisor supervises its subordinates).
GOVERNMENT_ONLY_ROLES = frozenset({Role.SUPERVISOR})


def actor_user(viewer: Viewer) -> User | None:
    """The account behind an action, for its event (None: the system or the public)."""
    return viewer if isinstance(viewer, User) else None


def actor_label(viewer: Viewer) -> str:
    """Who acted, as the audit trail and timelines name them."""
    if isinstance(viewer, SystemActor):
        return viewer.label
    if isinstance(viewer, User):
        return viewer.get_username()
    return "public"


_CACHE = "_gongkai_memberships"


def _active_user(viewer: Viewer) -> User | None:
    if isinstance(viewer, User) and viewer.is_active:
        return viewer
    return None


def memberships_of(user: User) -> list[tuple[int, Role]]:
    """(agency id, role) pairs, cached on the user object for the request."""
    cached: list[tuple[int, Role]] | None = getattr(user, _CACHE, None)
    if cached is None:
        cached = [
            (agency_id, Role(role))
            for agency_id, role in Membership.objects.filter(
                user=user, agency__is_active=True
            ).values_list("agency_id", "role")
        ]
        setattr(user, _CACHE, cached)
    return cached


def forget_memberships(user: Any) -> None:
    """Drop the cached memberships after they change (actions call this)."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def roles_in(viewer: Viewer, agency: Agency) -> frozenset[Role]:
    user = _active_user(viewer)
    if user is None:
        return frozenset()
    return frozenset(role for agency_id, role in memberships_of(user) if agency_id == agency.pk)


def capabilities(viewer: Viewer, agency: Agency | None = None) -> frozenset[Capability]:
    """Everything ``viewer`` may do in ``agency`` (or platform-wide when ``agency`` is None)."""
    if isinstance(viewer, SystemActor):
        return frozenset(Capability)
    granted = set(PUBLIC_GRANTS)
    user = _active_user(viewer)
    if user is None:
        return frozenset(granted)
    if user.is_superuser:
        granted |= PLATFORM_GRANTS if agency is not None else PLATFORM_WIDE
    if agency is None:
        return frozenset(granted)
    mine = memberships_of(user)
    for agency_id, role in mine:
        if agency_id == agency.pk:
            granted |= ROLE_GRANTS[role]
    supervised = {agency_id for agency_id, role in mine if role is Role.SUPERVISOR}
    if supervised and supervised.intersection(agency.ancestor_ids()):
        granted |= SUPERVISION_GRANTS
    return frozenset(granted)


def can(viewer: Viewer, capability: Capability, agency: Agency | None = None) -> bool:
    return capability in capabilities(viewer, agency)


def require(viewer: Viewer, capability: Capability, agency: Agency | None = None) -> None:
    """Raise ``PermissionDenied`` naming who, what and where, unless allowed."""
    if not can(viewer, capability, agency):
        who = viewer.label if isinstance(viewer, SystemActor) else str(viewer)
        where = f" in {agency}" if agency is not None else ""
        raise PermissionDenied(f"{who} may not {capability.value}{where}")


def descendant_ids(root_ids: Iterable[int]) -> set[int]:
    """All agencies below the given ones (one query per level of the tree)."""
    found: set[int] = set()
    frontier = set(root_ids)
    while frontier:
        children = (
            set(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        )
        found |= children
        frontier = children
    return found


def agencies_for(viewer: Viewer, capability: Capability) -> QuerySet[Agency]:
    """The agencies in which ``viewer`` has ``capability`` (for lists and admin querysets)."""
    if isinstance(viewer, SystemActor):
        return Agency.objects.all()
    user = _active_user(viewer)
    if user is None:
        if capability in PUBLIC_GRANTS:
            return Agency.objects.filter(is_active=True)
        return Agency.objects.none()
    if capability in PUBLIC_GRANTS or (user.is_superuser and capability in PLATFORM_GRANTS):
        return Agency.objects.all()
    mine = memberships_of(user)
    ids = {agency_id for agency_id, role in mine if capability in ROLE_GRANTS[role]}
    if capability in SUPERVISION_GRANTS:
        ids |= descendant_ids(agency_id for agency_id, role in mine if role is Role.SUPERVISOR)
    return Agency.objects.filter(pk__in=ids)


def editable_agency_fields(viewer: Viewer, agency: Agency | None) -> frozenset[str]:
    """Which fields ``viewer`` may set: structural ones need the platform administrator."""
    everything = frozenset(Agency.EDITABLE_FIELDS)
    if agency is None:
        return everything if can(viewer, C.CREATE_AGENCIES) else frozenset()
    if not can(viewer, C.MANAGE_AGENCY, agency):
        return frozenset()
    if isinstance(viewer, SystemActor) or (isinstance(viewer, User) and viewer.is_superuser):
        return everything
    return everything - Agency.STRUCTURAL_FIELDS


def role_fits_agency(role: Role, agency: Agency) -> bool:
    return role not in GOVERNMENT_ONLY_ROLES or agency.kind in GOVERNMENTS


# -- fetch with a rights check ----------------------------------------------------------------


def _agency(agency_id: int | str) -> Agency:
    try:
        return Agency.objects.select_related("parent").get(pk=agency_id)
    except (Agency.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("no such agency") from exc


def get_agency_for_viewer(viewer: Viewer, agency_id: int | str) -> Agency:
    agency = _agency(agency_id)
    require(viewer, C.VIEW_AGENCY, agency)
    return agency


def get_agency_for_admin(viewer: Viewer, agency_id: int | str) -> Agency:
    agency = _agency(agency_id)
    require(viewer, C.MANAGE_AGENCY, agency)
    return agency


def get_membership_for_admin(viewer: Viewer, membership_id: int | str) -> Membership:
    try:
        membership = Membership.objects.select_related("agency", "user").get(pk=membership_id)
    except (Membership.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("no such membership") from exc
    require(viewer, C.MANAGE_MEMBERS, membership.agency)
    return membership

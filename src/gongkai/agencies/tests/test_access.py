"""Every persona's rights, in every place that matters: the whole matrix, spelled out."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from gongkai.agencies import actions
from gongkai.agencies.access import (
    PLATFORM_GRANTS,
    PLATFORM_WIDE,
    Capability,
    SystemActor,
    agencies_for,
    can,
    capabilities,
    editable_agency_fields,
    get_agency_for_admin,
    get_agency_for_viewer,
    get_membership_for_admin,
    require,
)
from gongkai.agencies.models import Agency
from gongkai.agencies.tests.factories import SYSTEM
from gongkai.conftest import PERSONA_NAMES, Personas

C = Capability
PUBLIC = {C.VIEW_PUBLIC_GUIDE}
CASE_OFFICER = PUBLIC | {
    C.VIEW_AGENCY, C.VIEW_CASES, C.HANDLE_CASES, C.EDIT_REPORTS, C.DRAFT_PUBLICATIONS,
    C.ENTER_FIGURES, C.ANSWER_ORDERS,
}  # fmt: skip
READ_ONLY = PUBLIC | {C.VIEW_AGENCY, C.VIEW_CASES}
SUPERVISING = READ_ONLY | {C.VIEW_SCORECARD, C.ISSUE_ORDERS}

# persona → place → exactly the capabilities expected there ("platform": no agency involved).
EXPECTED: dict[str, dict[str, set[Capability]]] = {
    "officer_a": {"agency_a": CASE_OFFICER, "agency_b": PUBLIC, "county_a": PUBLIC},
    "reviewer_a": {
        "agency_a": PUBLIC
        | {C.VIEW_AGENCY, C.VIEW_CASES, C.REVIEW_CASES, C.REVIEW_REPORTS, C.REVIEW_PUBLICATIONS},
        "agency_b": PUBLIC,
        "county_a": PUBLIC,
    },
    "head_a": {
        "agency_a": PUBLIC
        | {
            C.VIEW_AGENCY,
            C.VIEW_CASES,
            C.APPROVE_EXTENSIONS,
            C.SIGN_REPLIES,
            C.REVIEW_REPORTS,
            C.PUBLISH_REPORTS,
            C.VIEW_SCORECARD,
            C.ANSWER_ORDERS,
        },
        "agency_b": PUBLIC,
        "county_a": PUBLIC,
    },
    "admin_a": {
        "agency_a": PUBLIC
        | {C.VIEW_AGENCY, C.MANAGE_AGENCY, C.MANAGE_MEMBERS, C.VIEW_AUDIT, C.ENTER_FIGURES},
        "agency_b": PUBLIC,
        "county_a": PUBLIC,
    },
    "officer_b": {"agency_a": PUBLIC, "agency_b": CASE_OFFICER, "county_a": PUBLIC},
    "supervisor": {
        "agency_a": SUPERVISING,
        "agency_b": PUBLIC,
        "county_a": SUPERVISING,
        "city": PUBLIC,
    },
    "platform_admin": {
        "agency_a": PUBLIC | PLATFORM_GRANTS,
        "agency_b": PUBLIC | PLATFORM_GRANTS,
        "platform": PUBLIC | PLATFORM_WIDE,
    },
    "applicant": {"agency_a": PUBLIC, "agency_b": PUBLIC, "county_a": PUBLIC},
    "anonymous": {"agency_a": PUBLIC, "agency_b": PUBLIC, "county_a": PUBLIC},
}
for _name in PERSONA_NAMES:
    EXPECTED[_name].setdefault("platform", PUBLIC)

MATRIX = [(who, where) for who in PERSONA_NAMES for where in EXPECTED[who]]


def test_the_matrix_names_every_persona() -> None:
    assert set(EXPECTED) == set(PERSONA_NAMES)


@pytest.mark.parametrize(("who", "where"), MATRIX, ids=[f"{w}@{p}" for w, p in MATRIX])
def test_each_persona_has_exactly_the_rights_of_the_matrix(
    personas: Personas, who: str, where: str
) -> None:
    agency = None if where == "platform" else getattr(personas, where)
    assert set(capabilities(personas.named(who), agency)) == EXPECTED[who][where]


def test_a_supervisor_reads_but_never_acts(personas: Personas) -> None:
    # It supervises (scorecard, 督办单) but acts on none of the unit's records.
    supervising = {C.VIEW_SCORECARD, C.ISSUE_ORDERS}
    acting = set(Capability) - {C.VIEW_PUBLIC_GUIDE, C.VIEW_AGENCY, C.VIEW_CASES} - supervising
    for capability in acting:
        assert not can(personas.supervisor, capability, personas.agency_a), capability


def test_supervision_reaches_down_the_tree_but_not_sideways_or_up(personas: Personas) -> None:
    visible = set(agencies_for(personas.supervisor, C.VIEW_CASES))
    assert visible == {personas.county_a, personas.agency_a}


def test_a_deactivated_account_loses_every_staff_right(personas: Personas) -> None:
    actions.update_user(actor=SYSTEM, user=personas.officer_a, changes={"is_active": False})
    personas.officer_a.refresh_from_db()
    assert set(capabilities(personas.officer_a, personas.agency_a)) == PUBLIC


def test_a_role_in_a_deactivated_agency_grants_nothing(personas: Personas) -> None:
    actions.update_agency(actor=SYSTEM, agency=personas.agency_a, changes={"is_active": False})
    officer = type(personas.officer_a).objects.get(pk=personas.officer_a.pk)
    assert not can(officer, C.VIEW_CASES, Agency.objects.get(pk=personas.agency_a.pk))


def test_the_command_line_acts_as_the_system_with_every_right(personas: Personas) -> None:
    assert set(capabilities(SystemActor("cli:root"), personas.agency_b)) == set(Capability)


def test_lists_follow_the_same_rights(personas: Personas) -> None:
    assert set(agencies_for(personas.officer_a, C.VIEW_CASES)) == {personas.agency_a}
    assert set(agencies_for(personas.admin_a, C.VIEW_CASES)) == set()
    assert set(agencies_for(personas.admin_a, C.MANAGE_AGENCY)) == {personas.agency_a}
    assert set(agencies_for(personas.platform_admin, C.VIEW_CASES)) == set()
    assert agencies_for(personas.platform_admin, C.MANAGE_AGENCY).count() == 5
    assert agencies_for(personas.anonymous, C.VIEW_CASES).count() == 0
    assert agencies_for(personas.anonymous, C.VIEW_PUBLIC_GUIDE).count() == 5


def test_an_agency_admin_edits_contact_and_settings_but_not_structure(
    personas: Personas,
) -> None:
    fields = editable_agency_fields(personas.admin_a, personas.agency_a)
    assert {"phone", "letter_number_pattern", "fee_notice_pauses_clock"} <= fields
    assert not fields & Agency.STRUCTURAL_FIELDS
    assert editable_agency_fields(personas.platform_admin, personas.agency_a) == set(
        Agency.EDITABLE_FIELDS
    )
    assert editable_agency_fields(personas.officer_a, personas.agency_a) == set()


def test_fetching_with_a_rights_check(personas: Personas) -> None:
    assert get_agency_for_viewer(personas.supervisor, personas.agency_a.pk) == personas.agency_a
    assert get_agency_for_admin(personas.admin_a, str(personas.agency_a.pk)) == personas.agency_a
    with pytest.raises(
        PermissionDenied, match=r"张经办（officer_a） may not manage_agency in 温州市瓯海区财政局"
    ):
        get_agency_for_admin(personas.officer_a, personas.agency_a.pk)
    with pytest.raises(PermissionDenied):
        get_agency_for_viewer(personas.officer_b, personas.agency_a.pk)
    with pytest.raises(Http404):
        get_agency_for_viewer(personas.platform_admin, 999_999)
    with pytest.raises(Http404):
        get_agency_for_viewer(personas.platform_admin, "not-a-number")
    membership = personas.officer_a.memberships.get()
    assert get_membership_for_admin(personas.admin_a, membership.pk) == membership
    with pytest.raises(PermissionDenied):
        get_membership_for_admin(personas.head_a, membership.pk)


def test_require_names_who_what_and_where(personas: Personas) -> None:
    with pytest.raises(PermissionDenied) as caught:
        require(personas.anonymous, C.MANAGE_CALENDAR)
    assert "may not manage_calendar" in str(caught.value)


def test_rights_follow_a_new_role_at_once(personas: Personas) -> None:
    assert not can(personas.officer_b, C.VIEW_CASES, personas.agency_a)
    actions.grant_role(
        actor=personas.admin_a, user=personas.officer_b, agency=personas.agency_a, role="reviewer"
    )
    assert can(personas.officer_b, C.REVIEW_CASES, personas.agency_a)

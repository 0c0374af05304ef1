"""Agencies, people and roles change only through actions: rights, validation, audit."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.agencies import actions
from gongkai.agencies.choices import AgencyKind, Role
from gongkai.agencies.models import Agency, AuditEvent, Membership, User
from gongkai.agencies.tests.factories import SYSTEM, credit_code, make_agency, make_user
from gongkai.conftest import Personas


def test_creating_an_agency_validates_and_audits(personas: Personas) -> None:
    agency = actions.create_agency(
        actor=personas.platform_admin,
        name="温州市瓯海区司法局",
        short_name="瓯海司法",
        kind=AgencyKind.DEPARTMENT,
        parent=personas.county_a,
        credit_code=credit_code().lower(),
        email="gk@example.cn",
    )
    assert agency.credit_code == agency.credit_code.upper()
    event = AuditEvent.objects.get(action="agency.create", agency=agency)
    assert event.actor == personas.platform_admin
    assert event.after is not None
    assert event.after["parent"] == "温州市瓯海区人民政府"


@pytest.mark.parametrize(
    ("kind", "parent_name", "fields", "message"),
    [
        (AgencyKind.DEPARTMENT, None, {}, "须有上级机关"),
        (AgencyKind.COUNTY, "agency_a", {}, "不能隶属于"),
        (AgencyKind.DEPARTMENT, "county_a", {"credit_code": "91350100M000100Y44"}, "校验码"),
        (AgencyKind.DEPARTMENT, "county_a", {"letter_number_pattern": "{x}"}, "unknown field"),
        (AgencyKind.DEPARTMENT, "county_a", {"email": "not-an-email"}, "email"),
    ],
)
def test_an_invalid_agency_is_refused_and_nothing_is_written(
    personas: Personas,
    kind: str,
    parent_name: str | None,
    fields: dict[str, str],
    message: str,
) -> None:
    parent = getattr(personas, parent_name) if parent_name else None
    before = Agency.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValidationError, match=message):
        actions.create_agency(
            actor=SYSTEM, name="新机关", short_name="新", kind=kind, parent=parent, **fields
        )
    assert (Agency.objects.count(), AuditEvent.objects.count()) == before


def test_two_agencies_cannot_share_a_name_or_a_credit_code(personas: Personas) -> None:
    with pytest.raises(ValidationError, match="name"):
        make_agency("温州市瓯海区财政局", parent=personas.county_a)
    with pytest.raises(ValidationError, match="credit"):
        make_agency("另一个局", parent=personas.county_a, credit_code=personas.agency_a.credit_code)


def test_only_the_platform_admin_creates_agencies(personas: Personas) -> None:
    for who in (personas.admin_a, personas.officer_a, personas.supervisor):
        with pytest.raises(PermissionDenied):
            actions.create_agency(actor=who, name="x", short_name="x", kind=AgencyKind.CITY)


def test_an_agency_cannot_be_moved_under_its_own_subordinate(personas: Personas) -> None:
    with pytest.raises(ValidationError, match="不能隶属于自身或其下级机关"):
        actions.update_agency(
            actor=SYSTEM, agency=personas.city, changes={"parent": personas.county_a}
        )


def test_an_agency_admin_updates_contact_but_not_the_name(personas: Personas) -> None:
    updated = actions.update_agency(
        actor=personas.admin_a, agency=personas.agency_a, changes={"phone": "0577-88888888"}
    )
    assert updated.phone == "0577-88888888"
    event = AuditEvent.objects.get(action="agency.update")
    assert (event.before, event.after) == ({"phone": ""}, {"phone": "0577-88888888"})
    with pytest.raises(PermissionDenied, match="may not change name"):
        actions.update_agency(
            actor=personas.admin_a, agency=personas.agency_a, changes={"name": "改名"}
        )


def test_a_bad_update_leaves_the_agency_as_it_was(personas: Personas) -> None:
    with pytest.raises(ValidationError):
        actions.update_agency(
            actor=personas.admin_a,
            agency=personas.agency_a,
            changes={"phone": "0577-1", "email": "broken"},
        )
    fresh = Agency.objects.get(pk=personas.agency_a.pk)
    assert (fresh.phone, fresh.email) == ("", "")


def test_an_update_that_changes_nothing_leaves_no_audit_event(personas: Personas) -> None:
    count = AuditEvent.objects.count()
    actions.update_agency(actor=SYSTEM, agency=personas.agency_a, changes={"phone": ""})
    assert AuditEvent.objects.count() == count


def test_the_agency_numbers_letters_and_index_entries_by_its_patterns(personas: Personas) -> None:
    agency = personas.agency_a
    assert agency.letter_number(2025, 12) == "瓯海财公开〔2025〕12号"
    assert agency.index_number(2025, 7) == f"{agency.credit_code}/2025-00007"
    assert agency.clock_rules().fee_pauses_clock is True


def test_roles_are_granted_and_revoked_by_the_agency_admin_only(personas: Personas) -> None:
    newcomer = make_user("newcomer")
    membership = actions.grant_role(
        actor=personas.admin_a, user=newcomer, agency=personas.agency_a, role=Role.HEAD
    )
    assert AuditEvent.objects.filter(action="membership.grant").exists()
    again = actions.grant_role(
        actor=personas.admin_a, user=newcomer, agency=personas.agency_a, role=Role.HEAD
    )
    assert again == membership  # granting twice is harmless
    with pytest.raises(PermissionDenied):
        actions.grant_role(
            actor=personas.admin_a, user=newcomer, agency=personas.agency_b, role=Role.OFFICER
        )
    with pytest.raises(PermissionDenied):
        actions.revoke_role(actor=personas.head_a, membership=membership)
    actions.revoke_role(actor=personas.admin_a, membership=membership)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(action="membership.revoke").count() == 1


def test_a_supervisor_role_only_exists_in_a_government(personas: Personas) -> None:
    with pytest.raises(ValidationError, match="只能设在人民政府，温州市瓯海区财政局不是人民政府"):
        actions.grant_role(
            actor=SYSTEM, user=personas.officer_a, agency=personas.agency_a, role=Role.SUPERVISOR
        )


def test_creating_users_checks_username_and_password(personas: Personas) -> None:
    with pytest.raises(ValidationError):
        actions.create_user(actor=SYSTEM, username="bad name!")
    with pytest.raises(ValidationError):
        actions.create_user(actor=SYSTEM, username="shorty", password="123")
    with pytest.raises(ValidationError):
        actions.create_user(actor=SYSTEM, username="officer_a")
    with pytest.raises(PermissionDenied):
        actions.create_user(actor=personas.admin_a, username="someone")
    user = actions.create_user(actor=SYSTEM, username="lisi", full_name="李四")
    assert not user.has_usable_password()
    assert str(user) == "李四（lisi）"
    event = AuditEvent.objects.get(action="user.create", subject="lisi")
    assert "password" not in str(event.after)


def test_a_platform_admin_cannot_lock_themselves_out(personas: Personas) -> None:
    with pytest.raises(ValidationError, match="不能停用自己的账号"):
        actions.update_user(
            actor=personas.platform_admin,
            user=personas.platform_admin,
            changes={"is_superuser": False},
        )


def test_a_user_may_change_their_own_password_but_not_anothers(personas: Personas) -> None:
    actions.set_password(
        actor=personas.officer_a, user=personas.officer_a, password="Wenzhou-2025-secure"
    )
    assert User.objects.get(pk=personas.officer_a.pk).check_password("Wenzhou-2025-secure")
    with pytest.raises(PermissionDenied):
        actions.set_password(
            actor=personas.officer_a, user=personas.head_a, password="Wenzhou-2025-secure"
        )
    event = AuditEvent.objects.get(action="user.password")
    assert event.before is None and event.after is None


def test_audit_events_cannot_be_rewritten_or_deleted(personas: Personas) -> None:
    event = AuditEvent.objects.first()
    assert event is not None
    event.subject = "rewritten"
    with pytest.raises(ValueError, match="immutable"):
        event.save()
    with pytest.raises(ValueError, match="immutable"):
        event.delete()


# -- imports: all or nothing --------------------------------------------------------------------


def _records(*rows: dict[str, str]) -> list[tuple[int, dict[str, str]]]:
    return [(number, row) for number, row in enumerate(rows, start=2)]


def test_importing_agencies_creates_parents_before_children(personas: Personas) -> None:
    created = actions.import_agencies(
        actor=SYSTEM,
        records=_records(
            {
                "name": "温州市瓯海区娄桥街道办事处",
                "short_name": "娄桥",
                "kind": "街道",
                "parent": "温州市瓯海区人民政府",
            },
            {
                "name": "娄桥街道综合服务中心",
                "short_name": "娄桥服务",
                "kind": "dispatched",
                "parent": "温州市瓯海区娄桥街道办事处",
                "fee_notice_pauses_clock": "否",
            },
        ),
    )
    assert [a.kind for a in created] == [AgencyKind.TOWNSHIP, AgencyKind.DISPATCHED]
    assert created[1].fee_notice_pauses_clock is False


def test_a_bad_agency_row_names_its_line_and_nothing_is_created(personas: Personas) -> None:
    count = Agency.objects.count()
    with pytest.raises(actions.RowError) as caught:
        actions.import_agencies(
            actor=SYSTEM,
            records=_records(
                {"name": "甲局", "short_name": "甲", "kind": "部门", "parent": "温州市人民政府"},
                {
                    "name": "乙局",
                    "short_name": "乙",
                    "kind": "部门",
                    "parent": "温州市人民政府",
                    "credit_code": "123",
                },
            ),
        )
    assert caught.value.line == 3
    assert "应为18位" in caught.value.message
    assert Agency.objects.count() == count


def test_importing_users_grants_their_roles_by_chinese_name(personas: Personas) -> None:
    created = actions.import_users(
        actor=SYSTEM,
        records=_records(
            {
                "username": "wangwu",
                "full_name": "王五",
                "roles": "温州市瓯海区财政局:经办人;温州市瓯海区财政局:reviewer",
            },
        ),
    )
    roles = set(created[0].memberships.values_list("role", flat=True))
    assert roles == {Role.OFFICER, Role.REVIEWER}


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        ("温州市瓯海区财政局:chief", "unknown role"),
        ("不存在的局:经办人", "no agency named"),
        ("经办人", "write 机构名称:角色"),
    ],
)
def test_a_bad_user_row_names_its_line_and_nothing_is_created(
    personas: Personas, roles: str, message: str
) -> None:
    count = User.objects.count()
    with pytest.raises(actions.RowError, match=message) as caught:
        actions.import_users(
            actor=SYSTEM,
            records=_records({"username": "ok_user"}, {"username": "bad_user", "roles": roles}),
        )
    assert caught.value.line == 3
    assert User.objects.count() == count

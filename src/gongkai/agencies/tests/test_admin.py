"""The Django admin: what each persona sees and may change; saves go through actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Agency, AuditEvent, CalendarDay, CalendarYear, User
from gongkai.conftest import Personas
from gongkai.core.calendar_data import official_rows

D = dt.date


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _agency_form(agency: Agency, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "parent": agency.parent_id or "",
        "credit_code": agency.credit_code,
        "is_active": "on" if agency.is_active else "",
        "address": agency.address,
        "phone": agency.phone,
        "email": agency.email,
        "office_hours": agency.office_hours,
        "index_number_pattern": agency.index_number_pattern,
        "letter_number_pattern": agency.letter_number_pattern,
        "reconsideration_body": agency.reconsideration_body,
        "fee_notice_pauses_clock": "on" if agency.fee_notice_pauses_clock else "",
        "letter_header": agency.letter_header,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_the_platform_admin_sees_every_agency_and_the_calendar(personas: Personas) -> None:
    client = _client(personas.platform_admin)
    index = client.get(reverse("admin:index")).content.decode()
    for model in ("agency", "calendarday", "calendaryear", "user", "auditevent"):
        assert f"/admin/agencies/{model}/" in index, model
    listing = client.get(reverse("admin:agencies_agency_changelist")).content.decode()
    assert "温州市鹿城区教育局" in listing and "温州市瓯海区财政局" in listing


def test_an_agency_admin_sees_only_their_agency(personas: Personas) -> None:
    client = _client(personas.admin_a)
    listing = client.get(reverse("admin:agencies_agency_changelist")).content.decode()
    assert "温州市瓯海区财政局" in listing
    assert "温州市鹿城区教育局" not in listing
    other = client.get(reverse("admin:agencies_agency_change", args=[personas.agency_b.pk]))
    assert other.status_code == 302  # "does not exist" for them
    index = client.get(reverse("admin:index")).content.decode()
    assert "/admin/agencies/calendaryear/" in index  # everyone on staff reads the calendar
    assert "/admin/agencies/loginfailure/" not in index


def test_an_agency_admin_changes_the_phone_but_the_name_stays(personas: Personas) -> None:
    client = _client(personas.admin_a)
    url = reverse("admin:agencies_agency_change", args=[personas.agency_a.pk])
    page = client.get(url).content.decode()
    assert 'name="phone"' in page
    assert 'name="name"' not in page  # structural fields are read-only for them
    response = client.post(url, _agency_form(personas.agency_a, phone="0577-1", name="改名"))
    assert response.status_code == 302, response.content.decode()[:2000]
    fresh = Agency.objects.get(pk=personas.agency_a.pk)
    assert (fresh.phone, fresh.name) == ("0577-1", "温州市瓯海区财政局")
    assert AuditEvent.objects.filter(action="agency.update", actor=personas.admin_a).exists()


def test_the_platform_admin_adds_an_agency_through_the_action(personas: Personas) -> None:
    client = _client(personas.platform_admin)
    data = _agency_form(
        Agency(
            name="温州市瓯海区民政局",
            short_name="瓯海民政",
            kind="department",
            parent=personas.county_a,
        ),
        credit_code="",
        # No credit code yet: an 索引号 pattern without one (the default needs it).
        index_number_pattern="{short}-{year}-{n:05d}",
    )
    response = client.post(reverse("admin:agencies_agency_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Agency.objects.get(name="温州市瓯海区民政局")
    assert AuditEvent.objects.filter(action="agency.create", agency=created).exists()


def test_an_agency_admin_grants_a_role_in_the_inline(personas: Personas) -> None:
    client = _client(personas.admin_a)
    url = reverse("admin:agencies_agency_change", args=[personas.agency_a.pk])
    existing = list(personas.agency_a.memberships.order_by("pk"))
    data = _agency_form(personas.agency_a)
    data.update(
        {
            "memberships-TOTAL_FORMS": str(len(existing) + 1),
            "memberships-INITIAL_FORMS": str(len(existing)),
        }
    )
    for i, membership in enumerate(existing):
        data[f"memberships-{i}-id"] = membership.pk
        data[f"memberships-{i}-agency"] = personas.agency_a.pk
        data[f"memberships-{i}-user"] = membership.user_id
        data[f"memberships-{i}-role"] = membership.role
    new = len(existing)
    data[f"memberships-{new}-agency"] = personas.agency_a.pk
    data[f"memberships-{new}-user"] = personas.officer_b.pk
    data[f"memberships-{new}-role"] = "reviewer"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert personas.officer_b.memberships.filter(agency=personas.agency_a, role="reviewer")
    assert AuditEvent.objects.filter(action="membership.grant", actor=personas.admin_a).exists()


def test_an_officer_reads_their_agency_but_cannot_change_it(personas: Personas) -> None:
    client = _client(personas.officer_a)
    url = reverse("admin:agencies_agency_change", args=[personas.agency_a.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="phone"' not in page.content.decode()
    assert client.post(url, _agency_form(personas.agency_a, phone="1")).status_code == 403


def test_people_without_staff_status_do_not_get_in(personas: Personas) -> None:
    response = _client(personas.applicant).get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_year_form_takes_the_pasted_notice_and_confirms_the_year(personas: Personas) -> None:
    client = _client(personas.platform_admin)
    url = reverse("admin:agencies_calendarday_enter_year")
    assert client.get(url).status_code == 200
    notice = "二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。"
    response = client.post(
        url, {"year": 2027, "source": "国办发明电〔2026〕9号", "text": notice, "confirm": "on"}
    )
    assert response.status_code == 302
    assert CalendarDay.objects.filter(date__year=2027).count() == 8
    assert CalendarYear.objects.get(year=2027).confirmed
    assert CalendarYear.objects.get(year=2027).confirmed_by == personas.platform_admin


def test_the_year_form_shows_what_is_wrong_with_the_paste(personas: Personas) -> None:
    client = _client(personas.platform_admin)
    url = reverse("admin:agencies_calendarday_enter_year")
    notice = "二、春节：2月5日（周六）至11日（周四）放假调休，共7天。"
    response = client.post(url, {"year": 2027, "source": "x", "text": notice, "confirm": "on"})
    assert response.status_code == 200
    assert "not 周六 as written" in response.content.decode()
    assert not CalendarDay.objects.filter(date__year=2027).exists()


def test_only_the_platform_admin_may_enter_a_year(personas: Personas) -> None:
    url = reverse("admin:agencies_calendarday_enter_year")
    assert _client(personas.admin_a).get(url).status_code == 403


def test_confirming_years_from_the_list(personas: Personas) -> None:
    client = _client(personas.platform_admin)
    record = CalendarYear.objects.get(year=2026)
    response = client.post(
        reverse("admin:agencies_calendaryear_changelist"),
        {"action": "make_years_provisional", "_selected_action": [record.pk]},
    )
    assert response.status_code == 302
    assert not CalendarYear.objects.get(year=2026).confirmed


def test_a_single_calendar_day_is_saved_through_the_action(personas: Personas) -> None:
    client = _client(personas.platform_admin)
    response = client.post(
        reverse("admin:agencies_calendarday_add"),
        {"date": "2027-05-08", "kind": "workday", "name": "劳动节", "source": "x"},
    )
    assert response.status_code == 302
    assert CalendarDay.objects.get(date=D(2027, 5, 8)).entered_by == personas.platform_admin
    assert AuditEvent.objects.filter(action="calendar.change").exists()


def test_the_calendar_list_keeps_its_query_count_flat(
    personas: Personas, django_assert_max_num_queries: Any
) -> None:
    client = _client(personas.platform_admin)
    url = reverse("admin:agencies_calendarday_changelist") + "?date__year=2025"
    assert len(official_rows([2025])) > 20
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_the_agency_list_keeps_its_query_count_flat(
    personas: Personas, django_assert_max_num_queries: Any
) -> None:
    client = _client(personas.platform_admin)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("admin:agencies_agency_changelist")).status_code == 200


def test_a_persons_page_lists_their_roles(personas: Personas) -> None:
    client = _client(personas.platform_admin)
    page = client.get(reverse("admin:agencies_user_change", args=[personas.officer_a.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "温州市瓯海区财政局" in text and "经办人" in text


def test_the_platform_admin_changes_a_persons_name_through_the_action(
    personas: Personas,
) -> None:
    client = _client(personas.platform_admin)
    user = personas.officer_b
    response = client.post(
        reverse("admin:agencies_user_change", args=[user.pk]),
        {
            "username": user.username,
            "full_name": "李经办",
            "email": "",
            "phone": "",
            "is_active": "on",
            "is_staff": "on",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-id": user.memberships.get().pk,
            "memberships-0-user": user.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert User.objects.get(pk=user.pk).full_name == "李经办"
    assert AuditEvent.objects.filter(action="user.update", subject=user.username).exists()


def test_an_agency_admin_sees_colleagues_but_no_citizens_account(personas: Personas) -> None:
    citizen = personas.applicant
    User.objects.filter(pk=citizen.pk).update(email="citizen@example.com", phone="13800001234")
    client = _client(personas.admin_a)
    listing = client.get(reverse("admin:agencies_user_changelist")).content.decode()
    assert personas.officer_a.username in listing
    assert citizen.username not in listing and "citizen@example.com" not in listing
    found = client.get(reverse("admin:agencies_user_changelist"), {"q": "citizen@example.com"})
    assert citizen.username not in found.content.decode()
    page = client.get(reverse("admin:agencies_user_change", args=[citizen.pk]), follow=True)
    assert "13800001234" not in page.content.decode()
    assert "citizen@example.com" not in page.content.decode()
    # Another agency's official: listed (roles may be given), contact details not shown.
    User.objects.filter(pk=personas.officer_b.pk).update(phone="13900005678")
    other = client.get(reverse("admin:agencies_user_change", args=[personas.officer_b.pk]))
    assert other.status_code == 200 and "13900005678" not in other.content.decode()
    # The platform administrator (MANAGE_USERS) still reads every account.
    everyone = _client(personas.platform_admin).get(reverse("admin:agencies_user_changelist"))
    assert "citizen@example.com" in everyone.content.decode()

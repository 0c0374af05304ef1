"""The console's 机构信息 and 公开指南 pages: the agency's admin edits, anyone else gets a 404."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.agencies.models import User
from gongkai.agencies.profile import AgencyProfile, GuideVersion
from gongkai.conftest import Personas

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _management(prefix: str, total: int) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "60",
    }


def test_the_admin_edits_the_profile_through_the_console(personas: Personas) -> None:
    client = _client(personas.admin_a)
    url = f"/console/profile/{personas.agency_a.pk}/"
    assert "/console/profile/" in client.get("/console/").content.decode()  # the landing links it
    assert "温州市瓯海区财政局" in client.get("/console/profile/").content.decode()
    assert client.get(url).status_code == 200
    data = {
        "functions": "负责财政收支。",
        "fax": "0577-1",
        "postcode": "325000",
        "publish_summary": "on",
        **_management("leaders", 1),
        **_management("departments", 1),
        "leaders-0-name": "陈局长",
        "leaders-0-post": "局长",
        "departments-0-name": "预算科",
    }
    answer = client.post(url, data)
    assert answer.status_code == 302
    profile = AgencyProfile.objects.get(agency=personas.agency_a)
    assert profile.publish_summary and profile.leaders.get().name == "陈局长"
    bad = client.post(url, {**data, "postcode": "32"})
    assert bad.status_code == 400 and "邮政编码为6位数字" in bad.content.decode()


@pytest.mark.parametrize("name", ["officer_a", "head_a", "supervisor", "officer_b"])
def test_anyone_but_the_admin_gets_a_404(personas: Personas, name: str) -> None:
    user = personas.named(name)
    assert isinstance(user, User)
    client = _client(user)
    for url in (
        f"/console/profile/{personas.agency_a.pk}/",
        f"/console/profile/{personas.agency_a.pk}/guide/",
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"fax": "1"}).status_code == 404
    assert "温州市瓯海区财政局" not in client.get("/console/profile/").content.decode()
    assert not AgencyProfile.objects.exists()


def test_an_admin_of_another_agency_gets_a_404(personas: Personas) -> None:
    from gongkai.agencies import actions
    from gongkai.agencies.access import SystemActor

    admin_b = actions.create_user(
        actor=SystemActor(), username="admin_b", password="Gk-test-2026!x"
    )
    actions.grant_role(actor=SystemActor(), user=admin_b, agency=personas.agency_b, role="admin")
    client = _client(admin_b)
    assert client.get(f"/console/profile/{personas.agency_b.pk}/").status_code == 200
    assert client.get(f"/console/profile/{personas.agency_a.pk}/").status_code == 404
    assert client.get(f"/console/profile/{personas.agency_a.pk}/guide/").status_code == 404


def test_the_guide_page_starts_from_the_generated_text_and_saves_versions(
    personas: Personas,
) -> None:
    client = _client(personas.admin_a)
    url = f"/console/profile/{personas.agency_a.pk}/guide/"
    page = client.get(url).content.decode()
    assert "一、主动公开" in page and "第十九条" in page and "尚未编辑" in page
    data = {
        **_management("sections", 2),
        "sections-0-title": "一、主动公开",
        "sections-0-text": "第一段。\n\n第二段。",
        "sections-1-title": "",
        "sections-1-text": "",
    }
    assert client.post(url, data).status_code == 302
    unchanged = client.post(url, data)  # refused: nothing changed
    assert unchanged.status_code == 400 and unchanged.content.decode().count("没有改动") == 1
    data["sections-0-text"] += "\n\n第三段。"
    assert client.post(url, data).status_code == 302
    assert list(GuideVersion.objects.values_list("number", flat=True)) == [2, 1]
    assert "现行第2版" in client.get(url).content.decode()


def test_no_english_on_the_new_pages(personas: Personas) -> None:
    from gongkai.agencies.tests.test_admin_setup import english

    a = personas.agency_a.pk
    staff = _client(personas.admin_a)
    visitor = Client()
    pages = [
        (staff, "/console/profile/"),
        (staff, f"/console/profile/{a}/"),
        (staff, f"/console/profile/{a}/guide/"),
        (visitor, f"/units/{a}/about/"),
        (visitor, "/about/"),
        (visitor, "/apply/notice/"),
    ]
    found = {}
    for client, path in pages:
        answer = client.get(path, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        assert answer.status_code == 200, path
        words = [w for w in english(answer.content.decode()) if w not in {"admin_a"}]
        if words:
            found[path] = words
    assert found == {}

"""The admin lists 意见征集 and 政府公报 read only, for the platform administrator only."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.conftest import Personas
from gongkai.publications.tests.participation_factories import comment, opened

pytestmark = pytest.mark.django_db


def test_the_platform_admin_reads_consultations_and_issues_in_chinese(personas: Personas) -> None:
    found = opened(personas.officer_a, personas.agency_a)
    comment(found)
    client = Client()
    client.force_login(personas.platform_admin)
    for url in (
        "/admin/publications/consultation/",
        f"/admin/publications/consultation/{found.pk}/change/",
        "/admin/publications/consultationcomment/",
        "/admin/publications/gazetteissue/",
    ):
        answer = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert answer.status_code == 200, url
    page = client.get(
        f"/admin/publications/consultation/{found.pk}/change/", HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    assert found.title in page and "公众意见" in page and "办理记录" in page
    assert client.post("/admin/publications/consultation/add/", {}).status_code == 403
    officer = Client()
    officer.force_login(personas.officer_a)
    assert officer.get("/admin/publications/consultation/").status_code in (302, 403)


def test_the_admin_never_shows_a_commenters_contact_address_or_token(personas: Personas) -> None:
    found = opened(personas.officer_a, personas.agency_a)
    made = comment(found, contact="13812345678", address="10.9.8.7", token="secret-token-xyz")
    client = Client()
    client.force_login(personas.platform_admin)
    for url in (
        f"/admin/publications/consultation/{found.pk}/change/",
        f"/admin/publications/consultationcomment/{made.pk}/change/",
    ):
        page = client.get(url).content.decode()
        assert made.body in page, url
        for secret in ("13812345678", "10.9.8.7", "secret-token-xyz"):
            assert secret not in page, (url, secret)

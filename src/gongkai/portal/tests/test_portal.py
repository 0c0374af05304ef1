"""The public catalog over HTTP: item pages, search, API, feed, sitemap and who sees what."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.conftest import PERSONA_NAMES, Personas
from gongkai.publications import actions
from gongkai.publications.choices import DocumentKind, Validity
from gongkai.publications.tests.factories import draft, published

READS_A = {"officer_a", "reviewer_a", "head_a", "admin_a", "supervisor", "platform_admin"}


def _client(personas: Personas, name: str) -> Client:
    client = Client()
    user = personas.named(name)
    if name != "anonymous":
        client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.fixture
def policy(personas: Personas) -> Any:
    p = personas
    return published(
        p.officer_a, p.reviewer_a, p.agency_a, kind=DocumentKind.NORMATIVE,
        title="瓯海区行政复议工作规则", document_number="瓯财〔2025〕3号",
        written_on=dt.date(2025, 3, 3), on=dt.date(2025, 3, 10),
    )  # fmt: skip


def test_an_item_page_shows_the_metadata_table(personas: Personas, policy: Any) -> None:
    page = Client().get(f"/catalog/{policy.pk}/").content.decode()
    for text in (
        policy.index_number, "温州市瓯海区财政局", "2025-03-03", "2025-03-10", "瓯财〔2025〕3号",
        "索引号", "发布机构", "成文日期", "发布日期", "文号", "有效性", "有效",
    ):  # fmt: skip
        assert text in page, text


def test_a_repealed_document_stays_visible_marked_repealed(personas: Personas, policy: Any) -> None:
    actions.change_validity(
        actor=personas.officer_a, publication=policy, validity=Validity.REPEALED,
        on=dt.date(2025, 6, 1), by_text="瓯财〔2025〕9号",
    )  # fmt: skip
    page = Client().get(f"/catalog/{policy.pk}/").content.decode()
    assert "已废止" in page and "瓯财〔2025〕9号" in page


@pytest.mark.parametrize("name", PERSONA_NAMES)
def test_a_draft_page_is_a_404_for_anyone_outside_the_agency(personas: Personas, name: str) -> None:
    item = draft(personas.officer_a, personas.agency_a, title="未公开的草稿")
    response = _client(personas, name).get(f"/catalog/{item.pk}/")
    assert response.status_code == (200 if name in READS_A else 404)
    console = _client(personas, name).get(f"/console/items/{item.pk}/")
    expected = 200 if name in READS_A else (302 if name == "anonymous" else 404)
    assert console.status_code == expected


def test_search_finds_by_two_characters_and_highlights(personas: Personas, policy: Any) -> None:
    draft(personas.officer_a, personas.agency_a, title="复议草稿不应出现")
    page = Client().get("/catalog/search/", {"q": "复议"}).content.decode()
    assert "<mark>复议</mark>" in page
    assert "复议草稿不应出现" not in page
    assert "找到1条" in page


def test_the_api_searches_and_is_in_the_openapi(personas: Personas, policy: Any) -> None:
    data = Client().get("/api/publications", {"q": "复议", "year": "2025"}).json()
    assert data["total"] == 1
    assert data["items"][0]["index_number"] == policy.index_number
    assert Client().get("/api/publications", {"q": "复议", "year": "2024"}).json()["total"] == 0
    schema = Client().get("/api/openapi.json").json()
    assert "/api/publications" in schema["paths"]


def test_the_feed_and_sitemap_list_public_items_only(personas: Personas, policy: Any) -> None:
    hidden = draft(personas.officer_a, personas.agency_a, title="草稿标题")
    feed = Client().get(f"/catalog/agency/{personas.agency_a.pk}/feed.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert policy.title in body and hidden.title not in body
    sitemap = Client().get("/sitemap.xml").content.decode()
    assert f"/catalog/{policy.pk}/" in sitemap and f"/catalog/{hidden.pk}/" not in sitemap
    assert Client().get("/catalog/agency/999999/feed.atom").status_code == 404


def test_the_catalog_list_filters_and_its_query_count_is_pinned(
    personas: Personas, policy: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(5):
        published(personas.officer_a, personas.reviewer_a, personas.agency_a, title=f"通知{i}")
    with django_assert_max_num_queries(8):
        page = Client().get("/catalog/", {"validity": "in_force"}).content.decode()
    assert policy.title in page and "通知1" not in page


def test_attachments_download_through_the_items_rights(
    personas: Personas, tmp_path: Any, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    p = personas
    item = draft(p.officer_a, p.agency_a, title="带附件的草稿")
    officer = _client(personas, "officer_a")
    officer.post(
        f"/console/items/{item.pk}/attach/",
        {"file": SimpleUploadedFile("附件.txt", "附件正文".encode())},
    )
    [attachment] = item.attachments.all()
    url = f"/catalog/{item.pk}/attachments/{attachment.pk}/"
    assert b"".join(officer.get(url).streaming_content) == "附件正文".encode()  # type: ignore[attr-defined]
    assert Client().get(url).status_code == 404  # a draft's file is as unknown as the draft
    assert _client(personas, "officer_b").get(url).status_code == 404


def test_past_the_limit_the_sitemap_is_an_index_of_numbered_files(
    personas: Personas, policy: Any, monkeypatch: Any
) -> None:
    from gongkai.portal import views
    from gongkai.publications.tests.factories import published

    second = published(personas.officer_a, personas.reviewer_a, personas.agency_a, title="第二项")
    monkeypatch.setattr(views, "SITEMAP_URLS", 1)
    index = Client().get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index
    assert "/sitemap-1.xml" in index and "/sitemap-2.xml" in index and "sitemap-3" not in index
    first = Client().get("/sitemap-1.xml").content.decode()
    last = Client().get("/sitemap-2.xml").content.decode()
    assert f"/catalog/{policy.pk}/" in first and f"/catalog/{second.pk}/" in last
    assert f"/catalog/{second.pk}/" not in first
    assert Client().get("/sitemap-3.xml").status_code == 404

"""Bulk writes (an import's ``bulk_create``) make cached public pages stale like a save does."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from gongkai.conftest import Personas
from gongkai.portal import pagecache
from gongkai.publications import actions
from gongkai.publications.tests.factories import published


@pytest.fixture
def item(personas: Personas) -> Any:
    p = personas
    return published(
        p.officer_a, p.reviewer_a, p.agency_a, title="瓯海区财政预算公开", on=dt.date(2025, 3, 10)
    )


def _row(number: str, title: str) -> dict[str, str]:
    return {
        "index_number": number, "title": title, "written_on": "2024-02-01",
        "published_on": "2024-02-05", "body": "<p>已公开。</p>",
    }  # fmt: skip


def test_no_stale_page_after_an_import_of_published_items(
    personas: Personas, item: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Every row carries its 索引号: nothing is saved one by one (no counter), all in bulk."""
    p = personas
    assert "瓯海区财政预算公开" in Client().get("/catalog/").content.decode()
    cached = Client().get("/catalog/")
    assert Client().get("/catalog/")["ETag"] == cached["ETag"]  # served from the cache
    before = pagecache.version()
    with django_capture_on_commit_callbacks(execute=True):
        count = actions.import_published(
            actor=p.officer_a, agency=p.agency_a, source="旧目录.xlsx",
            rows=[(2, _row("X-2024-0001", "旧平台迁移的采购意向公开")),
                  (3, _row("X-2024-0002", "旧平台迁移的预算说明"))],
        )  # fmt: skip
    assert count == 2 and pagecache.version() != before
    page = Client().get("/catalog/").content.decode()
    assert "旧平台迁移的采购意向公开" in page and "旧平台迁移的预算说明" in page
    found = Client().get("/catalog/search/", {"q": "采购意向"}).content.decode()
    assert "旧平台迁移的<mark>采购意向</mark>公开" in found


def test_no_stale_page_after_an_import_of_article_20_figures(
    personas: Personas, item: Any, django_capture_on_commit_callbacks: Any
) -> None:
    p = personas
    Client().get("/catalog/")
    before = pagecache.version()
    with django_capture_on_commit_callbacks(execute=True):
        actions.import_figures(
            actor=p.officer_a, source="第二十条.xlsx",
            rows=[(2, {"机构": p.agency_a.name, "年度": "2024", "行政许可": "5"})],
        )  # fmt: skip
    assert pagecache.version() != before

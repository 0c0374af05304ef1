"""``GET /api/publications``: the published catalog listed newest first without ``q``, searched
with it; the same filters either way; a search sorted by relevance or date."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.conftest import Personas
from gongkai.publications import actions
from gongkai.publications.models import Domain
from gongkai.publications.tests.factories import draft, published


@pytest.fixture
def items(personas: Personas) -> dict[str, Any]:
    p = personas
    old = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="关于调整最低生活保障标准的通知",
        summary="", body="<p>提高城乡最低生活保障标准。</p>", on=dt.date(2024, 5, 6),
        written_on=dt.date(2024, 5, 6),
    )  # fmt: skip
    new = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="2025年财政预算执行情况", summary="",
        body="<p>低保资金按时足额发放。</p>", on=dt.date(2025, 6, 1),
    )  # fmt: skip
    middle = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="政府采购意向公开", summary="",
        body="<p>详见附件。</p>", on=dt.date(2025, 2, 1), written_on=dt.date(2025, 2, 1),
    )  # fmt: skip
    draft(p.officer_a, p.agency_a, title="低保草稿不公开")
    return {"old": old, "new": new, "middle": middle}


def _ids(data: dict[str, Any]) -> list[int]:
    return [row["id"] for row in data["items"]]


def test_without_q_every_published_item_newest_first_paginated(
    personas: Personas, items: dict[str, Any]
) -> None:
    data = Client().get("/api/publications").json()
    assert _ids(data) == [items["new"].pk, items["middle"].pk, items["old"].pk]
    assert (data["total"], data["pages"], data["query"], data["capped"]) == (3, 1, "", False)
    first = Client().get("/api/publications", {"per_page": "2"}).json()
    second = Client().get("/api/publications", {"per_page": "2", "page": "2"}).json()
    assert _ids(first) + _ids(second) == _ids(data) and first["pages"] == 2
    assert _ids(Client().get("/api/publications", {"q": "  "}).json()) == _ids(data)
    # a page past the last is the last (api.params.paginate, shared by every list operation)
    beyond = Client().get("/api/publications", {"per_page": "2", "page": "9"}).json()
    assert (beyond["page"], _ids(beyond)) == (2, _ids(second))
    # the portal address of each item is the portal's own URL
    assert data["items"][0]["url"] == reverse("portal:item", args=[items["new"].pk])
    assert data["items"][0]["url"] == f"/catalog/{items['new'].pk}/"


def test_an_empty_list_is_one_page_and_the_page_is_clamped(personas: Personas) -> None:
    from gongkai.api.params import paginate
    from gongkai.publications.models import Publication

    empty = paginate(Publication.objects.none(), 5, 20)
    assert (empty.total, empty.page, empty.pages, empty.items) == (0, 1, 1, [])


def test_the_list_takes_the_same_filters(personas: Personas, items: dict[str, Any]) -> None:
    p = personas
    assert _ids(Client().get("/api/publications", {"year": "2024"}).json()) == [items["old"].pk]
    assert _ids(Client().get("/api/publications", {"agency": str(p.agency_b.pk)}).json()) == []
    domain = Domain.objects.get(agency=None, name="财政预决算")
    row = actions.save_catalog_item(
        actor=p.officer_a, agency=p.agency_a, domain=domain, number=1, matter="预算执行"
    )
    actions.file_under(actor=p.officer_a, publication=items["new"], item=row)
    listed = Client().get("/api/publications", {"domain": str(domain.pk)}).json()
    assert _ids(listed) == [items["new"].pk]
    found = Client().get("/api/publications", {"q": "预算", "domain": str(domain.pk)}).json()
    assert _ids(found) == [items["new"].pk]


def test_a_search_sorts_by_relevance_or_date_and_marks_the_words(
    personas: Personas, items: dict[str, Any]
) -> None:
    relevance = Client().get("/api/publications", {"q": "低保"}).json()
    # 最低生活保障 in the older item's title ranks it first; by date the newer comes first.
    assert _ids(relevance) == [items["old"].pk, items["new"].pk]
    by_date = Client().get("/api/publications", {"q": "低保", "sort": "date"}).json()
    assert _ids(by_date) == [items["new"].pk, items["old"].pk]
    assert "<mark>低保</mark>" in by_date["items"][0]["snippet"]

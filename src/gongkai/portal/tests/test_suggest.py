"""第四十四条 while applying: the suggestions endpoint of the portal and of the API — public
items only, no personal data searched for or returned, limited per address."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.agencies import throttle
from gongkai.cases.suggest import phrases, suggest
from gongkai.cases.tests.factories import ID_NUMBER
from gongkai.conftest import Personas
from gongkai.publications.models import Publication
from gongkai.publications.tests.factories import draft, published

pytestmark = pytest.mark.django_db
REQUEST = "请公开2024年瓯海区征地补偿安置方案，我的身份证号{id}，电话13912345678"


@pytest.fixture
def items(personas: Personas) -> dict[str, Publication]:
    p = personas
    return {
        "land": published(
            p.officer_a, p.reviewer_a, p.agency_a, title="瓯海区2024年征地补偿安置方案公告"
        ),
        "budget": published(p.officer_a, p.reviewer_a, p.agency_a, title="2024年部门预算公开"),
        "secret": draft(p.officer_a, p.agency_a, title="征地补偿安置方案（内部征求意见稿）"),
    }


def test_phrases_leave_out_personal_numbers_and_request_words() -> None:
    found = phrases(REQUEST.format(id=ID_NUMBER) + " wang@example.com 联系人王小明")
    joined = " ".join(found)
    assert "征地补偿" in found
    for personal in (ID_NUMBER, "13912345678", "wang@example.com", "请公开", "身份证", "王小明"):
        assert personal not in joined
    assert phrases("") == [] and phrases("请公开相关信息") == []


def test_a_description_finds_the_published_item_not_the_draft(
    items: dict[str, Publication],
) -> None:
    found = suggest(REQUEST.format(id=ID_NUMBER))
    assert [s.index_number for s in found] == [items["land"].index_number]


def test_the_portal_endpoint(items: dict[str, Publication]) -> None:
    response = Client().get(reverse("portal:suggest"), {"q": REQUEST.format(id=ID_NUMBER)})
    assert response.status_code == 200
    [item] = response.json()["items"]
    land = items["land"]
    assert item == {
        "title": land.title,
        "index_number": land.index_number,
        "agency": land.agency.name,
        "published_on": land.published_on.isoformat() if land.published_on else None,
        "url": reverse("portal:item", args=[land.pk]),
    }
    body = response.content.decode()
    for personal in (ID_NUMBER, "13912345678", "身份证"):  # the query is not echoed
        assert personal not in json.loads(json.dumps(body))
    assert Client().get(reverse("portal:suggest"), {"q": "无关的事情"}).json() == {"items": []}
    assert Client().get(reverse("portal:suggest"), {"q": "x" * 501}).status_code == 400
    assert Client().get(reverse("portal:suggest") + "?q=a&q=b").status_code == 400


def test_the_api_endpoint(items: dict[str, Publication]) -> None:
    url = "/api/applications/suggestions"
    response = Client().get(url, {"q": REQUEST.format(id=ID_NUMBER)})
    assert response.status_code == 200
    [item] = response.json()
    assert (item["index_number"], item["url"]) == (
        items["land"].index_number,
        f"/catalog/{items['land'].pk}/",
    )
    assert ID_NUMBER not in response.content.decode()
    assert Client().get(url, {"q": "x" * 501}).status_code == 422
    assert Client().get(url).status_code == 422
    schema = Client().get("/api/openapi.json").json()
    operation = schema["paths"]["/api/applications/suggestions"]["get"]
    assert {"200", "422", "429"} <= set(operation["responses"])


@pytest.mark.parametrize("url", ["portal", "api"])
def test_anonymous_lookups_are_limited_per_address(
    items: dict[str, Publication], settings: Any, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.GONGKAI_SUGGEST_PER_ADDRESS_MINUTE = 3
    # One minute's window throughout (on a busy machine a minute's boundary may fall between
    # the requests, and the window after it holds some of them already).
    monkeypatch.setattr(throttle, "time", SimpleNamespace(time=lambda: 60.0 * 29_000_000 + 1))
    path = reverse("portal:suggest") if url == "portal" else "/api/applications/suggestions"
    client = Client(REMOTE_ADDR="203.0.113.7")
    answers = [client.get(path, {"q": f"征地补偿{n}"}).status_code for n in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = client.get(path, {"q": "征地补偿安置"})
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 60
    assert "detail" in refused.json()
    other = Client(REMOTE_ADDR="203.0.113.8")  # another address is not held up
    assert other.get(path, {"q": "征地补偿"}).status_code == 200


def test_the_form_carries_the_suggestion_box_and_submits_without_it(
    personas: Personas, items: dict[str, Publication]
) -> None:
    page = Client().get(reverse("portal:apply", args=[personas.agency_a.pk])).content.decode()
    assert reverse("portal:suggest") in page
    assert "portal/suggest.js" in page and "<script>" not in page  # no inline script
    assert 'data-suggest-for="id_description"' in page
    # Without JavaScript the box stays hidden and empty; the form submits as before
    # (test_apply.py, unchanged).
    assert '<ul data-suggest-list aria-live="polite"></ul>' in page

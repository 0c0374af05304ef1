"""The catalog's and the search's query strings: a refused parameter is a 400 with a message."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from gongkai.conftest import Personas
from gongkai.publications.tests.factories import published

HUGE = "99999999999999999999"
MESSAGE = "以下参数无法使用"


@pytest.fixture
def item(personas: Personas) -> Any:
    p = personas
    return published(
        p.officer_a, p.reviewer_a, p.agency_a, title="瓯海区财政预算公开", on=dt.date(2025, 3, 10)
    )


@pytest.mark.parametrize(
    "query",
    [
        "year=-1",
        "year=99999",
        "year=0",
        "agency=99999999999999999999",
        "agency=-3",
        "topic=abc",
        "genre=" + "9" * 5000,
        "domain=0",
        "validity=eternal",
        "page=-1",
        "page=" + HUGE,
        "year=2025&year=x",
        "year=2025&year=2024",
    ],
)
@pytest.mark.parametrize("path", ["/catalog/", "/catalog/search/?q=财政&"])
def test_a_refused_parameter_is_a_400_with_a_message_and_no_items(
    personas: Personas, item: Any, path: str, query: str
) -> None:
    url = path + ("?" if "?" not in path else "") + query
    response = Client().get(url)
    assert response.status_code == 400
    page = response.content.decode()
    assert MESSAGE in page
    assert item.index_number not in page


@pytest.mark.parametrize("query", ["", "year=2025", "agency={a}", "page=999", "validity="])
def test_good_parameters_still_find_the_item(personas: Personas, item: Any, query: str) -> None:
    query = query.format(a=personas.agency_a.pk)
    for path in ("/catalog/?", "/catalog/search/?q=财政&"):
        response = Client().get(path + query)
        assert response.status_code == 200, path + query
        assert item.index_number in response.content.decode()
        assert MESSAGE not in response.content.decode()


def test_an_unknown_agency_finds_nothing(personas: Personas, item: Any) -> None:
    response = Client().get("/catalog/?agency=987654")
    assert response.status_code == 200
    assert item.index_number not in response.content.decode()


def test_a_huge_search_text_is_cut_not_refused(personas: Personas, item: Any) -> None:
    response = Client().get("/catalog/search/", {"q": "财政" + "x" * 100_000})
    assert response.status_code == 200

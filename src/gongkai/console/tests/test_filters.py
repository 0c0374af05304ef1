"""The console's lists and filters: a refused parameter is a 400 with a message, never a 500."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from gongkai.cases.tests.factories import online_case
from gongkai.conftest import Personas

HUGE = "99999999999999999999"
MESSAGE = "以下参数无法使用"
TODAY = dt.date(2025, 9, 26)


def _signed_in(personas: Personas, name: str = "officer_a") -> Client:
    client = Client()
    client.force_login(personas.named(name))  # type: ignore[arg-type]
    return client


@pytest.mark.parametrize(
    "query",
    [
        f"year={HUGE}",
        "year=-1",
        "year=10000",
        f"agency={HUGE}",
        "agency=-1",
        "agency=987654",
        "status=bogus",
        "channel=pigeon",
        "q=" + "x" * 101,
        "year=2025&year=2024",
    ],
)
def test_a_refused_inbox_filter_is_a_400_with_a_message_and_no_cases(
    personas: Personas, query: str
) -> None:
    case = online_case(personas.agency_a, TODAY)
    client = _signed_in(personas)
    response = client.get(f"/console/cases/?{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert MESSAGE in page and case.number not in page
    for export in ("export.csv", "export.xlsx"):
        refused = client.get(f"/console/cases/{export}?{query}")
        assert refused.status_code == 400
        assert case.number not in refused.content.decode("utf-8", "replace")


@pytest.mark.parametrize("query", ["", "year=2025", "page=" + HUGE, "page=-1", "page=abc"])
def test_good_inbox_filters_and_any_page_show_the_case(personas: Personas, query: str) -> None:
    case = online_case(personas.agency_a, TODAY)
    response = _signed_in(personas).get(f"/console/cases/?{query}")
    assert response.status_code == 200
    assert case.number in response.content.decode()


def test_the_standard_catalog_refuses_a_bad_year_and_shows_this_year(
    personas: Personas,
) -> None:
    client = _signed_in(personas)
    path = f"/console/agency/{personas.agency_a.pk}/standard-catalog/"
    assert client.get(path + "?year=2024").status_code == 200
    for year in ("-1", "99999", HUGE, "x"):
        response = client.get(f"{path}?year={year}")
        assert response.status_code == 400
        assert "年度" in response.content.decode()


def test_the_report_import_ignores_a_bad_prefill(personas: Personas) -> None:
    client = _signed_in(personas)
    response = client.get(f"/console/reports/import/?agency={HUGE}&year=-1")
    assert response.status_code == 200
    assert HUGE not in response.content.decode()


def test_a_report_cannot_be_started_for_a_year_past_the_bounds(personas: Personas) -> None:
    client = _signed_in(personas)
    for year in (HUGE, "99999"):
        response = client.post(
            "/console/reports/start/", {"agency": personas.agency_a.pk, "year": year}
        )
        assert response.status_code == 302  # back to the list, with the form's message

"""The scorecard's and the 督办单 form's parameters: hand-made values are a 400 or a 404 with a
Chinese message, never a server error (CONTRIBUTING: "Hostile input: no 500")."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from gongkai.agencies.params import FIRST_YEAR, LAST_YEAR
from gongkai.conftest import Personas
from gongkai.console.participation import IssueForm
from gongkai.console.supervision_schemes import NewSchemeForm

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_a_refused_year_on_the_scorecard_and_its_xlsx_is_a_400_with_a_message(
    personas: Personas,
) -> None:
    sup = _client(personas.supervisor)
    for url in ("console:supervision:scorecard", "console:supervision:scorecard_xlsx"):
        for year in ("abc", "0", "10000", str(2**70)):
            response = sup.get(reverse(url) + f"?year={year}")
            assert response.status_code == 400, (url, year)
            page = response.content.decode()
            assert 'class="problems"' in page and "年度" in page, (url, year)
    ok = sup.get(reverse("console:supervision:scorecard") + f"?year={timezone.localdate().year}")
    assert ok.status_code == 200 and 'class="problems"' not in ok.content.decode()


def test_a_drill_down_outside_the_year_range_is_a_404(personas: Personas) -> None:
    sup = _client(personas.supervisor)
    for year in (0, 1899, 2101, 10000):
        url = reverse("console:supervision:members", args=[year, personas.agency_a.pk, "received"])
        response = sup.get(url)
        assert response.status_code == 404, year
        assert "页面不存在" in response.content.decode()
    url = reverse("console:supervision:members", args=[2025, personas.agency_a.pk, "received"])
    assert sup.get(url).status_code == 200


def test_the_issue_form_refuses_a_hand_made_check_or_year(personas: Personas) -> None:
    sup = _client(personas.supervisor)
    url = reverse("console:supervision:issue", args=[personas.agency_a.pk])
    for query in ("check=x", "check=-1", f"check={2**70}", "year=30000", "metric=received&year=0"):
        response = sup.get(f"{url}?{query}")
        assert response.status_code == 400, query
        assert 'class="problems"' in response.content.decode(), query
    page = sup.get(f"{url}?metric=received").content.decode()
    assert "None" not in page and "年度：" not in page
    assert "2025年度：" in sup.get(f"{url}?metric=received&year=2025").content.decode()


@pytest.mark.parametrize("form", [IssueForm, NewSchemeForm], ids=["gazette", "scheme"])
def test_the_year_fields_of_the_console_forms_take_the_filters_bounds(form: type) -> None:
    def errors(year: int) -> list[str]:
        with translation.override("zh-hans"):
            return list(form({"year": year}).errors.get("year", []))

    assert errors(FIRST_YEAR) == errors(LAST_YEAR) == []
    assert errors(FIRST_YEAR - 1) == [f"确保该值大于或等于{FIRST_YEAR}。"]
    assert errors(LAST_YEAR + 1) == [f"确保该值小于或等于{LAST_YEAR}。"]

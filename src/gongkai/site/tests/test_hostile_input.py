"""No input produces a 500 (issue 12): every page, with hostile ids, parameters and bodies.

Every URL of the portal and the console is requested with each id in its path past 64 bits and
each text segment long and odd, with hostile query strings, and posted a hostile form, as a
visitor, an officer and the platform administrator. Any answer but a server error will do
(404, 400, a form with its errors, a redirect). The API has its own fuzzing
(``api/tests/test_fuzz.py``); under /api/ even Django's own refusals answer JSON.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from gongkai.annual_reports import actions as report_actions
from gongkai.cases.tests.factories import online_case
from gongkai.conftest import Personas
from gongkai.publications.tests.factories import published

HUGE = "99999999999999999999"  # 10**20 - 1: past 64 bits
PAST_64_BITS = str(10**20)
# No NUL character here: the middleware refuses one before any view runs (tested apart below),
# so a NUL would hide every view behind that 400.
HOSTILE_QUERIES = (
    {
        "year": HUGE,
        "agency": HUGE,
        "page": "-1",
        "q": "税" * 2000,
        "unit": HUGE,
        "status": "x" * 1000,
        "next": "//evil.example/",
        "check": PAST_64_BITS,
        "comment": "-1",
        "form": "x" * 1000,
        "contents": PAST_64_BITS,
        "id": PAST_64_BITS,
        "ids": "-99999999999999999999",
    },
    {
        "year": "²",
        "page": "²",
        "agency": "abc",
        "unit": "¹",
        "check": "abc",
        "comment": "abc",
        "form": "zzz",
        "contents": "abc",
        "id": "٣",
        "q": "%",
        "status": "²",
    },
)
HOSTILE_FORMS = (
    {
        "year": HUGE,
        "agency": HUGE,
        "units": [HUGE, "-1"],
        "on": "2025-02-30",
        "date": "99999-01-01",
        "number": "〔" * 500,
        "factor": "²" * 50,
        "reason": "x" * 100_000,
        "page": HUGE,
        "token": "t" * 1000,
        "contents": [PAST_64_BITS, "-1", HUGE],
        "ids": [PAST_64_BITS, "-1"],
        "check": PAST_64_BITS,
        "comment": PAST_64_BITS,
        "form": "zzz",
        "id": PAST_64_BITS,
    },
    {
        "year": "²",
        "agency": "abc",
        "units": ["abc", "²"],
        "on": "²",
        "page": "²",
        "contents": ["abc", "²"],
        "ids": ["abc"],
        "check": "abc",
        "comment": "abc",
        "form": "zzz",
        "id": "abc",
        "number": "-99999999999999999999",
    },
)
SKIPPED = ("admin/", "api/")


def _routes(resolvers: list[Any], prefix: str = "") -> Iterator[str]:
    for entry in resolvers:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            yield prefix + route


def _paths(route: str) -> set[str]:
    """The route with each id past 64 bits, and with the first objects' ids (1)."""
    odd = "%E2%80%AE" + "x" * 300
    return {
        "/" + re.sub(r"<(?:str:)?\w+>", odd, re.sub(r"<int:\w+>", number, route))
        for number in (HUGE, "1")
    }


ROUTES = sorted(
    {
        path
        for route in _routes(get_resolver().url_patterns)
        if not route.startswith(SKIPPED)
        for path in _paths(route)
    }
)


@pytest.fixture
def objects(personas: Personas) -> None:
    """Something behind id 1: an application, a published item, a report draft."""
    p = personas
    online_case(p.agency_a, dt.date(2025, 9, 26))
    published(p.officer_a, p.reviewer_a, p.agency_a, title="财政预算公开")
    report_actions.create_draft(actor=p.officer_a, agency=p.agency_a, year=2024)


@pytest.mark.parametrize("who", ["anonymous", "officer_a", "platform_admin"])
def test_no_page_answers_a_hostile_request_with_a_server_error(
    personas: Personas, objects: None, who: str
) -> None:
    client = Client(raise_request_exception=False)
    if who != "anonymous":
        client.force_login(personas.named(who))  # type: ignore[arg-type]
    errors = []
    assert len(ROUTES) > 50
    requests: list[tuple[str, str, dict[str, Any]]] = [("GET", "GET", {})]
    requests += [("GET", f"GET query {i}", q) for i, q in enumerate(HOSTILE_QUERIES)]
    requests += [("POST", f"POST form {i}", f) for i, f in enumerate(HOSTILE_FORMS)]
    for path in ROUTES:
        for method, label, data in requests:
            response = client.get(path, data) if method == "GET" else client.post(path, data)
            if response.status_code >= 500:
                errors.append(f"{label} {path}")
    assert errors == []


def test_under_api_django_refusals_answer_json(personas: Personas) -> None:
    for path in ("/api/no-such-operation", f"/api/staff/cases/{HUGE}/x"):
        response = Client().get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"] == "未找到。"
    assert "text/html" in Client().get("/no-such-page/")["Content-Type"]


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/catalog/search/", {"q": "财政\x00"}),
        ("get", "/apply/receipt/%00/", {}),
        ("get", "/console/cases/", {"q\x00": "x"}),
        ("post", "/track/", {"number": "\x00", "factor": "1234"}),
        ("get", "/catalog/", {"year": "2024", "q": "\x00" + "税" * 2000}),
        ("post", "/apply/", {"factor": "\x00"}),
    ],
)
def test_a_nul_character_is_refused_before_any_query(
    personas: Personas, method: str, path: str, data: dict[str, str]
) -> None:
    """PostgreSQL cannot compare text holding NUL: refused up front, on every database."""
    response = getattr(Client(), method)(path, data)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()

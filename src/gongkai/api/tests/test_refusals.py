"""The API refuses bad input with a documented 4xx in one shape, never a server error."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from django.test import Client

from gongkai.agencies import tokens
from gongkai.agencies.challenge import issue, solve
from gongkai.agencies.lifecycle import TransitionRefused
from gongkai.api import errors
from gongkai.cases import actions
from gongkai.cases.models import Case
from gongkai.cases.tests.factories import application
from gongkai.conftest import Personas

HUGE = "99999999999999999999"


def _schema() -> dict[str, Any]:
    return Client().get("/api/openapi.json").json()  # type: ignore[no-any-return]


def _assert_error_shape(response: Any, status: int) -> dict[str, Any]:
    """The documented ErrorOut, with a message in the site's language (Chinese)."""
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    jsonschema.validate(body, _schema()["components"]["schemas"]["ErrorOut"])
    assert body["detail"] and not body["detail"].isascii()
    return body


def _staff(personas: Personas) -> Client:
    return Client(headers={"Authorization": f"Bearer {tokens.issue(personas.officer_a)}"})


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"q": "税", "topic": "9" * 100_000}, "topic"),
        ({"q": "税", "topic": "x" * 100_000}, "topic"),
        ({"q": "税", "agency": HUGE}, "agency"),
        ({"q": "税", "year": "-1"}, "year"),
        ({"q": "税", "year": "99999"}, "year"),
        ({"q": "税", "page": HUGE}, "page"),
        ({"q": "税", "per_page": "0"}, "per_page"),
        ({"q": "税", "validity": "eternal"}, "validity"),
        ({"q": "税", "yaer": "2024"}, "yaer"),
        ({"q": "a\x00b"}, "q"),
        ({"sort": "popularity"}, "sort"),
        ({"domain": "0"}, "domain"),
    ],
)
def test_a_bad_search_parameter_is_a_422_naming_it(
    personas: Personas, query: dict[str, str], field: str
) -> None:
    body = _assert_error_shape(Client().get("/api/publications", query), 422)
    assert list(body["errors"]) == [field]


def test_a_huge_search_text_is_read_up_to_its_limit(personas: Personas) -> None:
    response = Client().get("/api/publications", {"q": "税" * 100_000})
    assert response.status_code == 200
    assert response.json()["total"] == 0


def test_a_repeated_parameter_is_a_422(personas: Personas) -> None:
    body = _assert_error_shape(Client().get("/api/publications?q=a&year=2024&year=2025"), 422)
    assert list(body["errors"]) == ["year"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"year": "10000"}, "year"),
        ({"year": "-1"}, "year"),
        ({"agency": HUGE}, "agency"),
        ({"page": HUGE}, "page"),
        ({"page": "0"}, "page"),
        ({"per_page": "1000"}, "per_page"),
        ({"status": "bogus"}, "status"),
    ],
)
def test_a_bad_staff_filter_is_a_422_naming_it(
    personas: Personas, query: dict[str, str], field: str
) -> None:
    body = _assert_error_shape(_staff(personas).get("/api/staff/cases", query), 422)
    assert list(body["errors"]) == [field]


def test_an_unknown_or_huge_case_id_is_a_404_or_422(personas: Personas) -> None:
    client = _staff(personas)
    _assert_error_shape(client.get(f"/api/staff/cases/{HUGE}"), 404)
    _assert_error_shape(client.get("/api/staff/cases/999999"), 404)
    _assert_error_shape(client.get("/api/staff/cases/abc"), 422)


def test_refusals_of_the_machinery_speak_the_documented_shape(personas: Personas) -> None:
    _assert_error_shape(Client().get("/api/staff/cases"), 401)
    _assert_error_shape(Client().get("/api/no/such/thing"), 404)
    bad_json = Client().post("/api/applications", "{", content_type="application/json")
    _assert_error_shape(bad_json, 400)
    not_an_object = Client().post("/api/applications", "[1]", content_type="application/json")
    _assert_error_shape(not_an_object, 422)


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"],
)
def test_a_body_that_is_not_declared_json_is_refused_from_any_origin(
    personas: Personas, content_type: str
) -> None:
    """A foreign page can post these types without a preflight: none of them files anything."""
    body = json.dumps({**application(), "agency": personas.agency_a.pk, "token": "csrf-1"})
    response = Client(headers={"Origin": "https://evil.example"}).post(
        "/api/applications", body, content_type=content_type
    )
    _assert_error_shape(response, 415)
    assert Case.objects.count() == 0
    lookup = Client().post(
        "/api/applications/status", json.dumps({"number": "x", "factor": "1"}), content_type
    )
    _assert_error_shape(lookup, 415)


def test_a_nul_character_in_a_body_is_a_422(personas: Personas) -> None:
    body = {**application(), "agency": personas.agency_a.pk, "token": "nul\x00"}
    response = Client().post("/api/applications", json.dumps(body), "application/json")
    assert _assert_error_shape(response, 422)["errors"] == {
        "token": [str(errors._field_message({"type": "string_nul"}))]
    }
    assert Case.objects.count() == 0


def test_a_lost_race_is_a_409(personas: Personas, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(**kwargs: Any) -> Any:
        raise TransitionRefused("这一步已经不能进行。")

    monkeypatch.setattr(actions, "submit_online", refused)
    body = {
        **application(),
        "agency": personas.agency_a.pk,
        "token": "race-1",
        "challenge": solve(issue()),
    }
    response = Client().post("/api/applications", json.dumps(body), "application/json")
    assert _assert_error_shape(response, 409)["errors"] == {"__all__": ["这一步已经不能进行。"]}


def test_every_operation_documents_its_refusals_with_the_error_schema() -> None:
    document = _schema()
    assert "ErrorOut" in document["components"]["schemas"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            codes = {int(code) for code in responses}
            if operation.get("parameters") or operation.get("requestBody"):
                assert 422 in codes, (method, path)
            if operation.get("requestBody"):
                assert {400, 413, 415} <= codes, (method, path)
            if operation.get("security"):
                assert 401 in codes, (method, path)
            if "{" in path:
                assert 404 in codes, (method, path)
            for code in codes - {200, 201}:
                schema = responses[str(code)]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (method, path, code)


def test_no_operation_authenticates_by_cookie(personas: Personas) -> None:
    """Bearer tokens only: a cross-site request carries no credential, so needs no CSRF token
    (an operation authenticated by the session cookie would need one)."""
    document = _schema()
    schemes = document["components"]["securitySchemes"]
    assert schemes and all(
        s["type"] == "http" and s["scheme"] == "bearer" for s in schemes.values()
    )
    signed_in = Client()
    signed_in.force_login(personas.officer_a)
    assert signed_in.get("/api/staff/cases").status_code == 401

"""The applications API: submission, status lookup, staff reads with bearer tokens."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core import signing
from django.core.files.base import ContentFile
from django.test import Client

from gongkai.agencies import tokens
from gongkai.agencies.challenge import issue, solve
from gongkai.agencies.choices import Role
from gongkai.agencies.models import FailedAttempt
from gongkai.agencies.tests.factories import make_user
from gongkai.cases import actions
from gongkai.cases.choices import LetterState
from gongkai.cases.models import Case, Letter
from gongkai.cases.tests.factories import ID_NUMBER, application, online_case
from gongkai.conftest import PERSONA_NAMES, Personas

TODAY = dt.date(2025, 9, 26)
# Who reads agency A's cases as staff: its case roles and the supervisor above it (neither the
# agency's user administrator nor the platform administrator).
READS_A = {"officer_a", "reviewer_a", "head_a", "supervisor"}


def _post(path: str, body: dict[str, Any], **extra: Any) -> Any:
    """POST JSON; a submission gets a freshly solved challenge unless the body has one."""
    if path == "/api/applications" and "challenge" not in body:
        body = {**body, "challenge": solve(issue())}
    return Client(**extra).post(path, json.dumps(body), content_type="application/json")


def _bearer(user: Any) -> Client:
    return _with_token(tokens.issue(user))


def _with_token(token: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_an_application_submitted_through_the_api_is_received_today(
    personas: Personas,
) -> None:
    response = _post(
        "/api/applications", {**application(), "agency": personas.agency_a.pk, "token": "api-1"}
    )
    assert response.status_code == 201
    data = response.json()
    case = Case.objects.get()
    assert data["number"] == case.number
    assert data["received_on"] == case.received_on.isoformat()  # type: ignore[union-attr]
    assert data["due_on"] == case.due_on.isoformat()  # type: ignore[union-attr]
    assert actions.check_lookup_secret(case, data["secret"])
    assert case.applicant_user is None


def test_the_same_token_twice_gives_one_application_and_no_second_code(
    personas: Personas,
) -> None:
    body = {**application(), "agency": personas.agency_a.pk, "token": "api-twice"}
    first = _post("/api/applications", body)
    second = _post("/api/applications", body)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["number"] == second.json()["number"]
    assert second.json()["secret"] == ""
    assert Case.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"id_number": "330104199001011234"}, "id_number"),
        ({"applicant_name": ""}, "applicant_name"),
        ({"form_wanted": "carrier pigeon"}, "form_wanted"),
        ({"agency": 999999}, "agency"),
    ],
)
def test_bad_input_is_a_422_with_the_fields_and_nothing_stored(
    personas: Personas, overrides: dict[str, Any], field: str
) -> None:
    body = {**application(), "agency": personas.agency_a.pk, "token": "api-bad", **overrides}
    response = _post("/api/applications", body)
    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert response.json()["errors"][field][0]
    assert Case.objects.count() == 0


def test_a_missing_token_is_a_422(personas: Personas) -> None:
    body = {**application(), "agency": personas.agency_a.pk}
    assert _post("/api/applications", body).status_code == 422
    assert _post("/api/applications", {**body, "token": ""}).status_code == 422
    assert Case.objects.count() == 0


def test_the_status_lookup_answers_with_the_second_factor_only(personas: Personas) -> None:
    case = online_case(personas.agency_a, TODAY)
    ok = _post("/api/applications/status", {"number": case.number, "factor": "5678"})
    assert ok.status_code == 200
    data = ok.json()
    assert data["number"] == case.number and data["status"] == "open"
    assert data["due_on"] == case.due_on.isoformat()  # type: ignore[union-attr]
    assert data["timeline"] and all(set(line) == {"on", "text"} for line in data["timeline"])
    assert ID_NUMBER not in ok.content.decode()
    wrong = _post("/api/applications/status", {"number": case.number, "factor": "0000"})
    unknown = _post("/api/applications/status", {"number": "不存在〔2025〕1号", "factor": "5678"})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()


def test_the_status_lookup_is_rate_limited_per_address(personas: Personas) -> None:
    case = online_case(personas.agency_a, TODAY)
    for _ in range(10):
        _post(
            "/api/applications/status",
            {"number": case.number, "factor": "1"},
            REMOTE_ADDR="10.9.9.9",
        )
    # The per-number limit (5 from one address) refuses first; nothing more is counted then.
    assert FailedAttempt.objects.filter(address="10.9.9.9").count() == 5
    refused = _post(
        "/api/applications/status",
        {"number": case.number, "factor": "5678"},
        REMOTE_ADDR="10.9.9.9",
    )
    assert refused.status_code == 429


def test_staff_endpoints_need_a_valid_token(personas: Personas) -> None:
    online_case(personas.agency_a, TODAY)
    assert Client().get("/api/staff/cases").status_code == 401
    assert _with_token("not-a-token").get("/api/staff/cases").status_code == 401
    forged = signing.dumps({"u": personas.officer_a.pk, "p": "x"}, salt=tokens.SALT)
    assert _with_token(forged).get("/api/staff/cases").status_code == 401
    client = _bearer(personas.officer_a)
    assert client.get("/api/staff/cases").status_code == 200
    # A new password revokes the user's tokens.
    personas.officer_a.set_password("a brand new passphrase")
    personas.officer_a.save()
    assert client.get("/api/staff/cases").status_code == 401


def test_an_expired_token_is_refused(personas: Personas, settings: Any) -> None:
    client = _bearer(personas.officer_a)
    settings.GONGKAI_API_TOKEN_DAYS = -1
    assert client.get("/api/staff/cases").status_code == 401


@pytest.mark.parametrize("name", [n for n in PERSONA_NAMES if n != "anonymous"])
def test_staff_read_only_the_cases_they_may_see_with_masked_numbers(
    personas: Personas, name: str
) -> None:
    case = online_case(personas.agency_a, TODAY)
    user = personas.named(name)
    client = _bearer(user)
    listing = client.get("/api/staff/cases").json()
    detail = client.get(f"/api/staff/cases/{case.pk}")
    if name in READS_A:
        assert [item["number"] for item in listing["items"]] == [case.number]
        assert detail.status_code == 200
        full = name in {"officer_a", "reviewer_a", "head_a"}
        assert detail.json()["id_number_full"] is full
        assert (ID_NUMBER in detail.content.decode()) is full
        assert detail.json()["id_number"] == (ID_NUMBER if full else case.id_number_masked)
    else:
        assert listing["items"] == [] and listing["total"] == 0
        assert detail.status_code == 404
        assert ID_NUMBER not in detail.content.decode()


def test_the_staff_list_is_paginated_and_filtered(personas: Personas) -> None:
    for day in (TODAY, TODAY, TODAY - dt.timedelta(days=400)):
        online_case(personas.agency_a, day)
    online_case(personas.agency_b, TODAY)
    both = make_user("both", (personas.agency_a, Role.OFFICER), (personas.agency_b, Role.OFFICER))
    client = _bearer(both)
    everything = client.get("/api/staff/cases", {"per_page": 2}).json()
    assert everything["total"] == 4 and everything["pages"] == 2 and len(everything["items"]) == 2
    second = client.get("/api/staff/cases", {"per_page": 2, "page": 2}).json()
    assert {i["id"] for i in second["items"]}.isdisjoint({i["id"] for i in everything["items"]})
    year = client.get("/api/staff/cases", {"year": TODAY.year}).json()
    assert year["total"] == 3
    agency = client.get("/api/staff/cases", {"agency": personas.agency_b.pk}).json()
    assert agency["total"] == 1 and agency["items"][0]["agency"] == "温州市鹿城区教育局"
    assert client.get("/api/staff/cases", {"status": "open"}).json()["total"] == 4
    assert client.get("/api/staff/cases", {"status": "bogus"}).status_code == 422


def test_every_applications_endpoint_is_in_the_openapi(personas: Personas) -> None:
    schema = Client().get("/api/openapi.json").json()
    paths = schema["paths"]
    assert "post" in paths["/api/applications"]
    assert "post" in paths["/api/applications/status"]
    assert "get" in paths["/api/staff/cases"]
    assert "get" in paths["/api/staff/cases/{case_id}"]
    assert "post" in paths["/api/applications/letters/{letter_id}"]
    assert paths["/api/staff/cases"]["get"]["security"]


def test_the_staff_list_takes_a_fixed_number_of_queries(
    personas: Personas, django_assert_max_num_queries: Any
) -> None:
    for n in range(5):
        online_case(personas.agency_a, TODAY - dt.timedelta(days=n))
    client = _bearer(personas.officer_a)
    with django_assert_max_num_queries(6):
        data = client.get("/api/staff/cases").json()
    assert data["total"] == 5


def test_a_served_letter_downloads_with_the_second_factor(
    personas: Personas, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    case = online_case(personas.agency_a, TODAY)
    receipt = case.letters.get(kind="receipt")
    receipt.pdf.save("r.pdf", ContentFile(b"%PDF-1.4 receipt"), save=False)
    Letter.objects.filter(pk=receipt.pk).update(state=LetterState.READY, pdf=receipt.pdf.name)
    path = f"/api/applications/letters/{receipt.pk}"
    ok = _post(path, {"number": case.number, "factor": "5678"})
    assert ok.status_code == 200 and ok["Content-Type"] == "application/pdf"
    assert b"".join(ok.streaming_content).startswith(b"%PDF")
    wrong = _post(path, {"number": case.number, "factor": "0000"})
    other = _post("/api/applications/letters/999999", {"number": case.number, "factor": "5678"})
    assert wrong.status_code == other.status_code == 404
    assert wrong.json() == other.json()


@pytest.mark.parametrize("name", ["officer_a", "supervisor"])
def test_the_api_masks_phone_email_and_address_but_for_the_handling_staff(
    personas: Personas, name: str
) -> None:
    case = online_case(
        personas.agency_a,
        TODAY,
        phone="13812341234",
        email="zhang@example.com",
        address="浙江省温州市瓯海区娄桥街道1号",
        postcode="325000",
    )
    detail = _bearer(personas.named(name)).get(f"/api/staff/cases/{case.pk}").json()
    seen = {k: detail[k] for k in ("phone", "email", "address", "postcode", "id_number_full")}
    if name == "officer_a":
        assert seen == {
            "phone": "13812341234",
            "email": "zhang@example.com",
            "address": "浙江省温州市瓯海区娄桥街道1号",
            "postcode": "325000",
            "id_number_full": True,
        }
    else:
        assert seen == {
            "phone": "138****1234",
            "email": "z***@example.com",
            "address": "浙江省温州市****",
            "postcode": "325***",
            "id_number_full": False,
        }

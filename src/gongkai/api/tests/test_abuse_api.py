"""Floods through the API (issue 12): a proof-of-work a client solves in Python, limits per
address and in all shared with the form, 429 JSON, nothing stored when refused."""

from __future__ import annotations

import base64
import json
from typing import Any

import altcha
import pytest
from django.test import Client

from gongkai.agencies.challenge import solve
from gongkai.cases.models import Case
from gongkai.cases.tests.factories import application
from gongkai.conftest import Personas

pytestmark = pytest.mark.django_db


def _challenge(client: Client) -> str:
    """What a client does: fetch a challenge and solve it (here with ALTCHA's own solver)."""
    answer = client.get("/api/challenge")
    assert answer.status_code == 200
    fetched = answer.json()
    parsed = altcha.Challenge.from_dict(fetched)
    solution = altcha.solve_challenge(parsed)
    assert solution is not None
    return str(altcha.Payload(parsed, solution).to_base64())


def _submit(client: Client, agency: int, token: str, **extra: Any) -> Any:
    body = {**application(), "agency": agency, "token": token}
    if "challenge" not in extra:
        body["challenge"] = _challenge(client)
    body.update(extra)
    return client.post("/api/applications", json.dumps(body), content_type="application/json")


def test_a_client_solves_the_challenge_in_python_and_files(personas: Personas) -> None:
    client = Client()
    fetched = client.get("/api/challenge").json()
    assert fetched["parameters"]["algorithm"] == "SHA-256"
    assert fetched["parameters"]["expiresAt"] > 0 and fetched["signature"]
    assert client.get("/api/challenge")["Cache-Control"] == "no-store"
    assert _submit(client, personas.agency_a.pk, "py-1").status_code == 201
    # The project's own helper solves it as well.
    payload = solve(client.get("/api/challenge").json())
    assert _submit(client, personas.agency_a.pk, "py-2", challenge=payload).status_code == 201
    assert Case.objects.count() == 2


@pytest.mark.parametrize("payload", ["", "garbage", base64.b64encode(b"[1, 2]").decode()])
def test_without_a_valid_solution_it_is_a_422_at_the_challenge_and_nothing_stored(
    personas: Personas, payload: str
) -> None:
    response = _submit(Client(), personas.agency_a.pk, "no-pow", challenge=payload)
    assert response.status_code == 422
    assert response.json()["detail"]
    assert response.json()["errors"]["challenge"][0]
    assert Case.objects.count() == 0


def test_a_replayed_solution_is_refused(personas: Personas) -> None:
    client = Client()
    payload = _challenge(client)
    assert _submit(client, personas.agency_a.pk, "once", challenge=payload).status_code == 201
    replay = _submit(Client(), personas.agency_a.pk, "twice", challenge=payload)
    assert replay.status_code == 422
    assert "已被使用" in replay.json()["errors"]["challenge"][0]
    assert Case.objects.count() == 1


def test_a_repeated_token_needs_no_new_solution_and_takes_no_place(
    personas: Personas, settings: Any
) -> None:
    settings.GONGKAI_APPLY_PER_ADDRESS_HOUR = 1
    client = Client(REMOTE_ADDR="10.3.0.1")
    first = _submit(client, personas.agency_a.pk, "same")
    again = _submit(client, personas.agency_a.pk, "same", challenge="")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["number"] == again.json()["number"]


def test_past_the_limit_of_an_address_it_is_a_429_json_and_nothing_stored(
    personas: Personas, settings: Any
) -> None:
    settings.GONGKAI_APPLY_PER_ADDRESS_HOUR = 2
    for n in range(2):
        assert _submit(Client(REMOTE_ADDR="10.3.0.2"), personas.agency_a.pk, f"a{n}").status_code
    refused = _submit(Client(REMOTE_ADDR="10.3.0.2"), personas.agency_a.pk, "a-over")
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("application/json")
    assert int(refused["Retry-After"]) > 0
    assert set(refused.json()) >= {"detail"}
    assert "提交的申请过多" in refused.json()["detail"]
    assert Case.objects.count() == 2
    other = _submit(Client(REMOTE_ADDR="10.3.0.3"), personas.agency_a.pk, "b")
    assert other.status_code == 201


def test_the_form_and_the_api_share_one_count(personas: Personas, settings: Any) -> None:
    settings.GONGKAI_APPLY_PER_ADDRESS_HOUR = 1
    form = Client(REMOTE_ADDR="10.3.0.4")
    data = {
        **application(),
        "token": "by-form",
        "challenge": solve(form.get("/api/challenge").json()),
    }
    assert form.post(f"/apply/{personas.agency_a.pk}/", data).status_code == 302
    assert (
        _submit(Client(REMOTE_ADDR="10.3.0.4"), personas.agency_a.pk, "by-api").status_code == 429
    )
    assert Case.objects.count() == 1


def test_the_global_limit_is_a_429_from_any_address(personas: Personas, settings: Any) -> None:
    settings.GONGKAI_APPLY_PER_HOUR = 1
    assert _submit(Client(REMOTE_ADDR="10.4.0.1"), personas.agency_a.pk, "g1").status_code == 201
    assert _submit(Client(REMOTE_ADDR="10.4.0.2"), personas.agency_a.pk, "g2").status_code == 429
    assert Case.objects.count() == 1


def test_the_openapi_documents_the_challenge_and_the_429(personas: Personas) -> None:
    schema = Client().get("/api/openapi.json").json()
    assert "get" in schema["paths"]["/api/challenge"]
    submit = schema["paths"]["/api/applications"]["post"]
    assert {"201", "422", "429"} <= set(submit["responses"])
    body = submit["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)
    fields = schema["components"]["schemas"][body[-1]]["properties"]
    assert "GET /api/challenge" in fields["challenge"]["description"]

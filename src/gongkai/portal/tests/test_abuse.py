"""Floods of applications and accounts (issue 12): limits per address and in all, counted in the
database; a proof-of-work for anonymous submissions; nothing stored when refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from gongkai.agencies.challenge import issue, solve
from gongkai.agencies.models import FailedAttempt, User
from gongkai.cases.models import Case
from gongkai.cases.tests.factories import application
from gongkai.conftest import Personas

pytestmark = pytest.mark.django_db


def _apply(client: Client, agency_id: int, token: str, **extra: Any) -> Any:
    data = {**application(), "token": token, "challenge": solve(issue()), **extra}
    return client.post(f"/apply/{agency_id}/", data)


def _register(client: Client, name: str, **extra: Any) -> Any:
    data = {
        "username": name,
        "email": f"{name}@example.com",
        "password": "a long passphrase 2025",
        "password_again": "a long passphrase 2025",
        "challenge": solve(issue()),
        **extra,
    }
    return client.post("/account/register/", data)


def test_one_address_is_refused_past_its_hourly_limit_with_a_429_and_nothing_stored(
    personas: Personas, settings: Any
) -> None:
    settings.GONGKAI_APPLY_PER_ADDRESS_HOUR = 3
    # Separate clients (sessions) from one address share one count: it is in the database.
    for n in range(3):
        assert _apply(Client(REMOTE_ADDR="10.0.0.1"), personas.agency_a.pk, f"t{n}").status_code
    assert Case.objects.count() == 3
    refused = _apply(Client(REMOTE_ADDR="10.0.0.1"), personas.agency_a.pk, "t-over")
    page = refused.content.decode()
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "提交的申请过多" in page and "分钟后再试" in page
    assert "王小明" in page  # what was typed comes back
    assert Case.objects.count() == 3
    # Another address is not affected.
    assert _apply(Client(REMOTE_ADDR="10.0.0.2"), personas.agency_a.pk, "t-b").status_code == 302


def test_the_daily_limit_counts_a_whole_day(personas: Personas, settings: Any) -> None:
    settings.GONGKAI_APPLY_PER_ADDRESS_DAY = 2
    client = Client(REMOTE_ADDR="10.0.0.3")
    assert _apply(client, personas.agency_a.pk, "d1").status_code == 302
    # An application filed this morning still counts this afternoon.
    FailedAttempt.objects.filter(scope="application").update(
        at=FailedAttempt.objects.get(scope="application").at - dt.timedelta(hours=5)
    )
    assert _apply(client, personas.agency_a.pk, "d2").status_code == 302
    assert _apply(client, personas.agency_a.pk, "d3").status_code == 429
    assert Case.objects.count() == 2


def test_the_global_limit_holds_across_addresses(personas: Personas, settings: Any) -> None:
    settings.GONGKAI_APPLY_PER_HOUR = 2
    assert _apply(Client(REMOTE_ADDR="10.1.0.1"), personas.agency_a.pk, "g1").status_code == 302
    assert _apply(Client(REMOTE_ADDR="10.1.0.2"), personas.agency_a.pk, "g2").status_code == 302
    assert _apply(Client(REMOTE_ADDR="10.1.0.3"), personas.agency_a.pk, "g3").status_code == 429
    assert Case.objects.count() == 2


def test_a_refused_or_invalid_submission_does_not_use_up_a_place(
    personas: Personas, settings: Any
) -> None:
    settings.GONGKAI_APPLY_PER_ADDRESS_HOUR = 1
    client = Client(REMOTE_ADDR="10.0.0.4")
    assert _apply(client, personas.agency_a.pk, "bad", id_number="330104199001011234").status_code
    assert _apply(client, personas.agency_a.pk, "bad2", challenge="").status_code == 200
    assert _apply(client, personas.agency_a.pk, "ok").status_code == 302
    assert Case.objects.count() == 1


def test_a_double_submit_is_not_counted_twice_and_needs_no_new_challenge(
    personas: Personas, settings: Any
) -> None:
    settings.GONGKAI_APPLY_PER_ADDRESS_HOUR = 1
    client = Client(REMOTE_ADDR="10.0.0.5")
    first = _apply(client, personas.agency_a.pk, "twice")
    again = _apply(client, personas.agency_a.pk, "twice", challenge="")
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert Case.objects.count() == 1


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(
    personas: Personas, settings: Any
) -> None:
    settings.GONGKAI_APPLY_PER_ADDRESS_HOUR = 1
    settings.GONGKAI_TRUSTED_PROXIES = 1

    def via_proxy(client_address: str) -> Client:
        return Client(REMOTE_ADDR="192.168.0.1", HTTP_X_FORWARDED_FOR=client_address)

    assert _apply(via_proxy("203.0.113.1"), personas.agency_a.pk, "p1").status_code == 302
    assert _apply(via_proxy("203.0.113.2"), personas.agency_a.pk, "p2").status_code == 302
    assert _apply(via_proxy("203.0.113.1"), personas.agency_a.pk, "p3").status_code == 429
    # Without a trusted proxy, the address is REMOTE_ADDR: a made-up X-Forwarded-For does not
    # buy a new count.
    settings.GONGKAI_TRUSTED_PROXIES = 0
    assert _apply(via_proxy("203.0.113.9"), personas.agency_a.pk, "p4").status_code == 302
    assert _apply(via_proxy("203.0.113.10"), personas.agency_a.pk, "p5").status_code == 429
    assert Case.objects.count() == 3


def test_an_anonymous_application_needs_the_solved_challenge(personas: Personas) -> None:
    client = Client()
    missing = _apply(client, personas.agency_a.pk, "c1", challenge="")
    assert missing.status_code == 200
    assert "JavaScript" in missing.content.decode()
    wrong = _apply(client, personas.agency_a.pk, "c2", challenge="bm90IGEgc29sdXRpb24=")
    assert wrong.status_code == 200 and 'role="alert"' in wrong.content.decode()
    assert Case.objects.count() == 0


def test_a_solution_is_good_for_one_application_only(personas: Personas) -> None:
    payload = solve(issue())
    assert _apply(Client(), personas.agency_a.pk, "r1", challenge=payload).status_code == 302
    replay = _apply(Client(), personas.agency_a.pk, "r2", challenge=payload)
    assert replay.status_code == 200
    assert "已被使用" in replay.content.decode()
    assert Case.objects.count() == 1


def test_a_tampered_challenge_is_refused(personas: Personas) -> None:
    import base64
    import json

    payload = json.loads(base64.b64decode(solve(issue())))
    payload["challenge"]["parameters"]["cost"] = 1
    payload["challenge"]["parameters"]["keyPrefix"] = "00"
    forged = base64.b64encode(json.dumps(payload).encode()).decode()
    assert _apply(Client(), personas.agency_a.pk, "f1", challenge=forged).status_code == 200
    assert Case.objects.count() == 0


def test_a_signed_in_applicant_needs_no_challenge_but_counts(
    personas: Personas, settings: Any
) -> None:
    settings.GONGKAI_APPLY_PER_ADDRESS_HOUR = 1
    client = Client(REMOTE_ADDR="10.0.0.6")
    client.force_login(personas.applicant)
    page = client.get(f"/apply/{personas.agency_a.pk}/").content.decode()
    assert 'name="challenge"' not in page
    assert _apply(client, personas.agency_a.pk, "s1", challenge="").status_code == 302
    assert _apply(client, personas.agency_a.pk, "s2", challenge="").status_code == 429


def test_the_form_loads_its_challenge_script_from_the_site_and_says_when_js_is_needed(
    personas: Personas,
) -> None:
    page = Client().get(f"/apply/{personas.agency_a.pk}/").content.decode()
    assert 'name="challenge"' in page
    assert 'src="/static/portal/challenge.js"' in page
    assert 'data-challenge-url="/api/challenge"' in page
    assert 'data-challenge-worker="/static/portal/challenge-worker.js"' in page
    assert "<noscript>" in page and "JavaScript" in page
    assert 'aria-live="polite"' in page
    assert "<script>" not in page  # no inline script (CSP script-src 'self')


def test_registrations_are_limited_per_address(personas: Personas, settings: Any) -> None:
    settings.GONGKAI_REGISTER_PER_ADDRESS_HOUR = 2
    assert _register(Client(REMOTE_ADDR="10.2.0.1"), "citizen1").status_code == 302
    taken = _register(Client(REMOTE_ADDR="10.2.0.1"), "citizen1")  # refused: gives its place back
    assert taken.status_code == 200
    assert _register(Client(REMOTE_ADDR="10.2.0.1"), "citizen2").status_code == 302
    refused = _register(Client(REMOTE_ADDR="10.2.0.1"), "citizen3")
    assert refused.status_code == 429 and "创建的账号过多" in refused.content.decode()
    assert not User.objects.filter(username="citizen3").exists()
    assert _register(Client(REMOTE_ADDR="10.2.0.2"), "citizen4").status_code == 302


def test_a_registration_needs_the_solved_challenge_once(personas: Personas) -> None:
    assert _register(Client(), "nobot", challenge="").status_code == 200
    payload = solve(issue())
    assert _register(Client(), "human1", challenge=payload).status_code == 302
    assert _register(Client(), "human2", challenge=payload).status_code == 200
    assert set(
        User.objects.filter(username__in=["nobot", "human1", "human2"]).values_list(
            "username", flat=True
        )
    ) == {"human1"}

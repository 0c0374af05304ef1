"""查询进度 and a registered applicant's list: a second factor, no enumeration, masked data."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from gongkai.agencies.challenge import issue, solve
from gongkai.agencies.models import FailedAttempt
from gongkai.agencies.tests.factories import make_user
from gongkai.cases import actions
from gongkai.cases.choices import LetterKind, LetterState
from gongkai.cases.models import Case, Letter
from gongkai.cases.tests.factories import ID_NUMBER, application
from gongkai.conftest import PERSONA_NAMES, Personas

TODAY = dt.date(2025, 9, 26)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def submitted(personas: Personas) -> tuple[Case, str]:
    """An application by the registered applicant, assigned, with its receipt ready."""
    case, secret = actions.submit_online(
        actor=personas.applicant,
        agency=personas.agency_a,
        data=application(),
        token="track-1",
        today=TODAY,
    )
    actions.assign(actor=personas.officer_a, case=case, officer=personas.officer_a, today=TODAY)
    receipt = case.letters.get(kind=LetterKind.RECEIPT)
    receipt.pdf.save("receipt.pdf", ContentFile(b"%PDF-1.4 receipt"), save=False)
    Letter.objects.filter(pk=receipt.pk).update(state=LetterState.READY, pdf=receipt.pdf.name)
    return case, secret


def _track(client: Client, number: str, factor: str) -> Any:
    return client.post("/track/", {"number": number, "factor": factor})


def _without_csrf(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_the_phones_last_four_digits_show_the_status_page(
    personas: Personas, submitted: tuple[Case, str]
) -> None:
    case, _secret = submitted
    client = Client()
    response = _track(client, case.number, "5678")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert case.number in page
    assert "温州市瓯海区财政局" in page
    assert case.id_number_masked in page
    assert ID_NUMBER not in page
    assert "13912345678" not in page and case.phone_masked in page
    assert case.due_on is not None and case.due_on.isoformat() not in page
    assert f"{case.due_on.month}月{case.due_on.day}日" in page
    # The timeline in plain words, without the officer it was assigned to.
    assert "张经办" not in page and "officer_a" not in page
    assert page.count("<time ") == 1
    assert f"/track/{case.pk}/letters/" in page


def test_the_lookup_code_from_the_receipt_works_as_the_second_factor(
    submitted: tuple[Case, str],
) -> None:
    case, secret = submitted
    assert _track(Client(), case.number, secret).status_code == 302


def test_an_unknown_number_and_a_wrong_factor_get_the_same_answer(
    submitted: tuple[Case, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    case, _secret = submitted
    calls: list[str] = []
    real = actions.check_lookup_secret

    def counting(c: Case, factor: str) -> bool:
        calls.append(factor)
        return real(c, factor)

    monkeypatch.setattr(actions, "check_lookup_secret", counting)
    unknown_number = "瓯海财依申〔2025〕999号"
    wrong = _track(Client(), case.number, "0000")
    unknown = _track(Client(), unknown_number, "5678")
    assert wrong.status_code == unknown.status_code == 200
    assert _without_csrf(wrong.content.decode()).replace(case.number, "N") == _without_csrf(
        unknown.content.decode()
    ).replace(unknown_number, "N")
    assert 'role="alert"' in wrong.content.decode()
    # The HMAC comparison ran for the unknown number too (no shortcut to time).
    assert calls == ["0000", "5678"]
    assert FailedAttempt.objects.filter(scope="lookup").count() == 2


def test_five_failures_for_one_number_refuse_it_to_that_address_only(
    submitted: tuple[Case, str], settings: Any
) -> None:
    case, secret = submitted
    client = Client(REMOTE_ADDR="10.1.1.1")
    for _ in range(5):
        assert _track(client, case.number, "1111").status_code == 200
    refused = _track(client, case.number, secret)
    assert refused.status_code == 429
    assert f"/track/{case.pk}/" not in refused.get("Location", "")
    # Another address (the same applicant at home) still gets in with the code.
    assert _track(Client(REMOTE_ADDR="10.1.1.2"), case.number, secret).status_code == 302
    settings.GONGKAI_LOOKUP_NUMBER_MAX_FAILURES = 20
    assert _track(client, case.number, secret).status_code == 302


def test_letters_download_only_in_the_session_that_gave_the_factor(
    submitted: tuple[Case, str],
) -> None:
    case, _secret = submitted
    receipt = case.letters.get(kind=LetterKind.RECEIPT)
    url = f"/track/{case.pk}/letters/{receipt.pk}/"
    assert Client().get(url).status_code == 404
    assert Client().get(f"/track/{case.pk}/").status_code == 404
    client = Client()
    _track(client, case.number, "5678")
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_a_letter_not_yet_served_is_not_offered(
    personas: Personas, submitted: tuple[Case, str]
) -> None:
    case, _secret = submitted
    draft = Letter.objects.create(
        case=case, kind=LetterKind.REPLY, issued_on=TODAY, state=LetterState.READY
    )
    client = Client()
    _track(client, case.number, "5678")
    page = client.get(f"/track/{case.pk}/").content.decode()
    assert f"/letters/{draft.pk}/" not in page
    assert client.get(f"/track/{case.pk}/letters/{draft.pk}/").status_code == 404


def test_the_status_page_takes_a_fixed_number_of_queries(
    submitted: tuple[Case, str], django_assert_max_num_queries: Any
) -> None:
    case, _secret = submitted
    client = Client()
    _track(client, case.number, "5678")
    # 7, and the site's agency for the header and footer (the first page rendered since the
    # fixture's writes: later pages take it from the cache).
    with django_assert_max_num_queries(8):
        assert client.get(f"/track/{case.pk}/").status_code == 200


# -- registered applicants ---------------------------------------------------------------


def _client(personas: Personas, name: str) -> Client:
    client = Client()
    if name != "anonymous":
        client.force_login(personas.named(name))  # type: ignore[arg-type]
    return client


@pytest.mark.parametrize("name", [*PERSONA_NAMES, "another_applicant"])
def test_only_the_applicant_sees_the_application_among_their_own(
    personas: Personas, submitted: tuple[Case, str], name: str
) -> None:
    case, _secret = submitted
    if name == "another_applicant":
        client = Client()
        client.force_login(make_user("another_applicant", staff=False))
    else:
        client = _client(personas, name)
    receipt = case.letters.get(kind=LetterKind.RECEIPT)
    page = client.get(f"/my/applications/{case.pk}/")
    letter = client.get(f"/my/applications/{case.pk}/letters/{receipt.pk}/")
    # Release the download's file without response.close(): that sends request_finished, whose
    # close_old_connections would end the test's transaction on PostgreSQL.
    stream = getattr(letter, "file_to_stream", None)
    if stream is not None:
        stream.close()
    listing = client.get("/my/applications/")
    if name == "applicant":
        assert page.status_code == letter.status_code == listing.status_code == 200
        assert case.number in listing.content.decode()
        assert ID_NUMBER not in page.content.decode()
    else:
        assert page.status_code == letter.status_code == 404
        assert case.number not in listing.content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in_for_the_list(personas: Personas) -> None:
    response = Client().get("/my/applications/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_a_member_of_the_public_registers_and_sees_their_applications(
    personas: Personas,
) -> None:
    client = Client()
    response = client.post(
        "/account/register/",
        {
            "username": "citizen",
            "email": "citizen@example.com",
            "password": "a long passphrase 2025",
            "password_again": "a long passphrase 2025",
            "challenge": solve(issue()),
        },
    )
    assert response.status_code == 302 and response["Location"] == "/my/applications/"
    assert client.get("/my/applications/").status_code == 200
    from gongkai.agencies.models import User

    user = User.objects.get(username="citizen")
    assert not user.is_staff and not user.is_superuser
    mismatch = Client().post(
        "/account/register/",
        {
            "username": "c2",
            "email": "c2@example.com",
            "password": "x1",
            "password_again": "x2",
            "challenge": solve(issue()),
        },
    )
    assert mismatch.status_code == 200
    assert 'id="id_password_again_error"' in mismatch.content.decode()


def test_the_applicant_signs_in_on_the_portal(personas: Personas) -> None:
    personas.applicant.set_password("another long passphrase")
    personas.applicant.save()
    client = Client()
    response = client.post(
        "/account/login/",
        {"username": "applicant", "password": "another long passphrase"},
    )
    assert response.status_code == 302 and response["Location"] == "/my/applications/"


def test_an_application_registered_by_the_office_is_found_by_the_phone_only(
    personas: Personas,
) -> None:
    case = actions.register(
        actor=personas.officer_a,
        agency=personas.agency_a,
        data=application(phone="0577-88881234"),
        channel="in_person",
        submitted_on=TODAY,
        today=TODAY,
    )
    assert _track(Client(), case.number, "1234").status_code == 302
    assert _track(Client(), case.number, "").status_code == 200
    assert _track(Client(), case.number, "anything-else").status_code == 200


def test_old_failures_are_forgotten(submitted: tuple[Case, str]) -> None:
    case, _secret = submitted
    old = FailedAttempt.objects.create(scope="lookup", address="10.2.2.2")
    # Kept as long as the longest window of the scope: the phone digits' 30 days.
    FailedAttempt.objects.filter(pk=old.pk).update(at=old.at - dt.timedelta(days=31))
    _track(Client(REMOTE_ADDR="10.2.2.2"), case.number, "0000")
    assert list(FailedAttempt.objects.values_list("address", flat=True)) == ["10.2.2.2"]
    assert not FailedAttempt.objects.filter(pk=old.pk).exists()


def test_the_list_of_ones_applications_takes_a_fixed_number_of_queries(
    personas: Personas, django_assert_max_num_queries: Any
) -> None:
    for n in range(3):
        actions.submit_online(
            actor=personas.applicant,
            agency=personas.agency_a if n % 2 else personas.agency_b,
            data=application(),
            token=f"mine-{n}",
            today=TODAY,
        )
    client = Client()
    client.force_login(personas.applicant)
    with django_assert_max_num_queries(7):  # 6, and the site's agency (header, footer)
        page = client.get("/my/applications/").content.decode()
    assert page.count("/my/applications/") >= 3


def test_a_provisional_due_date_says_so(submitted: tuple[Case, str]) -> None:
    case, _secret = submitted
    client = Client()
    _track(client, case.number, "5678")
    assert 'class="provisional"' not in client.get(f"/track/{case.pk}/").content.decode()
    Case.objects.filter(pk=case.pk).update(due_provisional=True)  # setup: a year not yet known
    assert 'class="provisional"' in client.get(f"/track/{case.pk}/").content.decode()


def test_registration_refuses_a_taken_user_name_at_the_field(personas: Personas) -> None:
    response = Client().post(
        "/account/register/",
        {
            "username": "applicant",
            "email": "x@example.com",
            "password": "a long passphrase 2025",
            "password_again": "a long passphrase 2025",
            "challenge": solve(issue()),
        },
    )
    assert response.status_code == 200
    assert 'id="id_username_error"' in response.content.decode()


def test_the_registered_applicant_withdraws_online_and_nobody_else_can(
    personas: Personas, submitted: tuple[Case, str]
) -> None:
    case, _secret = submitted
    url = f"/my/applications/{case.pk}/withdraw/"
    page = _client(personas, "applicant").get(f"/my/applications/{case.pk}/")
    assert url in page.content.decode()
    # Someone else's POST is a 404 and changes nothing.
    assert _client(personas, "officer_b").post(url).status_code == 404
    assert Client().post(url).status_code == 404
    case.refresh_from_db()
    assert case.status == "open"
    response = _client(personas, "applicant").post(url)
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("closed", "3.6.3")
    again = _client(personas, "applicant").get(f"/my/applications/{case.pk}/")
    assert url not in again.content.decode()  # nothing left to withdraw

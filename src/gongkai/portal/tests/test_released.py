"""Released information reaches the applicant: after service only, with the tracking
credentials or on the registered applicant's own page, each download recorded; the original of
a file and a withheld document never; nobody else learns the file exists."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.cases import actions
from gongkai.cases.choices import CaseEventKind, Disclosure
from gongkai.cases.models import Case, CaseEvent, ReleasedItem, ReleaseDownload
from gongkai.cases.tests.factories import application
from gongkai.cases.tests.pdfs import pdf_with_lines, text_of
from gongkai.conftest import PERSONA_NAMES, Personas

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 9, 26)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def handled(personas: Personas) -> tuple[Case, ReleasedItem, ReleasedItem]:
    case, _secret = actions.submit_online(
        actor=personas.applicant,
        agency=personas.agency_a,
        data=application(),
        token="released-1",
        today=TODAY,
    )
    whole, _note = actions.add_released_file(
        actor=personas.officer_a,
        case=case,
        upload=SimpleUploadedFile("预算.pdf", pdf_with_lines(["公开的预算表"])),
        today=TODAY,
    )
    withheld, _note = actions.add_released_file(
        actor=personas.officer_a,
        case=case,
        upload=SimpleUploadedFile("纪要.pdf", pdf_with_lines(["内部讨论记录"])),
        disclosure=Disclosure.WITHHELD,
        reason="3.3.6",
        today=TODAY,
    )
    actions.decide(
        actor=personas.officer_a,
        case=case,
        outcome="3.2",
        reasons="会议纪要属于过程性信息。",
        decided_on=TODAY,
        today=TODAY,
    )
    return case, whole, withheld


def _serve(personas: Personas, case: Case) -> None:
    actions.serve(
        actor=personas.officer_a, case=case, method="online", served_on=TODAY, today=TODAY
    )


def _tracked(case: Case) -> Client:
    client = Client()
    response = client.post("/track/", {"number": case.number, "factor": "5678"})
    assert response.status_code == 302
    return client


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_nothing_is_downloadable_before_service(
    personas: Personas, handled: tuple[Case, ReleasedItem, ReleasedItem]
) -> None:
    case, whole, _withheld = handled
    client = _tracked(case)
    assert client.get(f"/track/{case.pk}/released/{whole.pk}/").status_code == 404
    assert "/released/" not in client.get(f"/track/{case.pk}/").content.decode()


def test_after_service_the_tracking_page_gives_the_released_copy_and_records_it(
    personas: Personas, handled: tuple[Case, ReleasedItem, ReleasedItem]
) -> None:
    case, whole, withheld = handled
    _serve(personas, case)
    client = _tracked(case)
    page = client.get(f"/track/{case.pk}/").content.decode()
    assert f"/track/{case.pk}/released/{whole.pk}/" in page and "纪要" not in page
    response = client.get(f"/track/{case.pk}/released/{whole.pk}/")
    assert response.status_code == 200
    assert "公开的预算表" in text_of(_body(response))
    client.get(f"/track/{case.pk}/released/{whole.pk}/")
    assert ReleaseDownload.objects.filter(item=whole).count() == 2
    assert CaseEvent.objects.filter(case=case, kind=CaseEventKind.RELEASE_DOWNLOADED).count() == 1
    # A withheld document is never served, nor is a file without the verified session.
    assert client.get(f"/track/{case.pk}/released/{withheld.pk}/").status_code == 404
    assert Client().get(f"/track/{case.pk}/released/{whole.pk}/").status_code == 404


@pytest.mark.parametrize("name", PERSONA_NAMES)
def test_on_the_own_applications_page_only_the_applicant_downloads(
    personas: Personas, handled: tuple[Case, ReleasedItem, ReleasedItem], name: str
) -> None:
    case, whole, _withheld = handled
    _serve(personas, case)
    client = Client()
    user = personas.named(name)
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(f"/my/applications/{case.pk}/released/{whole.pk}/")
    assert response.status_code == (200 if name == "applicant" else 404)


def test_the_api_gives_the_same_files_with_the_tracking_credentials(
    personas: Personas, handled: tuple[Case, ReleasedItem, ReleasedItem]
) -> None:
    case, whole, withheld = handled
    _serve(personas, case)

    def post(path: str, factor: str = "5678") -> Any:
        body = json.dumps({"number": case.number, "factor": factor})
        return Client().post(path, body, content_type="application/json")

    listed = post("/api/applications/released").json()
    assert [(i["id"], i["disclosure"]) for i in listed] == [(whole.pk, "whole")]
    response = post(f"/api/applications/released/{whole.pk}")
    assert response.status_code == 200 and "公开的预算表" in text_of(_body(response))
    assert ReleaseDownload.objects.get(item=whole).channel == "api"
    assert post(f"/api/applications/released/{withheld.pk}").status_code == 404
    assert post(f"/api/applications/released/{whole.pk}", factor="0000").status_code == 404


@pytest.mark.parametrize("rule", ["", "delivered", "first_download"])
def test_the_delivery_date_follows_the_offices_rule(
    personas: Personas, handled: tuple[Case, ReleasedItem, ReleasedItem], rule: str
) -> None:
    from django.utils import timezone

    from gongkai.cases.models import OnlineServiceRule

    case, whole, _withheld = handled
    if rule:
        OnlineServiceRule.objects.create(agency=personas.agency_a, served_on=rule)
    _serve(personas, case)
    decision = case.decisions.get()
    assert decision.delivered_on == (None if rule == "first_download" else TODAY)
    _tracked(case).get(f"/track/{case.pk}/released/{whole.pk}/")
    decision.refresh_from_db()
    expected = timezone.localdate() if rule == "first_download" else TODAY
    assert decision.delivered_on == expected

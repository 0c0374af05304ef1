"""补正 online: the tracking page says what to supplement, by when, and that the clock is
stopped; the applicant answers there (text and files, the application's checks); the clock
restarts and the officer is told; after the 补正期限 the page says what follows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from gongkai.agencies.access import SystemActor
from gongkai.cases import actions
from gongkai.cases.choices import CaseEventKind, Status
from gongkai.cases.models import Case, CaseAttachment, CaseEvent
from gongkai.cases.tests.factories import online_case
from gongkai.cases.tests.pdfs import pdf_with_lines
from gongkai.conftest import Personas

pytestmark = pytest.mark.django_db
ITEMS = ["请补充所需信息的文号或者发布时间", "请提供身份证明复印件"]


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _awaiting(personas: Personas, received: dt.date, deadline: dt.date) -> Case:
    case = online_case(personas.agency_a, received)
    actions.assign(actor=personas.officer_a, case=case, officer=personas.officer_a, today=received)
    actions.request_correction(
        actor=personas.officer_a,
        case=case,
        on=received,
        items=ITEMS,
        deadline=deadline,
        today=received,
    )
    return Case.objects.get(pk=case.pk)


def _tracked(case: Case) -> Client:
    client = Client()
    assert client.post("/track/", {"number": case.number, "factor": "5678"}).status_code == 302
    return client


def test_the_page_lists_the_items_the_deadline_and_that_the_clock_is_stopped(
    personas: Personas,
) -> None:
    today = timezone.localdate()
    case = _awaiting(personas, today, today + dt.timedelta(days=15))
    page = _tracked(case).get(f"/track/{case.pk}/").content.decode()
    assert all(item in page for item in ITEMS)
    assert f"{(today + dt.timedelta(days=15)).day}日" in page
    assert 'class="due paused"' in page and f"/track/{case.pk}/correction/" in page


def test_the_applicant_answers_online_and_the_clock_restarts(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    today = timezone.localdate()
    personas.officer_a.email = "officer@example.gov.cn"
    personas.officer_a.save()
    case = _awaiting(personas, today, today + dt.timedelta(days=15))
    client = _tracked(case)
    bad = client.post(
        f"/track/{case.pk}/correction/",
        {"text": "见附件", "attachments": SimpleUploadedFile("a.pdf", b"MZ not a pdf")},
    )
    assert bad.status_code == 400
    assert Case.objects.get(pk=case.pk).status == Status.AWAITING_CORRECTION
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/track/{case.pk}/correction/",
            {
                "text": "文号为瓯财〔2024〕3号。",
                "attachments": SimpleUploadedFile("身份证.pdf", pdf_with_lines(["x"])),
            },
        )
    assert response.status_code == 302
    case = Case.objects.select_related("correction").get(pk=case.pk)
    assert case.status == Status.OPEN and case.correction.received_on == today
    assert case.correction.note == "文号为瓯财〔2024〕3号。"
    assert CaseAttachment.objects.filter(case=case, name="身份证.pdf").exists()
    assert CaseEvent.objects.filter(case=case, kind=CaseEventKind.CORRECTION_RECEIVED).exists()
    assert [m.to for m in mail.outbox] == [["officer@example.gov.cn"]]
    # Once answered, there is nothing more to answer.
    again = client.post(f"/track/{case.pk}/correction/", {"text": "再补充"})
    assert again.status_code == 400


def test_an_unverified_visitor_or_another_case_cannot_answer(personas: Personas) -> None:
    today = timezone.localdate()
    case = _awaiting(personas, today, today + dt.timedelta(days=15))
    other = online_case(personas.agency_a, today)
    client = _tracked(other)
    assert client.post(f"/track/{case.pk}/correction/", {"text": "x"}).status_code == 404
    assert Client().post(f"/track/{case.pk}/correction/", {"text": "x"}).status_code == 404
    with pytest.raises(PermissionDenied):
        actions.answer_correction(actor=SystemActor(), case=case, text="x")
    assert Case.objects.get(pk=case.pk).status == Status.AWAITING_CORRECTION


def test_after_the_deadline_the_page_says_it_will_be_treated_as_withdrawn(
    personas: Personas,
) -> None:
    today = timezone.localdate()
    case = _awaiting(personas, today - dt.timedelta(days=20), today - dt.timedelta(days=2))
    page = _tracked(case).get(f"/track/{case.pk}/").content.decode()
    assert 'class="flag" role="alert"' in page


def test_the_api_takes_the_answer_with_the_tracking_credentials(personas: Personas) -> None:
    import json

    today = timezone.localdate()
    case = _awaiting(personas, today, today + dt.timedelta(days=15))

    def post(body: dict[str, str]) -> Any:
        return Client().post(
            "/api/applications/correction", json.dumps(body), content_type="application/json"
        )

    assert post({"number": case.number, "factor": "0000", "text": "x"}).status_code == 404
    assert post({"number": case.number, "factor": "5678", "text": " "}).status_code == 422
    answered = post({"number": case.number, "factor": "5678", "text": "文号为瓯财〔2024〕3号。"})
    assert answered.status_code == 200 and answered.json()["status"] == Status.OPEN
    again = post({"number": case.number, "factor": "5678", "text": "再补充"})
    assert again.status_code == 409 and again.json()["detail"]


def test_the_page_says_how_the_clock_stands(personas: Personas) -> None:
    today = timezone.localdate()
    case = _awaiting(personas, today, today + dt.timedelta(days=15))
    client = _tracked(case)
    client.post(f"/track/{case.pk}/correction/", {"text": "补正内容"})
    assert 'data-clock="restarted"' in client.get(f"/track/{case.pk}/").content.decode()
    actions.consult(
        actor=personas.officer_a,
        case=case,
        kind="third_party",
        consultee="温州某建设有限公司",
        sent_on=today,
        today=today,
    )
    page = client.get(f"/track/{case.pk}/").content.decode()
    assert 'data-clock="paused_consultation"' in page and "温州某建设有限公司" not in page

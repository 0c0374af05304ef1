"""The console's 答复材料 and 区分处理: add, redact from the suggestions with a preview, download —
the handling agency's staff only; 404 for everyone else."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import User
from gongkai.cases.choices import Disclosure
from gongkai.cases.models import Case, ReleasedItem
from gongkai.cases.tests.factories import ID_NUMBER, online_case
from gongkai.cases.tests.pdfs import pdf_with_lines, text_of
from gongkai.conftest import PERSONA_NAMES, Personas

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _client(user: Any) -> Client:
    client = Client()
    if isinstance(user, User):
        client.force_login(user)
    return client


def _url(name: str, *args: Any) -> str:
    return reverse(f"console:cases:{name}", args=args)


@pytest.fixture
def case_a(personas: Personas) -> Case:
    return online_case(personas.agency_a, timezone.localdate() - dt.timedelta(days=1))


def _add(client: Client, case: Case) -> ReleasedItem:
    pdf = pdf_with_lines([f"申请人：钱多多 身份证号{ID_NUMBER}", "其余内容可以公开。"])
    response = client.post(
        _url("released_add", case.pk),
        {"file": SimpleUploadedFile("名单.pdf", pdf), "disclosure": "whole", "name": ""},
    )
    assert response.status_code == 302
    return ReleasedItem.objects.get(case=case)


def test_an_officer_adds_a_file_and_redacts_the_suggested_id_number(
    personas: Personas, case_a: Case
) -> None:
    client = _client(personas.officer_a)
    item = _add(client, case_a)
    page = client.get(_url("case", case_a.pk)).content.decode()
    assert "名单" in page and _url("redact", case_a.pk, item.pk) in page
    form = client.get(_url("redact", case_a.pk, item.pk)).content.decode()
    assert ID_NUMBER in form  # the suggestion, shown to the handling officer only
    index = re.search(r'value="(\d+)"[^>]*>\s*[^<]*' + ID_NUMBER, form)
    indices = re.findall(r'name="suggested" value="(\d+)"', form)
    assert indices
    preview = client.get(_url("redact_preview", case_a.pk, item.pk, 0))
    assert preview["Content-Type"] == "image/png" and preview.content.startswith(b"\x89PNG")
    response = client.post(
        _url("redact", case_a.pk, item.pk),
        {
            "suggested": [index.group(1)] if index else indices,
            "suggested_reason": "3.3.4",
            "terms": "钱多多",
            "areas": "",
            "other_reason": "3.3.4",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.disclosure == Disclosure.REDACTED
    released = client.get(_url("released_file", case_a.pk, item.pk, "released"))
    text = text_of(b"".join(released.streaming_content))  # type: ignore[attr-defined]
    assert ID_NUMBER not in text and "钱多多" not in text and "其余内容可以公开" in text
    original = client.get(_url("released_file", case_a.pk, item.pk, "original"))
    assert ID_NUMBER in text_of(b"".join(original.streaming_content))  # type: ignore[attr-defined]


def test_a_bad_area_line_is_refused_on_the_form(personas: Personas, case_a: Case) -> None:
    client = _client(personas.officer_a)
    item = _add(client, case_a)
    response = client.post(
        _url("redact", case_a.pk, item.pk),
        {"areas": "first page", "suggested_reason": "3.3.4", "other_reason": "3.3.4"},
    )
    assert response.status_code == 400
    assert ReleasedItem.objects.get(pk=item.pk).disclosure == Disclosure.WHOLE


@pytest.mark.parametrize("name", PERSONA_NAMES)
def test_only_the_handling_agencys_staff_reach_the_files(
    personas: Personas, case_a: Case, name: str
) -> None:
    item = _add(_client(personas.officer_a), case_a)
    client = _client(personas.named(name))
    urls = [
        _url("released_file", case_a.pk, item.pk, "original"),
        _url("released_file", case_a.pk, item.pk, "released"),
        _url("redact_preview", case_a.pk, item.pk, 0),
        _url("redact", case_a.pk, item.pk),
    ]
    staff = name in {"officer_a", "reviewer_a", "head_a"}
    for url in urls:
        status = client.get(url).status_code
        assert status == 200 if staff else status in {302, 404}, (url, status)
        if not staff and personas.named(name).is_authenticated:
            assert status == 404, (url, status)

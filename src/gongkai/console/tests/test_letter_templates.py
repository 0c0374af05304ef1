"""An agency's own letter templates: uploaded, checked, used for its letters, removed."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from docx import Document

from gongkai.cases import actions
from gongkai.cases.models import Letter, LetterTemplate
from gongkai.cases.tests.factories import online_case
from gongkai.conftest import Personas
from gongkai.core.letters import LetterKind
from gongkai.core.letters.docx import default_template

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _own_template() -> bytes:
    document = Document(io.BytesIO(default_template(LetterKind.RECEIPT)))
    document.add_paragraph("本机关自定义模板 {{ case_number }}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_agency_admin_uploads_a_template_that_the_letters_then_use(
    personas: Personas,
) -> None:
    url = reverse("console:cases:letter_templates", args=[personas.agency_a.pk])
    client = _client(personas.admin_a)
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("回执.docx", _own_template())
    response = client.post(url, {"kind": "receipt", "file": upload})
    assert response.status_code == 302
    assert LetterTemplate.objects.filter(agency=personas.agency_a, kind="receipt").exists()
    case = online_case(personas.agency_a, dt.date(2025, 3, 3))
    letter = Letter.objects.get(case=case, kind="receipt")
    from gongkai.cases.letters import ensure_rendered

    ensure_rendered(letter)
    with letter.docx.open("rb") as handle:
        text = "\n".join(p.text for p in Document(io.BytesIO(handle.read())).paragraphs)
    assert f"本机关自定义模板 {case.number}" in text
    client.post(url, {"remove": "receipt"})
    assert not LetterTemplate.objects.filter(agency=personas.agency_a).exists()


def test_a_broken_template_is_refused_with_its_problem_and_nothing_stored(
    personas: Personas,
) -> None:
    url = reverse("console:cases:letter_templates", args=[personas.agency_a.pk])
    document = Document(io.BytesIO(default_template(LetterKind.RECEIPT)))
    document.add_paragraph("{{ unclosed ")
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("bad.docx", buffer.getvalue())
    response = _client(personas.admin_a).post(url, {"kind": "receipt", "file": upload})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert not LetterTemplate.objects.exists()


@pytest.mark.parametrize("persona", ["officer_a", "officer_b", "supervisor"])
def test_only_the_agencys_administrator_manages_its_templates(
    personas: Personas, persona: str
) -> None:
    url = reverse("console:cases:letter_templates", args=[personas.agency_a.pk])
    response = _client(personas.named(persona)).get(url)
    assert response.status_code in {403, 404}


def test_the_default_template_downloads_as_a_word_file(personas: Personas) -> None:
    url = reverse("console:cases:letter_template_default", args=[personas.agency_a.pk, "reply"])
    response = _client(personas.admin_a).get(url)
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert (
        actions.remove_letter_template(
            actor=personas.admin_a, agency=personas.agency_a, kind="reply"
        )
        is False
    )
    call_command("check")

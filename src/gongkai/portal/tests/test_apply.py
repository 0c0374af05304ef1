"""申请公开 on the portal: the form, bad input kept and explained, one case per token, receipt."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from gongkai.agencies.challenge import issue, solve
from gongkai.cases.models import Case, CaseAttachment
from gongkai.cases.tests.factories import ID_NUMBER, application
from gongkai.conftest import Personas

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def solved() -> str:
    """A solved anti-abuse challenge, as the form's script would send it."""
    return solve(issue())


def _post(client: Client, agency_id: int, token: str = "tok-1", **overrides: Any) -> Any:
    data = {k: v for k, v in application(**overrides).items() if v is not None}
    data["token"] = token
    data["challenge"] = solved()
    return client.post(f"/apply/{agency_id}/", data)


def test_the_agency_list_links_to_each_agencys_form(personas: Personas) -> None:
    page = Client().get("/apply/").content.decode()
    assert "温州市瓯海区财政局" in page
    assert f"/apply/{personas.agency_a.pk}/" in page


def test_the_form_has_labels_fieldsets_required_markers_and_a_fresh_token(
    personas: Personas,
) -> None:
    client = Client()
    first = client.get(f"/apply/{personas.agency_a.pk}/").content.decode()
    second = client.get(f"/apply/{personas.agency_a.pk}/").content.decode()
    assert first.count("<fieldset") >= 4
    assert '<label for="id_applicant_name">' in first
    assert 'aria-describedby="id_phone_helptext"' in first
    assert 'class="required"' in first
    assert 'enctype="multipart/form-data"' in first
    assert 'name="csrfmiddlewaretoken"' in first
    for label in ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"):
        assert label in first

    def token(page: str) -> str:
        return page.split('name="token" value="', 1)[1].split('"', 1)[0]

    assert len(token(first)) >= 32 and token(first) != token(second)


def test_an_application_goes_to_its_receipt_with_the_number_dates_and_code(
    personas: Personas, _media: Path
) -> None:
    client = Client()
    upload = SimpleUploadedFile("身份证.pdf", PDF, content_type="application/pdf")
    data = {**application(), "token": "tok-ok", "identity_copy": [upload], "challenge": solved()}
    response = client.post(f"/apply/{personas.agency_a.pk}/", data)
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:receipt", args=[case.number])
    page = client.get(response["Location"]).content.decode()
    assert case.number in page
    assert case.received_on is not None and case.due_on is not None
    assert f"{case.received_on.year}年{case.received_on.month}月{case.received_on.day}日" in page
    assert f"{case.due_on.month}月{case.due_on.day}日" in page
    assert 'class="secret"' in page
    secret = page.split('class="secret">', 1)[1].split("<", 1)[0]
    assert len(secret) >= 10
    # Shown once: a reload no longer has it.
    assert 'class="secret"' not in client.get(response["Location"]).content.decode()
    assert CaseAttachment.objects.filter(case=case, kind="identity").count() == 1
    assert ID_NUMBER not in page


def test_a_double_submit_gives_one_application_and_the_same_receipt(personas: Personas) -> None:
    client = Client()
    first = _post(client, personas.agency_a.pk, token="same")
    second = _post(client, personas.agency_a.pk, token="same")
    assert Case.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Case.objects.get().number in client.get(second["Location"]).content.decode()


def test_a_registered_applicant_who_is_signed_in_owns_the_application(
    personas: Personas,
) -> None:
    client = Client()
    client.force_login(personas.applicant)
    _post(client, personas.agency_a.pk)
    assert Case.objects.get().applicant_user == personas.applicant


@pytest.mark.parametrize(
    ("overrides", "field", "kept"),
    [
        ({"id_number": "330104199001011234"}, "id_number", "330104199001011234"),
        ({"applicant_name": ""}, "applicant_name", "13912345678"),
        ({"description": ""}, "description", "王小明"),
        ({"phone": "12ab"}, "phone", "12ab"),
        ({"delivery": "post", "address": ""}, "address", "王小明"),
        ({"applicant_type": "business"}, "id_kind", "2024年瓯海区财政局部门预算"),
    ],
)
def test_bad_input_comes_back_with_the_input_kept_and_the_message_at_the_field(
    personas: Personas, _media: Path, overrides: dict[str, Any], field: str, kept: str
) -> None:
    response = _post(Client(), personas.agency_a.pk, **overrides)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in page
    assert kept in page
    assert 'aria-invalid="true"' in page
    assert 'role="alert"' in page
    assert Case.objects.count() == 0
    assert _files(_media) == []


def test_the_error_message_is_referenced_by_the_invalid_input(personas: Personas) -> None:
    page = _post(Client(), personas.agency_a.pk, id_number="330104199001011234").content.decode()
    tag = (
        page.split('name="id_number"', 1)[0].rsplit("<input", 1)[1]
        + page.split('name="id_number"', 1)[1].split(">", 1)[0]
    )
    assert "id_id_number_error" in tag
    assert 'value="330104199001011234"' in page


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 100),
        ("scan.pdf", b"MZ\x90\x00 not a pdf at all"),
        ("photo.png", PDF),
    ],
)
def test_a_wrong_type_upload_is_refused_and_nothing_is_written(
    personas: Personas, _media: Path, name: str, content: bytes
) -> None:
    upload = SimpleUploadedFile(name, content)
    data = {**application(), "token": "tok-file", "identity_copy": [upload], "challenge": solved()}
    response = Client().post(f"/apply/{personas.agency_a.pk}/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="attachments-error"' in page
    assert name in page
    assert "王小明" in page
    assert Case.objects.count() == 0 and CaseAttachment.objects.count() == 0
    assert _files(_media) == []


def test_an_oversized_upload_is_refused_and_nothing_is_written(
    personas: Personas, _media: Path, settings: Any
) -> None:
    settings.GONGKAI_UPLOAD_MAX_MB = 1
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024 + 10))
    small = SimpleUploadedFile("ok.pdf", PDF)
    data = {
        **application(),
        "token": "tok-big",
        "identity_copy": [small],
        "authorisation": [big],
        "challenge": solved(),
    }
    response = Client().post(f"/apply/{personas.agency_a.pk}/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="attachments-error"' in page and "big.pdf" in page
    assert Case.objects.count() == 0 and CaseAttachment.objects.count() == 0
    assert _files(_media) == []


def test_a_missing_token_is_refused_and_the_form_gets_a_new_one(personas: Personas) -> None:
    client = Client()
    response = _post(client, personas.agency_a.pk, token="")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in page
    assert Case.objects.count() == 0
    token = page.split('name="token" value="', 1)[1].split('"', 1)[0]
    assert token
    assert _post(client, personas.agency_a.pk, token=token).status_code == 302


def test_an_unknown_agency_is_a_404(personas: Personas) -> None:
    assert Client().get("/apply/999999/").status_code == 404


def test_the_receipt_is_only_for_the_session_that_applied(personas: Personas) -> None:
    client = Client()
    location = _post(client, personas.agency_a.pk)["Location"]
    assert client.get(location).status_code == 200
    assert Client().get(location).status_code == 404
    assert Client().get(location + "pdf/").status_code == 404


def test_the_receipt_pdf_opens_and_carries_the_tracking_number(personas: Personas) -> None:
    client = Client()
    location = _post(client, personas.agency_a.pk)["Location"]
    response = client.get(location + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    case = Case.objects.get()
    assert case.number in text.replace(" ", "").replace("\n", "")
    assert "申请接收回执" in text.replace(" ", "")
    assert ID_NUMBER not in text


def test_every_problem_is_shown_at_once(personas: Personas) -> None:
    response = _post(Client(), personas.agency_a.pk, description="", id_number="330104199001011234")
    page = response.content.decode()
    assert 'id="id_description_error"' in page
    assert 'id="id_id_number_error"' in page
    assert Case.objects.count() == 0


def test_the_receipt_pdf_falls_back_to_a_plain_page_when_the_letter_fails(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gongkai.portal import apply

    def broken(letter: Any) -> Any:
        raise RuntimeError("no fonts today")

    monkeypatch.setattr(apply, "ensure_rendered", broken)
    client = Client()
    location = _post(client, personas.agency_a.pk)["Location"]
    response = client.get(location + "pdf/")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert Case.objects.get().number in text.replace(" ", "").replace("\n", "")

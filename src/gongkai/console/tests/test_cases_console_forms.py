"""The case page's internal forms (内部检索单 form, downloads, who may have them) and the warning
before serving letters unsealed."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from django.core.files.base import ContentFile
from docx import Document

from gongkai.cases.models import Case
from gongkai.cases.tests.pdfs import png_image
from gongkai.conftest import PERSONA_NAMES, Personas
from gongkai.console.tests.test_cases_console import _client, _received_day, _url, case_a

__all__ = ["case_a"]
pytestmark = pytest.mark.django_db


def _record_search(personas: Personas, case: Case) -> None:
    response = _client(personas.officer_a).post(
        _url("act", case.pk, "record_search"),
        {
            "searched_on": _received_day().isoformat(),
            "places": "档案室2019年文书档案\n财政一体化系统",
            "terms": "三公经费\n部门预算",
            "result": "未找到明细",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]


def test_the_officer_records_a_search_on_the_case_page_and_then_may_answer_not_held(
    personas: Personas, case_a: Case
) -> None:
    officer = _client(personas.officer_a)
    day = _received_day().isoformat()
    refused = officer.post(
        _url("act", case_a.pk, "decide"),
        {"outcome": "3.4.1", "decided_on": day, "reasons": "本机关不掌握"},
    )
    assert refused.status_code == 400
    assert "检索" in refused.content.decode()  # the refusal says a search is needed first
    form = officer.get(_url("act", case_a.pk, "record_search")).content.decode()
    assert 'name="places"' in form and 'name="terms"' in form and 'name="result"' in form
    _record_search(personas, case_a)
    record = case_a.searches.get()
    assert record.places == ["档案室2019年文书档案", "财政一体化系统"]
    page = officer.get(_url("case", case_a.pk)).content.decode()
    assert "财政一体化系统" in page and 'data-form="search"' in page
    accepted = officer.post(
        _url("act", case_a.pk, "decide"),
        {"outcome": "3.4.1", "decided_on": day, "reasons": "本机关不掌握"},
    )
    assert accepted.status_code == 302


def test_an_empty_search_form_is_refused_with_chinese_messages(
    personas: Personas, case_a: Case
) -> None:
    response = _client(personas.officer_a).post(
        _url("act", case_a.pk, "record_search"),
        {"searched_on": _received_day().isoformat(), "places": "", "terms": "", "result": ""},
    )
    assert response.status_code == 400
    assert not case_a.searches.exists()


def _text(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        reader = pypdf.PdfReader(io.BytesIO(data))
        return re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))
    document = Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return re.sub(r"\s+", "", "".join([*(p.text for p in document.paragraphs), *cells]))


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_forms_download_for_the_handling_agencys_case_roles_only(
    personas: Personas, case_a: Case, fmt: str
) -> None:
    _record_search(personas, case_a)
    url = _url("form", case_a.pk, "search", fmt)
    for name in PERSONA_NAMES:
        response = _client(personas.named(name)).get(url)
        if name in {"officer_a", "reviewer_a", "head_a"}:
            assert response.status_code == 200, name
            text = _text(fmt, response.content)
            assert (
                "财政一体化系统" in text and "三公经费、部门预算" in text and case_a.number in text
            )
            assert "attachment" in response["Content-Disposition"]
        else:
            assert response.status_code in {302, 404}, name  # the visitor is sent to sign in
            assert response.status_code == 404 or name == "anonymous", name
    officer = _client(personas.officer_a)
    assert officer.get(_url("form", case_a.pk, "legal_review", fmt)).status_code == 404
    assert officer.get(_url("form", case_a.pk, "nonsense", fmt)).status_code == 404
    assert officer.get(_url("form", case_a.pk, "search", "exe")).status_code == 404
    page = officer.get(_url("case", case_a.pk)).content.decode()
    for name in ("application_blank", "application", "processing", "search"):
        assert f'data-form="{name}"' in page
    supervisor_page = _client(personas.supervisor).get(_url("case", case_a.pk))
    assert 'data-form="' not in supervisor_page.content.decode()


def test_serving_without_a_seal_is_warned_before_and_not_once_a_seal_is_set(
    personas: Personas, case_a: Case, settings: object, tmp_path: object
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    officer = _client(personas.officer_a)
    day = _received_day().isoformat()
    # Nothing to serve yet: no warning on the case page.
    assert "seal-warning" not in officer.get(_url("case", case_a.pk)).content.decode()
    response = officer.post(
        _url("act", case_a.pk, "decide"),
        {"outcome": "3.4.2", "decided_on": day, "reasons": "需加工"},
    )
    assert response.status_code == 302
    serve = officer.get(_url("act", case_a.pk, "serve")).content.decode()
    assert 'class="warning seal-warning"' in serve
    assert "印章" in serve  # in Chinese
    assert 'class="warning seal-warning"' in officer.get(_url("case", case_a.pk)).content.decode()
    agency = personas.agency_a
    agency.seal_image.save("seal.png", ContentFile(png_image()), save=True)
    serve = officer.get(_url("act", case_a.pk, "serve")).content.decode()
    assert "seal-warning" not in serve
    assert "seal-warning" not in officer.get(_url("case", case_a.pk)).content.decode()

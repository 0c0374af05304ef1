"""The staff console over HTTP: rights, 第二十条 figures and the overview."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.conftest import Personas
from gongkai.publications.models import Article20Figures
from gongkai.publications.tests.factories import draft


def _as(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_figures_are_entered_in_the_form_and_imported_with_who_and_when(
    personas: Personas,
) -> None:
    p = personas
    url = f"/console/agency/{p.agency_a.pk}/figures/"
    officer = _as(p.officer_a)
    officer.post(url, {"year": "2025", "licensing": "10", "penalties": "2", "enforcement": "0",
                       "fees": "3.5"})  # fmt: skip
    record = Article20Figures.objects.get(agency=p.agency_a, year=2025)
    assert (record.licensing, record.entered_by) == (10, p.officer_a)
    csv = f"机构,年度,penalties\n{p.agency_a.name},2024,4\n".encode()
    officer.post(url, {"file": SimpleUploadedFile("figures.csv", csv)})
    assert Article20Figures.objects.get(agency=p.agency_a, year=2024).penalties == 4
    bad = f"机构,年度,penalties\n{p.agency_a.name},2023,-4\n".encode()
    page = officer.post(url, {"file": SimpleUploadedFile("bad.csv", bad)}, follow=True)
    assert "不能为负数" in page.content.decode()
    assert not Article20Figures.objects.filter(year=2023).exists()
    outsider = _as(p.officer_b)
    assert outsider.get(url).status_code == 403


def test_the_home_page_flags_unpublished_items_past_their_deadline(personas: Personas) -> None:
    draft(personas.officer_a, personas.agency_a, written_on=dt.date(2020, 1, 6))
    page = _as(personas.officer_a).get("/console/").content.decode()
    assert "1个未发布条目已超过发布期限" in page

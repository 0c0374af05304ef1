"""The published annual reports on the public site: index, report page, charts, downloads.

Only published reports exist here: a draft or reviewed report is 404 to everyone.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from gongkai.agencies.models import User
from gongkai.annual_reports import actions
from gongkai.annual_reports.models import AnnualReport
from gongkai.annual_reports.tests.factories import case
from gongkai.conftest import Personas

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year - 1
D = dt.date


def _client(user: Any) -> Client:
    client = Client()
    if isinstance(user, User):
        client.force_login(user)
    return client


def _publish(personas: Personas, year: int) -> AnnualReport:
    report = actions.create_draft(actor=personas.officer_a, agency=personas.agency_a, year=year)
    for section in ("opening", "一", "五", "六"):
        actions.edit_narrative(
            actor=personas.officer_a,
            report=report,
            section=section,
            text=f"{section}：本机关{year}年的文字。\n第二段。",
        )
    actions.mark_reviewed(actor=personas.reviewer_a, report=report)
    return actions.publish(actor=personas.head_a, report=report)


@pytest.fixture
def published(personas: Personas, settings: Any, tmp_path: Any) -> AnnualReport:
    """Agency A's last two years published: 2 then 3 applications 予以公开."""
    settings.MEDIA_ROOT = str(tmp_path)
    a = personas.agency_a
    for day in (3, 4):
        case(a, D(YEAR - 1, 3, day), concluded=D(YEAR - 1, 3, 20), outcome="3.1")
    _publish(personas, YEAR - 1)
    for day in (3, 4, 5):
        case(a, D(YEAR, 3, day), concluded=D(YEAR, 3, 20), outcome="3.1")
    case(a, D(YEAR, 6, 1), "business", concluded=D(YEAR, 6, 9), outcome="3.2")
    return _publish(personas, YEAR)


def test_the_index_lists_published_reports_by_year_and_not_drafts(
    personas: Personas, published: AnnualReport
) -> None:
    draft = actions.create_draft(actor=personas.officer_b, agency=personas.agency_b, year=YEAR)
    page = Client().get(reverse("portal:reports")).content.decode()
    assert f'id="year-{YEAR}"' in page and f'id="year-{YEAR - 1}"' in page
    assert reverse("portal:report", args=[published.pk]) in page
    assert reverse("portal:report", args=[draft.pk]) not in page
    assert page.index(f'id="year-{YEAR}"') < page.index(f'id="year-{YEAR - 1}"')


def test_the_report_page_has_text_tables_both_charts_and_downloads_in_few_queries(
    published: AnnualReport, django_assert_max_num_queries: Any
) -> None:
    client = Client()
    url = reverse("portal:report", args=[published.pk])
    # The report, last year's, its files — and the site's agency for the header and footer
    # (kept in the cache after the first page: this is the first).
    with django_assert_max_num_queries(4):
        response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert f"温州市瓯海区财政局{YEAR}年政府信息公开工作年度报告" in page
    assert f"<p>opening：本机关{YEAR}年的文字。</p><p>第二段。</p>" in page
    for heading in ("一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert heading in page
    assert 'id="table-applications"' in page and "（一）予以公开" in page
    # Both charts inline, no script, each pointing at the table as its text alternative.
    assert "<script" not in page
    assert page.count("<svg") == 2
    assert 'aria-describedby="table-applications"' in page
    assert re.search(r'data-label="予以公开" data-value="3"', page)
    assert f"{YEAR - 1}年：2件" in page and f"{YEAR}年：4件" in page  # 新收申请
    for kind in ("html", "docx", "pdf", "xlsx", "json"):
        assert reverse("portal:report_file", args=[published.pk, kind]) in page


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_the_downloads_are_the_published_files(published: AnnualReport) -> None:
    client = Client()
    docx = client.get(reverse("portal:report_file", args=[published.pk, "docx"]))
    assert docx.status_code == 200 and "attachment" in docx["Content-Disposition"]
    document = Document(io.BytesIO(_body(docx)))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "（一）予以公开" in cells
    xlsx = client.get(reverse("portal:report_file", args=[published.pk, "xlsx"]))
    book = load_workbook(io.BytesIO(_body(xlsx)))
    values = [c.value for s in book.worksheets for row in s.iter_rows() for c in row]
    assert "（一）予以公开" in values
    json = client.get(reverse("portal:report_file", args=[published.pk, "json"]))
    assert json["Content-Type"] == "application/json"
    assert b'"3.1"' in _body(json)
    assert client.get(reverse("portal:report_file", args=[published.pk, "exe"])).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "applicant", "officer_a", "officer_b"])
def test_a_draft_is_404_on_the_public_site_to_everyone(personas: Personas, who: str) -> None:
    draft = actions.create_draft(actor=personas.officer_a, agency=personas.agency_a, year=YEAR)
    client = _client(personas.named(who))
    assert client.get(reverse("portal:report", args=[draft.pk])).status_code == 404
    file_url = reverse("portal:report_file", args=[draft.pk, "docx"])
    assert client.get(file_url).status_code == 404


def test_a_report_of_an_inactive_agency_is_gone(
    personas: Personas, published: AnnualReport
) -> None:
    type(personas.agency_a).objects.filter(pk=personas.agency_a.pk).update(is_active=False)
    assert Client().get(reverse("portal:report", args=[published.pk])).status_code == 404

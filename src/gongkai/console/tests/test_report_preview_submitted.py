"""The live preview of the current year's report (computed, marked 预览, never stored) and the
第四十九条 view of the reports a supervising office's units submitted, on time or late."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.agencies.models import User
from gongkai.annual_reports import actions
from gongkai.annual_reports.models import AnnualReport, ReportEvent
from gongkai.annual_reports.tests.factories import case
from gongkai.conftest import Personas

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _client(user: Any) -> Client:
    client = Client()
    if isinstance(user, User):
        client.force_login(user)
    return client


def test_the_officer_previews_this_years_report_and_nothing_is_stored(
    personas: Personas,
) -> None:
    p = personas
    case(p.agency_a, dt.date(TODAY.year, 1, 5), concluded=dt.date(TODAY.year, 1, 20))
    case(p.agency_a, dt.date(TODAY.year, 1, 6))
    listing = _client(p.officer_a).get("/console/reports/").content.decode()
    assert f'href="/console/reports/preview/{p.agency_a.pk}/"' in listing
    page = _client(p.officer_a).get(f"/console/reports/preview/{p.agency_a.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"温州市瓯海区财政局{TODAY.year}年政府信息公开工作年度报告" in html
    assert 'data-preview="1"' in html and 'id="preview-note"' in html
    # The same tables as the report page: row 1's total is the two applications so far.
    assert re.search(r'data-key="applications\.1\.total">2<', html)
    assert "共受理政府信息公开申请2件" in html
    assert not AnnualReport.objects.exists() and not ReportEvent.objects.exists()
    # A government's preview is its roll-up over its units.
    county = _client(p.head_a).get(f"/console/reports/preview/{p.county_a.pk}/")
    assert county.status_code == 404  # the head of A may not read the county's cases
    rolled = _client(p.supervisor).get(f"/console/reports/preview/{p.county_a.pk}/")
    assert rolled.status_code == 200
    assert re.search(r'data-key="applications\.1\.total">2<', rolled.content.decode())


def test_the_preview_is_404_for_whoever_may_not_read_the_agency(personas: Personas) -> None:
    p = personas
    for user in (p.officer_b, p.applicant):
        assert _client(user).get(f"/console/reports/preview/{p.agency_a.pk}/").status_code == 404
    assert _client(None).get(f"/console/reports/preview/{p.agency_a.pk}/").status_code == 302


def _published(p: Personas, year: int) -> AnnualReport:
    report = actions.create_draft(actor=p.officer_a, agency=p.agency_a, year=year)
    actions.mark_reviewed(actor=p.reviewer_a, report=report)
    return actions.publish(actor=p.head_a, report=report, allow_placeholders=True)


def test_the_supervisor_sees_which_units_submitted_on_time_or_late(
    personas: Personas, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    p = personas
    year = TODAY.year - 1
    report = _published(p, year)
    event = report.events.get(kind="published")
    assert event.data["submitted_to"] == "温州市瓯海区人民政府"  # 条例第四十九条
    own = _client(p.officer_a).get(f"/console/reports/{report.pk}/").content.decode()
    assert re.search(r'class="submitted-to">[^<]*温州市瓯海区人民政府', own)
    page = _client(p.supervisor).get(f"/console/supervision/submitted/?year={year}")
    assert page.status_code == 200
    html = page.content.decode()
    rows = dict(re.findall(r'data-state="(\w+)" data-agency="(\d+)"', html))
    by_agency = {int(a): s for s, a in rows.items()}
    # Published today, after 31 January (a department's deadline) unless today is in January.
    on_time = dt.date(TODAY.year, 1, 31) >= TODAY
    assert by_agency[p.agency_a.pk] == ("on_time" if on_time else "late")
    assert by_agency[p.county_a.pk] == (
        "overdue" if dt.date(TODAY.year, 3, 31) < TODAY else "not_due"
    )
    assert p.agency_b.pk not in by_agency  # another county's unit: not this office's
    assert f'href="/reports/{report.pk}/"' in html
    assert f"{year + 1}-01-31" in html and f"{year + 1}-03-31" in html  # 应发布日期


def test_the_submitted_view_refuses_a_bad_year_and_shows_nothing_to_others(
    personas: Personas,
) -> None:
    p = personas
    bad = _client(p.supervisor).get("/console/supervision/submitted/?year=abc")
    assert bad.status_code == 400 and "data-agency" not in bad.content.decode()
    officer = _client(p.officer_b).get("/console/supervision/submitted/")
    assert officer.status_code == 200 and "data-agency" not in officer.content.decode()

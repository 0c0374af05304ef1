"""The annual report's journey in a real Chromium: draft, edit, review, publish, read, download.

An agency has last year's report published and applications concluded this reporting year. The
officer starts the draft from the console's list, follows a cell of section 三 down to its
cases, fills in the prose; the reviewer (another person) marks it reviewed and the head
publishes; a visitor finds it on the public site, sees the tables and both charts, and
downloads the DOCX and the XLSX, which are opened and checked. Persona checks close: a draft is
404 on the public site and to another agency, and so is its drill-down.

Debian's Chromium driven by Playwright (never ``playwright install``). Screenshots go to
``$GONGKAI_SCREENSHOTS`` when set (to look at them), else to the test's temporary directory.
UI strings are gettext msgids (English) rendered from the zh-hans catalog, so the
steps find controls by data-* attributes and check data: numbers and official labels.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from gongkai.agencies.queries import workday_calendar
from gongkai.annual_reports import actions
from gongkai.annual_reports.choices import NARRATIVE_SECTIONS, Status
from gongkai.annual_reports.models import AnnualReport, NarrativeVersion
from gongkai.cases import actions as case_actions
from gongkai.cases.models import Case
from gongkai.cases.tests.factories import online_case
from gongkai.conftest import Personas

YEAR = timezone.localdate().year - 1
D = dt.date
RESULT_ROW = "（一）予以公开"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _workday(year: int, month: int, day: int) -> dt.date:
    return _on_or_after(D(year, month, day))


def _on_or_after(on: dt.date) -> dt.date:
    """The first working day on or after ``on`` (the statutory clock counts working days)."""
    calendar = workday_calendar(predict_through=YEAR + 1)
    while not calendar.is_workday(on):
        on += dt.timedelta(days=1)
    return on


def _application(personas: Personas, received: dt.date, outcome: str | None = None) -> Case:
    """An application through the platform's actions: submitted online, decided, served."""
    officer = personas.officer_a
    case = online_case(personas.agency_a, received)
    if outcome is None:
        return case
    decided = _on_or_after(received + dt.timedelta(days=5))
    case_actions.decide(
        actor=officer,
        case=case,
        outcome=outcome,
        decided_on=decided,
        today=decided,
        reasons="其中涉及个人隐私的部分不予公开。" if outcome != "3.1" else "",
        provision="以电子邮件方式提供" if outcome == "3.1" else "",
    )
    return case_actions.serve(
        actor=officer, case=case, method="online", served_on=decided, today=decided
    )


def _last_year_published(personas: Personas) -> AnnualReport:
    """Last year through the actions: two applications 予以公开, published."""
    a = personas.agency_a
    for month in (3, 4):
        _application(personas, _workday(YEAR - 1, month, 10), "3.1")
    report = actions.create_draft(actor=personas.officer_a, agency=a, year=YEAR - 1)
    for section in NARRATIVE_SECTIONS:
        actions.edit_narrative(
            actor=personas.officer_a, report=report, section=section, text="上年度的文字。"
        )
    actions.mark_reviewed(actor=personas.reviewer_a, report=report)
    return actions.publish(actor=personas.head_a, report=report)


def _this_year(personas: Personas) -> list[Case]:
    """Three applications 予以公开, one 部分公开, one still open on 31 December."""
    return [
        _application(personas, _workday(YEAR, 3, 10), "3.1"),
        _application(personas, _workday(YEAR, 4, 14), "3.1"),
        _application(personas, _workday(YEAR, 6, 9), "3.1"),
        _application(personas, _workday(YEAR, 9, 8), "3.2"),
        _application(personas, _workday(YEAR, 12, 29)),
    ]


def _row_total(rows: list[list[Any]], label: str) -> str:
    """The 总计 (last filled cell) of the row whose label is ``label``."""
    for row in rows:
        texts = [str(v).strip() for v in row if v is not None and str(v).strip()]
        if label in texts:
            return texts[-1]
    raise AssertionError(f"no row {label}")


def test_officer_drafts_and_edits_reviewer_and_head_publish_and_visitor_reads_and_downloads(
    personas: Personas, live_server: Any, signed_in: Any, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    shots = Path(os.environ.get("GONGKAI_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    url = live_server.url
    last = _last_year_published(personas)
    cases = _this_year(personas)
    officer = signed_in(personas.officer_a)
    reviewer = signed_in(personas.reviewer_a)
    head = signed_in(personas.head_a)
    visitor = signed_in(None)

    # The officer starts this year's draft from the list.
    officer.goto(f"{url}/console/")
    officer.locator('a[href="/console/reports/"]').click()
    officer.locator(f'[data-start="{personas.agency_a.pk}"]').click()
    officer.locator("h1.report-title").wait_for()
    report = AnnualReport.objects.get(agency=personas.agency_a, year=YEAR)
    assert report.status == Status.DRAFT
    assert officer.locator(".report-status").get_attribute("data-status") == "draft"
    assert officer.locator(".continuity .ok").count() == 1  # carries over from last year
    officer.screenshot(path=str(shots / "report-1-draft.png"), full_page=True)

    # A number of section 三 leads to the unit and then to the applications behind it.
    officer.locator('td[data-key="applications.3.1.natural_person"] a').click()
    officer.locator("table.cases").wait_for()
    assert officer.locator(".cell-value .value").inner_text() == "3"
    numbers = officer.locator("table.cases tr.case td:first-child a").all_inner_texts()
    assert sorted(numbers) == sorted(c.number for c in cases[:3])
    officer.screenshot(path=str(shots / "report-2-drill-down.png"), full_page=True)
    officer.locator("table.cases tr.case td:first-child a").first.click()
    officer.locator("h1.case-number").wait_for()
    officer.go_back()
    officer.go_back()

    # The officer writes the prose: every section, one form each.
    officer.locator("h1.report-title").wait_for()
    assert officer.locator(".placeholder").count() > 0
    for section in NARRATIVE_SECTIONS:
        block = officer.locator(f'section[data-section="{section}"]')
        block.locator("details:not(.versions) > summary").click()
        block.locator("textarea").fill(f"{section}：本机关{YEAR}年的文字。")
        block.locator("form.narrative-form button[type=submit]").click()
        officer.locator(f'section[data-section="{section}"] details.versions').wait_for()
    assert officer.locator(".placeholder").count() == 0
    assert NarrativeVersion.objects.filter(report=report).count() == len(NARRATIVE_SECTIONS)
    opening = officer.locator('section[data-section="opening"]')
    opening.locator("details.versions > summary").click()
    assert "officer_a" in opening.locator("li.version").first.inner_text()
    officer.screenshot(path=str(shots / "report-3-edited.png"), full_page=True)

    # Someone else reviews it; the head publishes it.
    reviewer.goto(f"{url}/console/reports/{report.pk}/")
    assert reviewer.locator('[data-step="publish"]').count() == 0
    reviewer.locator('[data-step="review"]').click()
    reviewer.locator('.report-status[data-status="reviewed"]').wait_for()
    head.goto(f"{url}/console/reports/{report.pk}/")
    head.locator('[data-step="publish"]').click()
    head.locator('.report-status[data-status="published"]').wait_for()
    assert head.locator("ul.downloads a").count() == 5
    head.screenshot(path=str(shots / "report-4-published.png"), full_page=True)
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED and report.published_by == personas.head_a

    # A visitor finds it on the public site: the text, the tables, both charts.
    visitor.goto(f"{url}/")
    visitor.locator('header a[href="/reports/"]').click()
    visitor.locator(f'a[href="/reports/{report.pk}/"]').click()
    visitor.locator("article.report-page h1").wait_for()
    assert f"opening：本机关{YEAR}年的文字。" in visitor.locator(".opening").inner_text()
    applications = visitor.locator("#table-applications")
    assert RESULT_ROW in applications.inner_text()
    assert visitor.locator("#figure-outcomes svg[role=img]").count() == 1
    assert visitor.locator("#figure-yoy svg[role=img]").count() == 1
    assert visitor.locator("#figure-outcomes").get_attribute("aria-describedby") == (
        "table-applications"
    )
    bar = visitor.locator('#figure-outcomes g.bar[data-label="予以公开"]')
    assert bar.get_attribute("data-value") == "3"
    assert visitor.locator(f'#figure-yoy a[href="/reports/{last.pk}/"]').count() == 1
    visitor.screenshot(path=str(shots / "report-5-public.png"), full_page=True)

    # ... and downloads the DOCX and the XLSX, whose tables say the same.
    with visitor.expect_download() as got:
        visitor.locator('ul.downloads a[data-kind="docx"]').click()
    docx_path = tmp_path / "report.docx"
    got.value.save_as(docx_path)
    document = Document(str(docx_path))
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert _row_total(rows, RESULT_ROW) == "3"
    with visitor.expect_download() as got:
        visitor.locator('ul.downloads a[data-kind="xlsx"]').click()
    xlsx_path = tmp_path / "report.xlsx"
    got.value.save_as(xlsx_path)
    book = load_workbook(xlsx_path)
    cells = [list(r) for sheet in book.worksheets for r in sheet.iter_rows(values_only=True)]
    assert _row_total(cells, RESULT_ROW) == "3"
    assert _row_total(cells, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == "1"


def test_a_draft_and_its_drill_down_are_404_to_the_public_and_another_agency(
    personas: Personas, live_server: Any, signed_in: Any, tmp_path: Path
) -> None:
    shots = Path(os.environ.get("GONGKAI_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    _this_year(personas)
    draft = actions.create_draft(actor=personas.officer_a, agency=personas.agency_a, year=YEAR)
    url = live_server.url
    visitor = signed_in(None)
    assert visitor.goto(f"{url}/reports/{draft.pk}/").status == 404
    visitor.goto(f"{url}/reports/")
    assert visitor.locator(f'a[href="/reports/{draft.pk}/"]').count() == 0
    other = signed_in(personas.officer_b)
    assert other.goto(f"{url}/console/reports/{draft.pk}/").status == 404
    cell = f"{url}/console/reports/{draft.pk}/cells/3.1/natural_person/"
    assert other.goto(cell).status == 404
    other.goto(f"{url}/console/reports/")
    assert other.locator(f'a[href="/console/reports/{draft.pk}/"]').count() == 0
    other.screenshot(path=str(shots / "report-6-other-agency.png"), full_page=True)
    supervisor = signed_in(personas.supervisor)
    assert supervisor.goto(cell).status == 200

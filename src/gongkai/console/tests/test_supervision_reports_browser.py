"""In a real Chromium: the supervisor opens the 第四十九条 view of the reports its units submitted;
the officer opens the live preview of this year's report from the list; a visitor reaches the
published 考核 from the home page. Each new page is checked with axe-core (when at hand:
``$GONGKAI_AXE_JS`` or ``node_modules/axe-core/axe.min.js``)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from gongkai.annual_reports import actions
from gongkai.annual_reports.tests.factories import case
from gongkai.conftest import Personas
from gongkai.supervision import assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REPO = Path(__file__).resolve().parents[4]
TODAY = timezone.localdate()


def _axe() -> str | None:
    for candidate in (
        os.environ.get("GONGKAI_AXE_JS", ""),
        str(REPO / "node_modules/axe-core/axe.min.js"),
    ):
        if candidate and Path(candidate).is_file():
            return Path(candidate).read_text(encoding="utf-8")
    return None


def _violations(page: Any, axe: str | None) -> list[str]:
    if axe is None:
        return []
    page.evaluate(axe)
    found: list[str] = page.evaluate(
        "async () => (await axe.run(document)).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    return found


def test_supervisor_officer_and_visitor_on_the_new_pages(
    personas: Personas, live_server: Any, signed_in: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    p = personas
    axe = _axe()
    problems: dict[str, list[str]] = {}
    year = TODAY.year - 1
    report = actions.create_draft(actor=p.officer_a, agency=p.agency_a, year=year)
    actions.mark_reviewed(actor=p.reviewer_a, report=report)
    actions.publish(actor=p.head_a, report=report, allow_placeholders=True)
    case(p.agency_a, dt.date(TODAY.year, 1, 5), concluded=dt.date(TODAY.year, 1, 19))

    # The supervisor: scorecard → the reports submitted, per unit, on time or late.
    page = signed_in(p.supervisor)
    page.goto(f"{live_server.url}/console/supervision/?year={year}")
    page.get_by_role("link", name="年度报告报送情况").click()
    assert page.locator("h1").inner_text() == f"{year}年度报告报送情况"
    row = page.locator(f'tr[data-agency="{p.agency_a.pk}"]')
    assert row.get_attribute("data-state") in ("on_time", "late")
    assert row.locator("td.due").inner_text() == f"{year + 1}-01-31"
    county = page.locator(f'tr[data-agency="{p.county_a.pk}"]')
    assert county.get_attribute("data-state") in ("overdue", "not_due")
    problems["submitted"] = _violations(page, axe)
    row.get_by_role("link").click()
    assert page.locator("h1").first.inner_text().startswith(f"温州市瓯海区财政局{year}年")

    # The officer: the list → this year's report as a live preview, marked 预览.
    page = signed_in(p.officer_a)
    page.goto(f"{live_server.url}/console/reports/")
    page.locator("details.previews summary").click()
    page.locator(f'a[data-preview="{p.agency_a.pk}"]').click()
    assert page.locator("[data-preview='1']").inner_text() == "预览"
    assert "不是草稿" in page.locator("#preview-note").inner_text()
    assert page.locator('[data-key="applications.1.total"]').inner_text() == "1"
    problems["preview"] = _violations(page, axe)

    # The visitor: the home page → the published 考核 (rules and results).
    scheme = assessment.create_scheme(actor=p.supervisor, issuer=p.county_a, year=year)
    assessment.compute(actor=p.supervisor, scheme=scheme, manual={p.agency_a.pk: {"platform": 8}})
    assessment.step(actor=p.supervisor, scheme=scheme, action="review")
    assessment.step(actor=p.supervisor, scheme=scheme, action="publish")
    page = signed_in(None)
    page.goto(f"{live_server.url}/")
    with page.expect_navigation():  # (axe runs on the page arrived at, not one still leaving)
        page.get_by_role("link", name="政务公开工作考核").click()
    problems["assessments"] = _violations(page, axe)
    page.get_by_role("link", name=scheme.title).click()
    assert page.locator("h1").inner_text() == scheme.title
    assert page.locator("table.criteria tbody tr").count() == len(scheme.indicators)
    assert page.locator("table.results tbody tr").count() == 2
    problems["assessment"] = _violations(page, axe)
    assert {k: v for k, v in problems.items() if v} == {}
    if axe is None:
        pytest.skip("axe-core not installed: pages walked, accessibility not checked")

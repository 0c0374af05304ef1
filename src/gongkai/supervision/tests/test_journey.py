"""The issue's browser journey in a real Chromium: an officer records a 行政复议 from a case, sees
its reply deadline, downloads the evidence pack and records a 纠正 that reopens the case; a
supervisor opens the scorecard, drills from a late figure to the records, issues a 督办单, and
the unit answers it. Controls are found by name and data-* attributes; checks are on data."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from gongkai.agencies.queries import calendar_for
from gongkai.annual_reports.tests.factories import case as make_case
from gongkai.cases import protect
from gongkai.cases.models import Case
from gongkai.conftest import Personas
from gongkai.core.disputes_deadlines import review_reply_due
from gongkai.supervision.models import Order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _concluded(p: Personas, received: dt.date, **fields: Any) -> Case:
    case = make_case(p.agency_a, received, concluded=received + dt.timedelta(days=14), **fields)
    case.id_number_encrypted = protect.encrypt("330304199001011234")
    case.assigned_to = p.officer_a
    case.save(update_fields=["id_number_encrypted", "assigned_to"])
    return case


def test_dispute_from_a_case_to_a_correction_then_scorecard_to_an_answered_order(
    personas: Personas, signed_in: Any, live_server: Any
) -> None:
    p = personas
    today = timezone.localdate()
    year = today.year - 1
    case = _concluded(p, dt.date(year, 3, 2))
    late = _concluded(p, dt.date(year, 4, 1), served_late=True)

    # -- the officer: a 行政复议 from the case page --------------------------------------
    page = signed_in(p.officer_a)
    page.goto(f"{live_server.url}/console/cases/{case.pk}/")
    page.locator("a.new-dispute").click()
    page.wait_for_url("**/console/disputes/new/**")
    filed, copy = today - dt.timedelta(days=6), today - dt.timedelta(days=4)
    page.select_option("[name=kind]", "review")
    page.fill("[name=body]", "温州市瓯海区人民政府")
    page.fill("[name=reference]", "瓯政复〔2026〕9号")
    page.fill("[name=filed_on]", filed.isoformat())
    page.fill("[name=copy_received_on]", copy.isoformat())
    page.locator("form.case-form button[type=submit]").click()
    page.wait_for_selector(".due-date")
    due = review_reply_due(copy, calendar_for(today)).due
    assert page.locator(".due-date").inner_text() == due.isoformat()
    assert "行政复议法第四十八条" in page.locator("ol.steps").inner_text()

    with page.expect_download() as download:
        page.locator("a.evidence").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert archive.namelist()[0] == "00-目录.pdf"

    page.locator('[data-action="decide"]').click()
    page.wait_for_url("**/decide/")
    page.select_option("[name=outcome]", "corrected")
    page.fill("[name=on]", today.isoformat())
    page.locator("form.case-form button[type=submit]").click()
    page.wait_for_selector('[data-outcome="corrected"]')
    page.locator("a.case-link").click()
    page.wait_for_selector(".status")
    assert page.locator(".status").first.get_attribute("data-status") == "open"

    # -- the supervisor: scorecard → late figure → records → 督办单 ------------------------
    sup = signed_in(p.supervisor)
    sup.goto(f"{live_server.url}/console/supervision/?year={year}")
    row = sup.locator(f'tr.card[data-agency="{p.agency_a.pk}"]')
    row.locator(f'a[href$="/{year}/{p.agency_a.pk}/late_replies/"]').click()
    sup.wait_for_selector("ul.members")
    assert late.number in sup.locator("ul.members").inner_text()
    sup.locator("a.issue").click()
    sup.wait_for_url("**/issue/**")
    sup.fill("[name=requirement]", "查明逾期原因，建立到期提醒")
    sup.fill("[name=workdays]", "10")
    sup.locator("form.case-form button[type=submit]").click()
    sup.wait_for_selector(".order-number")
    order = Order.objects.get()
    assert (order.source, order.status) == ("late_replies", "issued")

    # -- the unit answers ------------------------------------------------------------------
    page.goto(f"{live_server.url}/console/supervision/orders/{order.pk}/")
    page.fill("[name=text]", "已建立到期提醒并通报")
    page.locator("button[name=answer]").click()
    page.wait_for_selector('.status[data-status="answered"]')
    order.refresh_from_db()
    assert order.status == "answered" and order.answer == "已建立到期提醒并通报"

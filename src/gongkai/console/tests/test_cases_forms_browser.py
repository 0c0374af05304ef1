"""In a real browser: the officer records a 内部检索单 on the case page, downloads it as PDF, and
sees the seal warning before serving; the pages pass axe-core where it is installed."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdf
import pytest
from django.utils import timezone

from gongkai.cases import actions
from gongkai.cases.tests.factories import online_case
from gongkai.conftest import Personas
from gongkai.portal.tests.test_site_browser import _axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _violations(page: Any, axe: str | None, within: str = "") -> list[str]:
    """axe-core's findings on the page, or only within the elements ``within`` selects."""
    if axe is None:
        return []
    page.evaluate(axe)
    context = f"{{include: [{', '.join(repr(s.strip()) for s in within.split(','))}]}}"
    found: list[str] = page.evaluate(
        f"async () => (await axe.run({context if within else 'document'})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    return found


def test_the_officer_records_a_search_downloads_the_sheet_and_is_warned_of_the_seal(
    personas: Personas, live_server: Any, signed_in: Callable[[Any], Any]
) -> None:
    today = timezone.localdate()
    case = online_case(personas.agency_a, today)
    page = signed_in(personas.officer_a)
    axe = _axe()
    problems: dict[str, list[str]] = {}
    page.goto(f"{live_server.url}/console/cases/{case.pk}/")
    page.locator('[data-action="record_search"]').click()
    page.get_by_label("检索范围").fill("档案室2019年文书档案\n财政一体化系统")
    page.get_by_label("检索词").fill("三公经费")
    page.get_by_label("检索结果").fill("未找到明细")
    problems["record_search"] = _violations(page, axe)
    page.get_by_role("button", name="登记内部检索单").click()
    page.wait_for_url(re.compile(rf".*/console/cases/{case.pk}/$"))
    assert "财政一体化系统" in page.locator(".searches").inner_text()
    # This change's parts of the case page (the released-items table is another's).
    problems["case"] = _violations(page, axe)  # the whole case page
    with page.expect_download() as download:
        page.locator('[data-form="search"] a', has_text="PDF").click()
    data = Path(download.value.path()).read_bytes()
    text = re.sub(
        r"\s+", "", "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    )
    assert "政府信息公开申请内部检索单" in text and "财政一体化系统" in text
    actions.decide(
        actor=personas.officer_a, case=case, outcome="3.4.1", decided_on=today, reasons="不掌握"
    )
    page.goto(f"{live_server.url}/console/cases/{case.pk}/serve/")
    warning = page.locator(".seal-warning")
    assert "印章" in warning.inner_text()
    problems["serve"] = _violations(page, axe)
    assert {k: v for k, v in problems.items() if v} == {}
    if axe is None:
        pytest.skip("axe-core not installed: pages walked, accessibility not checked")

"""机构信息, the versioned guide, the 申请须知 and the summary of results in a real Chromium, at
desktop and phone widths: each page's heading and title, nothing wider than the screen, axe-core
0 violations."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from gongkai.agencies import profile_actions as actions
from gongkai.agencies.guide_text import default_text
from gongkai.cases.models import Case
from gongkai.cases.tests.factories import online_case
from gongkai.conftest import Personas
from gongkai.portal.tests.test_site_browser import SCREENS, _axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=sorted(SCREENS))
def screen(request: Any, live_server: Any, browser: Any) -> Iterator[tuple[str, Any]]:
    context = browser.new_context(locale="zh-CN", viewport=SCREENS[request.param], bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield request.param, page
    context.close()


def _world(p: Personas) -> None:
    for agency, actor in ((p.agency_a, p.admin_a), (p.city, p.platform_admin)):
        actions.save_profile(
            actor=actor,
            agency=agency,
            changes={
                "functions": "贯彻执行国家财政方针政策。\n负责全区财政收支管理。",
                "fax": "0577-88001234",
                "postcode": "325000",
                "website": "https://www.example.gov.cn",
                "publish_summary": True,
            },
            leaders=[
                {"name": "陈明", "post": "局长", "duties": "主持全面工作。"},
                {"name": "林华", "post": "副局长", "duties": "分管预算科、政府信息公开工作。"},
            ],
            departments=[
                {"name": "办公室", "duties": "负责机关日常运转。", "phone": "0577-88001230"},
                {"name": "预算科", "duties": "编制全区财政预算草案。", "phone": "0577-88001235"},
            ],
        )
    start = default_text(p.agency_a)
    actions.save_guide_version(actor=p.admin_a, agency=p.agency_a, sections=start)
    edited = [(start[0][0], start[0][1] + "\n\n（五）本机关主动公开的政府信息以本网站为第一平台。")]
    actions.save_guide_version(actor=p.admin_a, agency=p.agency_a, sections=[*edited, *start[1:]])
    year = timezone.localdate().year
    for on, outcome in ((dt.date(year, 1, 8), "3.1"), (dt.date(year - 1, 6, 3), "3.2")):
        case = online_case(p.agency_a, on)
        Case.objects.filter(pk=case.pk).update(outcome=outcome, concluded_on=on)


def test_a_visitor_reads_the_new_pages(
    personas: Personas, live_server: Any, screen: tuple[str, Any], tmp_path: Path
) -> None:
    _world(personas)
    name, page = screen
    shots = Path(os.environ.get("GONGKAI_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    axe = _axe()
    a = personas.agency_a.pk
    unit = "温州市瓯海区财政局"
    walk = {
        "about": ("/about/", "温州市人民政府机构信息"),
        "unit-about": (f"/units/{a}/about/", "温州市瓯海区财政局机构信息"),
        "guide": (f"/units/{a}/guide/", "温州市瓯海区财政局政府信息公开指南"),
        "guide-v1": (f"/units/{a}/guide/versions/1/", "温州市瓯海区财政局政府信息公开指南"),
        "summary": (f"/units/{a}/applications/summary/", f"{unit}依申请公开办理情况统计"),
        "site-summary": ("/applications/summary/", "温州市人民政府依申请公开办理情况统计"),
        "notice": ("/apply/notice/", "温州市人民政府政府信息公开申请须知"),
    }  # fmt: skip
    problems: dict[str, Any] = {}
    for key, (path, heading) in walk.items():
        page.goto(live_server.url + path)
        assert page.locator("h1").first.inner_text() == heading, path
        assert "温州市人民政府" in page.title(), path
        assert page.locator("nav.crumbs").count() == 1, path
        width = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        if width > 0:
            problems[f"{path}: wider than the screen by {width}px"] = True
        page.screenshot(path=str(shots / f"about-{key}-{name}.png"), full_page=True)
        if axe is not None:
            page.evaluate(axe)
            found = page.evaluate(
                "async () => (await axe.run(document)).violations"
                ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
            )
            if found:
                problems[path] = found
    assert problems == {}
    assert axe is not None, "axe-core is installed in the repository (node_modules)"
    page.goto(live_server.url + f"/units/{a}/guide/")
    assert "第2版" in page.content() and "以本网站为第一平台" in page.content()
    page.get_by_role("link", name="第1版").click()
    page.locator("text=此为历史版本").wait_for()
    page.goto(live_server.url + "/apply/")
    page.get_by_role("link", name="申请须知与个人信息保护说明").click()
    page.locator("h2", has_text="个人信息保护说明").wait_for()

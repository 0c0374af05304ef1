"""意见征集, 政府公报 and 公开制度 in a real Chromium, as a visitor, at desktop and phone widths:
each page's heading, nothing wider than the screen, axe-core 0 violations, and a comment sent
through the form (the proof-of-work solved by the page's own script)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from gongkai.conftest import Personas
from gongkai.portal.tests.test_site_browser import SCREENS, _axe
from gongkai.publications import actions as catalog_actions
from gongkai.publications.actions import gazette
from gongkai.publications.actions import participation as actions
from gongkai.publications.models import ConsultationComment, Genre
from gongkai.publications.models.participation import Adoption
from gongkai.publications.tests.factories import published
from gongkai.publications.tests.participation_factories import comment, opened

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=sorted(SCREENS))
def screen(request: Any, live_server: Any, browser: Any) -> Iterator[tuple[str, Any]]:
    context = browser.new_context(locale="zh-CN", viewport=SCREENS[request.param], bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield request.param, page
    context.close()


def _world(p: Personas) -> dict[str, str]:
    officer = p.officer_a
    current = opened(officer, p.agency_a, title="瓯海区城市公园管理办法（征求意见稿）")
    shown = comment(current, "建议延长夏季公园开放时间。", token="b1")
    actions.moderate_comment(actor=officer, comment=shown, approve=True)
    held = opened(officer, p.agency_a, days_ago=45, title="瓯海区养老服务补贴办法（征求意见稿）")
    answer = ConsultationComment.objects.create(
        consultation=held, body="建议提高补贴。", name="王五"
    )
    actions.moderate_comment(actor=officer, comment=answer, approve=True)
    actions.answer_comment(
        actor=officer, comment=answer, adoption=Adoption.PARTLY, reply="标准调整为每月260元。"
    )
    actions.close_consultation(actor=officer, consultation=held)
    actions.publish_feedback(actor=officer, consultation=held, feedback="收到意见1条，部分采纳。")
    item = published(officer, p.reviewer_a, p.agency_a, title="瓯海区财政资金管理办法")
    genre = catalog_actions.add_term(
        actor=officer, agency=p.agency_a, vocabulary=Genre, name="制度"
    )
    published(officer, p.reviewer_a, p.agency_a, title="瓯海区财政局保密审查制度", genre=genre)
    issue = gazette.create_issue(actor=officer, agency=p.agency_a, year=timezone.localdate().year)
    gazette.set_contents(actor=officer, issue=issue, entries=[("规范性文件", item)])
    gazette.publish_issue(actor=officer, issue=issue)
    return {"current": str(current.pk), "held": str(held.pk), "issue": str(issue.pk)}


def test_a_visitor_walks_comments_and_reads_the_gazette(
    personas: Personas, live_server: Any, screen: tuple[str, Any], tmp_path: Path
) -> None:
    ids = _world(personas)
    name, page = screen
    shots = Path(os.environ.get("GONGKAI_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    axe = _axe()
    year = timezone.localdate().year
    park, care = "瓯海区城市公园管理办法（征求意见稿）", "瓯海区养老服务补贴办法（征求意见稿）"
    walk = {
        "home": ("/", "温州市人民政府政府信息公开"),
        "consultations": ("/consultations/", "意见征集"),
        "consultation-open": (f"/consultations/{ids['current']}/", park),
        "consultation-feedback": (f"/consultations/{ids['held']}/", care),
        "comment-form": (f"/consultations/{ids['current']}/comment/", "提交意见"),
        "gazette": ("/gazette/", "政府公报"),
        "gazette-issue": (f"/gazette/{ids['issue']}/", f"温州市瓯海区财政局公报 {year}年第1期"),
        "rules": ("/rules/", "公开制度"),
    }  # fmt: skip
    problems: dict[str, Any] = {}
    for key, (path, heading) in walk.items():
        page.goto(live_server.url + path)
        assert page.locator("h1").first.inner_text() == heading, path
        assert "温州市人民政府" in page.title(), path
        width = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        if width > 0:
            problems[f"{path}: wider than the screen by {width}px"] = True
        page.screenshot(path=str(shots / f"participation-{key}-{name}.png"), full_page=True)
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
    # A comment through the form: the page's script solves the proof-of-work.
    page.goto(live_server.url + f"/consultations/{ids['current']}/comment/")
    page.get_by_label("意见内容").fill("建议在公园入口增设自行车停放点。")
    page.get_by_label("姓名或单位（选填）").fill("刘洋")
    page.get_by_role("button", name="提交意见").click()
    # The script solves the proof-of-work first, then sends the form: wait for the answer.
    page.locator("h1", has_text="意见已提交").wait_for()
    made = ConsultationComment.objects.get(body="建议在公园入口增设自行车停放点。")
    assert made.status == "pending" and made.name == "刘洋"
    page.goto(live_server.url + f"/consultations/{ids['current']}/")
    assert "自行车停放点" not in page.content()  # hidden until approved

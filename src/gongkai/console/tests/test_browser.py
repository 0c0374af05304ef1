"""The whole journey in a real Chromium: draft, review, publish, find, repeal.

Debian's Chromium driven by Playwright (never ``playwright install``). Screenshots go to
``$GONGKAI_SCREENSHOTS`` when set (to look at them), else to the test's temporary directory.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from gongkai.conftest import Personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_drafts_reviewer_signs_visitor_finds_then_sees_it_repealed(
    personas: Personas, live_server: Any, signed_in: Any, tmp_path: Path
) -> None:
    shots = Path(os.environ.get("GONGKAI_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    url = live_server.url
    today = timezone.localdate()
    written = (today - dt.timedelta(days=2)).isoformat()
    officer = signed_in(personas.officer_a)
    reviewer = signed_in(personas.reviewer_a)
    visitor = signed_in(None)

    # The officer drafts a normative document …
    officer.goto(f"{url}/console/")
    officer.get_by_text("为温州市瓯海区财政局新建条目").click()
    officer.fill("[name=title]", "瓯海区财政资金行政复议办理规定")
    officer.fill("[name=summary]", "规范财政领域行政复议案件的受理和办理。")
    officer.fill("[name=document_number]", "瓯财〔2026〕5号")
    officer.fill("[name=written_on]", written)
    officer.select_option("[name=kind]", "normative")
    officer.fill("[name=body]", "<p>第一条 为规范行政复议办理工作，制定本规定。</p>")
    officer.get_by_role("button", name="保存草稿").click()
    officer.get_by_text("草稿已保存").wait_for()
    policy_url = officer.url
    officer.get_by_role("button", name="提交审核").click()
    # … and its interpretation.
    officer.goto(f"{url}/console/")
    officer.get_by_text("为温州市瓯海区财政局新建条目").click()
    officer.fill("[name=title]", "《瓯海区财政资金行政复议办理规定》政策解读")
    officer.fill("[name=written_on]", written)
    officer.select_option("[name=kind]", "interpretation")
    officer.select_option("[name=interprets]", label=officer.locator(
        "[name=interprets] option", has_text="行政复议办理规定"
    ).first.inner_text())  # fmt: skip
    officer.fill("[name=body]", "<p>一、制定背景。</p>")
    officer.get_by_role("button", name="保存草稿").click()
    officer.get_by_text("草稿已保存").wait_for()
    interpretation_url = officer.url
    officer.get_by_role("button", name="提交审核").click()
    officer.screenshot(path=str(shots / "1-officer-submitted.png"), full_page=True)

    # Nothing is public yet: the visitor's search finds nothing.
    visitor.goto(f"{url}/catalog/search/?q=复议")
    visitor.get_by_text("没有找到").wait_for()

    # The reviewer signs off both reviews of both items.
    for item_url in (policy_url, interpretation_url):
        reviewer.goto(item_url)
        reviewer.get_by_role("button", name="签署：内容审核").click()
        reviewer.get_by_role("button", name="签署：保密审查").click()
        reviewer.get_by_text("已审核").first.wait_for()
    reviewer.screenshot(path=str(shots / "2-reviewer-signed.png"), full_page=True)

    # The officer publishes the policy, then the interpretation.
    for item_url in (policy_url, interpretation_url):
        officer.goto(item_url)
        officer.get_by_role("button", name="发布", exact=True).click()
        officer.get_by_text("公开页面").wait_for()

    # A visitor finds it by a two-character query and sees its metadata.
    visitor.goto(f"{url}/catalog/")
    visitor.fill("header [name=q]", "复议")
    visitor.get_by_role("button", name="搜索").first.click()
    visitor.locator("mark", has_text="复议").first.wait_for()
    visitor.screenshot(path=str(shots / "3-visitor-search.png"), full_page=True)
    visitor.get_by_role("link", name="瓯海区财政资金行政复议办理规定", exact=True).click()
    meta = visitor.locator("table.meta")
    for text in ("索引号", "发布机构", "温州市瓯海区财政局", "成文日期", written, "文号",
                 "瓯财〔2026〕5号", "有效性", "有效"):  # fmt: skip
        assert text in meta.inner_text(), text
    assert (
        visitor.get_by_role("link", name="《瓯海区财政资金行政复议办理规定》政策解读").count() == 1
    )
    visitor.screenshot(path=str(shots / "4-visitor-item.png"), full_page=True)
    item_page = visitor.url

    # The officer repeals it; the visitor sees it marked 已废止.
    officer.goto(policy_url)
    officer.select_option("[name=validity]", "repealed")
    officer.fill("[name=on]", today.isoformat())
    officer.fill("[name=by_text]", "瓯财〔2026〕9号")
    officer.get_by_role("button", name="记录变更").click()
    officer.get_by_text("已完成").wait_for()
    visitor.goto(item_page)
    assert "已废止" in visitor.locator("td.validity").inner_text()
    visitor.screenshot(path=str(shots / "5-visitor-repealed.png"), full_page=True)

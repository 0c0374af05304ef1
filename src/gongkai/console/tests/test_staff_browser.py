"""Staff pages in a real Chromium at phone width: the to-do page and the inbox fit the screen
(no sideways scrolling of the page), column headers keep their words on one line, and axe-core
finds no violation on the to-do page (new) when axe-core is at hand."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from gongkai.cases.tests.factories import online_case
from gongkai.conftest import Personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPO = Path(__file__).resolve().parents[4]
# Header cells taller than this many lines wrap word by word (or character by character).
MAX_HEADER_LINES = 2


def _axe() -> str | None:
    path = Path(os.environ.get("GONGKAI_AXE_JS") or REPO / "node_modules/axe-core/axe.min.js")
    return path.read_text(encoding="utf-8") if path.is_file() else None


def test_the_to_do_page_and_the_inbox_fit_a_phone(
    personas: Personas, live_server: Any, browser: Any, tmp_path: Path
) -> None:
    from django.test import Client

    p = personas
    today = timezone.localdate()
    for days in (60, 20, 3):
        online_case(p.agency_a, today - dt.timedelta(days=days))
    client = Client()
    client.force_login(p.officer_a)
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 375, "height": 740}, bypass_csp=True
    )
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    shots = Path(os.environ.get("GONGKAI_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    problems: dict[str, Any] = {}
    for key, path in (("todo", "/console/"), ("inbox", "/console/cases/")):
        page.goto(live_server.url + path)
        page.locator("h1").first.wait_for()
        wider = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        if wider > 0:
            problems[f"{path}: wider than the screen by {wider}px"] = True
        wrapped = page.evaluate(
            """(most) => [...document.querySelectorAll('th')].filter(th => {
                // The lines the header's own text takes (not the row's height).
                const range = document.createRange();
                range.selectNodeContents(th);
                const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                return tops.size > most;
            }).map(th => th.innerText)""",
            MAX_HEADER_LINES,
        )
        if wrapped:
            problems[f"{path}: headers wrapped"] = wrapped
        page.screenshot(path=str(shots / f"console-{key}-phone.png"), full_page=True)
        axe = _axe()
        if key == "todo" and axe is not None:
            page.evaluate(axe)
            found = page.evaluate(
                "async () => (await axe.run(document)).violations"
                ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
            )
            if found:
                problems["axe /console/"] = found
    context.close()
    assert problems == {}
    if _axe() is None:
        pytest.skip("axe-core not installed: pages measured, accessibility not checked")

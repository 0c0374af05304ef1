"""The new public pages in a real Chromium, as a visitor, at desktop and phone widths.

Each page: its heading shown, nothing wider than the screen, and no axe-core violation when
axe-core is at hand (``$GONGKAI_AXE_JS``, else ``node_modules/axe-core/axe.min.js`` in the
repository: ``npm install --no-save axe-core``). Screenshots go to ``$GONGKAI_SCREENSHOTS``
when set, else to the test's temporary directory.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gongkai.conftest import Personas
from gongkai.publications.choices import DocumentKind
from gongkai.publications.tests.factories import published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
REPO = Path(__file__).resolve().parents[4]


def _axe() -> str | None:
    for candidate in (
        os.environ.get("GONGKAI_AXE_JS", ""),
        str(REPO / "node_modules/axe-core/axe.min.js"),
    ):
        if candidate and Path(candidate).is_file():
            return Path(candidate).read_text(encoding="utf-8")
    return None


@pytest.fixture(params=sorted(SCREENS))
def screen(request: Any, live_server: Any, browser: Any) -> Iterator[tuple[str, Any]]:
    # axe is injected by the test, not the site: the site's CSP (script-src 'self') stays.
    context = browser.new_context(locale="zh-CN", viewport=SCREENS[request.param], bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield request.param, page
    context.close()


def test_a_visitor_walks_the_new_pages(
    personas: Personas, live_server: Any, screen: tuple[str, Any], tmp_path: Path
) -> None:
    p = personas
    p.agency_a.address = "温州市瓯海区娄桥街道古岸头路1号"
    p.agency_a.phone = "0577-88000000"
    p.agency_a.save()
    policy = published(
        p.officer_a,
        p.reviewer_a,
        p.agency_a,
        title="瓯海区教育经费管理办法",
        on=dt.date(2025, 3, 10),
    )
    published(
        p.officer_a, p.reviewer_a, p.agency_a, title="《瓯海区教育经费管理办法》解读",
        kind=DocumentKind.INTERPRETATION, interprets=policy, on=dt.date(2025, 3, 12),
    )  # fmt: skip
    name, page = screen
    shots = Path(os.environ.get("GONGKAI_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    axe = _axe()
    a = p.agency_a.pk
    walk = {
        "home": ("/", "温州市人民政府政府信息公开"),
        "guide": ("/guide/", "温州市人民政府政府信息公开指南"),
        "unit": (f"/units/{a}/", "温州市瓯海区财政局"),
        "unit-guide": (f"/units/{a}/guide/", "温州市瓯海区财政局政府信息公开指南"),
        "policies": ("/policies/", "政策解读"),
    }
    problems: dict[str, Any] = {}
    for key, (path, heading) in walk.items():
        page.goto(live_server.url + path)
        assert page.locator("h1").first.inner_text() == heading, path
        assert page.locator("footer").inner_text().startswith("主办单位：温州市人民政府")
        width = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        if width > 0:
            problems[f"{path}: wider than the screen by {width}px"] = True
        page.screenshot(path=str(shots / f"site-{key}-{name}.png"), full_page=True)
        if axe is not None:
            page.evaluate(axe)
            found = page.evaluate(
                "async () => (await axe.run(document)).violations"
                ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
            )
            if found:
                problems[path] = found
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="《瓯海区教育经费管理办法》解读").first.click()
    assert page.locator("h1").first.inner_text() == "《瓯海区教育经费管理办法》解读"
    assert problems == {}
    if axe is None:
        pytest.skip("axe-core not installed: pages walked, accessibility not checked")

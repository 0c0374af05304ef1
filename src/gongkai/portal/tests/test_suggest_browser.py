"""第四十四条 in a real Chromium: typing the description on the application form lists the
published item that may already answer it, with its 索引号, under the field (no inline script:
the site's CSP stays on)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from gongkai.conftest import Personas
from gongkai.publications.tests.factories import published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_the_request_shows_the_published_item(
    personas: Personas, live_server: Any, signed_in: Any
) -> None:
    p = personas
    land = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="瓯海区2024年征地补偿安置方案公告"
    )
    page = signed_in(None)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(live_server.url + reverse("portal:apply", args=[p.agency_a.pk]))
    box = page.locator("[data-suggest-url]")
    assert box.is_hidden()
    page.locator("#id_description").press_sequentially("请公开征地补偿安置方案", delay=20)
    link = box.get_by_role("link", name=land.title)
    link.wait_for()
    assert link.get_attribute("href") == reverse("portal:item", args=[land.pk])
    assert land.index_number in box.inner_text()
    page.locator("#id_description").fill("")
    page.locator("#id_description").press_sequentially("与此无关的事项", delay=10)
    box.wait_for(state="hidden")
    assert not [e for e in errors if "Content Security Policy" in e]

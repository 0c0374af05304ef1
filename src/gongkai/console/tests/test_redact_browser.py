"""区分处理 by drawing: in a real Chromium the officer drags a box over a word on the page
preview, applies, and the word is gone from the released PDF's text (the rest stays).
And the new 纳入主动公开 page passes axe-core where axe-core is at hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.cases import actions
from gongkai.cases.models import ReleasedItem
from gongkai.cases.tests.factories import online_case
from gongkai.cases.tests.pdfs import pdf_with_lines
from gongkai.conftest import Personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REPO = Path(__file__).resolve().parents[4]
SECRET = "绝密代号青龙"
KEPT = "其余内容可以公开"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _text(item: ReleasedItem) -> str:
    with item.file.open("rb") as handle, pymupdf.open(stream=handle.read(), filetype="pdf") as doc:
        return "".join(page.get_text() for page in doc)


def _axe_violations(page: Any) -> list[Any] | None:
    source = REPO / "node_modules/axe-core/axe.min.js"
    if not source.is_file():
        return None
    page.evaluate(source.read_text(encoding="utf-8"))  # not a page script: the CSP stays
    return list(page.evaluate("async () => (await axe.run(document)).violations"))


def test_the_officer_draws_a_box_over_a_word_and_it_is_removed(
    personas: Personas, live_server: Any, signed_in: Any
) -> None:
    case = online_case(personas.agency_a, timezone.localdate() - dt.timedelta(days=1))
    item, _note = actions.add_released_file(
        actor=personas.officer_a,
        case=case,
        upload=SimpleUploadedFile("名单.pdf", pdf_with_lines([KEPT, f"{SECRET}在此"])),
    )
    assert SECRET in _text(item)
    with item.file.open("rb") as handle, pymupdf.open(stream=handle.read(), filetype="pdf") as doc:
        [word] = doc[0].search_for(SECRET)
    page = signed_in(personas.officer_a)
    page.goto(live_server.url + reverse("console:cases:redact", args=[case.pk, item.pk]))
    preview = page.locator("[data-redact-page='0'] img")
    page.wait_for_function(
        "() => document.querySelector(\"[data-redact-page='0'] img\").naturalWidth > 0"
    )
    assert page.locator("[data-draw-hint]").is_visible()
    natural = preview.evaluate("img => img.naturalWidth")
    box = preview.bounding_box()
    k = box["width"] / natural  # CSS pixels per PDF point (the preview is rendered at 72 dpi)
    page.mouse.move(box["x"] + (word.x0 - 2) * k, box["y"] + (word.y0 - 2) * k)
    page.mouse.down()
    page.mouse.move(box["x"] + (word.x1 + 2) * k, box["y"] + (word.y1 + 2) * k, steps=8)
    page.mouse.up()
    typed = page.locator("#id_areas").input_value().split()
    assert typed[0] == "1" and len(typed) == 5
    x0, y0, x1, y1 = (float(v) for v in typed[1:])
    expected = (word.x0 - 2, word.y0 - 2, word.x1 + 2, word.y1 + 2)
    assert all(abs(a - b) < 2 for a, b in zip((x0, y0, x1, y1), expected, strict=True))
    assert page.locator("[data-redact-page='0'] .drawn").count() == 1
    page.locator("form.case-form button[type=submit]").click()
    page.wait_for_url(f"**{reverse('console:cases:case', args=[case.pk])}")
    item.refresh_from_db()
    text = _text(item)
    assert SECRET not in text and "青龙" not in text
    assert KEPT in text
    assert [r["kind"] for r in item.redactions] == ["area"]


def test_the_proposal_page_is_accessible(
    personas: Personas, live_server: Any, signed_in: Any
) -> None:
    from gongkai.cases.tests.test_proactive import decided_with_redacted_file

    case, item = decided_with_redacted_file(personas)
    page = signed_in(personas.officer_a)
    page.goto(live_server.url + reverse("console:cases:released_propose", args=[case.pk, item.pk]))
    page.fill("[name=title]", "征地补偿标准")
    violations = _axe_violations(page)
    assert violations is None or violations == [], violations
    page.get_by_role("button", name="创建草稿").click()
    page.locator(".proactive-draft").wait_for()

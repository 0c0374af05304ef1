"""The application form in a real Chromium on a phone-sized screen, with the keyboard only.

Debian's Chromium driven by Playwright (never ``playwright install``). Screenshots go to
``$GONGKAI_SCREENSHOTS`` when set, else to the test's temporary directory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gongkai.agencies.models import FailedAttempt
from gongkai.cases.models import Case
from gongkai.cases.tests.factories import ID_NUMBER
from gongkai.conftest import Personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED = {
    "applicant_name": "王小明",
    "id_number": ID_NUMBER,
    "phone": "13912345678",
    "email": "wang@example.com",
    "description": "2024年部门预算中“三公”经费的明细",
}


@pytest.fixture
def phone(live_server: Any, browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 375, "height": 740}, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _focused(page: Any) -> dict[str, str]:
    return dict(
        page.evaluate(
            "() => { const e = document.activeElement;"
            " return {tag: e.tagName, name: e.name || '', type: e.type || ''}; }"
        )
    )


def test_a_citizen_applies_on_a_phone_with_the_keyboard_alone(
    personas: Personas, live_server: Any, phone: Any, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    shots = Path(os.environ.get("GONGKAI_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    phone.on(
        "console",
        # (the favicon's 404 aside: the challenge's own files are checked by the result below)
        lambda m: (
            problems.append(m.text)
            if m.type == "error" and "Failed to load resource" not in m.text
            else None
        ),
    )
    phone.on("pageerror", lambda e: problems.append(str(e)))
    phone.goto(f"{live_server.url}/apply/{personas.agency_a.pk}/")
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375

    # First a mistake: a wrong check digit, and nothing else typed.
    typed = {**TYPED, "id_number": "330104199001011234", "description": ""}
    for _ in range(80):
        phone.keyboard.press("Tab")
        focus = _focused(phone)
        if focus["name"] in typed and typed[focus["name"]]:
            phone.keyboard.type(typed.pop(focus["name"]))
        if focus["tag"] == "BUTTON" and focus["type"] == "submit" and not typed.get("phone"):
            phone.keyboard.press("Enter")
            break
    phone.locator("#error-summary").wait_for()
    phone.screenshot(path=str(shots / "apply-phone-errors.png"), full_page=True)
    assert Case.objects.count() == 0
    assert phone.input_value("[name=applicant_name]") == "王小明"  # input kept
    assert phone.get_attribute("[name=id_number]", "aria-invalid") == "true"
    assert "id_id_number_error" in (
        phone.get_attribute("[name=id_number]", "aria-describedby") or ""
    )

    # The error summary links to the field; the keyboard corrects it and submits.
    phone.locator("#error-summary a[href='#id_id_number']").focus()
    phone.keyboard.press("Enter")
    phone.focus("[name=id_number]")
    phone.keyboard.press("Control+A")
    phone.keyboard.type(ID_NUMBER)
    phone.focus("[name=description]")
    phone.keyboard.type(TYPED["description"])
    phone.focus("form.public button[type=submit]")
    phone.keyboard.press("Enter")
    phone.locator("td.number").wait_for()
    phone.screenshot(path=str(shots / "apply-phone-receipt.png"), full_page=True)
    case = Case.objects.get()
    assert phone.locator("td.number").inner_text().strip() == case.number
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    # The anti-abuse proof-of-work ran by itself under the CSP (no violation, no script error),
    # and its solution was used: the throttle counted it once.
    assert problems == []
    assert FailedAttempt.objects.filter(scope="challenge").count() >= 1


def test_without_javascript_the_form_says_what_to_do(
    personas: Personas, live_server: Any, browser: Any
) -> None:
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/apply/{personas.agency_a.pk}/")
    # The <noscript> notice shows before anything is typed.
    assert "JavaScript" in page.locator(".challenge strong").inner_text()
    for name, value in TYPED.items():
        page.fill(f"[name={name}]", value)
    page.click("form.public button[type=submit]")
    page.locator("#error-summary").wait_for()
    assert "JavaScript" in page.locator("#error-summary").inner_text()
    assert Case.objects.count() == 0
    context.close()

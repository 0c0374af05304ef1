"""Two-factor sign-in in a real Chromium: a head enrols at the first sign-in (QR code and key,
a first code, ten recovery codes), and a head already enrolled signs in with password + TOTP.

The codes are computed here from the device's key with django-otp's own TOTP function, as the
authenticator app on the head's phone would.
"""

from __future__ import annotations

import re
from base64 import b32decode
from typing import Any

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.agencies.choices import Role
from gongkai.agencies.tests.factories import make_user
from gongkai.conftest import Personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Ouhai-Head-2026!"


def _password(page: Any, url: str, username: str) -> None:
    page.goto(f"{url}/console/login/")
    page.fill("[name=username]", username)
    page.fill("[name=password]", PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_a_head_enrols_then_a_head_signs_in_with_totp(
    personas: Personas, live_server: Any, signed_in: Any, settings: Any
) -> None:
    settings.GONGKAI_REQUIRE_2FA = frozenset({"head", "admin"})
    url = live_server.url
    make_user("head_new", (personas.agency_a, Role.HEAD), password=PASSWORD)
    enrolled_head = make_user("head_otp", (personas.agency_a, Role.HEAD), password=PASSWORD)
    device = TOTPDevice.objects.create(user=enrolled_head, name="phone", confirmed=True)

    # A head without an authenticator: the password leads to enrolment and nowhere else.
    page = signed_in(None)
    _password(page, url, "head_new")
    page.wait_for_url(re.compile(r"/console/account/two-factor/$"))
    page.goto(f"{url}/console/cases/")
    page.wait_for_url(re.compile(r"/console/account/two-factor/$"))
    assert page.locator(".qr svg").count() == 1  # drawn on the server, inline
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    code = str(totp(b32decode(secret))).zfill(6)
    page.fill("[name=code]", code)
    page.get_by_role("button", name="确认").click()
    page.get_by_text("您的备用恢复码").wait_for()
    codes = page.locator(".recovery-codes li").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", c) for c in codes)
    page.get_by_role("link", name="进入工作台").click()
    page.wait_for_url(re.compile(r"/console/$"))
    page.locator('#main a[href="/console/reports/"]').wait_for()

    # A head already enrolled: password, then the authenticator's six digits.
    page = signed_in(None)
    _password(page, url, "head_otp")
    page.wait_for_url(re.compile(r"/console/login/code/"))
    page.goto(f"{url}/console/")  # nothing else is open yet
    page.wait_for_url(re.compile(r"/console/login/code/"))
    page.fill("[name=code]", str(totp(device.bin_key)).zfill(6))
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/console/$"))
    page.locator('#main a[href="/console/reports/"]').wait_for()

"""Accounts (issue 12): the per-account lockout and its unlock, two-factor sign-in (TOTP and
recovery codes, required for heads and administrators), and no public look-alike of a staff name.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.agencies import auth
from gongkai.agencies.auth import locked_for
from gongkai.agencies.choices import Role
from gongkai.agencies.models import AuditEvent, FailedAttempt, User
from gongkai.agencies.tests.factories import make_user
from gongkai.agencies.throttle import SIGN_IN
from gongkai.conftest import Personas

PASSWORD = "Ouhai-Finance-2025!"
pytestmark = pytest.mark.django_db


def code_of(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """What the authenticator app shows now (or ``steps_ahead`` periods later)."""
    device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return str(value).zfill(device.digits)


def enrolled(user: User) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return device


def _password_step(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post("/console/login/", {"username": username, "password": password})


@pytest.fixture
def head(personas: Personas) -> User:
    user = make_user("head_pw", (personas.agency_a, Role.HEAD), password=PASSWORD)
    return user


@pytest.fixture
def required(settings: Any) -> None:
    settings.GONGKAI_REQUIRE_2FA = frozenset({"head", "admin"})


# -- lockout per account --------------------------------------------------------------------


def test_failures_from_many_addresses_lock_the_account_everywhere(settings: Any) -> None:
    clerk = make_user("clerk", password=PASSWORD)
    settings.GONGKAI_LOGIN_ACCOUNT_MAX_FAILURES = 20
    for n in range(20):
        Client(REMOTE_ADDR=f"10.7.0.{n}").post(
            "/admin/login/", {"username": "clerk", "password": "wrong"}
        )
    # No single address reached its own limit of 5 …
    assert locked_for("clerk", "10.7.0.1") is not None
    assert SIGN_IN.locked_for(key="clerk", address="10.7.0.1") is None
    # … yet the account is locked from a fresh address, even with the right password.
    fresh = Client(REMOTE_ADDR="10.8.8.8")
    assert (
        fresh.post("/console/login/", {"username": "clerk", "password": PASSWORD}).status_code
        == 200
    )
    assert "_auth_user_id" not in fresh.session
    assert locked_for("Clerk", "10.9.9.9") is not None
    # The administrator's unlock (the command line) lifts it from every address.
    from gongkai.cli import main

    assert main(["user", "unlock", "clerk"]) == 0
    assert AuditEvent.objects.filter(action="user.unlock", subject="clerk").exists()
    assert locked_for("clerk", "10.8.8.8") is None
    assert (
        fresh.post("/console/login/", {"username": "clerk", "password": PASSWORD}).status_code
        == 302
    )
    assert clerk.pk == int(fresh.session["_auth_user_id"])


def test_the_user_list_of_the_admin_unlocks_and_resets_the_second_factor(
    personas: Personas, head: User
) -> None:
    for n in range(3):
        auth.record_failure("head_pw", f"10.0.0.{n}")
    enrolled(head)
    auth.new_recovery_codes(head)
    client = Client()
    client.force_login(personas.platform_admin)
    url = "/admin/agencies/user/"
    for action in ("unlock_sign_in", "reset_second_factor"):
        response = client.post(url, {"action": action, "_selected_action": [head.pk]})
        assert response.status_code == 302, action
    assert not FailedAttempt.objects.filter(key="head_pw").exists()
    assert not TOTPDevice.objects.filter(user=head).exists()
    assert not StaticToken.objects.filter(device__user=head).exists()
    assert AuditEvent.objects.filter(action="user.second_factor_reset").count() == 1


# -- enrolment ------------------------------------------------------------------------------


def test_a_head_must_enrol_before_reaching_anything(
    personas: Personas, head: User, required: None
) -> None:
    client = Client()
    assert _password_step(client, "head_pw").status_code == 302
    for path in ("/console/", "/console/cases/", "/admin/", "/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/console/account/two-factor/", path
    page = client.get("/console/account/two-factor/")
    assert page.status_code == 200
    text = page.content.decode()
    # The secret as text and as a QR code drawn on the server; no script.
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', text)
    assert secret is not None and len(secret.group(1).replace(" ", "")) == 32
    assert "<svg" in text and "<script" not in text
    device = TOTPDevice.objects.get(user=head, confirmed=False)
    assert secret.group(1).replace(" ", "") in device.config_url
    wrong = client.post("/console/account/two-factor/", {"code": "000000"})
    assert wrong.status_code == 200 and not TOTPDevice.objects.filter(confirmed=True).exists()
    device.throttling_failure_count = 0  # django-otp's own back-off after the wrong code
    device.throttling_failure_timestamp = None
    device.save()
    done = client.post("/console/account/two-factor/", {"code": code_of(device)})
    assert done.status_code == 200
    codes = re.findall(r'class="secret">([0-9A-Z]{5}-[0-9A-Z]{5})<', done.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert done["Cache-Control"] == "no-store"
    assert TOTPDevice.objects.get(user=head).confirmed
    assert client.get("/console/").status_code == 200
    # Shown once: the page of an enrolled account counts them, never shows them.
    again = client.get("/console/account/two-factor/").content.decode()
    assert codes[0] not in again and "10" in again


@pytest.mark.parametrize(
    ("name", "held"),
    [
        ("head_a", True),
        ("admin_a", True),
        ("platform_admin", True),
        ("officer_a", False),
        ("reviewer_a", False),
        ("supervisor", False),
        ("applicant", False),
    ],
)
def test_the_setting_holds_heads_and_administrators_by_default(
    personas: Personas, required: None, name: str, held: bool
) -> None:
    client = Client()
    client.force_login(personas.named(name))  # type: ignore[arg-type]
    response = client.get("/console/")
    assert (response.status_code == 302 and "two-factor" in response["Location"]) is held


def test_the_setting_reads_roles_all_or_none(personas: Personas, settings: Any) -> None:
    settings.GONGKAI_REQUIRE_2FA = frozenset({"officer"})
    assert auth.requires_second_factor(personas.officer_a)
    assert not auth.requires_second_factor(personas.head_a)
    settings.GONGKAI_REQUIRE_2FA = frozenset({"all"})
    assert auth.requires_second_factor(personas.supervisor)
    assert not auth.requires_second_factor(personas.applicant)
    settings.GONGKAI_REQUIRE_2FA = frozenset()
    assert not auth.requires_second_factor(personas.platform_admin)


def test_the_production_default_requires_heads_and_administrators() -> None:
    from gongkai.site import settings as production

    assert frozenset({"head", "admin"}) == production.GONGKAI_REQUIRE_2FA
    assert "django_otp.middleware.OTPMiddleware" in production.MIDDLEWARE
    assert production.OTP_ADMIN_HIDE_SENSITIVE_DATA is True
    assert production.MIDDLEWARE.index(
        "gongkai.agencies.auth.SecondFactorMiddleware"
    ) > production.MIDDLEWARE.index("django_otp.middleware.OTPMiddleware")


# -- signing in with the code ----------------------------------------------------------------


def test_with_a_device_the_password_alone_reaches_nothing(head: User) -> None:
    device = enrolled(head)
    client = Client(REMOTE_ADDR="10.3.3.3")
    auth.record_failure("head_pw", "10.3.3.3")  # an earlier typo
    response = _password_step(client, "head_pw")
    assert response.status_code == 302
    assert response["Location"].startswith("/console/login/code/")
    # The password alone clears nothing and opens nothing, whatever the door.
    assert FailedAttempt.objects.filter(key="head_pw").count() == 1
    for path in ("/console/", "/admin/", "/catalog/"):
        held = client.get(path)
        assert held.status_code == 302 and held["Location"].startswith("/console/login/code/")
    done = client.post("/console/login/code/", {"code": code_of(device), "next": "/console/"})
    assert done.status_code == 302 and done["Location"] == "/console/"
    assert client.get("/console/").status_code == 200
    assert not FailedAttempt.objects.filter(key="head_pw").exists()


def test_the_admin_door_asks_for_the_code_too(personas: Personas) -> None:
    admin = make_user("root_pw", platform_admin=True, password=PASSWORD)
    device = enrolled(admin)
    client = Client()
    assert (
        client.post("/admin/login/", {"username": "root_pw", "password": PASSWORD}).status_code
        == 302
    )
    held = client.get("/admin/agencies/user/")
    assert held.status_code == 302 and held["Location"].startswith("/console/login/code/")
    client.post("/console/login/code/", {"code": code_of(device)})
    assert client.get("/admin/agencies/user/").status_code == 200


def test_wrong_codes_count_as_failed_sign_ins_and_lock(head: User, settings: Any) -> None:
    enrolled(head)
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's own back-off aside: our count only
    client = Client(REMOTE_ADDR="10.4.4.4")
    _password_step(client, "head_pw")
    for _ in range(4):
        wrong = client.post("/console/login/code/", {"code": "123456"})
        assert wrong.status_code == 200 and 'id="id_code_error"' in wrong.content.decode()
    assert FailedAttempt.objects.filter(key="head_pw").count() == 4
    locked = client.post("/console/login/code/", {"code": "123456"})
    assert locked.status_code == 302 and locked["Location"] == "/console/login/"
    assert "_auth_user_id" not in client.session  # signed out
    assert locked_for("head_pw", "10.4.4.4") is not None


def test_a_recovery_code_works_once(head: User) -> None:
    enrolled(head)
    codes = auth.new_recovery_codes(head)
    assert len(codes) == 10 and all(re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", c) for c in codes)
    first = Client()
    _password_step(first, "head_pw")
    # Typed in lower case and without the dash: still the code.
    typed = codes[0].replace("-", "").lower()
    assert first.post("/console/login/code/", {"code": typed}).status_code == 302
    assert first.get("/console/").status_code == 200
    assert auth.remaining_recovery_codes(head) == 9
    second = Client()
    _password_step(second, "head_pw")
    assert second.post("/console/login/code/", {"code": codes[0]}).status_code == 200
    assert second.get("/console/").status_code == 302


def test_a_code_is_not_accepted_twice(head: User) -> None:
    device = enrolled(head)
    code = code_of(device)
    one, two = Client(), Client()
    _password_step(one, "head_pw")
    _password_step(two, "head_pw")
    assert one.post("/console/login/code/", {"code": code}).status_code == 302
    # Refused even if the 30-second step turned meanwhile: the code is still inside the
    # tolerated drift, but its step is not after the last one used (django-otp's last_t).
    assert two.post("/console/login/code/", {"code": code}).status_code == 200  # replay refused


# -- look-alike public user names --------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["Officer_A", "OFFICER_A", "ｏｆｆｉｃｅｒ＿ａ", "Head_A", "ＰＬＡＴＦＯＲＭ_ADMIN"],
)
def test_a_public_name_may_not_pass_for_a_staff_one(personas: Personas, name: str) -> None:
    response = Client().post(
        "/account/register/",
        {
            "username": name,
            "email": "x@example.com",
            "password": "a long passphrase 2025",
            "password_again": "a long passphrase 2025",
        },
    )
    assert response.status_code == 200
    assert 'id="id_username_error"' in response.content.decode()
    assert not User.objects.filter(email="x@example.com").exists()


def test_a_name_of_its_own_is_welcome(personas: Personas) -> None:
    assert not auth.looks_like_existing_user("officer_c")
    assert auth.looks_like_existing_user("APPLICANT")  # any account, in another case
    assert auth.fold_username("Ａｄｍｉｎ") == auth.fold_username("admin")


def test_a_session_of_the_password_alone_cannot_touch_codes_enrolled_elsewhere(
    personas: Personas, head: User, required: None
) -> None:
    other = Client()  # someone else holding the password, before the head enrols
    _password_step(other, "head_pw")
    assert other.get("/console/")["Location"] == "/console/account/two-factor/"
    device = enrolled(head)
    auth.new_recovery_codes(head)
    # Now the head has a device: that session owes its code, and new codes are out of reach.
    response = other.post("/console/account/two-factor/", {"action": "recovery-codes"})
    assert response.status_code == 302 and response["Location"].startswith("/console/login/code/")
    assert auth.remaining_recovery_codes(head) == 10
    assert other.get("/console/")["Location"].startswith("/console/login/code/")
    assert other.post("/console/login/code/", {"code": code_of(device)}).status_code == 302
    assert other.get("/console/").status_code == 200


def test_the_command_line_resets_a_lost_second_factor(head: User) -> None:
    from gongkai.cli import main

    enrolled(head)
    auth.new_recovery_codes(head)
    assert main(["user", "unlock", "head_pw", "--reset-second-factor"]) == 0
    assert not auth.has_second_factor(head)
    assert auth.remaining_recovery_codes(head) == 0

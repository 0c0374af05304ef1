"""Staff sign-in: Argon2, lockout after repeated failures, idle session timeout."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory

from gongkai.agencies import actions
from gongkai.agencies.auth import locked_for
from gongkai.agencies.models import LoginFailure, User
from gongkai.agencies.tests.factories import SYSTEM, make_user

PASSWORD = "Ouhai-Finance-2025!"
pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk() -> User:
    return make_user("clerk", password=PASSWORD)


def _sign_in(username: str, password: str, ip: str = "10.0.0.1") -> User | None:
    request = RequestFactory().post("/admin/login/", REMOTE_ADDR=ip)
    user = authenticate(request, username=username, password=password)
    assert user is None or isinstance(user, User)
    return user


def test_passwords_are_hashed_with_argon2_at_full_strength_in_production() -> None:
    from django.contrib.auth.hashers import Argon2PasswordHasher, identify_hasher

    from gongkai.site import settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    encoded = Argon2PasswordHasher().encode(PASSWORD, "saltsaltsalt")
    assert encoded.startswith("argon2$argon2id$v=19$m=102400,t=2,p=8$")
    assert identify_hasher(encoded).verify(PASSWORD, encoded)


def test_staff_passwords_are_stored_as_argon2_hashes(clerk: User) -> None:
    assert clerk.password.startswith("argon2$")
    assert PASSWORD not in clerk.password
    assert _sign_in("clerk", PASSWORD) == clerk


def test_five_failures_lock_the_username_from_that_address(clerk: User) -> None:
    for _ in range(4):
        assert _sign_in("clerk", "wrong") is None
    assert locked_for("clerk", "10.0.0.1") is None
    assert _sign_in("clerk", "wrong") is None
    remaining = locked_for("clerk", "10.0.0.1")
    assert remaining is not None and dt.timedelta(minutes=14) < remaining <= dt.timedelta(
        minutes=15
    )
    assert _sign_in("clerk", PASSWORD) is None  # even the right password
    assert _sign_in("CLERK", PASSWORD) is None  # case games buy no more guesses
    assert _sign_in("clerk", PASSWORD, ip="10.0.0.2") == clerk  # another address is not locked


def test_attempts_while_locked_do_not_extend_the_lock(clerk: User) -> None:
    for _ in range(5):
        _sign_in("clerk", "wrong")
    for _ in range(3):
        _sign_in("clerk", "wrong")
    assert LoginFailure.objects.filter(key="clerk").count() == 5


def test_the_lock_ends_when_the_failures_leave_the_window(clerk: User) -> None:
    for _ in range(5):
        _sign_in("clerk", "wrong")
    LoginFailure.objects.update(at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    assert locked_for("clerk", "10.0.0.1") is None
    assert _sign_in("clerk", PASSWORD) == clerk


def test_a_successful_sign_in_clears_the_count(clerk: User) -> None:
    client = Client(REMOTE_ADDR="10.0.0.3")
    for _ in range(3):
        client.post("/admin/login/", {"username": "clerk", "password": "wrong"})
    assert LoginFailure.objects.filter(key="clerk").count() == 3
    response = client.post("/admin/login/", {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 302
    assert LoginFailure.objects.filter(key="clerk").count() == 0


def test_the_sign_in_page_says_plainly_that_the_username_is_locked(clerk: User) -> None:
    client = Client(REMOTE_ADDR="10.0.0.4")
    for _ in range(5):
        client.post("/admin/login/", {"username": "clerk", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 200
    assert "登录失败次数过多" in response.content.decode()


def test_a_platform_admin_can_unlock_a_username(clerk: User) -> None:
    for _ in range(5):
        _sign_in("clerk", "wrong")
    assert actions.unlock_sign_in(actor=SYSTEM, username="clerk") == 5
    assert _sign_in("clerk", PASSWORD) == clerk


def test_sessions_end_after_thirty_idle_minutes_by_default() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True  # each request renews: an idle timeout


def test_an_expired_session_sends_staff_back_to_sign_in(clerk: User) -> None:
    from django.contrib.sessions.models import Session

    actions.update_user(actor=SYSTEM, user=clerk, changes={"is_superuser": True})
    client = Client()
    client.force_login(clerk)
    assert client.get("/admin/").status_code == 200
    Session.objects.update(expire_date=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def _settings_value(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "GONGKAI_DATA_DIR": str(tmp_path), **env}
    full.pop("DJANGO_SETTINGS_MODULE", None)
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'gongkai.site.settings'\n"
        "from django.conf import settings\n"
        "print(settings.SESSION_COOKIE_AGE, settings.GONGKAI_LOGIN_MAX_FAILURES)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=full, capture_output=True, text=True, timeout=60
    )


def test_the_timeout_and_lockout_come_from_the_environment(tmp_path: Path) -> None:
    result = _settings_value(
        {"GONGKAI_SESSION_IDLE_MINUTES": "10", "GONGKAI_LOGIN_MAX_FAILURES": "3"}, tmp_path
    )
    assert result.stdout.split() == ["600", "3"], result.stderr
    bad = _settings_value({"GONGKAI_SESSION_IDLE_MINUTES": "half an hour"}, tmp_path)
    assert bad.returncode != 0
    assert "GONGKAI_SESSION_IDLE_MINUTES='half an hour': expected a whole number" in bad.stderr

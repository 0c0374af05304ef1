"""Staff sign-in: lockouts, the second factor, and user names that cannot pass for staff.

Lockout. ``GONGKAI_LOGIN_MAX_FAILURES`` failures (default 5) within
``GONGKAI_LOGIN_LOCKOUT_MINUTES`` (default 15) lock that username from that address, and
``GONGKAI_LOGIN_ACCOUNT_MAX_FAILURES`` (default 20) within ``…_ACCOUNT_WINDOW_MINUTES`` (default
60) lock the account from every address, each until the oldest of its failures leaves the window
(等保 2.0, GB/T 22239-2019 8.1.4.1 b). The counts are the ``SIGN_IN`` and ``SIGN_IN_ACCOUNT``
limits of ``throttle.py`` (in the database, so they hold across server processes). While
locked, even the right password is refused, and further attempts are not counted (the lock does
not extend itself for a user who keeps trying). A complete sign-in clears the count of its
address; ``actions.unlock_sign_in`` (an administrator: the admin's list of failed sign-ins, or
``gongkai user unlock USERNAME``) clears the account's, from every address.

Second factor (等保 2.0, GB/T 22239-2019 8.1.4.1 d: two factors for privileged users).
Staff may enrol a TOTP authenticator (``console/account.py``) and then get ten single-use
recovery codes (django-otp's static device). ``GONGKAI_REQUIRE_2FA`` names the roles that must
(default heads and administrators; platform administrators count as administrators). Whatever
door the password went through (the console's, the admin's, the portal's), the session stays
"signed in by password only" until the second factor is given: ``SecondFactorMiddleware`` sends
it to the code step (a confirmed device) or to enrolment (a required role without one) and lets
it reach nothing else. A wrong code counts as a failed sign-in. The staff API's bearer tokens
(issued at the command line) are not concerned.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.agencies import codes
from gongkai.agencies.access import Actor, memberships_of, require
from gongkai.agencies.access import Capability as C
from gongkai.agencies.models import User
from gongkai.agencies.throttle import SIGN_IN, SIGN_IN_ACCOUNT


def client_ip(request: HttpRequest | None) -> str:
    """The client's address for lockouts and rate limits.

    X-Forwarded-For is whatever the client sent, except for the entries our own proxies appended:
    with ``GONGKAI_TRUSTED_PROXIES = n`` (the number of reverse proxies in front of the server)
    the n-th address from the right is the client; with 0 (default) only REMOTE_ADDR counts.
    """
    if request is None:
        return ""
    proxies = int(settings.GONGKAI_TRUSTED_PROXIES)
    if proxies:
        chain = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        chain = [a for a in chain if a]
        if len(chain) >= proxies:
            return str(chain[-proxies])[:45]
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def fold_username(username: str) -> str:
    """A user name as compared for look-alikes: NFKC and case folded ("Ａdmin" is "admin")."""
    once = unicodedata.normalize("NFKC", username.strip()).casefold()
    return unicodedata.normalize("NFKC", once)


def _key(username: str) -> str:
    # "Admin", "ADMIN" and "ａｄｍｉｎ" share one count: case games must not buy more guesses.
    return fold_username(username)


def locked_for(username: str, ip: str) -> dt.timedelta | None:
    """How long this username stays locked from this address (or from anywhere), or None."""
    key = _key(username)
    locks = [
        SIGN_IN.locked_for(key=key, address=ip),
        SIGN_IN_ACCOUNT.locked_for(key=key),
    ]
    found = [lock for lock in locks if lock is not None]
    return max(found) if found else None


def record_failure(username: str, ip: str) -> None:
    SIGN_IN.record(key=_key(username), address=ip)


def clear_failures(username: str, ip: str | None = None) -> int:
    return SIGN_IN.clear(key=_key(username), address=ip)


class LockoutBackend(ModelBackend):
    """Django's model backend, refusing a locked username+address before checking the password."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if username is None:
            username = kwargs.get("username")
        if username and locked_for(username, client_ip(request)) is not None:
            # PermissionDenied stops Django trying other backends and reports a failure.
            raise PermissionDenied("locked out")
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_login_failed, dispatch_uid="gongkai_login_failed")
def _count_failure(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username") or "")
    if not username:
        return
    ip = client_ip(request)
    if locked_for(username, ip) is None:
        record_failure(username, ip)


@receiver(user_logged_in, dispatch_uid="gongkai_logged_in")
def _clear_on_success(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    state = second_factor_state(user)
    if request is not None and hasattr(request, "session"):
        request.session[STATE_KEY] = state
    if state != CODE:
        # With a second factor to come, the password alone clears nothing (``code_given``).
        clear_failures(user.get_username(), client_ip(request))


# -- the second factor ----------------------------------------------------------------------

STATE_KEY = "gongkai_second_factor"
OK, CODE, ENROL = "ok", "code", "enrol"
RECOVERY_CODES = 10


def requires_second_factor(user: Any) -> bool:
    """Whether ``GONGKAI_REQUIRE_2FA`` asks this account for a second factor."""
    if not isinstance(user, User) or not user.is_active:
        return False
    required: frozenset[str] = frozenset(settings.GONGKAI_REQUIRE_2FA)
    if not required:
        return False
    roles = {str(role) for _agency, role in memberships_of(user)}
    if user.is_superuser:
        roles.add("admin")  # the platform administrator (系统管理员)
    if "all" in required:
        return bool(roles or user.is_staff)
    return bool(roles & required)


def has_second_factor(user: Any) -> bool:
    """A confirmed authenticator (recovery codes come with it and go with it)."""
    return isinstance(user, User) and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_state(user: Any) -> str:
    """What a session signed in by password still needs: nothing, the code, or enrolment."""
    if has_second_factor(user):
        return CODE
    return ENROL if requires_second_factor(user) else OK


def verify_code(user: User, typed: str) -> Device | None:
    """The device that accepts ``typed``: six digits of the authenticator, or a recovery code
    (used up). django-otp throttles each device after failures on its own, besides our lock."""
    digits = "".join(unicodedata.normalize("NFKC", typed).split())
    with transaction.atomic():
        if len(digits) == 6 and digits.isdigit():
            totp = TOTPDevice.objects.filter(user=user, confirmed=True).select_for_update()
            for device in totp:
                if device.verify_token(digits):
                    return device
            return None
        recovery = StaticDevice.objects.filter(user=user, confirmed=True).select_for_update()
        for static in recovery:
            if static.verify_token(codes.read(typed)):
                return static
    return None


def code_given(request: HttpRequest, device: Device) -> None:
    """The second factor is verified: the session is complete, its address's count cleared."""
    from django_otp import login as otp_login

    otp_login(request, device)
    request.session[STATE_KEY] = OK
    clear_failures(request.user.get_username(), client_ip(request))


def code_failed(request: HttpRequest, username: str) -> None:
    """A wrong code counts as a failed sign-in (the lockout's receiver records it)."""
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)


def new_recovery_codes(user: User) -> list[str]:
    """Ten fresh single-use codes, replacing any earlier ones; shown once, as ``XXXXX-XXXXX``."""
    fresh = [codes.new_code() for _ in range(RECOVERY_CODES)]
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in fresh)
    return [codes.grouped(c) for c in fresh]


def remaining_recovery_codes(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def reset_second_factor(*, actor: Actor, user: User) -> int:
    """An administrator removes a lost authenticator and its recovery codes; audited. A role
    that requires a second factor enrols again at the next sign-in."""
    from gongkai.agencies.audit import record_audit

    require(actor, C.MANAGE_USERS)
    removed = int(TOTPDevice.objects.filter(user=user).delete()[0])
    removed += int(StaticDevice.objects.filter(user=user).delete()[0])
    record_audit(actor, "user.second_factor_reset", user.get_username(), after={"removed": removed})
    return removed


def _open_paths() -> tuple[str, ...]:
    """What a session still owing its second factor may reach (besides static files)."""
    return (
        reverse("console:login"),
        reverse("console:logout"),
        reverse("portal:logout"),
        "/static/",
        "/healthz",
        "/api/",  # bearer tokens only: a session there grants nothing
    )


class SecondFactorMiddleware:
    """Holds a session signed in by password only away from everything until the second
    factor is given (a confirmed device) or enrolled (a role that requires one)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            state = request.session.get(STATE_KEY)
            if state is None:  # a session from before this check existed
                state = request.session[STATE_KEY] = second_factor_state(user)
            if state != OK and not user.is_verified():  # type: ignore[attr-defined]
                held = self._hold(request, state)
                if held is not None:
                    return held
        return self.get_response(request)

    @staticmethod
    def _hold(request: HttpRequest, state: str) -> HttpResponse | None:
        path = request.path_info
        if path.startswith(_open_paths()):
            return None
        # Asked again while held (few, short sessions): a device enrolled or removed, a role
        # changed meanwhile, in another session or by an administrator.
        fresh = second_factor_state(request.user)
        if fresh != state:
            request.session[STATE_KEY] = state = fresh
        if state == OK:
            return None
        step = reverse("console:login_code" if state == CODE else "console:two_factor")
        if path == step:
            return None
        target = request.get_full_path() if request.method == "GET" else ""
        query = "?" + urlencode({"next": target}) if target and state == CODE else ""
        return redirect(step + query)


def looks_like_existing_user(username: str) -> bool:
    """Whether a new public user name could pass for an existing account: the same name in
    another case (anyone), or the same after NFKC and case folding (staff)."""
    name = username.strip()
    if User.objects.filter(username__iexact=name).exists():
        return True
    folded = fold_username(name)
    staff = User.objects.filter(
        Q(is_staff=True) | Q(is_superuser=True) | Q(memberships__isnull=False)
    ).values_list("username", flat=True)
    return any(fold_username(existing) == folded for existing in staff.distinct().iterator())

"""Staff sign-in: lockout after repeated failures, per username and IP address.

``GONGKAI_LOGIN_MAX_FAILURES`` failures (default 5) within ``GONGKAI_LOGIN_LOCKOUT_MINUTES``
(default 15) lock that username from that address until the oldest of them leaves the window.
The count is the ``SIGN_IN`` limit of ``throttle.py`` (in the database, so it holds across server
processes). While locked, even the right password is refused, and further attempts are not
counted (the lock does not extend itself for a user who keeps trying). A successful sign-in
clears the count.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.http import HttpRequest

from gongkai.agencies.throttle import SIGN_IN


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


def _key(username: str) -> str:
    # "Admin" and "admin" share one count: case games must not buy more guesses.
    return username.strip().casefold()


def locked_for(username: str, ip: str) -> dt.timedelta | None:
    """How long this username stays locked from this address, or None when not locked."""
    return SIGN_IN.locked_for(key=_key(username), address=ip)


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
    clear_failures(user.get_username(), client_ip(request))

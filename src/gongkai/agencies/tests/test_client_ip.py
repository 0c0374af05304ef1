"""Which address a lockout or a lookup limit counts: never one the client can forge."""

from __future__ import annotations

from typing import Any

from django.test import RequestFactory

from gongkai.agencies.auth import client_ip


def test_the_client_address_comes_from_our_own_proxies_only(settings: Any) -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert client_ip(request) == "10.0.0.2"  # by default nothing the client sends is trusted
    settings.GONGKAI_TRUSTED_PROXIES = 1
    assert client_ip(request) == "203.0.113.9"  # what our one proxy appended, not the forgery
    settings.GONGKAI_TRUSTED_PROXIES = 3
    assert client_ip(request) == "10.0.0.2"  # a shorter chain than promised: fall back
